const L = require('./lib.js');
(async () => {
  const { context } = await L.launch();
  const page = await context.newPage();
  await L.open(page, process.argv[2] + '?test&nosw&today=2026-11-20#/settings');
  await L.click(page, 'Load demo data##demo');
  await L.waitSaved(page, 30000);
  const routes = ['#/helpdesk', '#/team/team.eu', '#/tickets/k1', '#/orders', '#/orders/o0', '#/invoices', '#/invoices/i0', '#/timesheets/list', '#/timesheets/week', '#/reports', '#/conflicts', '#/settings', '#/config/products', '#/config/customers'];
  let i = 0;
  for (const r of routes) {
    await page.evaluate((h) => { window.location.hash = h; }, r);
    await page.mouse.move(300, 300);
    await L.settle(page, 3);
    await L.shot(page, 'tour-' + String(i++).padStart(2, '0') + '-' + r.replace(/[^a-z0-9]+/g, '_'));
  }
  await context.close();
})();
