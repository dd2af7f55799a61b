// Speed at scale in the browser (issue: 100 000 tickets, 1 000 000 timesheets): generates the
// workspace inside the wasm app, then measures frame CPU time while scrolling the timesheet list
// and typing in a ticket. Prints one JSON line. Run: node scale_bench.js URL [timesheets]
const L = require('./lib.js');
(async () => {
  const url = process.argv[2] || 'http://127.0.0.1:8765/';
  const n = Number(process.argv[3] || 1000000);
  const { context } = await L.launch();
  const page = await context.newPage();
  const t0 = Date.now();
  await L.open(page, url + '?test&nosw#/helpdesk');
  const coldStartMs = Date.now() - t0;
  const gen = JSON.parse(await page.evaluate((k) => UTF8ToString(Module._deskbill_generate_bench(k)), n));
  const frames = [];
  const sample = async () => { frames.push(await page.evaluate(() => Module._deskbill_last_frame_ms())); };
  await page.evaluate(() => { location.hash = '#/timesheets'; });
  await page.waitForTimeout(500);
  for (let i = 0; i < 40; i++) { await page.mouse.move(700, 500); await page.mouse.wheel(0, 400); await page.waitForTimeout(30); await sample(); }
  const scroll = frames.splice(0).sort((a, b) => a - b);
  await page.evaluate(() => { location.hash = '#/tickets/k99000'; });
  await page.waitForTimeout(500);
  await L.click(page, '##ts-desc');
  for (const ch of 'Investigated the VPN logs') { await page.keyboard.type(ch); await page.waitForTimeout(20); await sample(); }
  const typing = frames.splice(0).sort((a, b) => a - b);
  const mem = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0) + HEAP8.length);
  const pct = (a, p) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
  console.log(JSON.stringify({ timesheets: n, cold_start_ms: coldStartMs, generate: gen,
    scroll_frame_ms_median: pct(scroll, 0.5), scroll_frame_ms_p95: pct(scroll, 0.95),
    typing_frame_ms_median: pct(typing, 0.5), typing_frame_ms_p95: pct(typing, 0.95), memory_mb: Math.round(mem / 1e6) }));
  await context.close();
})().catch((e) => { console.error(e); process.exit(1); });
