// The anchor: the store a browser app would otherwise use, SQLite compiled to wasm (sql.js), in
// the same Node runtime as deskbill_bench_wasm, on the same journal. Prints one JSON line.
//
//   node sqljs_anchor.js FILE.jsonl   load every op (JSON.parse + prepared INSERTs in one
//                                     transaction), export the database, open the export
//   node sqljs_anchor.js --edits N    one more timesheet plus delivered and remaining on a line
//                                     with N timesheets; Create Invoice over N uninvoiced ones
//
// It does less than deskbill's fold: no validation, no billing rules, no delivered or invoiced
// quantities kept up to date, only rows stored and indexed. Its figures are a floor for a
// SQLite-backed app, so the ratios against deskbill are conservative.
const fs = require('fs');
const initSqlJs = require('sql.js');

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

const SCHEMA = `
  -- Every other op as a row in journal order, found by its record's id (a ticket is updated more
  -- than once: its stage moves to In Progress, then to Solved).
  CREATE TABLE records (pos INTEGER PRIMARY KEY, id TEXT, kind TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX records_id ON records(kind, id);
  CREATE TABLE order_lines (id TEXT PRIMARY KEY, order_id TEXT NOT NULL, product TEXT, qty INTEGER NOT NULL);
  CREATE INDEX order_lines_order ON order_lines(order_id);
  CREATE TABLE tickets (id TEXT PRIMARY KEY, partner TEXT, team TEXT, sale_line TEXT);
  CREATE TABLE timesheets (id TEXT PRIMARY KEY, ticket TEXT, employee TEXT, date TEXT, hours INTEGER NOT NULL,
                           sale_line TEXT, invoice TEXT);
  CREATE INDEX timesheets_line ON timesheets(sale_line, invoice);
  CREATE TABLE invoices (id TEXT PRIMARY KEY, state TEXT NOT NULL, date TEXT);`;

// Hours as integer millionths, as deskbill keeps them.
const micro = (text) => Math.round(Number(text) * 1e6);

function load(SQL, text) {
  const db = new SQL.Database();
  db.exec(SCHEMA);
  const put = db.prepare('INSERT INTO records VALUES (?, ?, ?, ?)');
  const line = db.prepare('INSERT INTO order_lines VALUES (?, ?, ?, ?)');
  const ticket = db.prepare('INSERT INTO tickets VALUES (?, ?, ?, ?)');
  // The line a timesheet bills comes from its ticket, as in the fold.
  const ts = db.prepare(`INSERT INTO timesheets SELECT ?, ?, ?, ?, ?, sale_line, NULL FROM tickets WHERE id = ?`);
  const bill = db.prepare(`UPDATE timesheets SET invoice = ? WHERE invoice IS NULL AND sale_line IN
                             (SELECT id FROM order_lines WHERE order_id = ?) AND (? IS NULL OR date <= ?)`);
  const inv = db.prepare('INSERT INTO invoices VALUES (?, ?, NULL)');
  const post = db.prepare(`UPDATE invoices SET state = 'posted', date = ? WHERE id = ?`);
  let ops = 0;
  db.exec('BEGIN');
  for (const l of text.split('\n')) {
    if (!l) continue;
    const op = JSON.parse(l);
    ++ops;
    switch (op.kind) {
      case 'timesheet.log': ts.run([op.id, op.ticket, op.employee, op.date, micro(op.hours), op.ticket]); break;
      case 'ticket.create': ticket.run([op.id, op.partner || null, op.team || null, op.sale_line || null]); break;
      case 'order.add_line': line.run([op.id, op.order, op.product, micro(op.qty)]); break;
      case 'invoice.create':
        inv.run([op.id, 'draft']);
        for (const o of op.orders) bill.run([op.id, o, op.end || null, op.end || null]);
        break;
      case 'invoice.post': post.run([op.date || null, op.id]); break;
      default: put.run([ops, op.id || null, op.kind, l]);
    }
  }
  db.exec('COMMIT');
  for (const s of [put, line, ticket, ts, bill, inv, post]) s.free();
  return { db, ops };
}

function edits(SQL, n) {
  const db = new SQL.Database();
  db.exec(SCHEMA);
  db.exec(`INSERT INTO order_lines VALUES ('l', 'o', 'p', ${1e12}); INSERT INTO tickets VALUES ('k', 'c', 't', 'l')`);
  const ts = db.prepare(`INSERT INTO timesheets SELECT ?, 'k', 'e', ?, ?, sale_line, NULL FROM tickets WHERE id = 'k'`);
  db.exec('BEGIN');
  for (let i = 0; i < n; ++i) ts.run(['t' + i, '2026-01-02', 1e6]);
  db.exec('COMMIT');
  // One more timesheet, then what the line shows: delivered and remaining.
  const sum = db.prepare(`SELECT (SELECT qty FROM order_lines WHERE id = 'l'),
                                 COALESCE(SUM(hours), 0) FROM timesheets WHERE sale_line = 'l'`);
  const repeats = 1000;
  let t0 = cpu();
  for (let r = 0; r < repeats; ++r) {
    ts.run(['x' + r, '2026-01-03', 5e5]);
    sum.step();
    const [qty, delivered] = sum.get();
    sum.reset();
    if (qty - delivered < -1e18) throw new Error('unreachable');
  }
  const oneMoreUs = (cpu() - t0) * 1e6 / repeats;
  // Create Invoice: link every uninvoiced timesheet of the line and total them.
  t0 = cpu();
  db.exec('BEGIN');
  db.exec(`INSERT INTO invoices VALUES ('inv', 'draft', NULL)`);
  db.exec(`UPDATE timesheets SET invoice = 'inv' WHERE sale_line = 'l' AND invoice IS NULL`);
  db.exec(`SELECT SUM(hours) FROM timesheets WHERE invoice = 'inv'`);
  db.exec('COMMIT');
  const invoiceMs = (cpu() - t0) * 1e3;
  ts.free(); sum.free(); db.close();
  return { line_timesheets: n, one_more_timesheet_us: oneMoreUs, create_invoice_ms: invoiceMs };
}

async function main() {
  const SQL = await initSqlJs();
  const args = process.argv.slice(2);
  if (args[0] === '--edits') {
    console.log(JSON.stringify(edits(SQL, Number(args[1]))));
    return;
  }
  if (args.length !== 1) { console.error('usage: node sqljs_anchor.js FILE.jsonl | --edits N'); process.exit(2); }
  const text = fs.readFileSync(args[0], 'utf8');
  let t0 = cpu();
  const { db, ops } = load(SQL, text);
  const loadS = cpu() - t0;
  t0 = cpu();
  const bytes = db.export();
  const exportS = cpu() - t0;
  db.close();
  t0 = cpu();
  const again = new SQL.Database(bytes);
  const rows = again.exec('SELECT COUNT(*) FROM timesheets')[0].values[0][0];
  const openS = cpu() - t0;
  again.close();
  console.log(JSON.stringify({ ops, timesheets: rows, load_s: loadS, ops_per_s: Math.round(ops / loadS),
    us_per_op: loadS * 1e6 / ops, export_s: exportS, open_s: openS, database_bytes: bytes.length }));
}

main().catch((e) => { console.error(e); process.exit(1); });
