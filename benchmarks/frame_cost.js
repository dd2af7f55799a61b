// What a drawn frame costs where the browser draws WebGL in software (SwiftShader: no GPU, a GPU on
// the browser's block list, a virtual machine), screen by screen, with the demo workspace loaded:
// the time per frame while frames are drawn back to back, and the time a wait for one frame takes
// (what each step of the browser tests waits for). Printed for the page composited by SwiftShader
// (the default without a GPU) and composited in software (--disable-gpu-compositing, as
// tests/browser/lib.js runs Chromium). Run from the checkout, a server on 127.0.0.1 serving
// build/site:
//   node benchmarks/frame_cost.js URL [frames=60]
const fs = require('fs');
const os = require('os');
const path = require('path');
// playwright-core as the browser tests install it (tests/browser/package.json).
const { chromium } = require(require.resolve('playwright-core', { paths: [path.join(__dirname, '../tests/browser')] }));
const L = require('../tests/browser/lib.js');

const BASE_ARGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const SCREENS = ['#/helpdesk', '#/team/team.eu', '#/timesheets', '#/config'];

async function measure(url, compositing, frames) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskbill-frames-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: compositing === 'software' ? [...BASE_ARGS, '--disable-gpu-compositing'] : BASE_ARGS,
    viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1,
  });
  const page = context.pages()[0] || await context.newPage();
  await L.open(page, url + '?test&nosw#/helpdesk');
  await L.click(page, 'Load demo data');
  await L.waitSaved(page, 60000);
  const count = () => page.evaluate(() => Module._deskbill_frame_count());
  const rows = [];
  for (const screen of SCREENS) {
    await page.evaluate((h) => { location.hash = h; }, screen);
    await L.settle(page, 5);
    await page.waitForTimeout(500);  // the frames the change asked for are drawn
    let t0 = Date.now();
    const f0 = await count();
    await page.waitForFunction((n) => { Module._deskbill_wake(); return Module._deskbill_frame_count() >= n; },
      f0 + frames, { timeout: 120000 });
    const perFrame = (Date.now() - t0) / frames;
    await page.waitForTimeout(500);
    t0 = Date.now();
    for (let i = 0; i < 20; ++i) await L.settle(page, 1);
    const perWait = (Date.now() - t0) / 20;
    rows.push({ screen, perFrame, perWait });
  }
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return rows;
}

(async () => {
  const url = process.argv[2] || 'http://127.0.0.1:8080/';
  const frames = Number(process.argv[3] || 60);
  console.log('| screen | composited | ms per frame, back to back | ms per wait for one frame |');
  console.log('|---|---|---|---|');
  for (const compositing of ['swiftshader', 'software']) {
    for (const r of await measure(url, compositing, frames)) {
      console.log(`| ${r.screen} | ${compositing} | ${r.perFrame.toFixed(1)} | ${r.perWait.toFixed(0)} |`);
    }
  }
})().catch((e) => { console.error(e); process.exit(1); });
