// An order, an invoice, a ticket and a timesheet as the members of their JSON value, in nlohmann's
// (sorted) key order, given one by one to a sink: order_to_json builds the tree from them, the
// streamed state JSON writes their text, and the state hash hashes orders and invoices as they
// come (no tree at all), so these cannot describe a record differently. (The hash of a ticket and
// a timesheet is written by hand in core/state_hash.cpp: a million timesheets need its caches of
// formatted values; a test compares it with the tree's.) A sink has
// object(members), key(name), array(), end() (of an array), string(text), null() and
// boolean(b); an object's member count comes first because the hash's words begin with it.
#pragma once
#include <string>
#include <string_view>

#include "core/billing.h"
#include "core/dates.h"
#include "core/names.h"
#include "core/numeric.h"
#include "core/state.h"
#include "core/tax_math.h"

namespace deskbill {

inline const char* line_kind_name(LineKind k) {
  switch (k) {
    case LineKind::Product:
      return "product";
    case LineKind::Section:
      return "section";
    case LineKind::Note:
      return "note";
    case LineKind::DownPayment:
      return "down_payment";
  }
  return "?";
}

template <class Out, class T>
void walk_ref(const State& s, const Table<T>& t, uint32_t rec, Out& out) {
  if (rec == kNone)
    out.null();
  else
    out.string(t.ids.id_of(s.text, rec));
}

template <class Out>
void walk_taxes(const State& s, const TaxSet& t, Out& out) {
  out.array();
  for (uint32_t id : t.ids)
    if (id != kNone) out.string(s.taxes.ids.id_of(s.text, id));
  out.end();
}

// A section or a note, on an order or an invoice: its id, kind and name only.
template <class Out, class Line>
void walk_text_line(const State& s, const Table<Line>& t, uint32_t rec, const Line& line, Out& out) {
  out.object(3);
  out.key("id"), walk_ref(s, t, rec, out);
  out.key("kind"), out.string(line_kind_name(line.kind));
  out.key("name"), out.string(s.str(line.name));
}

template <class Out>
void walk_order_line(const State& s, uint32_t li, Out& out) {
  const OrderLine& l = s.lines.rows[li];
  if (l.kind != LineKind::Product && l.kind != LineKind::DownPayment) return walk_text_line(s, s.lines, li, l, out);
  out.object(19);
  out.key("discount"), out.string(format_decimal(l.discount_bp, 2, 2));
  out.key("id"), walk_ref(s, s.lines, li, out);
  out.key("invoice_status"), out.string(to_string(line_status(s, li)));
  out.key("kind"), out.string(line_kind_name(l.kind));
  out.key("name"), out.string(s.str(l.name));
  out.key("over_prepaid_hours"), out.boolean(over_prepaid(s, li));
  out.key("price_unit"), out.string(format_money(l.price));
  out.key("product"), walk_ref(s, s.products, l.product, out);
  out.key("qty"), out.string(format_qty(l.qty));
  out.key("qty_delivered"), out.string(format_qty(qty_delivered(s, li)));
  out.key("qty_invoiced"), out.string(format_qty(qty_invoiced(s, li)));
  out.key("qty_to_invoice"), out.string(format_qty(qty_to_invoice(s, li)));
  out.key("remaining_hours");
  if (remaining_hours_available(s, li))
    out.string(format_qty(remaining_hours(s, li)));
  else
    out.null();
  out.key("subtotal"), out.string(format_money(line_amounts(s, l.price, l.qty, l.discount_bp, l.taxes).subtotal));
  out.key("task"), walk_ref(s, s.tasks, l.task, out);
  out.key("taxes"), walk_taxes(s, l.taxes, out);
  out.key("untaxed_amount_invoiced"), out.string(format_money(untaxed_amount_invoiced(s, li)));
  out.key("untaxed_amount_to_invoice"), out.string(format_money(untaxed_amount_to_invoice(s, li)));
  out.key("uom"), walk_ref(s, s.uoms, l.uom, out);
}

template <class Out>
void walk_order(const State& s, uint32_t o, Out& out) {
  const Order& ord = s.orders.rows[o];
  InvoiceTotals totals = order_totals(s, o);
  out.object(11);
  out.key("amount_total"), out.string(format_money(totals.total));
  out.key("amount_untaxed"), out.string(format_money(totals.untaxed));
  out.key("date_order"), out.string(format_day(ord.date_order));
  out.key("id"), walk_ref(s, s.orders, o, out);
  out.key("invoice_status"), out.string(to_string(order_status(s, o)));
  out.key("lines"), out.array();
  for (uint32_t li = ord.line_head; li != kNone; li = s.lines.rows[li].next)
    if (!s.lines.rows[li].deleted) walk_order_line(s, li, out);
  out.end();
  out.key("locked"), out.boolean(ord.locked);
  out.key("name"), out.string(order_name(s, o));
  out.key("over_prepaid_hours"), out.boolean(order_over_prepaid(s, o));
  out.key("partner"), walk_ref(s, s.partners, ord.partner, out);
  out.key("state"), out.string(to_string(ord.state));
}

template <class Out>
void walk_invoice_line(const State& s, uint32_t il, Out& out) {
  const InvoiceLine& x = s.invoice_lines.rows[il];
  if (x.kind != LineKind::Product && x.kind != LineKind::DownPayment)
    return walk_text_line(s, s.invoice_lines, il, x, out);
  LineAmounts am = line_amounts(s, x.price, x.qty, x.discount_bp, x.taxes);
  out.object(12);
  out.key("discount"), out.string(format_decimal(x.discount_bp, 2, 2));
  out.key("id"), walk_ref(s, s.invoice_lines, il, out);
  out.key("kind"), out.string(line_kind_name(x.kind));
  out.key("name"), out.string(s.str(x.name));
  out.key("price_subtotal"), out.string(format_money(am.subtotal));
  out.key("price_total"), out.string(format_money(am.total));
  out.key("price_unit"), out.string(format_money(x.price));
  out.key("product"), walk_ref(s, s.products, x.product, out);
  out.key("quantity"), out.string(format_qty(x.qty));
  out.key("sale_line"), walk_ref(s, s.lines, x.sale_line, out);
  out.key("taxes"), walk_taxes(s, x.taxes, out);
  out.key("uom"), walk_ref(s, s.uoms, x.uom, out);
}

template <class Out>
void walk_invoice(const State& s, uint32_t i, Out& out) {
  const Invoice& inv = s.invoices.rows[i];
  InvoiceTotals t = invoice_totals(s, i);
  out.object(inv.due != kNoDay ? 17 : 16);
  out.key("amount_paid"), out.string(format_money(inv.paid));
  out.key("amount_residual"), out.string(format_money(invoice_residual(s, i)));
  out.key("amount_tax"), out.string(format_money(t.tax));
  out.key("amount_total"), out.string(format_money(t.total));
  out.key("amount_untaxed"), out.string(format_money(t.untaxed));
  out.key("date"), out.string(format_day(inv.date));
  out.key("down_payment"), out.boolean(inv.down_payment);
  if (inv.due != kNoDay) out.key("due"), out.string(format_day(inv.due));
  out.key("id"), walk_ref(s, s.invoices, i, out);
  out.key("lines"), out.array();
  for (uint32_t il = inv.line_head; il != kNone; il = s.invoice_lines.rows[il].next)
    if (!s.invoice_lines.rows[il].deleted) walk_invoice_line(s, il, out);
  out.end();
  out.key("name"), out.string(invoice_name(s, i));
  out.key("partner"), walk_ref(s, s.partners, inv.partner, out);
  out.key("payment_state"), out.string(to_string(payment_state(s, i)));
  out.key("reversed_entry"), walk_ref(s, s.invoices, inv.reversed_entry, out);
  out.key("state"), out.string(inv.deleted ? "deleted" : to_string(inv.state));
  out.key("taxes"), out.array();
  for (const TaxAmount& ta : t.by_tax) {
    out.object(3);
    out.key("amount"), out.string(format_money(ta.amount));
    out.key("base"), out.string(format_money(ta.base));
    out.key("tax"), walk_ref(s, s.taxes, ta.tax, out);
  }
  out.end();
  out.key("type"), out.string(inv.type == MoveType::Refund ? "out_refund" : "out_invoice");
}

// A ticket's hours spent: the sum over its timesheet list.
inline Qty ticket_hours_spent(const State& s, uint32_t k) {
  Qty spent = 0;
  for (uint32_t ts = s.tickets.rows[k].ts_head; ts != kNone; ts = s.timesheets.rows[ts].tk_next)
    spent += s.timesheets.rows[ts].hours;
  return spent;
}

// hours_spent: ticket_hours_spent(s, k), or the same sum made for all tickets in one pass.
template <class Out>
void walk_ticket(const State& s, uint32_t k, Qty hours_spent, Out& out) {
  const Ticket& t = s.tickets.rows[k];
  out.object(10);
  out.key("assignee"), walk_ref(s, s.employees, t.assignee, out);
  out.key("hours_spent"), out.string(format_qty(hours_spent, 2));
  out.key("id"), walk_ref(s, s.tickets, k, out);
  out.key("partner"), walk_ref(s, s.partners, t.partner, out);
  out.key("remaining_hours_so"), out.string(format_qty(ticket_remaining_hours(s, k), 2));
  out.key("sale_line"), walk_ref(s, s.lines, t.sale_line, out);
  out.key("stage"), out.string(to_string(t.stage));
  out.key("task"), walk_ref(s, s.tasks, t.task, out);
  out.key("team"), walk_ref(s, s.teams, t.team, out);
  out.key("title"), out.string(s.str(t.title));
}

template <class Out>
void walk_timesheet(const State& s, uint32_t i, Out& out) {
  const Timesheet& t = s.timesheets.rows[i];
  out.object(13);
  out.key("billed"), out.boolean(timesheet_billed(s, i));
  out.key("date"), out.string(format_day(t.date));
  out.key("description"), out.string(s.str(t.description));
  out.key("employee"), walk_ref(s, s.employees, t.employee, out);
  out.key("hours"), out.string(format_qty(t.hours, 2));
  out.key("id"), walk_ref(s, s.timesheets, i, out);
  out.key("invoice"), walk_ref(s, s.invoices, t.invoice, out);
  out.key("partner"), walk_ref(s, s.partners, timesheet_partner(s, i), out);
  out.key("project"), walk_ref(s, s.projects, t.project, out);
  out.key("sale_line"), walk_ref(s, s.lines, t.sale_line, out);
  out.key("task"), walk_ref(s, s.tasks, t.task, out);
  out.key("ticket"), walk_ref(s, s.tickets, t.ticket, out);
  out.key("timesheet_invoice_type"), out.string(timesheet_invoice_type(s, t));
}

}  // namespace deskbill
