// How a tab starts (docs/benchmarks.md, cold start): the page's head fetches and compiles the
// wasm while deskbill.js downloads and runs, and the app still starts when a server sends the
// wasm without its application/wasm type (no streaming compile then).
const test = require('node:test');
const assert = require('node:assert');
const L = require('./lib.js');

test.after(L.closeAll);

const BASE = process.env.DESKBILL_URL || 'http://127.0.0.1:8765/';
const APP = BASE + '?test&nosw&today=2026-11-20';

const requests = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .map((e) => ({ name: e.name.split('?')[0].split('/').pop(), start: e.startTime })));

test('the wasm is fetched once, from the page head, before deskbill.js asks for its data', async () => {
  const { context } = await L.launch();
  const page = await context.newPage();
  await L.open(page, APP + '#/helpdesk');
  const seen = await requests(page);
  const wasm = seen.filter((r) => r.name === 'deskbill.wasm');
  const data = seen.filter((r) => r.name === 'deskbill.data');
  assert.strictEqual(wasm.length, 1, JSON.stringify(seen));  // Emscripten did not fetch it again
  assert.strictEqual(data.length, 1, JSON.stringify(seen));
  // deskbill.js asks for its data as soon as it runs: a wasm fetched only by deskbill.js came after.
  assert.ok(wasm[0].start < data[0].start, JSON.stringify(seen));
  await L.find(page, 'Load demo data');
  await context.close();
});

test('a server that sends the wasm without its type still starts the app', async () => {
  const { context } = await L.launch();
  const page = await context.newPage();
  let served = 0;
  await page.route('**/deskbill.wasm', async (route) => {
    const response = await route.fetch();
    served += 1;
    await route.fulfill({ status: 200, body: await response.body(), contentType: 'application/octet-stream' });
  });
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  await L.open(page, APP + '#/helpdesk');
  await L.find(page, 'Load demo data');
  assert.strictEqual(served, 2);  // the streaming compile refused it; the second fetch compiled
  assert.deepStrictEqual(problems, []);
  await context.close();
});
