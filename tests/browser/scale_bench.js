// Speed at scale in the browser (issue 3: 100 000 tickets, 1 000 000 timesheets). Generates the
// workspace inside the app and stores it like typed work (segments, snapshot and archive in
// IndexedDB), reloads the page and measures what a user meets on the next morning:
//   cold start to the first frame with the workspace loaded, memory (wasm heap + JS heap),
//   frame CPU time (NewFrame → draw data) scrolling the timesheet list and typing in a ticket,
//   one timesheet added through the UI until "Saved".
// Prints one JSON line. Run: node scale_bench.js URL [timesheets]
const L = require('./lib.js');

const pct = (a, p) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
const memoryMb = (page) => page.evaluate(() => Math.round(((performance.memory ? performance.memory.usedJSHeapSize : 0) + HEAP8.length) / 1e6));

(async () => {
  const url = process.argv[2] || 'http://127.0.0.1:8765/';
  const n = Number(process.argv[3] || 1000000);
  // BENCH_PROFILE=dir keeps the browser profile: a second run skips generating.
  const { context } = await L.launch(process.env.BENCH_PROFILE);
  let page = await context.newPage();
  await L.open(page, url + '?test&nosw#/helpdesk');
  const had = await page.evaluate(() => JSON.parse(UTF8ToString(Module._deskbill_workspace_json())).timesheets);
  if (had) await L.waitSaved(page, 600000);  // a start may have rebuilt the snapshot: let it be stored
  const gen = had ? { reused: had } : JSON.parse(await page.evaluate((k) => UTF8ToString(Module._deskbill_generate_bench(k)), n));
  if (!had) {
    if (gen.error) throw new Error(gen.error);
    if (gen.refused) throw new Error(gen.refused + ' generated ops were refused by the fold');
    const t0 = Date.now();
    await L.waitSaved(page, 600000);
    gen.archive_and_save_ms = Date.now() - t0;
    gen.announce = await page.evaluate(() => document.getElementById('announce').textContent);
  }
  const memoryAfterGenerate = await memoryMb(page);
  await page.close();

  // The next start: a new page in the same browser profile.
  page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url + '?test&nosw#/timesheets');
  await page.waitForFunction(() => window.deskbillReady === true && JSON.parse(UTF8ToString(Module._deskbill_first_frame_json())).drawn_at > 0, null, { timeout: 120000 });
  const coldStartMs = await page.evaluate(() => JSON.parse(UTF8ToString(Module._deskbill_first_frame_json())).drawn_at);
  const startup = await page.evaluate(() => Object.assign(JSON.parse(UTF8ToString(Module._deskbill_open_timings())),
    { first_frame: JSON.parse(UTF8ToString(Module._deskbill_first_frame_json())), pre_run_at: Module.deskbill.preRunAt, populated_at: Module.deskbill.populatedAt, snapshot_read_at: Module.deskbill.snapshotReadAt,
      response_end: performance.getEntriesByType('navigation')[0].responseEnd }));
  await page.waitForTimeout(1000);
  await cdp.send('HeapProfiler.collectGarbage');
  const memoryAfterStart = await memoryMb(page);
  const timesheetsLoaded = await page.evaluate(() => JSON.parse(UTF8ToString(Module._deskbill_workspace_json())).timesheets);
  console.error(JSON.stringify({ gen, coldStartMs, memoryAfterGenerate, memoryAfterStart, timesheetsLoaded, startup }));

  const frames = [];
  const sample = async () => { frames.push(await page.evaluate(() => Module._deskbill_last_frame_ms())); };
  for (let i = 0; i < 60; i++) { await page.mouse.move(700, 500); await page.mouse.wheel(0, 400); await page.waitForTimeout(30); await sample(); }
  const scroll = frames.splice(0).sort((a, b) => a - b);
  await page.evaluate(() => { location.hash = '#/tickets/k' + (Math.floor(JSON.parse(UTF8ToString(Module._deskbill_workspace_json())).timesheets / 10) - 1000); });
  await page.waitForTimeout(500);
  await L.click(page, '##ts-desc');
  for (const ch of 'Investigated the VPN logs') { await page.keyboard.type(ch); await page.waitForTimeout(20); await sample(); }
  const typing = frames.splice(0).sort((a, b) => a - b);

  // One timesheet through the UI, timed inside the app from the op to "Saved".
  await L.choose(page, '##ts-employee', 'a');
  await L.type(page, '##ts-hours', '1');
  // Enter adds the line (keyboard-first); then no input, so only the app's own frames run.
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  await L.waitSaved(page, 10000);
  const saveMs = await page.evaluate(() => Module._deskbill_last_save_ms());
  const again = [];
  for (let i = 0; i < 3; i++) {
    await L.type(page, '##ts-hours', '0:15');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    await L.waitSaved(page, 10000);
    again.push(Math.round(await page.evaluate(() => Module._deskbill_last_save_ms())));
  }
  // The storage step alone, with no frame drawn meanwhile: the segment file rewritten and
  // synced to IndexedDB, five times (median).
  const syncMs = await page.evaluate(async () => {
    const seg = FS.readdir('/data/workspace').filter((f) => f.startsWith('confirmed-')).sort().pop();
    const path = '/data/workspace/' + seg, bytes = FS.readFile(path), out = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      FS.writeFile(path, bytes);
      await new Promise((resolve) => FS.syncfs(false, resolve));
      out.push(performance.now() - t0);
    }
    return out.sort((a, b) => a - b)[2];
  });
  await L.shot(page, '20-ticket-at-1M');
  console.log(JSON.stringify({ timesheets: n, timesheets_loaded: timesheetsLoaded, generate: gen, memory_mb_after_generate: memoryAfterGenerate,
    cold_start_ms: Math.round(coldStartMs), startup, memory_mb: memoryAfterStart,
    scroll_frame_ms_median: pct(scroll, 0.5), scroll_frame_ms_p95: pct(scroll, 0.95),
    typing_frame_ms_median: pct(typing, 0.5), typing_frame_ms_p95: pct(typing, 0.95), one_timesheet_saved_ms: Math.round(saveMs), next_timesheets_saved_ms: again, storage_sync_alone_ms: Math.round(syncMs * 10) / 10 }));
  await context.close();
})().catch((e) => { console.error(e); process.exit(1); });
