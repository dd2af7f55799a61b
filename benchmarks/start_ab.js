// Issue 10 item 5: two builds' starts compared, A and B taking turns (A B, B A, A B …), one start
// of each per round, each in a new tab of one browser: on this VM a run of starts of one build
// and then of the other measured the machine's mood as much as the builds (an A/A run of 10
// rounds gives medians within 15 ms of each other). Each URL is a server on 127.0.0.1 serving one
// build's site; each origin has its own stored workspace, generated as start_times.js does (run it
// once per URL first). Prints, per build, the first frame with the workspace (median, range, how
// many after 1.0 s), the first frame that can edit, the first frame's CPU, the preview's load, and
// the window and fonts' share of main().
//   node benchmarks/start_ab.js URL_A URL_B [rounds=10] [profile=/tmp/deskbill-start-profile]
const L = require('../tests/browser/lib.js');
const { waitStarted } = require('./start_wait.js');
const median = (a) => { const s = a.slice().sort((x, y) => x - y); return s[Math.floor((s.length - 1) / 2)]; };
(async () => {
  const urls = [process.argv[2], process.argv[3]];
  const rounds = Number(process.argv[4] || 10);
  const { context } = await L.launch(process.argv[5] || '/tmp/deskbill-start-profile');
  const res = [[], []];
  for (let i = 0; i < rounds; i++) {
    for (const k of (i % 2 ? [1, 0] : [0, 1])) {
      const page = await context.newPage();
      await page.goto(urls[k] + '?test&nosw#/helpdesk');
      await waitStarted(page);
      const r = await page.evaluate(() => Object.assign(JSON.parse(UTF8ToString(Module._deskbill_first_frame_json())), JSON.parse(UTF8ToString(Module._deskbill_open_timings()))));
      if (r.complete_at === undefined) r.complete_at = r.drawn_at;
      res[k].push(r);
      await page.waitForTimeout(800); await page.close();
    }
  }
  for (const k of [0, 1]) {
    const d = res[k].map((r) => r.drawn_at), c = res[k].map((r) => r.complete_at);
    console.log(JSON.stringify({ url: urls[k], first_median: median(d), first_range: [Math.min(...d), Math.max(...d)], over_1s: d.filter((x) => x > 1000).length, editable_median: median(c), editable_range: [Math.min(...c), Math.max(...c)], editable_over_1s: c.filter((x) => x > 1000).length,
      first_frame_cpu_ms: median(res[k].map((r) => r.cpu_ms)), preview_ms: median(res[k].map((r) => r.preview_ms)),
      window_ms: median(res[k].map((r) => r.window_at - r.main_at)), fonts_ms: median(res[k].map((r) => r.fonts_at - r.window_at)), main_at: median(res[k].map((r) => r.main_at)) }));
  }
  await context.close();
})();
