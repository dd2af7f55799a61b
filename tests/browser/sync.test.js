// Two devices share a workspace through serve.py: what one records reaches the other.
const test = require('node:test');
const assert = require('node:assert');
const L = require('./lib.js');

test.after(L.closeAll);

const BASE = process.env.DESKBILL_URL || 'http://127.0.0.1:8765/';
const APP = BASE + '?test&nosw&today=2026-11-20';

async function connect(page) {
  await L.click(page, 'Settings##navSettings');
  await L.connect(page);
}

async function syncedWith(page, predicate, what) {
  const end = Date.now() + 20000;
  while (Date.now() < end) {
    await L.click(page, 'Sync now##sync-now');
    const s = await L.state(page);
    if (predicate(s)) return s;
    await page.waitForTimeout(300);
  }
  throw new Error('never synced: ' + what);
}

test('two devices share a workspace through the sync endpoint', async () => {
  const a = await L.launch();
  const b = await L.launch();
  const pa = await a.context.newPage();
  const pb = await b.context.newPage();
  await L.open(pa, APP + '#/settings');
  await L.open(pb, APP + '#/settings');
  await connect(pa);
  await L.addCustomer(pa, 'Globex');
  await L.click(pa, 'Settings##navSettings');
  await syncedWith(pa, () => true, 'device A');
  await connect(pb);
  await L.shot(pb, '12-device-b-sync-settings');
  await syncedWith(pb, (s) => s.partners.some((p) => p.name === 'Globex'), 'device B receives Globex');
  // and back: B's employee reaches A
  await L.click(pb, 'Configuration##navConfiguration');
  await L.click(pb, 'Employees');
  await L.type(pb, '##e-name', 'Radu');
  await L.click(pb, 'Create##create-employee');
  await L.click(pb, 'Settings##navSettings');
  await syncedWith(pb, (s) => s.employees.some((e) => e.name === 'Radu'), 'device B sends Radu');
  const sa = await syncedWith(pa, (s) => s.employees.some((e) => e.name === 'Radu'), 'device A receives Radu');
  assert.strictEqual(sa.partners.filter((p) => p.name === 'Globex').length, 1);
  await a.context.close();
  await b.context.close();
});
