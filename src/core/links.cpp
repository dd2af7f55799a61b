#include "core/links.h"

#include <algorithm>

#include "core/billing.h"

namespace deskbill {

// The line's open list no longer holds (State::line_open): made again where it is next read.
static void open_list_changed(State& s, uint32_t line) {
  if (line >= s.line_open.size()) return;
  s.line_open[line].stale = true;
  s.line_open[line].ts.clear();
}

static void unlink_from_line(State& s, uint32_t ts) {
  Timesheet& t = s.timesheets.rows[ts];
  if (t.sale_line == kNone) return;
  OrderLine& l = s.lines.rows[t.sale_line];
  if (t.sol_prev != kNone)
    s.timesheets.rows[t.sol_prev].sol_next = t.sol_next;
  else
    l.ts_head = t.sol_next;
  if (t.sol_next != kNone)
    s.timesheets.rows[t.sol_next].sol_prev = t.sol_prev;
  else
    l.ts_tail = t.sol_prev;
  l.ts_hours -= t.hours;
  if (l.ts_billed_upto == ts) l.ts_billed_upto = t.sol_prev;  // the prefix before it stays billed
  // It may be on the open list, anywhere: finding it there would cost a line's open timesheets
  // for each one moved, and a task's new line moves all of its timesheets at once.
  open_list_changed(s, t.sale_line);
  t.sol_prev = t.sol_next = kNone;
  t.sale_line = kNone;
}

uint32_t first_unsettled_timesheet(const State& s, uint32_t line) {
  const OrderLine& l = s.lines.rows[line];
  return l.ts_billed_upto == kNone ? l.ts_head : s.timesheets.rows[l.ts_billed_upto].sol_next;
}

bool timesheet_billed_for_good(const State& s, uint32_t ts) {
  const Timesheet& t = s.timesheets.rows[ts];
  if (t.invoice == kNone) return false;
  const Invoice& inv = s.invoices.rows[t.invoice];
  if (inv.deleted || inv.state == MoveState::Cancel) return false;
  for (uint32_t r = inv.reversal_head; r != kNone; r = s.invoices.rows[r].next_reversal)
    if (!s.invoices.rows[r].deleted && s.invoices.rows[r].state == MoveState::Posted) return false;
  return true;
}

const std::vector<uint32_t>& open_timesheets(State& s, uint32_t line) {
  if (s.line_open.size() <= line) s.line_open.resize(std::max<size_t>(s.lines.size(), line + 1));
  State::OpenTimesheets& open = s.line_open[line];
  if (open.stale) {
    open.ts.clear();
    for (uint32_t ts = first_unsettled_timesheet(s, line); ts != kNone; ts = s.timesheets.rows[ts].sol_next)
      open.ts.push_back(ts);
    open.stale = false;
  }
  return open.ts;
}

void advance_billed_upto(State& s, uint32_t line) {
  const std::vector<uint32_t>& open = open_timesheets(s, line);
  size_t settled = 0;
  while (settled < open.size() && timesheet_billed_for_good(s, open[settled])) ++settled;
  if (settled == 0) return;
  s.lines.rows[line].ts_billed_upto = open[settled - 1];
  std::vector<uint32_t>& ts = s.line_open[line].ts;
  ts.erase(ts.begin(), ts.begin() + static_cast<std::ptrdiff_t>(settled));
}

void reset_billed_upto(State& s, uint32_t line) {
  s.lines.rows[line].ts_billed_upto = kNone;
  open_list_changed(s, line);
}

void forget_billed_upto(State& s, uint32_t invoice) {
  for (uint32_t il = s.invoices.rows[invoice].line_head; il != kNone; il = s.invoice_lines.rows[il].next)
    if (s.invoice_lines.rows[il].sale_line != kNone) reset_billed_upto(s, s.invoice_lines.rows[il].sale_line);
}

void set_timesheet_line(State& s, uint32_t ts, uint32_t line) {
  Timesheet& t = s.timesheets.rows[ts];
  if (t.sale_line == line) return;
  unlink_from_line(s, ts);
  if (line == kNone) return;
  OrderLine& l = s.lines.rows[line];
  // A line's first timesheet is all of its open list: kept from here, not walked at its invoice.
  if (l.ts_head == kNone) {
    if (s.line_open.size() <= line) s.line_open.resize(std::max<size_t>(s.lines.size(), line + 1));
    s.line_open[line] = State::OpenTimesheets{{}, false};
  }
  t.sale_line = line;
  t.sol_prev = l.ts_tail;
  t.sol_next = kNone;
  if (l.ts_tail != kNone)
    s.timesheets.rows[l.ts_tail].sol_next = ts;
  else
    l.ts_head = ts;
  l.ts_tail = ts;
  l.ts_hours += t.hours;
  // After the tail, so after ts_billed_upto: open until an invoice settles it.
  if (line < s.line_open.size() && !s.line_open[line].stale) s.line_open[line].ts.push_back(ts);
}

void set_timesheet_hours(State& s, uint32_t ts, Qty hours) {
  Timesheet& t = s.timesheets.rows[ts];
  if (t.sale_line != kNone) s.lines.rows[t.sale_line].ts_hours += hours - t.hours;
  t.hours = hours;
}

void attach_to_ticket(State& s, uint32_t ts, uint32_t ticket) {
  Timesheet& t = s.timesheets.rows[ts];
  Ticket& k = s.tickets.rows[ticket];
  t.ticket = ticket;
  t.tk_prev = k.ts_tail;
  t.tk_next = kNone;
  if (k.ts_tail != kNone)
    s.timesheets.rows[k.ts_tail].tk_next = ts;
  else
    k.ts_head = ts;
  k.ts_tail = ts;
}

void detach_from_ticket(State& s, uint32_t ts) {
  Timesheet& t = s.timesheets.rows[ts];
  if (t.ticket == kNone) return;
  Ticket& k = s.tickets.rows[t.ticket];
  if (t.tk_prev != kNone)
    s.timesheets.rows[t.tk_prev].tk_next = t.tk_next;
  else
    k.ts_head = t.tk_next;
  if (t.tk_next != kNone)
    s.timesheets.rows[t.tk_next].tk_prev = t.tk_prev;
  else
    k.ts_tail = t.tk_prev;
  t.tk_prev = t.tk_next = kNone;
}

static void append_to(std::vector<std::vector<uint32_t>>& lists, uint32_t owner, uint32_t ts) {
  if (lists.size() <= owner) lists.resize(owner + 1);
  lists[owner].push_back(ts);
}

void index_ticketless_timesheet(State& s, uint32_t ts) {
  const Timesheet& t = s.timesheets.rows[ts];
  if (t.ticket != kNone) return;
  if (t.task != kNone)
    append_to(s.task_timesheets, t.task, ts);
  else if (t.project != kNone)
    append_to(s.project_timesheets, t.project, ts);
}

void derive_timesheet_indexes(State& s) {
  s.line_open.clear();  // each made again where it is first read
  s.task_timesheets.clear();
  s.project_timesheets.clear();
  std::vector<uint32_t>& counts = s.invoice_timesheet_counts;
  counts.assign(s.invoices.size(), 0);
  for (uint32_t ts = 0; ts < s.timesheets.size(); ++ts) {
    const Timesheet& t = s.timesheets.rows[ts];
    if (t.invoice < counts.size()) ++counts[t.invoice];
    if (t.ticket == kNone) index_ticketless_timesheet(s, ts);
  }
}

void set_timesheet_invoice(State& s, uint32_t ts, uint32_t invoice) {
  uint32_t& link = s.timesheets.rows[ts].invoice;
  std::vector<uint32_t>& counts = s.invoice_timesheet_counts;
  if (link != kNone && link < counts.size() && counts[link] > 0) --counts[link];
  if (invoice != kNone) {
    if (counts.size() <= invoice) counts.resize(std::max<size_t>(s.invoices.size(), invoice + 1));
    ++counts[invoice];
  }
  link = invoice;
}

uint32_t timesheets_of_invoice_count(const State& s, uint32_t invoice) {
  return invoice < s.invoice_timesheet_counts.size() ? s.invoice_timesheet_counts[invoice] : 0;
}

void unlink_invoice_timesheets(State& s, uint32_t invoice) {
  uint32_t left = timesheets_of_invoice_count(s, invoice);
  for (uint32_t il = s.invoices.rows[invoice].line_head; il != kNone && left > 0; il = s.invoice_lines.rows[il].next) {
    uint32_t sol = s.invoice_lines.rows[il].sale_line;
    if (sol == kNone) continue;
    for (uint32_t ts = s.lines.rows[sol].ts_head; ts != kNone && left > 0; ts = s.timesheets.rows[ts].sol_next)
      if (s.timesheets.rows[ts].invoice == invoice) set_timesheet_invoice(s, ts, kNone), --left;
  }
  for (uint32_t ts = 0; ts < s.timesheets.size() && left > 0; ++ts)
    if (s.timesheets.rows[ts].invoice == invoice) set_timesheet_invoice(s, ts, kNone), --left;
}

static const std::vector<uint32_t>& list_of(const std::vector<std::vector<uint32_t>>& lists, uint32_t owner) {
  static const std::vector<uint32_t> kEmpty;
  return owner < lists.size() ? lists[owner] : kEmpty;
}

const std::vector<uint32_t>& ticketless_timesheets_of_task(const State& s, uint32_t task) {
  return list_of(s.task_timesheets, task);
}

const std::vector<uint32_t>& ticketless_timesheets_of_project(const State& s, uint32_t project) {
  return list_of(s.project_timesheets, project);
}

void append_order_line(State& s, uint32_t order, uint32_t line) {
  Order& o = s.orders.rows[order];
  s.lines.rows[line].order = order;
  if (o.line_tail != kNone)
    s.lines.rows[o.line_tail].next = line;
  else
    o.line_head = line;
  o.line_tail = line;
}

void append_invoice_line(State& s, uint32_t invoice, uint32_t il) {
  Invoice& v = s.invoices.rows[invoice];
  InvoiceLine& l = s.invoice_lines.rows[il];
  l.invoice = invoice;
  if (v.line_tail != kNone)
    s.invoice_lines.rows[v.line_tail].next = il;
  else
    v.line_head = il;
  v.line_tail = il;
  if (l.sale_line != kNone) {
    OrderLine& sol = s.lines.rows[l.sale_line];
    if (sol.il_tail != kNone)
      s.invoice_lines.rows[sol.il_tail].sol_next = il;
    else
      sol.il_head = il;
    sol.il_tail = il;
  }
}

void add_order_to_customer(State& s, uint32_t order) {
  uint32_t cp = commercial_partner(s, s.orders.rows[order].partner);
  s.orders.rows[order].next_of_customer = s.partners.rows[cp].order_head;
  s.partners.rows[cp].order_head = order;
}

void add_reversal(State& s, uint32_t original, uint32_t credit_note) {
  s.invoices.rows[credit_note].next_reversal = s.invoices.rows[original].reversal_head;
  s.invoices.rows[original].reversal_head = credit_note;
}

}  // namespace deskbill
