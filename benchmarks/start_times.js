// Issue 10 item 5: how soon a stored large workspace is on the screen, start after start.
// Generates the workspace in a kept browser profile (once), then opens it K times, each start in
// a new tab of one running browser (as a user reopens it), and prints per start, in ms since the
// navigation: the first frame with the workspace (drawn_at; shown without its timesheets when
// `previewed`), the first frame that can edit (complete_at), the runtime and storage milestones;
// then the medians. Run from the checkout, a server on 127.0.0.1 serving build/site:
//   node benchmarks/start_times.js URL [timesheets=1000000] [starts=6] [profile=/tmp/deskbill-start-profile]
const L = require('../tests/browser/lib.js');
const { waitStarted } = require('./start_wait.js');

const median = (a) => { const s = a.slice().sort((x, y) => x - y); return s[Math.floor((s.length - 1) / 2)]; };

(async () => {
  const url = process.argv[2] || 'http://127.0.0.1:8765/';
  const n = Number(process.argv[3] || 1000000);
  const starts = Number(process.argv[4] || 6);
  const profile = process.argv[5] || '/tmp/deskbill-start-profile';
  const { context } = await L.launch(profile);
  let page = await context.newPage();
  await page.goto(url + '?test&nosw#/helpdesk');
  await page.waitForFunction(() => window.deskbillReady === true, null, { timeout: 600000 });
  const had = await page.evaluate(() => JSON.parse(UTF8ToString(Module._deskbill_workspace_json())).timesheets);
  if (!had) {
    const gen = JSON.parse(await page.evaluate((k) => UTF8ToString(Module._deskbill_generate_bench(k)), n));
    if (gen.error || gen.refused) throw new Error(JSON.stringify(gen));
  }
  await L.waitSaved(page, 600000);  // generated, or a snapshot rebuilt by this start: stored
  await page.close();

  const rows = [];
  for (let i = 0; i < starts; i++) {
    page = await context.newPage();
    await page.goto(url + '?test&nosw#/helpdesk');
    await waitStarted(page);
    const r = await page.evaluate(() => Object.assign(JSON.parse(UTF8ToString(Module._deskbill_first_frame_json())),
      JSON.parse(UTF8ToString(Module._deskbill_open_timings())),
      { pre_run_at: Math.round(Module.deskbill.preRunAt), populated_at: Math.round(Module.deskbill.populatedAt),
        snapshot_head_at: Math.round(Module.deskbill.snapshotHeadAt || 0), snapshot_read_at: Math.round(Module.deskbill.snapshotReadAt),
        timesheets: JSON.parse(UTF8ToString(Module._deskbill_workspace_json())).timesheets }));
    if (r.complete_at === undefined) r.complete_at = r.drawn_at;
    rows.push(r);
    console.log(JSON.stringify(r));
    await page.waitForTimeout(1000);
    await page.close();
  }
  console.log(JSON.stringify({
    timesheets: rows[0].timesheets, starts,
    first_frame_median_ms: median(rows.map((r) => r.drawn_at)),
    first_frame_range_ms: [Math.min(...rows.map((r) => r.drawn_at)), Math.max(...rows.map((r) => r.drawn_at))],
    editable_median_ms: median(rows.map((r) => r.complete_at)),
    previewed: rows.filter((r) => r.previewed).length,
  }));
  await context.close();
})().catch((e) => { console.error(e); process.exit(1); });
