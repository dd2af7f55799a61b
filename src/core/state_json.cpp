#include "core/state_json.h"

#include "core/billing.h"
#include "core/names.h"
#include "core/tax_math.h"

namespace deskbill {
namespace {
using nlohmann::json;

template <class T>
json ref(const State& s, const Table<T>& t, uint32_t rec) {
  return rec == kNone ? json(nullptr) : json(std::string(t.ids.id_of(s.text, rec)));
}
std::string q(Qty v) { return format_qty(v, 2); }
std::string m(Money v) { return format_money(v); }
const char* kind_name(LineKind k) {
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
json taxes_json(const State& s, const TaxSet& t) {
  json out = json::array();
  for (uint32_t id : t.ids)
    if (id != kNone) out.push_back(std::string(s.taxes.ids.id_of(s.text, id)));
  return out;
}
}  // namespace

json order_to_json(const State& s, uint32_t o) {
  const Order& ord = s.orders.rows[o];
  json lines = json::array();
  for (uint32_t li = ord.line_head; li != kNone; li = s.lines.rows[li].next) {
    const OrderLine& l = s.lines.rows[li];
    if (l.deleted) continue;
    json j = {{"id", ref(s, s.lines, li)}, {"kind", kind_name(l.kind)}, {"name", s.str(l.name)}};
    if (l.kind == LineKind::Product || l.kind == LineKind::DownPayment) {
      j["product"] = ref(s, s.products, l.product);
      j["qty"] = q(l.qty);
      j["uom"] = ref(s, s.uoms, l.uom);
      j["price_unit"] = m(l.price);
      j["discount"] = format_decimal(l.discount_bp, 2, 2);
      j["taxes"] = taxes_json(s, l.taxes);
      j["subtotal"] = m(line_amounts(s, l.price, l.qty, l.discount_bp, l.taxes).subtotal);
      j["qty_delivered"] = q(qty_delivered(s, li));
      j["qty_invoiced"] = q(qty_invoiced(s, li));
      j["qty_to_invoice"] = q(qty_to_invoice(s, li));
      j["invoice_status"] = to_string(line_status(s, li));
      j["untaxed_amount_invoiced"] = m(untaxed_amount_invoiced(s, li));
      j["untaxed_amount_to_invoice"] = m(untaxed_amount_to_invoice(s, li));
      j["remaining_hours"] =
          remaining_hours_available(s, li) ? json(format_qty(remaining_hours(s, li), 2)) : json(nullptr);
      j["over_prepaid_hours"] = over_prepaid(s, li);
      j["task"] = ref(s, s.tasks, l.task);
    }
    lines.push_back(j);
  }
  InvoiceTotals totals = order_totals(s, o);
  return {{"id", ref(s, s.orders, o)},
          {"name", order_name(s, o)},
          {"partner", ref(s, s.partners, ord.partner)},
          {"state", to_string(ord.state)},
          {"locked", ord.locked},
          {"date_order", format_day(ord.date_order)},
          {"invoice_status", to_string(order_status(s, o))},
          {"over_prepaid_hours", order_over_prepaid(s, o)},
          {"amount_untaxed", m(totals.untaxed)},
          {"amount_total", m(totals.total)},
          {"lines", lines}};
}

json invoice_to_json(const State& s, uint32_t i) {
  const Invoice& inv = s.invoices.rows[i];
  json lines = json::array();
  for (uint32_t il = inv.line_head; il != kNone; il = s.invoice_lines.rows[il].next) {
    const InvoiceLine& x = s.invoice_lines.rows[il];
    if (x.deleted) continue;
    json j = {{"id", ref(s, s.invoice_lines, il)}, {"kind", kind_name(x.kind)}, {"name", s.str(x.name)}};
    if (x.kind == LineKind::Product || x.kind == LineKind::DownPayment) {
      auto am = line_amounts(s, x.price, x.qty, x.discount_bp, x.taxes);
      j["sale_line"] = ref(s, s.lines, x.sale_line);
      j["product"] = ref(s, s.products, x.product);
      j["quantity"] = q(x.qty);
      j["uom"] = ref(s, s.uoms, x.uom);
      j["price_unit"] = m(x.price);
      j["discount"] = format_decimal(x.discount_bp, 2, 2);
      j["taxes"] = taxes_json(s, x.taxes);
      j["price_subtotal"] = m(am.subtotal);
      j["price_total"] = m(am.total);
    }
    lines.push_back(j);
  }
  InvoiceTotals t = invoice_totals(s, i);
  json taxes = json::array();
  for (const TaxAmount& ta : t.by_tax)
    taxes.push_back({{"tax", ref(s, s.taxes, ta.tax)}, {"base", m(ta.base)}, {"amount", m(ta.amount)}});
  json out = {{"id", ref(s, s.invoices, i)},
              {"name", invoice_name(s, i)},
              {"type", inv.type == MoveType::Refund ? "out_refund" : "out_invoice"},
              {"state", inv.deleted ? "deleted" : to_string(inv.state)},
              {"payment_state", to_string(payment_state(s, i))},
              {"partner", ref(s, s.partners, inv.partner)},
              {"date", format_day(inv.date)},
              {"reversed_entry", ref(s, s.invoices, inv.reversed_entry)},
              {"down_payment", inv.down_payment},
              {"amount_untaxed", m(t.untaxed)},
              {"amount_tax", m(t.tax)},
              {"amount_total", m(t.total)},
              {"amount_paid", m(inv.paid)},
              {"amount_residual", m(invoice_residual(s, i))},
              {"taxes", taxes},
              {"lines", lines}};
  if (inv.due != kNoDay) out["due"] = format_day(inv.due);
  return out;
}

json ticket_to_json(const State& s, uint32_t k) {
  const Ticket& t = s.tickets.rows[k];
  Qty spent = 0;
  for (uint32_t ts = t.ts_head; ts != kNone; ts = s.timesheets.rows[ts].tk_next) spent += s.timesheets.rows[ts].hours;
  return {{"id", ref(s, s.tickets, k)},      {"title", s.str(t.title)},
          {"team", ref(s, s.teams, t.team)}, {"partner", ref(s, s.partners, t.partner)},
          {"stage", to_string(t.stage)},     {"assignee", ref(s, s.employees, t.assignee)},
          {"task", ref(s, s.tasks, t.task)}, {"sale_line", ref(s, s.lines, t.sale_line)},
          {"hours_spent", q(spent)},         {"remaining_hours_so", q(ticket_remaining_hours(s, k))}};
}

json timesheet_to_json(const State& s, uint32_t i) {
  const Timesheet& t = s.timesheets.rows[i];
  const char* billing = "non_billable";
  if (t.sale_line != kNone) {
    const OrderLine& l = s.lines.rows[t.sale_line];
    ServicePolicy p = s.products.rows[l.product].policy;
    billing = p == ServicePolicy::Prepaid  ? "billable_fixed"
              : p == ServicePolicy::Manual ? "billable_manual"
                                           : "billable_time";
  }
  return {{"id", ref(s, s.timesheets, i)},
          {"date", format_day(t.date)},
          {"employee", ref(s, s.employees, t.employee)},
          {"description", s.str(t.description)},
          {"hours", format_qty(t.hours, 2)},
          {"ticket", ref(s, s.tickets, t.ticket)},
          {"task", ref(s, s.tasks, t.task)},
          {"project", ref(s, s.projects, t.project)},
          {"partner", ref(s, s.partners, timesheet_partner(s, i))},
          {"sale_line", ref(s, s.lines, t.sale_line)},
          {"timesheet_invoice_type", billing},
          {"invoice", ref(s, s.invoices, t.invoice)},
          {"billed", timesheet_billed(s, i)}};
}

json state_to_json(const State& s) {
  json orders = json::array(), invoices = json::array(), tickets = json::array(), timesheets = json::array(),
       rejected = json::array();
  for (uint32_t o = 0; o < s.orders.size(); ++o) orders.push_back(order_to_json(s, o));
  for (uint32_t i = 0; i < s.invoices.size(); ++i)
    if (!s.invoices.rows[i].deleted) invoices.push_back(invoice_to_json(s, i));
  for (uint32_t k = 0; k < s.tickets.size(); ++k) tickets.push_back(ticket_to_json(s, k));
  for (uint32_t t = 0; t < s.timesheets.size(); ++t)
    if (!s.timesheets.rows[t].deleted) timesheets.push_back(timesheet_to_json(s, t));
  json partners = json::array(), employees = json::array();
  for (uint32_t p = 0; p < s.partners.size(); ++p) {
    const Partner& r = s.partners.rows[p];
    json j = {{"id", ref(s, s.partners, p)}, {"name", s.str(r.name)}, {"parent", ref(s, s.partners, r.parent)}};
    // Invoice fields appear once set, so states from before they existed hash as they did.
    if (r.address.len) j["address"] = s.str(r.address);
    if (r.vat.len) j["vat"] = s.str(r.vat);
    if (r.payment_days) j["payment_days"] = r.payment_days;
    partners.push_back(std::move(j));
  }
  for (uint32_t e = 0; e < s.employees.size(); ++e)
    employees.push_back({{"id", ref(s, s.employees, e)},
                         {"name", s.str(s.employees.rows[e].name)},
                         {"active", s.employees.rows[e].active}});
  for (const Rejected& r : s.rejected)
    rejected.push_back({{"pos", r.pos},
                        {"kind", s.str(r.kind)},
                        {"id", s.str(r.op_id)},
                        {"client", s.str(r.client)},
                        {"code", s.str(r.code)},
                        {"reason", s.str(r.message)},
                        {"agent", s.str(r.agent)},
                        {"summary", s.str(r.summary)}});
  json out = {{"partners", partners}, {"employees", employees},   {"orders", orders},    {"invoices", invoices},
              {"tickets", tickets},   {"timesheets", timesheets}, {"rejected", rejected}};
  const Company& c = s.company;
  if (c.name.len || c.address.len || c.vat.len || c.bank_account.len || c.email.len)
    out["company"] = {{"name", s.str(c.name)},
                      {"address", s.str(c.address)},
                      {"vat", s.str(c.vat)},
                      {"bank_account", s.str(c.bank_account)},
                      {"email", s.str(c.email)}};
  return out;
}

uint64_t state_hash(const State& s) {
  std::string dump = state_to_json(s).dump();
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : dump) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace deskbill
