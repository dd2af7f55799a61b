// End-to-end: the real app in Debian's chromium, driven by clicks and typing through the UI.
// Postpaid flow (seeds 001/003), prepaid flow (seeds 002/004), reload, offline, second tab.
const test = require('node:test');
const fs = require('fs');
const assert = require('node:assert');
const L = require('./lib.js');

test.after(L.closeAll);

const BASE = process.env.DESKBILL_URL || 'http://127.0.0.1:8765/';
const TODAY = '2026-11-20';
const APP = BASE + '?test&today=' + TODAY;

// On Configuration → Products: a product with its price and, unless it is the default (Based on
// Timesheets), its invoicing policy as the policy picker names it.
async function createProduct(page, name, price, policy) {
  await L.type(page, '##p-name', name);
  if (policy) {
    await L.click(page, '##p-policy');
    await L.click(page, policy);
  }
  await L.type(page, '##p-price', price);
  await L.click(page, 'Create##create-product');
}

async function configure(page) {
  await L.click(page, 'Configuration##navConfiguration');
  await L.click(page, 'Teams');
  await L.type(page, '##team-name', 'Support');
  await L.click(page, 'Time Billing##new');
  await L.click(page, 'Create##create-team');
  await L.click(page, 'Products');
  await createProduct(page, 'Support hours', '90');  // default policy: Based on Timesheets
  await createProduct(page, 'Prepaid 10h', '100', 'Prepaid/Fixed Price');
  await L.click(page, 'Customers');
  await L.type(page, '##c-name', 'Acme');
  await L.click(page, 'Create##create-customer');
  await L.type(page, '##c-name', 'Ștefan Tănase');  // a contact of Acme, with Romanian diacritics
  await L.choose(page, '##c-parent', 'Acme');
  await L.click(page, 'Create##create-customer');
  await L.click(page, 'Employees');
  await L.type(page, '##e-name', 'Ana');
  await L.type(page, '##e-cost', '30');
  await L.click(page, 'Create##create-employee');
}

// What configure() makes, as operations. The first test walks the screens; the others, whose
// subject is not configuration, restore it the way a user restores a backup (the Import file
// chooser), which saves about half a minute of clicking per test.
const CONFIGURATION = [
  { kind: 'team.create', id: 'team.support', name: 'Support', use_timesheets: true, use_billing: true },
  { kind: 'product.create', id: 'p.hours', name: 'Support hours', policy: 'timesheet', price: '90' },
  { kind: 'product.create', id: 'p.prepaid', name: 'Prepaid 10h', policy: 'prepaid', price: '100' },
  { kind: 'partner.create', id: 'acme', name: 'Acme', email: '' },
  { kind: 'partner.create', id: 'acme.stefan', name: 'Ștefan Tănase', email: '', parent: 'acme' },
  { kind: 'employee.create', id: 'ana', name: 'Ana', hourly_cost: '30' },
];

// A fresh browser on an empty workspace, configured as above, showing Configuration.
async function configuredPage() {
  const { context } = await L.launch();
  const page = await context.newPage();
  await L.open(page, APP + '&nosw#/config/employees');
  await L.importOps(page, CONFIGURATION);
  return { context, page };
}

// Ctrl+K, the query typed, Enter: runs the first hit (once `hit`, a label, is listed).
async function paletteCommand(page, query, hit) {
  await page.keyboard.press('Control+K');
  await L.textFocus(page);
  await page.keyboard.type(query, { delay: 5 });
  if (hit) await L.find(page, hit);
  else await L.drained(page);
  await page.keyboard.press('Enter');
  await L.drained(page);
}

async function newOrder(page, product, qty) {
  await L.click(page, 'Orders##navOrders');
  await L.click(page, 'New quotation##new-quotation');
  await L.choose(page, 'Customer', 'Acme');
  await L.click(page, 'Create##create-order');
  await L.choose(page, '##add-product', product);
  await L.type(page, '##add-qty', qty);
  await L.click(page, 'Add a line##add-order-line');
  await L.click(page, 'Confirm##confirm-order');
}

const { newTicket, logTime } = L;

test('postpaid: ticket hours become a posted invoice of 945.00, and survive a reload', async () => {
  const { context } = await L.launch();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await L.open(page, APP + '&nosw#/helpdesk');
  await L.shot(page, '01-empty-workspace');
  // The page's grey shows in the window's margins, and the side bar and the main panel are white:
  // the screen is cleared to the panels' white and the grey is painted only around them
  // (ui/page_gaps.h), out to the window's edges.
  const grey = [247, 247, 250], white = [255, 255, 255];
  for (const [x, y] of [[2, 2], [1397, 2], [2, 897], [1397, 897], [700, 4], [700, 895]]) {
    assert.deepStrictEqual(await L.pixel(page, x, y), grey, `the page's margin at ${x},${y}`);
  }
  const nav = await L.find(page, 'Helpdesk##navHelpdesk');
  assert.deepStrictEqual(await L.pixel(page, nav.x + nav.w / 2, 450), white, 'inside the side bar');
  assert.deepStrictEqual(await L.pixel(page, 900, 450), white, 'inside the main panel');
  await configure(page);
  await L.shot(page, '02-configuration');
  await newOrder(page, 'Support hours', '50');
  await newTicket(page, 'VPN drops every hour', 'S00001');
  await logTime(page, 'Remote session, ședință', '10:30');
  await L.shot(page, '03-ticket-timesheets');
  let s = await L.state(page);
  assert.strictEqual(s.timesheets.length, 1);
  assert.strictEqual(s.timesheets[0].hours, '10.50');
  assert.strictEqual(s.timesheets[0].description, 'Remote session, ședință');
  assert.strictEqual(s.orders[0].lines[0].qty_delivered, '10.50');
  assert.strictEqual(await L.exists(page, 'Total: 10:30'), true, "the ticket's hours under its table");
  await L.click(page, 'Sales Order S00001##so-button');
  await L.shot(page, '04-order-delivered');
  await L.click(page, 'Create Invoice##create-invoice');
  await L.shot(page, '05-create-invoice-dialog');
  await L.click(page, 'Create and View Invoice##wizard-create-view');
  await L.click(page, 'Post##post-invoice');
  await L.waitSaved(page);
  await L.shot(page, '06-posted-invoice');
  s = await L.state(page);
  assert.strictEqual(s.invoices.length, 1);
  assert.strictEqual(s.invoices[0].amount_total, '945.00');
  assert.strictEqual(await L.exists(page, 'Amount due: 945.00'), true, 'a posted, unpaid invoice is due whole');
  assert.strictEqual(s.invoices[0].state, 'posted');
  assert.strictEqual(s.invoices[0].name, 'INV/2026/00001');
  assert.strictEqual(s.timesheets[0].invoice, s.invoices[0].id);
  // Reload: everything is still there (IDBFS).
  await page.reload();
  await page.waitForFunction(() => window.deskbillReady === true);
  s = await L.state(page);
  assert.strictEqual(s.invoices[0].amount_total, '945.00');
  assert.strictEqual(s.tickets[0].title, 'VPN drops every hour');
  assert.deepStrictEqual(errors, []);
  await context.close();
});

test('postpaid: nothing delivered yet gives Odoo\'s error in the dialog', async () => {
  const { context, page } = await configuredPage();
  await newOrder(page, 'Support hours', '5');
  await L.click(page, 'Create Invoice##create-invoice');
  await L.click(page, 'Create Invoice##wizard-create');
  await L.shot(page, '07-nothing-to-invoice');
  // The dialog answered with Odoo's message (also announced to screen readers), and wrote nothing.
  const said = await page.evaluate(() => document.getElementById('announce').textContent);
  assert.ok(said.startsWith('Cannot create an invoice. No items are available to invoice.'), said);
  const s = await L.state(page);
  assert.strictEqual(s.invoices.length, 0);
  assert.strictEqual(s.orders[0].state, 'sale');
  await context.close();
});

test('prepaid: the block is invoiced up front and tickets consume it, red below zero', async () => {
  const { context, page } = await configuredPage();
  await newOrder(page, 'Prepaid 10h', '10');
  await L.click(page, 'Create Invoice##create-invoice');
  // "Create Invoice" stays on the order, which lists the draft; "Create and View Invoice" opens it.
  const order = await page.evaluate(() => location.hash);
  await L.click(page, 'Create Invoice##wizard-create');
  let s = await L.stateWhen(page, (st) => st.invoices.length === 1);
  assert.strictEqual(await page.evaluate(() => location.hash), order, 'still on the order');
  assert.strictEqual(s.invoices[0].state, 'draft');
  await L.drained(page);
  // Written as a ticket's address is ("#/tickets/<id>"), the list's name opens the record too.
  await page.evaluate((id) => { location.hash = '#/invoices/' + id; }, s.invoices[0].id);
  await L.click(page, 'Post##post-invoice');
  s = await L.state(page);
  assert.strictEqual(s.invoices[0].amount_total, '1000.00');
  await newTicket(page, 'Password reset loop', null);  // R10 picks the prepaid line by itself
  s = await L.state(page);
  assert.strictEqual(s.tickets[0].sale_line, s.orders[0].lines[0].id);
  assert.strictEqual(s.tickets[0].remaining_hours_so, '10.00');
  await logTime(page, 'Call with customer', '2:30');
  s = await L.state(page);
  assert.strictEqual(s.tickets[0].remaining_hours_so, '7.50');
  await L.type(page, '##ts-hours', '8');  // typed, not yet added: remaining shows -0:30 live
  await L.shot(page, '08-prepaid-live-remaining');
  await L.click(page, 'Add a line##add-line');
  s = await L.state(page);
  assert.strictEqual(s.tickets[0].remaining_hours_so, '-0.50');
  assert.strictEqual(s.orders[0].invoice_status, 'upselling');
  assert.strictEqual(s.orders[0].lines[0].over_prepaid_hours, true);
  await L.shot(page, '09-prepaid-over');
  // The team's card: its open ticket, this week's 10:30, and an overdrawn block counted as none
  // left (not as -0:30).
  await L.click(page, 'Helpdesk##navHelpdesk');
  for (const said of ['Open tickets: 1', 'Hours this week: 10:30', 'Prepaid hours left: 00:00'])
    assert.strictEqual(await L.exists(page, said), true, said);
  await context.close();
});

test('offline after one visit, and a second tab is read-only', async () => {
  const { context } = await L.launch();
  const page = await context.newPage();
  await L.open(page, APP + '#/helpdesk');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready, null, { timeout: 15000 });
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();  // now controlled by the service worker
  await page.waitForFunction(() => window.deskbillReady === true);
  const second = await context.newPage();
  await L.open(second, APP + '#/helpdesk');
  assert.strictEqual(await second.evaluate(() => Module._deskbill_read_only()), 1);
  await L.shot(second, '10-second-tab-read-only');
  await second.close();
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.deskbillReady === true, null, { timeout: 20000 });
  await L.click(page, 'Load demo data');
  const s = await L.state(page);
  assert.ok(s.tickets.length > 100, 'demo data loads offline');
  // The demo ends today (the page's ?today=), so its time reaches this week: it ended on
  // 2026-11-22 whenever it was loaded.
  assert.strictEqual(s.timesheets.map((t) => t.date).sort().at(-1), TODAY, 'the demo ends today');
  await L.shot(page, '11-offline-demo');
  // The demo bills as a company: its invoices print it at the top (they printed none).
  assert.strictEqual(s.company.name, 'Deskbill Support SRL');
  const last = s.invoices.map((i) => i.name).filter((n) => n).sort().at(-1);
  await L.click(page, 'Invoices##navInvoices');
  await L.click(page, last);
  const html = await printed(page, context, '11b-demo-invoice-printed');
  for (const want of ['Deskbill Support SRL', 'Tax ID: RO12345678', 'RO49AAAA1B31007593840000', last])
    assert.ok(html.includes(want), want);
  await L.click(page, 'Reports##navReports');
  await L.click(page, 'Hours per customer');
  await L.shot(page, '13-reports-offline');
  await L.click(page, 'Timesheets##navTimesheets');
  await L.shot(page, '14-timesheets-offline');
  await context.close();
});

test('the new-ticket form shows the prepaid line R10 will choose, one Esc closes a picker, Create works with a picker open', async () => {
  const { context, page } = await configuredPage();
  await newOrder(page, 'Prepaid 10h', '10');
  await L.click(page, 'Helpdesk##navHelpdesk');
  await L.click(page, 'Tickets##Support');
  await L.click(page, 'New Ticket##new-ticket');
  await L.type(page, 'Title', 'Cannot print');
  await L.choose(page, 'Customer', 'Tănase');
  // Before Create the Sales Order Item shows the prepaid line (it used to say Non-billable).
  await L.shot(page, '17-new-ticket-shows-its-prepaid-line');
  await L.click(page, 'Team');
  assert.strictEqual(await L.exists(page, '##filter'), true);
  await page.waitForTimeout(300);  // the search field takes the keyboard
  await page.keyboard.press('Escape');
  await L.drained(page);  // the key handled, however slow the frames
  assert.ok(await L.gone(page, '##filter'), 'one Esc closes the picker');
  await L.click(page, 'Team');
  await L.click(page, 'Create##create-ticket');  // the picker is still open
  await page.waitForFunction(() => { Module._deskbill_wake(); return JSON.parse(UTF8ToString(Module._deskbill_state_json())).tickets.length === 1; }, null, { timeout: 10000 });
  const s = await L.state(page);
  assert.strictEqual(s.tickets[0].title, 'Cannot print');
  assert.strictEqual(s.tickets[0].sale_line, s.orders[0].lines[0].id);
  await context.close();
});

test('taxes reach the invoice: a product edited to carry VAT, its order line takes it, the posted invoice is taxed to the cent', async () => {
  const { context, page } = await configuredPage();
  await L.click(page, 'Taxes');
  await L.type(page, '##t-name', 'VAT 19%');
  await L.type(page, '##t-rate', '19');
  await L.click(page, 'Create##create-tax');
  await L.click(page, 'Products');
  await L.click(page, 'Prepaid 10h');  // opens the product's form
  await L.click(page, '##pe-taxes');
  await L.click(page, 'VAT 19%');
  await page.waitForTimeout(300);
  await page.keyboard.press('Escape');
  await L.type(page, '##pe-price', '100.50');
  await L.click(page, 'Save##save-product');
  let s = await L.state(page);
  await L.shot(page, '18-product-form-with-taxes');
  await newOrder(page, 'Prepaid 10h', '10');
  s = await L.state(page);
  assert.strictEqual(s.orders[0].lines[0].price_unit, '100.50');
  await L.click(page, 'Create Invoice##create-invoice');
  await L.click(page, 'Create and View Invoice##wizard-create-view');
  await L.click(page, 'Post##post-invoice');
  s = await L.state(page);
  // 10 × 100.50 = 1005.00; VAT 19 % = 190.95; total 1195.95
  assert.strictEqual(s.invoices[0].amount_untaxed, '1005.00');
  assert.strictEqual(s.invoices[0].amount_tax, '190.95');
  assert.strictEqual(s.invoices[0].amount_total, '1195.95');
  await L.shot(page, '19-invoice-with-vat');
  await context.close();
});

// The page the app opens for printing (window.open + document.write), as the user's browser shows it.
async function printed(page, context, name) {
  const popup = context.waitForEvent('page');
  await L.click(page, '##print');
  const p = await popup;
  await p.waitForLoadState();
  const html = await p.content();
  await p.screenshot({ path: require('path').join(__dirname, 'artifacts', name + '.png'), fullPage: true });
  await p.close();
  return html;
}

test('the printed invoice a business can send: company, customer address and tax id, due date, payment reference, a tax set on the draft line, Paid, in Romanian', async () => {
  const { context, page } = await configuredPage();
  await L.click(page, 'Taxes');
  await L.type(page, '##t-name', 'VAT 19%');
  await L.type(page, '##t-rate', '19');
  await L.click(page, 'Create##create-tax');
  await L.click(page, 'Customers');
  await L.click(page, 'Acme##customer-' + (await L.state(page)).partners.find((p) => p.name === 'Acme').id);
  await L.type(page, '##ce-address', 'Str. Lungă 5, Brașov');
  await L.type(page, '##ce-vat', 'RO998877');
  await L.type(page, '##ce-days', '30');
  await L.click(page, 'Save##save-customer');
  await L.shot(page, '24-customer-form');
  await L.click(page, 'Settings##navSettings');
  await L.type(page, '##co-name', 'Deskbill Services SRL');
  await L.type(page, '##co-vat', 'RO123456');
  await L.type(page, '##co-bank', 'RO49AAAA1B31007593840000');
  await L.click(page, 'Save##save-company');
  await L.shot(page, '27-company-profile');
  let s = await L.state(page);
  assert.strictEqual(s.company.name, 'Deskbill Services SRL');
  const acme = s.partners.find((p) => p.name === 'Acme');
  assert.strictEqual(acme.vat, 'RO998877');
  assert.strictEqual(acme.payment_days, 30);
  await newOrder(page, 'Prepaid 10h', '2');
  await L.click(page, 'Create Invoice##create-invoice');
  await L.click(page, 'Create and View Invoice##wizard-create-view');
  // The draft's line takes a tax the order line did not have.
  await L.click(page, 'Edit');
  await L.click(page, '##t');
  await L.click(page, 'VAT 19%');
  await page.waitForTimeout(300);
  await page.keyboard.press('Escape');
  await L.click(page, 'Save');
  s = await L.state(page);
  assert.strictEqual(s.invoices[0].amount_total, '238.00');  // 2 × 100 + 19 %
  await L.click(page, 'Post##post-invoice');
  s = await L.state(page);
  const inv = s.invoices[0];
  assert.strictEqual(inv.due, '2026-12-20');  // 2026-11-20 + 30 days
  let html = await printed(page, context, '25-printed-invoice');
  for (const want of ['Deskbill Services SRL', 'Tax ID: RO123456', 'Str. Lungă 5, Brașov', 'Tax ID: RO998877',
    '2026-12-20', 'communication for your payment: <strong>' + inv.name, 'RO49AAAA1B31007593840000', 'VAT 19%', '238.00'])
    assert.ok(html.includes(want), want);
  assert.ok(!html.includes('mark paid'));
  await L.click(page, 'Register payment##pay');
  await L.textFocus(page);  // the amount due, filled in, has the keyboard after the click too
  await L.click(page, 'Confirm##confirm-payment');
  await L.waitSaved(page);
  // The form shows the due date, the payment under the total, and the order it bills, which opens.
  await L.shot(page, '25b-paid-invoice-form');
  for (const said of ['Due Date: 2026-12-20', 'Untaxed: 200.00', 'VAT 19%: 38.00', 'Total: 238.00',
    'Paid on 2026-11-20: 238.00', 'Amount due: 0.00'])
    assert.strictEqual(await L.exists(page, said), true, said);
  await L.click(page, 'S00001');
  await page.waitForFunction(() => location.hash.startsWith('#/order/'));
  await L.find(page, 'Create Invoice##create-invoice');
  // The order's own line has no tax: its totals are the invoice's before the tax was added.
  assert.strictEqual(await L.exists(page, 'Untaxed: 200.00    Total: 200.00'), true, "the order's totals");
  await L.click(page, 'Settings##navSettings');
  await L.click(page, 'Language');
  await L.click(page, 'Română');
  await L.click(page, 'Facturi##navInvoices');
  await L.click(page, inv.name);
  html = await printed(page, context, '26-printed-invoice-ro-paid');
  for (const want of ['lang="ro"', 'Data scadenței', 'Cod fiscal: RO998877', 'Rest de plată', '<div class="mark paid">Plătită</div>'])
    assert.ok(html.includes(want), want);
  await context.close();
});

test('seed 003: "Create and edit…" in the order line\'s product picker makes the product and the line takes it', async () => {
  const { context, page } = await configuredPage();
  await L.click(page, 'Orders##navOrders');
  await L.click(page, 'New quotation##new-quotation');
  await L.choose(page, 'Customer', 'Acme');
  await L.click(page, 'Create##create-order');
  await L.click(page, '##add-product');
  await L.textFocus(page);
  await page.keyboard.type('Onsite visit', { delay: 5 });
  await L.click(page, '##create-edit');
  await L.type(page, '##np-price', '150');
  await L.shot(page, '28-create-and-edit-product');
  await L.click(page, 'Save##np-save');
  await L.type(page, '##add-qty', '2');
  await L.click(page, 'Add a line##add-order-line');
  const s = await L.state(page);
  const line = s.orders[0].lines[0];
  assert.strictEqual(line.name, 'Onsite visit');
  assert.strictEqual(line.price_unit, '150.00');
  assert.strictEqual(line.qty, '2.00');
  await context.close();
});

test('seed 002: a team\'s project is created inline from the team\'s row, and its form opens', async () => {
  const { context, page } = await configuredPage();
  await L.click(page, 'Configuration##navConfiguration');
  await L.click(page, 'Teams');
  await L.click(page, '##team-project');
  await L.textFocus(page);
  await page.keyboard.type('Support desk', { delay: 5 });
  await L.click(page, '##create-edit');
  await L.find(page, '##pr-name');  // the new project's form, in the Projects tab
  await L.shot(page, '29-team-project-inline');
  await L.find(page, 'Support desk');  // listed among the projects (opened only once the team took it)
  await context.close();
});

test('seed 001: a project with a task, a ticket linked to the task, and the hours show on the task', async () => {
  const { context, page } = await configuredPage();
  await L.click(page, 'Configuration##navConfiguration');
  await L.click(page, 'Projects');
  await L.type(page, '##new-project-name', 'Onboarding');
  await L.choose(page, '##new-project-partner', 'Acme');
  await L.click(page, 'Create##create-project');  // and it opens
  await L.type(page, '##new-task-name', 'Setup');
  await L.click(page, 'Add a task##add-task');
  await newTicket(page, 'VPN for the new office', null);
  await L.choose(page, 'Task', 'Setup');
  await logTime(page, 'Configured the tunnel', '1:30');
  const s = await L.state(page);
  assert.ok(s.tickets[0].task, 'the ticket is linked to the task');
  assert.strictEqual(s.timesheets[0].task, s.tickets[0].task);
  await L.click(page, 'Configuration##navConfiguration');
  await L.click(page, 'Projects');
  await L.click(page, 'Onboarding');
  await L.click(page, 'Setup');
  await L.find(page, 'Ticket: VPN for the new office (#1)');
  await L.shot(page, '20-project-task-hours');
  await context.close();
});

// R9 through the project form: time logged on the project itself (here restored from a backup;
// a peer's or an import's ops make it too) follows the project's new Sales Order Item, time on
// its task keeps the task's, and the Timesheets list says what each entry was logged on.
test('a project\'s new Sales Order Item moves the time logged on the project, not its task\'s', async () => {
  const { context, page } = await configuredPage();
  const [acme, ana, hours] = ['acme', 'ana', 'p.hours'];  // from CONFIGURATION
  await L.importOps(page, [
    { kind: 'product.create', id: 'senior', name: 'Senior consulting', policy: 'timesheet', price: '120' },
    { kind: 'order.create', id: 'so', partner: acme },
    { kind: 'order.add_line', id: 'so.1', order: 'so', product: hours, qty: '10' },
    { kind: 'order.add_line', id: 'so.2', order: 'so', product: 'senior', qty: '10' },
    { kind: 'order.confirm', id: 'so', date: TODAY },
    { kind: 'project.create', id: 'pr', name: 'Implementation', partner: acme, allow_billable: true, sale_line: 'so.1' },
    { kind: 'task.create', id: 'setup', project: 'pr', name: 'Setup', sale_line: 'so.1' },
    { kind: 'timesheet.log', id: 'p1', project: 'pr', employee: ana, date: TODAY, hours: '3', description: 'Kick-off' },
    { kind: 'timesheet.log', id: 't1', task: 'setup', employee: ana, date: TODAY, hours: '2', description: 'Install' },
  ]);
  await L.click(page, 'Configuration##navConfiguration');
  await L.click(page, 'Projects');
  await L.click(page, 'Implementation##project-pr');
  await L.choose(page, 'Sales Order Item##pr-sol', 'Senior');
  await L.click(page, 'Save##save-project');
  await L.waitSaved(page);
  const s = await L.state(page);
  const line = (id) => s.timesheets.find((t) => t.id === id).sale_line;
  assert.strictEqual(line('p1'), 'so.2', 'the project\'s own time moved to its new line');
  assert.strictEqual(line('t1'), 'so.1', 'the task\'s time kept the task\'s line');
  await L.click(page, 'Timesheets##navTimesheets');
  await L.shot(page, '20c-project-time-follows-its-line');  // "Project: Implementation", "Task: Setup"
  await context.close();
});

// T1 and R13 in the ticket's form: an invoiced line keeps its Sales Order Item when the ticket
// moves to another one, and its description can still be corrected; the form must not send the
// line back (an invoiced line refuses any line, and an unbilled one would be marked as chosen).
test('an invoiced line\'s description is corrected after its ticket moved to another Sales Order Item', async () => {
  const { context, page } = await configuredPage();
  await L.importOps(page, [
    { kind: 'order.create', id: 'so', partner: 'acme' },
    { kind: 'order.add_line', id: 'so.1', order: 'so', product: 'p.hours', qty: '10' },
    { kind: 'order.add_line', id: 'so.2', order: 'so', product: 'p.hours', qty: '10' },
    { kind: 'order.confirm', id: 'so', date: TODAY },
    { kind: 'ticket.create', id: 'k', title: 'Printer offline', team: 'team.support', partner: 'acme', sale_line: 'so.1' },
    { kind: 'timesheet.log', id: 'ts', ticket: 'k', employee: 'ana', date: TODAY, hours: '2', description: 'Remote sesion' },
    { kind: 'invoice.create', id: 'inv', orders: ['so'] },
    { kind: 'ticket.update', id: 'k', sale_line: 'so.2' },
  ]);
  await page.evaluate(() => { location.hash = '#/tickets/k'; });
  await L.click(page, 'Edit');
  await L.type(page, '##ts-desc', 'Remote session');
  await L.click(page, 'Save##save-line');
  const ts = (await L.state(page)).timesheets.find((t) => t.id === 'ts');
  assert.strictEqual(ts.description, 'Remote session');
  assert.strictEqual(ts.sale_line, 'so.1', 'the invoiced line keeps its Sales Order Item');
  assert.strictEqual(ts.invoice, 'inv');
  await L.shot(page, '20d-invoiced-line-description-corrected');
  await context.close();
});

// A line keeps the Sales Order Item the user chose when its ticket moves to another customer. The
// line form shows that item, marked as not offered now, not "Non-billable", and Save leaves it.
test("a line's Sales Order Item of its ticket's former customer is shown in the list's form and kept on Save", async () => {
  const { context, page } = await configuredPage();
  await L.importOps(page, [
    { kind: 'partner.create', id: 'globex', name: 'Globex', email: '' },
    { kind: 'order.create', id: 'so', partner: 'acme' },
    { kind: 'order.add_line', id: 'so.1', order: 'so', product: 'p.hours', qty: '10' },
    { kind: 'order.confirm', id: 'so', date: TODAY },
    { kind: 'ticket.create', id: 'k', title: 'Printer offline', team: 'team.support', partner: 'acme', sale_line: 'so.1' },
    { kind: 'timesheet.log', id: 'ts', ticket: 'k', employee: 'ana', date: TODAY, hours: '2', description: 'Remote sesion', sale_line: 'so.1' },
    { kind: 'ticket.update', id: 'k', partner: 'globex' },
  ]);
  const line = async () => (await L.state(page)).timesheets.find((t) => t.id === 'ts');
  assert.strictEqual((await line()).sale_line, 'so.1', 'chosen by the user: it stays when the ticket changes customer');
  await L.open(page, APP + '&nosw#/timesheets/list');
  await L.click(page, 'Edit##ts-edit-ts');
  await L.click(page, '##tl-sol');
  await L.settle(page);
  const labels = (await page.evaluate(() => UTF8ToString(Module._deskbill_item_labels()))).split('\n');
  const kept = labels.filter((l) => l.includes('chosen before, not offered now'));
  assert.strictEqual(kept.length, 1, labels.join(' | '));
  assert.ok(kept[0].includes('Support hours'), kept[0]);
  await L.shot(page, '27b-line-form-kept-item');
  await page.keyboard.press('Escape');
  await L.type(page, '##tl-desc', 'Remote session');
  await L.click(page, 'Save##tl-save');
  await L.stateWhen(page, (st) => st.timesheets.some((t) => t.id === 'ts' && t.description === 'Remote session'));
  assert.strictEqual((await line()).sale_line, 'so.1', 'Save sends no change of item');
  await context.close();
});

// Time logged on a project or a task (the week grid, a peer) has no ticket form: the Timesheets
// list's Edit opens any line under the list, where it is changed or deleted. Only what changed is
// sent, so an invoiced line's description is corrected while its hours are refused with Odoo's
// message, as is its deletion.
test('the Timesheets list edits and deletes a line logged on a project, and an invoiced line keeps its hours', async () => {
  const { context, page } = await configuredPage();
  await L.importOps(page, [
    { kind: 'project.create', id: 'pr', name: 'Acme training', partner: 'acme', allow_billable: true },
    { kind: 'timesheet.log', id: 'p1', project: 'pr', employee: 'ana', date: TODAY, hours: '1', description: 'Trainng' },
    { kind: 'order.create', id: 'so', partner: 'acme' },
    { kind: 'order.add_line', id: 'so.1', order: 'so', product: 'p.hours', qty: '10' },
    { kind: 'order.confirm', id: 'so', date: TODAY },
    { kind: 'ticket.create', id: 'k', title: 'Printer offline', team: 'team.support', partner: 'acme', sale_line: 'so.1' },
    { kind: 'timesheet.log', id: 'ts', ticket: 'k', employee: 'ana', date: TODAY, hours: '2', description: 'Remote sesion' },
    { kind: 'invoice.create', id: 'inv', orders: ['so'] },
    { kind: 'invoice.post', id: 'inv', date: TODAY },
  ]);
  await L.open(page, APP + '&nosw#/timesheets/list');
  const line = async (id) => (await L.state(page)).timesheets.find((t) => t.id === id);
  await L.click(page, 'Edit##ts-edit-p1');
  await L.type(page, '##tl-desc', 'Training');
  await L.type(page, '##tl-hours', '1:30');
  await L.shot(page, '27-timesheet-list-edit');
  await page.keyboard.press('Enter');  // Enter in the hours saves, as Save does
  await L.stateWhen(page, (st) => st.timesheets.some((t) => t.id === 'p1' && t.description === 'Training'));
  assert.deepStrictEqual([(await line('p1')).hours, (await line('p1')).project], ['1.50', 'pr']);
  // Billed from now on: its Sales Order Item is the customer's confirmed line (R12), whose
  // delivered hours take the line's 1:30 beside the ticket's 2:00.
  assert.strictEqual((await line('p1')).sale_line, null, 'the project has no line of its own: non-billable');
  await L.choose(page, '##tl-sol', 'Support hours');
  await L.click(page, 'Save##tl-save');
  let s = await L.stateWhen(page, (st) => st.timesheets.some((t) => t.id === 'p1' && t.sale_line === 'so.1'));
  assert.strictEqual(s.orders[0].lines[0].qty_delivered, '3.50');
  await L.click(page, 'Delete##tl-delete');
  await L.stateWhen(page, (st) => !st.timesheets.some((t) => t.id === 'p1'));
  assert.ok(await L.gone(page, '##tl-save'), 'the deleted line\'s form is closed');
  // The invoiced line: its description is corrected, its hours are not changed, it is not deleted.
  await L.click(page, 'Edit##ts-edit-ts');
  assert.strictEqual(await L.disabled(page, '##tl-sol'), true, "an invoiced line's item is shown, not offered (T1)");
  await L.type(page, '##tl-desc', 'Remote session');
  await L.click(page, 'Save##tl-save');
  await L.stateWhen(page, (st) => st.timesheets.some((t) => t.id === 'ts' && t.description === 'Remote session'));
  await L.type(page, '##tl-hours', '5');
  await L.click(page, 'Save##tl-save');
  await page.waitForFunction(() => document.getElementById('announce').textContent.includes('already invoiced'),
    null, { timeout: 5000 });
  assert.strictEqual((await line('ts')).hours, '2.00');
  await L.click(page, 'Close');
  await L.click(page, 'Delete##tl-delete');
  await page.waitForFunction(() => document.getElementById('announce').textContent.includes('already been invoiced'),
    null, { timeout: 5000 });
  assert.strictEqual((await line('ts')).invoice, 'inv');
  await context.close();
});

// A description may be as long as the fold takes (2 000 bytes). Editing another field of a line
// must not cut it to what a form's buffer holds, in the list's line form or in a ticket's
// Timesheets tab (they once held 255 bytes, and Save sent the cut text, even through a letter).
test('a long description survives editing the line\'s hours, from the list and from the ticket', async () => {
  const { context, page } = await configuredPage();
  const long = 'Remote session, ăîșț: ' + 'the printer queue was cleared and the driver reinstalled. '.repeat(6);
  await L.importOps(page, [
    { kind: 'project.create', id: 'pr', name: 'Internal training' },
    { kind: 'timesheet.log', id: 'p1', project: 'pr', employee: 'ana', date: TODAY, hours: '1', description: long },
    { kind: 'ticket.create', id: 'k', title: 'Printer offline', team: 'team.support', partner: 'acme' },
    { kind: 'timesheet.log', id: 't1', ticket: 'k', employee: 'ana', date: TODAY, hours: '1', description: long },
  ]);
  await L.open(page, APP + '&nosw#/timesheets/list');
  await L.click(page, 'Edit##ts-edit-p1');
  await L.type(page, '##tl-hours', '2');
  await page.keyboard.press('Enter');
  let s = await L.stateWhen(page, (st) => st.timesheets.some((t) => t.id === 'p1' && t.hours === '2.00'));
  assert.strictEqual(s.timesheets.find((t) => t.id === 'p1').description, long);
  await page.evaluate(() => { location.hash = '#/tickets/k'; });
  await L.click(page, 'Edit');
  await L.type(page, '##ts-hours', '3');
  await L.click(page, 'Save##save-line');
  s = await L.stateWhen(page, (st) => st.timesheets.some((t) => t.id === 't1' && t.hours === '3.00'));
  assert.strictEqual(s.timesheets.find((t) => t.id === 't1').description, long);
  await context.close();
});

test('seeds 001 and 004 end to end: a product creates a task on confirmation, the ticket is linked to it, 2.5 h are delivered on the line and the task, the prepaid invoice stays 600.00', async () => {
  const { context, page } = await configuredPage();
  // Step 1 of the seeds' set-up: a project that allows timesheets.
  await L.click(page, 'Projects');
  await L.type(page, '##new-project-name', 'Helpdesk services');
  await L.click(page, 'Create##create-project');
  // A service product, prepaid, that creates a task in that project when its order is confirmed.
  await L.click(page, 'Products');
  await createProduct(page, 'Helpdesk service', '150', 'Prepaid/Fixed Price');
  await L.click(page, 'Helpdesk service');  // opens the product's form
  await L.click(page, '##pe-task');
  await L.choose(page, '##pe-project', 'Helpdesk services');
  await L.click(page, 'Save##save-product');
  // Solve issues: the order (4 hours), confirmed; its task appears in the project.
  await newOrder(page, 'Helpdesk service', '4');
  let s = await L.state(page);
  const line = s.orders[0].lines[0];
  assert.ok(line.task, 'confirming the order created the task');
  // Prepaid: invoiced on the ordered quantity, 4 x 150.
  await L.click(page, 'Create Invoice##create-invoice');
  await L.click(page, 'Create and View Invoice##wizard-create-view');
  await L.click(page, 'Post##post-invoice');
  await L.waitSaved(page);
  s = await L.state(page);
  assert.strictEqual(s.invoices[0].amount_total, '600.00');
  // The ticket is linked to the task, and the time is recorded on the ticket.
  await newTicket(page, 'Printer queue stuck', null);
  await L.choose(page, 'Task', 'S00001');
  await logTime(page, 'Cleared the queue', '2:30');
  s = await L.state(page);
  assert.strictEqual(s.tickets[0].task, line.task);
  assert.strictEqual(s.timesheets[0].task, line.task);
  assert.strictEqual(s.timesheets[0].hours, '2.50');
  assert.strictEqual(s.orders[0].lines[0].qty_delivered, '2.50');  // "Delivered" on the order line
  assert.strictEqual(s.invoices.length, 1);
  assert.strictEqual(s.invoices[0].amount_total, '600.00');  // unchanged: prepaid
  // The hours show on the task, in its project.
  await L.click(page, 'Configuration##navConfiguration');
  await L.click(page, 'Projects');
  await L.click(page, 'Helpdesk services');
  await L.click(page, '##task-' + line.task);
  await L.find(page, 'Ticket: Printer queue stuck (#1)');
  await L.shot(page, '20b-seed-001-task-hours');
  await context.close();
});

test('a running timer survives opening another ticket and a reload, and stops on its own ticket from the side bar', async () => {
  const { context, page } = await configuredPage();
  await newOrder(page, 'Support hours', '50');
  await newTicket(page, 'VPN drops', 'S00001');
  const first = page.url().split('#/tickets/')[1];
  await L.choose(page, '##ts-employee', 'Ana');
  await L.click(page, 'Start timer');
  await L.find(page, '##nav-stop-timer');
  // Another ticket: the timer is not lost, it shows in the side bar and cannot be started twice.
  await newTicket(page, 'Printer offline', 'S00001');
  await L.find(page, 'VPN drops (#1)##timer-ticket');
  assert.strictEqual(await L.disabled(page, 'Start timer##start-timer'), true);
  await L.shot(page, '16-timer-on-another-ticket');
  // A reload: its start was stored.
  await L.waitSaved(page);
  await L.reload(page);
  await L.find(page, '##nav-stop-timer');
  await L.click(page, 'Reports##navReports');
  await L.click(page, '##nav-stop-timer');
  await page.waitForFunction(() => { Module._deskbill_wake(); return JSON.parse(UTF8ToString(Module._deskbill_state_json())).timesheets.length === 1; }, null, { timeout: 10000 });
  const s = await L.state(page);
  assert.strictEqual(s.timesheets[0].ticket, first);
  assert.strictEqual(s.timesheets[0].hours, '0.25');
  assert.ok(await L.gone(page, '##nav-stop-timer'), 'the side bar\'s stop button is gone');
  // Stopped: after a reload it stays stopped, and the line stays.
  await L.waitSaved(page);
  await L.reload(page);
  assert.strictEqual(await L.exists(page, '##nav-stop-timer'), false);
  assert.strictEqual((await L.state(page)).timesheets.length, 1);
  await context.close();
});

test('keyboard and mouse: the timer logs time, a card is dragged to Solved, Ctrl+Z takes each back', async () => {
  const { context, page } = await configuredPage();
  await newOrder(page, 'Support hours', '50');
  await newTicket(page, 'Printer offline', 'S00001');
  // The timer turns into a timesheet line (Odoo's rule: at least 15 minutes, rounded up to 15).
  await L.choose(page, '##ts-employee', 'Ana');
  await L.click(page, 'Start timer');
  // With no input the app draws nothing, except the running timer once a second.
  await page.waitForTimeout(500);
  const f0 = await page.evaluate(() => Module._deskbill_frame_count());
  await page.waitForTimeout(2200);
  const f1 = await page.evaluate(() => Module._deskbill_frame_count());
  assert.ok(f1 - f0 >= 2 && f1 - f0 <= 8, 'timer frames while idle: ' + (f1 - f0));
  await L.shot(page, '15-timer-running');
  await L.click(page, '##stop-timer');
  // Software GL on a loaded machine can take a few frames to handle the click.
  let s = await L.stateWhen(page, (st) => st.timesheets.length > 0);
  assert.strictEqual(s.timesheets.length, 1);
  assert.strictEqual(s.timesheets[0].description, 'Timer');
  assert.strictEqual(s.orders[0].lines[0].qty_delivered, '0.25');  // the 15-minute minimum
  // Ctrl+Z outside a text field takes the line back: delivered is 0 again.
  await page.keyboard.press('Control+z');
  s = await L.stateWhen(page, (st) => st.timesheets.length === 0);
  assert.strictEqual(s.timesheets.length, 0);
  assert.strictEqual(s.orders[0].lines[0].qty_delivered, '0.00');
  await L.find(page, 'Start timer');
  // Drag the card from New to Solved in the pipeline.
  await L.click(page, 'Helpdesk##navHelpdesk');
  await L.click(page, 'Tickets##Support');
  const card = await L.find(page, 'Printer offline');
  const from = { x: card.x + card.w / 2, y: card.y + card.h / 2 };
  const to = { x: from.x + 2 * (card.w + 24), y: from.y + 40 };
  await page.mouse.move(from.x, from.y);
  await L.settle(page, 1);
  await page.mouse.down();
  await L.settle(page, 1);
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(from.x + (to.x - from.x) * i / 12, from.y + (to.y - from.y) * i / 12);
    await page.waitForTimeout(40);
  }
  await L.drained(page);
  await page.screenshot({ path: __dirname + '/artifacts/16-pipeline-dragging.png' });  // L.shot would move the pointer
  await page.mouse.up();
  s = await L.stateWhen(page, (st) => st.tickets[0].stage === 'solved');
  assert.strictEqual(s.tickets[0].stage, 'solved');
  await L.shot(page, '17-pipeline-dropped');
  await page.keyboard.press('Control+z');
  s = await L.stateWhen(page, (st) => st.tickets[0].stage === 'new');
  assert.strictEqual(s.tickets[0].stage, 'new');
  await page.mouse.move(10, 10);
  await L.waitSaved(page);
  await context.close();
});

// Reports add up a period's hours, and a row opens the lines it adds up in the Timesheets list,
// as Odoo's pivot opens the records of a cell.
test("Reports: a period's hours per customer, a row opens its lines in the Timesheets list", async () => {
  const { context, page } = await configuredPage();
  await L.importOps(page, [
    { kind: 'partner.create', id: 'globex', name: 'Globex' },
    { kind: 'order.create', id: 'so', partner: 'acme' },
    { kind: 'order.add_line', id: 'so.1', order: 'so', product: 'p.hours', qty: '10' },
    { kind: 'order.confirm', id: 'so', date: '2026-10-01' },
    { kind: 'ticket.create', id: 'k', title: 'Printer offline', team: 'team.support', partner: 'acme', sale_line: 'so.1' },
    { kind: 'ticket.create', id: 'g', title: 'VPN down', team: 'team.support', partner: 'globex' },
    { kind: 'timesheet.log', id: 'oct', ticket: 'k', employee: 'ana', date: '2026-10-15', hours: '1', description: 'October' },
    { kind: 'timesheet.log', id: 'nov', ticket: 'k', employee: 'ana', date: '2026-11-10', hours: '2', description: 'November' },
    { kind: 'timesheet.log', id: 'gnov', ticket: 'g', employee: 'ana', date: '2026-11-12', hours: '3', description: 'Globex' },
  ]);
  await L.open(page, APP + '&nosw#/reports');
  await L.type(page, '##rp-start', '2026-11-01');
  await L.type(page, '##rp-end', '2026-11-3');  // not yet a date: said in red, the period open on that side
  await L.shot(page, '46-reports-period-typing');
  await L.type(page, '##rp-end', '2026-10-31');  // before From: no day, said so
  await L.shot(page, '46a-reports-period-backwards');
  await L.type(page, '##rp-end', '2026-11-30');
  await L.shot(page, '46b-reports-november');
  // Each table adds up November's 5 h (Acme 2 h, Globex 3 h), not October's hour too.
  assert.strictEqual(await L.exists(page, 'Total: 05:00'), true, "November's total");
  assert.ok(await L.gone(page, 'Total: 06:00'), 'the whole history');
  await L.click(page, 'Acme');
  await page.waitForFunction(() => location.hash === '#/timesheets/list', null, { timeout: 5000 });
  assert.strictEqual(await L.exists(page, 'Edit##ts-edit-nov'), true, "November's Acme line is listed");
  assert.strictEqual(await L.exists(page, 'Edit##ts-edit-oct', 300), false, 'October is outside the period');
  assert.strictEqual(await L.exists(page, 'Edit##ts-edit-gnov', 300), false, "Globex's line is another customer's");
  await L.shot(page, '46c-reports-row-opened');
  // The billable split of the same period: its non-billable part is Globex's line alone.
  await L.click(page, 'Reports##navReports');
  await L.click(page, 'Billable vs non-billable');
  await L.click(page, 'Non-billable');
  await page.waitForFunction(() => location.hash === '#/timesheets/list', null, { timeout: 5000 });
  assert.strictEqual(await L.exists(page, 'Edit##ts-edit-gnov'), true);
  assert.ok(await L.gone(page, 'Edit##ts-edit-nov'), 'a billable line');
  // One click back to every line.
  await L.click(page, 'Clear filters##ts-clear');
  for (const id of ['oct', 'nov', 'gnov']) assert.strictEqual(await L.exists(page, 'Edit##ts-edit-' + id), true, id);
  assert.ok(await L.gone(page, 'Clear filters##ts-clear'), 'nothing left to clear');
  await context.close();
});

test('Timesheets → Export CSV downloads the listed lines, a contact named with its company', async () => {
  const { context, page } = await configuredPage();
  await L.importOps(page, [
    { kind: 'ticket.create', id: 'k.csv', title: 'VPN, again', team: 'team.support', partner: 'acme.stefan' },
    { kind: 'timesheet.log', id: 'ts.csv', ticket: 'k.csv', employee: 'ana', date: '2026-11-18', hours: '1.5', description: 'Reset' },
  ]);
  await L.click(page, 'Timesheets##navTimesheets');
  const [download] = await Promise.all([page.waitForEvent('download'), L.click(page, 'Export CSV##ts-csv')]);
  assert.strictEqual(download.suggestedFilename(), 'timesheets.csv');
  const text = fs.readFileSync(await download.path(), 'utf8');
  assert.strictEqual(text, 'date,employee,customer,ticket,description,hours,sales_order_item,invoice\n' +
    '2026-11-18,Ana,"Acme, Ștefan Tănase","VPN, again (#1)",Reset,1.50,,\n');
  await context.close();
});

test('a burst of typing is worked through without further input, and the click after it is not lost', async () => {
  const { context } = await L.launch();
  const page = await context.newPage();
  await L.open(page, APP + '&nosw#/config/customers');
  await L.click(page, '##c-name');
  await L.textFocus(page);
  const name = 'Burst ' + 'abcdefghij'.repeat(6);
  // No delay between keys: faster than this renderer draws frames, as a fast typist, a password
  // manager or a barcode scanner on a slow machine. ImGui takes one key change per frame.
  await page.keyboard.type(name);
  // No input from here on: the app alone must work through everything it received. (One key a
  // frame: on software GL a frame costs tens of ms, more on a busy machine, so it is given 15 s;
  // before the fix the queue stopped for good with 35 events in it.)
  const drained = await page.waitForFunction(() => Module._deskbill_input_pending() === 0, null, { timeout: 15000, polling: 100 })
    .then(() => true, () => false);
  assert.strictEqual(await page.evaluate(() => Module._deskbill_input_pending()), 0, 'input left unprocessed');
  assert.ok(drained);
  await L.click(page, 'Create##create-customer');
  const s = await L.state(page);
  assert.ok(s.partners.some((p) => p.name === name), JSON.stringify(s.partners.map((p) => p.name)));
  await context.close();
});

// Keyboard-first: Ctrl+K runs commands too. A screen, the week grid, a new ticket in the team in
// view and a new quotation are a few keys away, and a customer typed without diacritics is found.
test('Ctrl+K goes to a screen, opens the week grid, starts a ticket in the team in view, its timer, solves it, and a quotation', async () => {
  const { context, page } = await configuredPage();
  const command = (query) => paletteCommand(page, query);
  const run = async (query, hash) => {
    await command(query);
    await page.waitForFunction((h) => location.hash === h, hash, { timeout: 5000 });
    await L.drained(page);
  };
  await run('go to inv', '#/invoices');
  // Arrows choose among the hits, and the query keeps the keyboard: letters typed after an arrow
  // still narrow it (ImGui's navigation took the arrows and the focus off the field).
  await page.keyboard.press('Control+K');
  await L.textFocus(page);
  await page.keyboard.type('go to', { delay: 5 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await L.drained(page);
  await page.keyboard.press('Enter');  // Helpdesk, Orders, Invoices: the third
  await page.waitForFunction(() => location.hash === '#/invoices', null, { timeout: 5000 });
  await L.click(page, 'Helpdesk##navHelpdesk');
  await page.keyboard.press('Control+K');
  await L.textFocus(page);
  await page.keyboard.type('go', { delay: 5 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.type(' to rep', { delay: 5 });
  await L.drained(page);
  await page.keyboard.press('Enter');  // "go to rep" has one hit; "go" and one down is Orders
  await page.waitForFunction(() => location.hash === '#/reports', null, { timeout: 5000 });
  await run('week', '#/timesheets/week');
  await L.find(page, '##grid-employee');  // the Week tab is open, not the list
  assert.strictEqual(await L.exists(page, 'Export CSV##ts-csv', 300), false);
  // A customer opens the list filtered on them, from the week grid too.
  await run('tanase', '#/timesheets/list');
  await L.find(page, 'Export CSV##ts-csv');
  await run('customers', '#/config/customers');  // Configuration's tab, not a customer's lines
  await L.find(page, 'Create##create-customer');
  await L.click(page, 'Helpdesk##navHelpdesk');
  await L.click(page, 'Tickets##Support');
  await run('new tick', '#/tickets/new');
  await L.find(page, 'Create##create-ticket');
  await L.shot(page, '23b-palette-new-ticket');
  // The title has the keyboard: the ticket is named without a click.
  await L.textFocus(page);
  await page.keyboard.type('Made from the palette', { delay: 5 });
  await L.drained(page);
  await L.choose(page, 'Customer', 'tanase');  // "Tănase" without its diacritics
  await L.click(page, 'Create##create-ticket');
  const s = await L.stateWhen(page, (st) => st.tickets.some((t) => t.title === 'Made from the palette'));
  const made = s.tickets.find((t) => t.title === 'Made from the palette');
  assert.ok(made, 'the ticket was created');
  assert.strictEqual(made.team, 'team.support');
  assert.ok(s.partners.some((p) => p.id === made.partner && p.name.includes('Tănase')), made.partner);
  // The timer from the keyboard: started on the ticket in view, stopped from another screen.
  await page.waitForFunction((id) => location.hash === '#/tickets/' + id, made.id, { timeout: 5000 });
  await L.choose(page, '##ts-employee', 'Ana');
  await command('start timer');
  await L.find(page, '##nav-stop-timer');
  await L.click(page, 'Reports##navReports');
  await command('stop timer');
  const timed = await L.stateWhen(page, (st) => st.timesheets.some((t) => t.ticket === made.id));
  assert.deepStrictEqual(timed.timesheets.filter((t) => t.ticket === made.id).map((t) => t.hours), ['0.25']);
  assert.ok(await L.gone(page, '##nav-stop-timer'), 'the side bar\'s stop button is gone once the time is logged');
  // What the ticket in view offers: its other stages (and its Sales Order, when it has one).
  await L.click(page, 'Reports##navReports');
  await run('made from the palette', '#/tickets/' + made.id);
  await command('solved');
  const solved = await L.stateWhen(page, (st) => st.tickets.some((t) => t.id === made.id && t.stage === 'solved'));
  assert.strictEqual(solved.tickets.find((t) => t.id === made.id).stage, 'solved');
  await run('new quot', '#/order/new');
  await L.find(page, 'Create##create-order');
  await context.close();
});

// Keyboard-first: what the order or invoice in view offers is a command of Ctrl+K too, and the
// dialogs it opens take Enter. A prepaid order goes from quotation to a paid invoice by keyboard
// (its line with Enter too).
test('Ctrl+K confirms the order in view, creates its invoice, posts it and registers its payment', async () => {
  const { context, page } = await configuredPage();
  await L.importOps(page, [{ kind: 'order.create', id: 'so', partner: 'acme' }]);
  // `hit`: the command offered, named after the record in view.
  const command = (query, hit) => paletteCommand(page, query, hit);
  await L.open(page, APP + '&nosw#/order/so');
  // The line is added with Enter in its quantity, as a ticket's timesheet row is.
  await L.choose(page, '##add-product', 'Prepaid');
  await L.type(page, '##add-qty', '10');
  await page.keyboard.press('Enter');
  await L.stateWhen(page, (st) => st.orders[0].lines.length === 1);
  assert.strictEqual((await L.state(page)).orders[0].lines[0].qty, '10.00');
  // Ctrl+K lists what the quotation offers first, but a stray Enter with nothing typed or chosen
  // runs nothing: the quotation is not confirmed by it.
  await page.keyboard.press('Control+K');
  await L.textFocus(page);
  await L.find(page, 'Confirm · S00001');
  await page.keyboard.press('Enter');
  await L.drained(page);
  assert.strictEqual((await L.state(page)).orders[0].state, 'draft');
  await page.keyboard.press('Escape');
  await L.drained(page);
  await command('confirm', 'Confirm · S00001');
  let s = await L.stateWhen(page, (st) => st.orders[0].state === 'sale');
  assert.strictEqual(s.orders[0].date_order, TODAY);
  // A confirmed order offers Create Invoice, not Confirm again.
  await page.keyboard.press('Control+K');
  await L.textFocus(page);
  await page.keyboard.type('confirm', { delay: 5 });
  await L.drained(page);
  assert.strictEqual(await L.exists(page, 'Confirm · S00001', 300), false);
  await page.keyboard.press('Escape');
  await L.drained(page);
  await command('create inv', 'Create Invoice · S00001');
  // The dialog is open and has not created anything with the Enter that chose the command.
  await L.find(page, 'Create and View Invoice##wizard-create-view');
  assert.strictEqual((await L.state(page)).invoices.length, 0);
  await L.shot(page, '23c-palette-create-invoice');
  await page.keyboard.press('Enter');
  s = await L.stateWhen(page, (st) => st.invoices.length === 1);
  await page.waitForFunction((id) => location.hash === '#/invoice/' + id, s.invoices[0].id, { timeout: 5000 });
  assert.strictEqual(s.invoices[0].amount_total, '1000.00');
  await command('post', 'Post · Draft');
  s = await L.stateWhen(page, (st) => st.invoices[0].state === 'posted');
  assert.strictEqual(s.invoices[0].name, 'INV/2026/00001');
  // Register payment: the amount due and today are filled in, the amount has the keyboard, and
  // Enter confirms.
  await command('payment', 'Register payment · INV/2026/00001');
  await L.find(page, '##confirm-payment');
  await L.shot(page, '23d-palette-register-payment');
  await L.textFocus(page);
  await page.keyboard.press('Enter');
  s = await L.stateWhen(page, (st) => st.invoices[0].payment_state === 'paid');
  assert.strictEqual(s.invoices[0].amount_residual, '0.00');
  await L.waitSaved(page);
  await context.close();
});

// Time is logged in the week grid as in Odoo's timesheet grid: the hours typed over a cell are
// what the cell shows after. One line in the cell is changed; several get an adjustment line of
// the difference; an empty day gets a new line "/". Enter, Tab and a click send; Esc does not.
// "Add a line" gives a ticket or a project with no time that week a row.
test('the week grid takes hours typed over a cell: one line changed, several adjusted, an empty day logged', async () => {
  const { context, page } = await configuredPage();
  await L.importOps(page, [
    { kind: 'ticket.create', id: 'k.w', title: 'Week work', team: 'team.support', partner: 'acme' },
    { kind: 'timesheet.log', id: 'w1', ticket: 'k.w', employee: 'ana', date: '2026-11-16', hours: '1' },
    { kind: 'timesheet.log', id: 'w2', ticket: 'k.w', employee: 'ana', date: '2026-11-17', hours: '2' },
    { kind: 'timesheet.log', id: 'w3', ticket: 'k.w', employee: 'ana', date: '2026-11-17', hours: '1' },
  ]);
  await L.open(page, APP + '&nosw#/timesheets/week');
  await L.choose(page, '##grid-employee', 'Ana');
  const lines = async () => (await L.state(page)).timesheets.filter((t) => t.ticket === 'k.w');
  // Monday: one line, typed over and sent with Enter.
  await L.type(page, '##cell-r0-d0', '1:30');
  await page.keyboard.press('Enter');
  let s = await L.stateWhen(page, (st) => st.timesheets.find((t) => t.id === 'w1').hours === '1.50');
  assert.strictEqual((await lines()).length, 3);
  // Tuesday (3 h in two lines) to 2 h, sent by Tab: an adjustment line of -1 h.
  await L.type(page, '##cell-r0-d1', '2');
  await page.keyboard.press('Tab');
  s = await L.stateWhen(page, (st) => st.timesheets.some((t) => t.description === 'Timesheet Adjustment'));
  const adj = s.timesheets.find((t) => t.description === 'Timesheet Adjustment');
  assert.deepStrictEqual([adj.date, adj.hours, adj.ticket, adj.employee], ['2026-11-17', '-1.00', 'k.w', 'ana']);
  // Tab took the keyboard to Wednesday, which is empty: typed and sent with Enter.
  await L.textFocus(page);
  await page.keyboard.type('0:45', { delay: 5 });
  await page.keyboard.press('Enter');
  s = await L.stateWhen(page, (st) => st.timesheets.some((t) => t.date === '2026-11-18' && t.ticket === 'k.w'));
  const wed = s.timesheets.find((t) => t.date === '2026-11-18' && t.ticket === 'k.w');
  assert.deepStrictEqual([wed.hours, wed.description], ['0.75', '/']);
  await L.shot(page, '26-week-grid-typed');
  // Esc takes the typing back: nothing is sent.
  await L.type(page, '##cell-r0-d0', '9');
  await page.keyboard.press('Escape');
  await L.drained(page);
  assert.strictEqual((await L.state(page)).timesheets.find((t) => t.id === 'w1').hours, '1.50');
  // Typed in Thursday, then a click on Monday's cell (drawn before it): Thursday is still sent.
  await L.type(page, '##cell-r0-d3', '2');
  await L.click(page, '##cell-r0-d0');
  s = await L.stateWhen(page, (st) => st.timesheets.some((t) => t.date === '2026-11-19' && t.ticket === 'k.w'));
  assert.strictEqual(s.timesheets.find((t) => t.date === '2026-11-19' && t.ticket === 'k.w').hours, '2.00');
  await page.keyboard.press('Escape');
  // Typed in Friday, then Ctrl+K: the palette takes the keyboard, and Friday is sent (ImGui did
  // not report the field as left).
  await L.type(page, '##cell-r0-d4', '1');
  await page.keyboard.press('Control+K');
  s = await L.stateWhen(page, (st) => st.timesheets.some((t) => t.date === '2026-11-20' && t.ticket === 'k.w'));
  assert.strictEqual(s.timesheets.find((t) => t.date === '2026-11-20' && t.ticket === 'k.w').hours, '1.00');
  await page.keyboard.press('Escape');
  // Not hours: a clear error, nothing sent.
  await L.type(page, '##cell-r0-d5', 'abc');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('announce').textContent.startsWith('Hours Spent must be'),
    null, { timeout: 5000 });
  // The message stays until it is read and closed (the Enter that sent the cell closed it unread).
  await L.settle(page, 3);
  await L.find(page, 'Close');
  await L.shot(page, '26b-week-grid-not-hours');
  await page.keyboard.press('Enter');
  await L.drained(page);
  assert.ok(await L.gone(page, 'Close'), 'the message is closed');
  assert.strictEqual((await lines()).length, 7);
  // A new week has no rows: "Add a line" gives a ticket a row, and its Monday takes hours.
  await L.click(page, '##next-week');
  await L.choose(page, '##grid-add', 'Week work');
  await L.type(page, '##cell-r0-d0', '3');
  await page.keyboard.press('Enter');
  s = await L.stateWhen(page, (st) => st.timesheets.some((t) => t.date === '2026-11-23'));
  const next = s.timesheets.find((t) => t.date === '2026-11-23');
  assert.deepStrictEqual([next.ticket, next.employee, next.hours, next.description], ['k.w', 'ana', '3.00', '/']);
  // A project takes a row too: its time is on the project itself, on no ticket or task.
  await L.importOps(page, [{ kind: 'project.create', id: 'pr.int', name: 'Internal training' }]);
  await L.choose(page, '##grid-add', 'Internal training');
  await L.type(page, '##cell-r1-d1', '1:15');
  await page.keyboard.press('Enter');
  s = await L.stateWhen(page, (st) => st.timesheets.some((t) => t.date === '2026-11-24'));
  const onProject = s.timesheets.find((t) => t.date === '2026-11-24');
  assert.deepStrictEqual([onProject.project, onProject.ticket, onProject.task, onProject.hours], ['pr.int', null, null, '1.25']);
  await L.shot(page, '26c-week-grid-added-row');
  await L.waitSaved(page);
  await context.close();
});

// Keyboard-first: Configuration's records are found by name too. A product opens its form in
// Configuration → Products, a task its form under its project; the form is the record's (its
// change lands on that record), and an empty query does not list them.
test('Ctrl+K opens a product\'s form and a task\'s form by their names', async () => {
  const { context, page } = await configuredPage();
  await L.importOps(page, [
    { kind: 'project.create', id: 'pr', name: 'Implementation' },
    { kind: 'task.create', id: 'setup', project: 'pr', name: 'Printer setup' },
  ]);
  const command = (query) => paletteCommand(page, query);
  await L.click(page, 'Helpdesk##navHelpdesk');
  await command('prepaid 10');
  await page.waitForFunction(() => location.hash === '#/config/products', null, { timeout: 5000 });
  await L.type(page, '##pe-price', '120');
  await L.shot(page, '23e-palette-product');
  await L.click(page, 'Save##save-product');
  await L.waitSaved(page);
  // The form was Prepaid 10h's: its new price reaches an order line, and Support hours keeps 90.
  await newOrder(page, 'Prepaid 10h', '1');
  await L.choose(page, '##add-product', 'Support hours');
  await L.type(page, '##add-qty', '1');
  await L.click(page, 'Add a line##add-order-line');
  const s = await L.stateWhen(page, (st) => st.orders.length === 1 && st.orders[0].lines.length === 2);
  assert.deepStrictEqual(s.orders[0].lines.map((l) => l.price_unit), ['120.00', '90.00']);
  await L.click(page, 'Helpdesk##navHelpdesk');
  await command('printer set');
  await page.waitForFunction(() => location.hash === '#/config/projects', null, { timeout: 5000 });
  await L.type(page, 'Task##tk-name', 'Printer setup, 2nd floor');
  await L.shot(page, '23f-palette-task');
  await L.click(page, 'Save##save-task');
  await L.find(page, 'Printer setup, 2nd floor##task-setup');  // the task's row under its project
  // Nothing typed: the palette lists no configuration record.
  await page.keyboard.press('Control+K');
  await L.textFocus(page);
  assert.strictEqual(await L.exists(page, 'Project: Implementation', 300), false);
  await page.keyboard.type('implem', { delay: 5 });
  await L.find(page, 'Project: Implementation');
  await page.keyboard.press('Escape');
  await context.close();
});

// Keyboard-first: Ctrl+K and what follows it at once arrive in one frame (a fast typist, or a
// slow frame). No text field had the keyboard in that frame, and ImGui dropped the characters:
// "#2" became "2". Tickets carry Odoo's reference, "Printer offline (#2)", so two tickets with
// one title stay apart, and "#2" finds its ticket first.
test('Ctrl+K typed together with "#2" keeps every character and opens ticket #2', async () => {
  const { context, page } = await configuredPage();
  await L.importOps(page, [
    // Ids without a digit: a query that lost its "#" ("2") matches neither ticket.
    { kind: 'ticket.create', id: 'ka', title: 'Printer offline', team: 'team.support', partner: 'acme' },
    { kind: 'ticket.create', id: 'kb', title: 'Printer offline', team: 'team.support', partner: 'acme' },
  ]);
  await page.evaluate(() => {
    // One task: the shortcut and the two keys typed after it are queued before the next frame.
    // Two input events, as a typist makes: losing the first ("2" finds nothing) and losing the
    // last ("#" lists both tickets) each fail below.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', ctrlKey: true, bubbles: true }));
    const field = document.getElementById('text-input');
    field.dispatchEvent(new InputEvent('input', { data: '#', bubbles: true }));
    field.dispatchEvent(new InputEvent('input', { data: '2', bubbles: true }));
  });
  await L.drained(page);
  await page.evaluate(() => {
    document.dispatchEvent(new KeyboardEvent('keyup', { key: 'k', code: 'KeyK', ctrlKey: false, bubbles: true }));
  });
  // Only ticket #2 answers "#2" (a search for "2" finds nothing here).
  await L.find(page, 'Ticket: Printer offline (#2) — Acme');
  assert.strictEqual(await L.exists(page, 'Ticket: Printer offline (#1) — Acme', 300), false);
  await L.shot(page, '23-palette-ticket-ref');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#/tickets/kb', null, { timeout: 5000 });
  await L.find(page, 'Start timer##start-timer');
  await context.close();
});

// An import says on screen what it took and what it refused, and why (it was announced to screen
// readers only). An op larger than the sync server takes (16 000 bytes, an import from another
// tool with a long member) is refused: stored, it could never be shared, and once the workspace
// was shared every request would have been refused with it, holding back the work after it.
test('an import shows what it took and why it refused an operation: one too large for the server is never stored', async () => {
  const { context } = await L.launch();
  const page = await context.newPage();
  await L.open(page, APP + '&nosw#/settings');
  const ops = [
    { kind: 'partner.create', id: 'imp-1', name: 'Imported Fine' },
    { kind: 'partner.create', id: 'imp-2', name: 'Too Large', notes: 'x'.repeat(20000) },
    { kind: 'partner.create', id: 'imp-3', name: 'Imported After' },
  ];
  await page.setInputFiles('#file-input', {
    name: 'other-tool.jsonl', mimeType: 'application/x-ndjson',
    buffer: Buffer.from(ops.map((o) => JSON.stringify(o)).join('\n') + '\n'),
  });
  // What Settings shows under Import journal (the announcement is soon replaced by "Saved").
  await page.waitForFunction(() => { Module._deskbill_wake(); return JSON.parse(UTF8ToString(Module._deskbill_told_json())).last_import; }, null, { timeout: 10000 });
  const im = JSON.parse(await page.evaluate(() => UTF8ToString(Module._deskbill_told_json()))).last_import;
  assert.deepStrictEqual([im.file, im.imported, im.refused, im.first_refused, im.code], ['other-tool.jsonl', 2, 1, 2, 'op_too_large']);
  assert.match(im.message, /^This operation is 200\d\d bytes; the sync server takes at most 16000 bytes per operation, so it could never be shared/);
  const s = await L.stateWhen(page, (x) => x.partners.length === 2);
  assert.deepStrictEqual(s.partners.map((p) => p.name).sort(), ['Imported After', 'Imported Fine']);
  await L.waitSaved(page);
  await L.shot(page, '47-import-refused-an-op-too-large');
  await context.close();
});
