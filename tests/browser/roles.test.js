// Roles (docs/sync.md): the app disables what the user's role may not do, and an op made before
// the role was known, which the server refuses, is kept in the inbox while later work syncs.
const test = require('node:test');
const assert = require('node:assert');
const L = require('./lib.js');

test.after(L.closeAll);

const BASE = process.env.DESKBILL_URL || 'http://127.0.0.1:8765/';
const APP = BASE + '?test&nosw&today=2026-11-20';

async function serverOps(workspace, token) {
  const r = await fetch(BASE + 'api/sync', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify({ workspace, client_id: 'observer-' + Date.now(), cursor: 0, ops: [] }),
  });
  assert.strictEqual(r.status, 200);
  return (await r.json()).ops;
}

const workspace = async (page) => page.evaluate(() => { Module._deskbill_wake(); return JSON.parse(UTF8ToString(Module._deskbill_workspace_json())); });

test("an agent's order made offline is refused by the server, kept in the inbox, and billing actions are then disabled", async () => {
  const token = process.env.DESKBILL_AGENT_TOKEN;
  assert.ok(token, 'scripts/test.sh makes an agent token for workspace "roles"');
  const { context } = await L.launch();
  const page = await context.newPage();
  await L.open(page, APP + '#/settings');
  // Offline from the start: the role is not known yet, so nothing is disabled.
  await context.setOffline(true);
  await L.connect(page, 'roles', token);
  await L.addCustomer(page, 'Role Customer');
  await L.click(page, 'Orders##navOrders');
  await L.click(page, 'New quotation##new-quotation');
  await L.choose(page, 'Customer', 'Role Customer');
  await L.click(page, 'Create##create-order');
  await page.waitForFunction(() => JSON.parse(UTF8ToString(Module._deskbill_state_json())).orders.length === 1);
  await L.waitSaved(page);
  // Online: the server refuses the order for the agent's role; the customer goes through.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForFunction(() => { Module._deskbill_wake(); const w = JSON.parse(UTF8ToString(Module._deskbill_workspace_json())); return w.pending === 0 && w.confirmed >= 2; }, null, { timeout: 30000 });
  const ops = await serverOps('roles', token);
  const kinds = ops.map((o) => o.op.kind);
  assert.ok(kinds.includes('partner.create'), kinds.join(','));
  const refused = ops.find((o) => o.op.kind === 'op.refused');
  assert.ok(refused, 'the refused order stands in its place on the server');
  assert.strictEqual(refused.op.op.kind, 'order.create');
  assert.strictEqual(refused.op.reason, "your role (agent) may not send 'order.create'; it needs the billing role");
  const st = await L.state(page);
  assert.strictEqual(st.orders.length, 0, 'no order exists once the server refused it');
  assert.ok(st.rejected.some((r) => r.code === 'refused_by_server' && /Refused by the server/.test(r.reason)), JSON.stringify(st.rejected));
  assert.strictEqual((await workspace(page)).pending, 0);
  // The inbox shows it; the role now disables what it may not do.
  await L.click(page, '##navConflicts');
  await L.find(page, 'Dismiss');
  await L.shot(page, '30-refused-for-role-in-inbox');
  await L.click(page, 'Orders##navOrders');
  assert.strictEqual(await L.disabled(page, 'New quotation##new-quotation'), true);
  // Ctrl+K offers what the role may send: a new ticket, not a new quotation. (From the Helpdesk:
  // the Orders screen's own button is also found as "New quotation".)
  await L.click(page, 'Helpdesk##navHelpdesk');
  await page.keyboard.press('Control+K');
  await L.textFocus(page);
  await page.keyboard.type('new', { delay: 5 });
  await L.drained(page);
  await L.find(page, 'New Ticket');
  assert.strictEqual(await L.exists(page, 'New quotation', 300), false, 'Ctrl+K offers the agent no new quotation');
  await page.keyboard.press('Escape');
  await L.drained(page);
  await L.click(page, 'Configuration##navConfiguration');
  await L.click(page, 'Customers');
  assert.strictEqual(await L.disabled(page, 'Create##create-customer'), false, 'agents still create customers');
  assert.strictEqual((await workspace(page)).role, 'agent');
  await L.click(page, 'Settings##navSettings');
  await L.shot(page, '31-agent-role-in-settings');
  // Dismissed, the refusal stays dismissed after a reload (the device's inbox.json).
  await L.click(page, '##navConflicts');
  await L.click(page, 'Dismiss');
  assert.ok(await L.gone(page, 'Dismiss'), 'dismissed');  // a click's frame can come late
  await L.waitSaved(page);
  await L.reload(page);
  await L.click(page, '##navConflicts');
  assert.strictEqual(await L.exists(page, 'Dismiss', 1500), false, 'a dismissed refusal came back after a reload');
  await context.close();
});

// Tests with a server of their own, which they stop, back up, restore or post to as other devices.
const { OwnServer } = require('./own_server.js');

// The restore loses position 2; another device's op takes it again before this one syncs, so
// its cursor is within the server's head: only the chain it sends shows it holds other ops there.
test('a device whose positions a restored server gave to other ops is told so and re-sends its work: nothing lost', () => OwnServer.withApp('restore', async (page, server) => {
  await server.connect(page);
  const addCustomer = async (name) => {
    await L.addCustomer(page, name);
    await page.waitForFunction(() => { Module._deskbill_wake(); return JSON.parse(UTF8ToString(Module._deskbill_workspace_json())).pending === 0; }, null, { timeout: 20000 });
  };
  await addCustomer('Before Backup');
  await server.backup();
  await addCustomer('After Backup');
  await server.restore();
  const other = await server.post({ client_id: 'other', cursor: 0,
    ops: [{ seq: 1, op: { kind: 'partner.create', id: 'other-1', name: 'Other Device' } }] });
  assert.strictEqual((await other.json()).head, 2);
  await L.click(page, 'Settings##navSettings');
  await L.click(page, 'Sync now##sync-now');
  await L.find(page, 'Re-send my work##resend', 20000);
  await L.shot(page, '32-server-restored-offer-to-resend');
  await L.click(page, 'Re-send my work##resend');
  // Said on screen, not only to screen readers (the button is gone).
  assert.match(JSON.parse(await page.evaluate(() => UTF8ToString(Module._deskbill_told_json()))).message.text, /^1 operation of this device is sent again \(1 the server had lost\)/);
  assert.strictEqual(await L.tone(page, '##notice'), 'green', 'work sent again is no problem');
  await L.shot(page, '32b-work-re-sent-told');
  await page.waitForFunction(() => { Module._deskbill_wake(); const w = JSON.parse(UTF8ToString(Module._deskbill_workspace_json())); return w.pending === 0 && w.confirmed === 3; }, null, { timeout: 30000 });
  const names = (await server.held()).map((o) => o.op.name);
  assert.deepStrictEqual(names, ['Before Backup', 'Other Device', 'After Backup']);
  assert.deepStrictEqual((await L.state(page)).partners.map((p) => p.name).sort(), ['After Backup', 'Before Backup', 'Other Device']);
  assert.ok(await L.gone(page, 'Re-send my work##resend'), 'nothing is left to re-send');
}));

// A tab that closed while its request was on the way can leave the server holding a create that
// the next tab sends again under new seqs (docs/sync.md). The copy is refused for its id on every
// device; the inbox offered "Log again as non-billable" for it, which recorded the hours twice.
test('a timesheet the server holds twice counts once, and its copy is only offered to be dismissed', () => OwnServer.withApp('twice', async (page, server) => {
  const held = () => server.held();
  await server.connectWithSupportTeam(page, 'tw');
  // The ticket and its hours made in the app, under ids the device makes.
  await L.newTicket(page, 'VPN drops every hour', null);
  await L.logTime(page, 'Remote session', '2:00');
  await page.waitForFunction(() => { Module._deskbill_wake(); return JSON.parse(UTF8ToString(Module._deskbill_workspace_json())).pending === 0; }, null, { timeout: 20000 });
  // The copy an app from before ops were made once left (docs/sync.md): it had received the
  // first copy and sent its own again, under the device's next seq. (Sent from a cursor before
  // the first copy, the server skips it: the device drops its own when the first comes back.)
  const before = await held();
  const log = before.find((e) => e.op.kind === 'timesheet.log');
  assert.ok(log, 'the timesheet reached the server');
  const next = Math.max(...before.filter((e) => e.client_id === log.client_id).map((e) => e.seq)) + 1;
  const r = await server.post({ client_id: log.client_id, cursor: 0, ops: [{ seq: next, op: log.op }] });
  assert.strictEqual(r.status, 200);
  assert.strictEqual((await held()).filter((e) => e.op.id === log.op.id).length, 1, 'skipped: held after the cursor');
  const r2 = await server.post({ client_id: log.client_id, cursor: before[before.length - 1].pos, ops: [{ seq: next, op: log.op }] });
  assert.strictEqual(r2.status, 200);
  assert.strictEqual((await held()).filter((e) => e.op.id === log.op.id).length, 2);
  await L.click(page, 'Settings##navSettings');
  const until = Date.now() + 15000;
  let copy;
  while (Date.now() < until && !copy) {
    await L.click(page, 'Sync now##sync-now');
    copy = (await L.state(page)).rejected.find((x) => x.id === log.op.id);
    if (!copy) await page.waitForTimeout(300);
  }
  assert.ok(copy, 'the copy reached this device');
  assert.strictEqual(copy.code, 'repeated_op');
  const s = await L.state(page);
  assert.deepStrictEqual(s.timesheets.map((t) => t.hours), ['2.00']);
  await L.click(page, '##navConflicts');
  await L.find(page, 'Dismiss');
  assert.strictEqual(await L.exists(page, 'Log again as non-billable', 500), false);
  assert.strictEqual(await L.exists(page, 'Open the ticket to log it again', 500), false);
  await L.shot(page, '33-a-create-held-twice-in-the-inbox');
  // Dismissed, it leaves the inbox; the hours stay once.
  await L.click(page, 'Dismiss');
  assert.ok(await L.gone(page, 'Dismiss'), 'the dismissed copy left the inbox');
  // ... and does not come back with the next answers.
  await L.click(page, 'Settings##navSettings');
  await L.click(page, 'Sync now##sync-now');
  await L.click(page, '##navConflicts');
  assert.strictEqual(await L.exists(page, 'Dismiss', 1500), false);
  assert.deepStrictEqual((await L.state(page)).timesheets.map((t) => t.hours), ['2.00']);
}));

// A publication of more than a request's ops goes in several requests; between them (for as long
// as the publisher is offline) the workspace is half published. Work another device made there
// waits on it until the server holds the whole publication, and the app says so: stored between
// the published ops, an invoice it posted took a number the publisher's books gave another.
test('work made while another device publishes the workspace waits until the publication is complete', () => OwnServer.withApp('publishing', async (page, server) => {
  const publish = async (cursor, ops) => {
    const r = await server.post({ client_id: 'publisher', cursor, publish: true, publish_upto: 4, ops });
    assert.strictEqual(r.status, 200);
    return r.json();
  };
  const customer = (seq, name) => ({ seq, op: { kind: 'partner.create', id: 'publisher.1.pubtag-' + seq, name } });
  assert.deepStrictEqual((await publish(0, [customer(1, 'Acme')])).publishing, { client_id: 'publisher', held: 1, upto: 4 });
  await server.connect(page);
  await page.waitForFunction(() => { Module._deskbill_wake(); const w = JSON.parse(UTF8ToString(Module._deskbill_workspace_json())); return w.confirmed === 1 && w.publication; }, null, { timeout: 20000 });
  await L.addCustomer(page, 'Made While Publishing');
  await L.waitSaved(page);
  await L.click(page, 'Settings##navSettings');
  await L.click(page, 'Sync now##sync-now');
  await page.waitForTimeout(1500);
  let w = await workspace(page);
  assert.strictEqual(w.pending, 1, 'kept on the device');
  assert.deepStrictEqual(w.publication, { held: 1, upto: 4, by_this_device: false });
  const held = async () => (await server.held()).map((o) => o.op.name);
  assert.deepStrictEqual(await held(), ['Acme']);
  await L.shot(page, '34-work-waits-for-a-publication');
  // The publisher comes back and sends the rest: the work goes after all of it.
  await publish(1, [customer(2, 'Globex'), customer(3, 'Initech'), customer(4, 'Umbrella')]);
  const until = Date.now() + 20000;
  while (Date.now() < until && (w = await workspace(page)).pending > 0) {
    await L.click(page, 'Sync now##sync-now');
    await page.waitForTimeout(300);
  }
  assert.strictEqual(w.pending, 0);
  assert.strictEqual(w.publication, undefined);
  assert.deepStrictEqual(await held(), ['Acme', 'Globex', 'Initech', 'Umbrella', 'Made While Publishing']);
}));

// After a restore of the server each device re-sends its own work. This one's timesheet on a
// ticket another device made came back before that device re-sent the ticket: every fold refused
// it (unknown ticket), and its user had to log it again. It now waits for the ticket, and says so.
// The app in `page`, connected to `server`, is brought to that wait: the other device's ticket,
// this one's 1:30 on it, the server restored from a backup taken before both, and "Re-send".
const awaitedTicket = { kind: 'ticket.create', id: 'other.1.ab-1', team: 'aw-t', partner: 'aw-c', title: 'Printer offline' };
async function waitForAnotherDevicesTicket(page, server) {
  const post = async (body) => assert.strictEqual((await server.post(body)).status, 200);
  await server.connectWithSupportTeam(page, 'aw');
  const synced = () => page.waitForFunction(() => { Module._deskbill_wake(); return JSON.parse(UTF8ToString(Module._deskbill_workspace_json())).pending === 0; }, null, { timeout: 20000 });
  await synced();
  // The administrator's backup, then the other device's ticket, and this one's hours on it.
  await server.backup();
  await post({ client_id: 'other', cursor: 0, ops: [{ seq: 1, op: awaitedTicket }] });
  await L.click(page, 'Settings##navSettings');
  await L.click(page, 'Sync now##sync-now');
  await L.stateWhen(page, (s) => s.tickets.some((t) => t.id === awaitedTicket.id), 20000);
  await page.evaluate((id) => { location.hash = '#/tickets/' + id; }, awaitedTicket.id);
  await L.logTime(page, 'Replaced the toner', '1:30');
  await synced();
  // The disk is lost; the backup is restored: the ticket and the hours are gone from the server.
  await server.restore();
  await L.click(page, 'Settings##navSettings');
  await L.click(page, 'Sync now##sync-now');
  await L.click(page, 'Re-send my work##resend');
  await page.waitForFunction(() => { Module._deskbill_wake(); return JSON.parse(UTF8ToString(Module._deskbill_workspace_json())).held; }, null, { timeout: 20000 });
}

test('re-sent work waits for a record another device has yet to send again, then goes after it', () => OwnServer.withApp('awaited', async (page, server) => {
  const ticket = awaitedTicket;
  const post = async (body) => assert.strictEqual((await server.post(body)).status, 200);
  await waitForAnotherDevicesTicket(page, server);
  const w = await workspace(page);
  assert.deepStrictEqual(w.held, { record: ticket.id, ops: 1 });
  await L.click(page, 'Sync now##sync-now');
  await page.waitForTimeout(1000);
  const kinds = async () => (await server.held()).map((o) => o.op.kind);
  assert.ok(!(await kinds()).includes('timesheet.log'), 'the hours wait on the device');
  await L.find(page, 'Send them as they are##send-held');
  await L.shot(page, '35-re-sent-work-waits-for-a-record');
  // The other device re-sends its ticket: the hours go after it, and no fold refuses them.
  await post({ client_id: 'other', cursor: 0, ops: [{ seq: 1, op: ticket }] });
  const until = Date.now() + 20000;
  while (Date.now() < until && (await workspace(page)).pending > 0) {
    await L.click(page, 'Sync now##sync-now');
    await page.waitForTimeout(300);
  }
  assert.deepStrictEqual((await kinds()).slice(-2), ['ticket.create', 'timesheet.log']);
  const s = await L.state(page);
  assert.deepStrictEqual(s.rejected, []);
  assert.deepStrictEqual(s.timesheets.map((t) => t.hours), ['1.50']);
  assert.ok(await L.gone(page, 'Send them as they are##send-held'), 'nothing is held any more');
}));

// "Send them as they are" is the user's choice for a device that will not come back: a reload
// before the ops went (the endpoint out of reach) made them wait again, and the user had to
// choose again.
test('work sent as it is stays so after a reload: it goes, and is refused for the record no one holds', () => OwnServer.withApp('released', async (page, server) => {
  await waitForAnotherDevicesTicket(page, server);
  // The sync endpoint out of reach (the page itself still loads).
  await page.route('**/api/sync', (route) => route.abort());
  await L.click(page, 'Send them as they are##send-held');
  await L.waitSaved(page);
  await L.reload(page);
  let w = await workspace(page);
  assert.strictEqual(w.held, undefined, 'the choice was kept');
  assert.strictEqual(w.pending, 1);
  await page.unroute('**/api/sync');
  await L.click(page, 'Settings##navSettings');
  const until = Date.now() + 20000;
  while (Date.now() < until && (w = await workspace(page)).pending > 0) {
    await L.click(page, 'Sync now##sync-now');
    await page.waitForTimeout(300);
  }
  assert.strictEqual(w.pending, 0);
  assert.deepStrictEqual((await server.held()).map((o) => o.op.kind).slice(-1), ['timesheet.log']);
  const s = await L.stateWhen(page, (x) => x.rejected.length === 1);
  assert.strictEqual(s.rejected[0].code, 'unknown_ref');  // shown in Conflicts, as the button says
}));
