// An order, an invoice, a ticket and a timesheet as the members of their JSON value, in nlohmann's
// (sorted) key order, given one by one to a sink: order_to_json builds the tree from them, the
// streamed state JSON writes their text, and the state hash hashes them as they come (no tree at
// all), so these cannot describe a record differently. A sink has object(members), key(name),
// end_object(), array(), end_array(), string(text), null() and boolean(b), and the typed values
// of FormattedValues (ref, day, hours, text, literal). An object's member count comes first
// because the hash's words begin with it; its end, because the tree and the text close it there.
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

// The typed values of a walk (a record's id, a day, hours, a text of the pool, a string literal),
// written as strings for a sink that has string() and null() and derives from this. The state
// hash's sink for tickets and timesheets has its own, which cache the words of repeated values.
template <class Sink>
class FormattedValues {
 public:
  template <class T, class TRows, class TPool>
  void ref(const State& s, const Table<T, TRows, TPool>& t, uint32_t rec) {
    if (rec == kNone)
      self().null();
    else
      self().string(s.id_of(t, rec));
  }
  void day(Day d) { self().string(format_day(d)); }
  void hours(Qty q) { decimal(q, 6, 2); }
  // An amount, a quantity (two decimals shown) or a decimal, formatted without a string of its own.
  void decimal(int64_t v, int decimals, int shown) {
    DecimalText t;
    self().string(format_decimal_into(t, v, decimals, shown));
  }
  void money(Money m) { decimal(m, 2, 2); }
  void qty(Qty q) { decimal(q, 6, 2); }
  void text(const State& s, Text t) { self().string(s.str(t)); }
  void text(const State& s, TsText t) { self().string(s.str(t)); }
  void literal(const char* c) { self().string(c); }

 private:
  Sink& self() { return static_cast<Sink&>(*this); }
};

template <class Out>
void walk_taxes(const State& s, const TaxSet& t, Out& out) {
  out.array();
  for (uint32_t id : t.ids)
    if (id != kNone) out.string(s.taxes.ids.id_of(s.text, id));
  out.end_array();
}

// A section or a note, on an order or an invoice: its id, kind and name only.
template <class Out, class Line>
void walk_text_line(const State& s, const Table<Line>& t, uint32_t rec, const Line& line, Out& out) {
  out.object(3);
  out.key("id"), out.ref(s, t, rec);
  out.key("kind"), out.string(line_kind_name(line.kind));
  out.key("name"), out.text(s, line.name);
  out.end_object();
}

template <class Out>
void walk_order_line(const State& s, uint32_t li, Out& out) {
  const OrderLine& l = s.lines.rows[li];
  if (l.kind != LineKind::Product && l.kind != LineKind::DownPayment) return walk_text_line(s, s.lines, li, l, out);
  out.object(19);
  out.key("discount"), out.decimal(l.discount_bp, 2, 2);
  out.key("id"), out.ref(s, s.lines, li);
  out.key("invoice_status"), out.string(to_string(line_status(s, li)));
  out.key("kind"), out.string(line_kind_name(l.kind));
  out.key("name"), out.text(s, l.name);
  out.key("over_prepaid_hours"), out.boolean(over_prepaid(s, li));
  out.key("price_unit"), out.money(l.price);
  out.key("product"), out.ref(s, s.products, l.product);
  out.key("qty"), out.qty(l.qty);
  out.key("qty_delivered"), out.qty(qty_delivered(s, li));
  out.key("qty_invoiced"), out.qty(qty_invoiced(s, li));
  out.key("qty_to_invoice"), out.qty(qty_to_invoice(s, li));
  out.key("remaining_hours");
  if (remaining_hours_available(s, li))
    out.qty(remaining_hours(s, li));
  else
    out.null();
  out.key("subtotal"), out.money(line_amounts(s, l.price, l.qty, l.discount_bp, l.taxes).subtotal);
  out.key("task"), out.ref(s, s.tasks, l.task);
  out.key("taxes"), walk_taxes(s, l.taxes, out);
  out.key("untaxed_amount_invoiced"), out.money(untaxed_amount_invoiced(s, li));
  out.key("untaxed_amount_to_invoice"), out.money(untaxed_amount_to_invoice(s, li));
  out.key("uom"), out.ref(s, s.uoms, l.uom);
  out.end_object();
}

template <class Out>
void walk_order(const State& s, uint32_t o, Out& out) {
  const Order& ord = s.orders.rows[o];
  InvoiceTotals totals = order_totals(s, o);
  out.object(11);
  out.key("amount_total"), out.money(totals.total);
  out.key("amount_untaxed"), out.money(totals.untaxed);
  out.key("date_order"), out.day(ord.date_order);
  out.key("id"), out.ref(s, s.orders, o);
  out.key("invoice_status"), out.string(to_string(order_status(s, o)));
  out.key("lines"), out.array();
  for (uint32_t li = ord.line_head; li != kNone; li = s.lines.rows[li].next)
    if (!s.lines.rows[li].deleted) walk_order_line(s, li, out);
  out.end_array();
  out.key("locked"), out.boolean(ord.locked);
  out.key("name"), out.string(order_name(s, o));
  out.key("over_prepaid_hours"), out.boolean(order_over_prepaid(s, o));
  out.key("partner"), out.ref(s, s.partners, ord.partner);
  out.key("state"), out.string(to_string(ord.state));
  out.end_object();
}

template <class Out>
void walk_invoice_line(const State& s, uint32_t il, Out& out) {
  const InvoiceLine& x = s.invoice_lines.rows[il];
  if (x.kind != LineKind::Product && x.kind != LineKind::DownPayment)
    return walk_text_line(s, s.invoice_lines, il, x, out);
  LineAmounts am = line_amounts(s, x.price, x.qty, x.discount_bp, x.taxes);
  out.object(12);
  out.key("discount"), out.decimal(x.discount_bp, 2, 2);
  out.key("id"), out.ref(s, s.invoice_lines, il);
  out.key("kind"), out.string(line_kind_name(x.kind));
  out.key("name"), out.text(s, x.name);
  out.key("price_subtotal"), out.money(am.subtotal);
  out.key("price_total"), out.money(am.total);
  out.key("price_unit"), out.money(x.price);
  out.key("product"), out.ref(s, s.products, x.product);
  out.key("quantity"), out.qty(x.qty);
  out.key("sale_line"), out.ref(s, s.lines, x.sale_line);
  out.key("taxes"), walk_taxes(s, x.taxes, out);
  out.key("uom"), out.ref(s, s.uoms, x.uom);
  out.end_object();
}

template <class Out>
void walk_invoice(const State& s, uint32_t i, Out& out) {
  const Invoice& inv = s.invoices.rows[i];
  InvoiceTotals t = invoice_totals(s, i);
  out.object(inv.due != kNoDay ? 17 : 16);
  out.key("amount_paid"), out.money(inv.paid);
  out.key("amount_residual"), out.money(invoice_residual(s, i));
  out.key("amount_tax"), out.money(t.tax);
  out.key("amount_total"), out.money(t.total);
  out.key("amount_untaxed"), out.money(t.untaxed);
  out.key("date"), out.day(inv.date);
  out.key("down_payment"), out.boolean(inv.down_payment);
  if (inv.due != kNoDay) out.key("due"), out.day(inv.due);
  out.key("id"), out.ref(s, s.invoices, i);
  out.key("lines"), out.array();
  for (uint32_t il = inv.line_head; il != kNone; il = s.invoice_lines.rows[il].next)
    if (!s.invoice_lines.rows[il].deleted) walk_invoice_line(s, il, out);
  out.end_array();
  out.key("name"), out.string(invoice_name(s, i));
  out.key("partner"), out.ref(s, s.partners, inv.partner);
  out.key("payment_state"), out.string(to_string(payment_state(s, i)));
  out.key("reversed_entry"), out.ref(s, s.invoices, inv.reversed_entry);
  out.key("state"), out.string(inv.deleted ? "deleted" : to_string(inv.state));
  out.key("taxes"), out.array();
  for (const TaxAmount& ta : t.by_tax) {
    out.object(3);
    out.key("amount"), out.money(ta.amount);
    out.key("base"), out.money(ta.base);
    out.key("tax"), out.ref(s, s.taxes, ta.tax);
    out.end_object();
  }
  out.end_array();
  out.key("type"), out.string(inv.type == MoveType::Refund ? "out_refund" : "out_invoice");
  out.end_object();
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
  out.key("assignee"), out.ref(s, s.employees, t.assignee);
  out.key("hours_spent"), out.hours(hours_spent);
  out.key("id"), out.ref(s, s.tickets, k);
  out.key("partner"), out.ref(s, s.partners, t.partner);
  out.key("remaining_hours_so"), out.hours(ticket_remaining_hours(s, k));
  out.key("sale_line"), out.ref(s, s.lines, t.sale_line);
  out.key("stage"), out.literal(to_string(t.stage));
  out.key("task"), out.ref(s, s.tasks, t.task);
  out.key("team"), out.ref(s, s.teams, t.team);
  out.key("title"), out.text(s, t.title);
  out.end_object();
}

template <class Out>
void walk_timesheet(const State& s, uint32_t i, Out& out) {
  const Timesheet& t = s.timesheets.rows[i];
  out.object(13);
  out.key("billed"), out.boolean(timesheet_billed(s, i));
  out.key("date"), out.day(t.date);
  out.key("description"), out.text(s, t.description);
  out.key("employee"), out.ref(s, s.employees, t.employee);
  out.key("hours"), out.hours(t.hours);
  out.key("id"), out.ref(s, s.timesheets, i);
  out.key("invoice"), out.ref(s, s.invoices, t.invoice);
  out.key("partner"), out.ref(s, s.partners, timesheet_partner(s, i));
  out.key("project"), out.ref(s, s.projects, t.project);
  out.key("sale_line"), out.ref(s, s.lines, t.sale_line);
  out.key("task"), out.ref(s, s.tasks, t.task);
  out.key("ticket"), out.ref(s, s.tickets, t.ticket);
  out.key("timesheet_invoice_type"), out.literal(timesheet_invoice_type(s, t));
  out.end_object();
}

}  // namespace deskbill
