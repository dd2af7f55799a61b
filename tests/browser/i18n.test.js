// Romanian complete: in the Romanian UI no labelled widget shows an English text that has a
// Romanian translation (the sign of a label that bypassed tr()), on every main screen.
const test = require('node:test');
const assert = require('node:assert');
const L = require('./lib.js');

test.after(L.closeAll);

const BASE = process.env.DESKBILL_URL || 'http://127.0.0.1:8765/';
const APP = BASE + '?test&nosw&today=2026-11-20';

const lines = (text) => text.split('\n').filter((l) => l.length > 0);

test('the Romanian UI shows no English label that has a translation', async () => {
  const { context } = await L.launch();
  const page = await context.newPage();
  await L.open(page, APP + '#/settings');
  await L.click(page, 'Load demo data##demo');
  await L.waitSaved(page, 30000);
  const english = new Set(lines(await page.evaluate(() => UTF8ToString(Module._deskbill_i18n_sources()))));
  assert.ok(english.size > 100, 'the translation table is exported');
  // The check can fail: in English the same screen shows translated sources.
  const before = lines(await page.evaluate(() => UTF8ToString(Module._deskbill_item_labels())));
  assert.ok(before.includes('Export journal') && before.includes('Settings'), before.join('|'));
  await L.click(page, 'Language');
  await L.click(page, 'Română');
  const found = {};
  const routes = ['#/helpdesk', '#/orders', '#/invoices', '#/timesheets', '#/reports', '#/configuration',
    '#/conflicts', '#/settings'];
  for (const r of routes) {
    await page.evaluate((h) => { window.location.hash = h; }, r);
    await page.waitForTimeout(400);
    await page.mouse.move(300, 300);
    await page.waitForTimeout(200);
    const shown = lines(await page.evaluate(() => UTF8ToString(Module._deskbill_item_labels())));
    const left = shown.filter((l) => english.has(l));
    if (left.length) found[r] = left;
  }
  await L.shot(page, '40-romanian-settings');
  assert.deepStrictEqual(found, {});
  await context.close();
});
