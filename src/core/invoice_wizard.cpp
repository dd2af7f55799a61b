// The Create Invoice wizard: regular invoices from what is to invoice (R14), restricted to a
// timesheet period (R15), timesheets linked to what billed them (R16), and down payments (R19).
#include <algorithm>
#include <map>

#include "core/billing.h"
#include "core/handlers.h"
#include "core/links.h"
#include "core/tax_math.h"

namespace deskbill {
namespace {

struct PlannedLine {
  uint32_t sale_line = kNone;
  LineKind kind = LineKind::Product;
  Qty qty = 0;
  std::string name;
};

struct PlannedInvoice {
  uint32_t partner = kNone;
  std::vector<PlannedLine> lines;
};

const char* const kDownPayments = "Down Payments";

// R15: the hours of line L dated inside the period that are not billed yet. `open` is the line's
// open_timesheets: the ones before them are billed for good, so none of those is open.
Qty period_quantity(const State& s, uint32_t line, const std::vector<uint32_t>& open, Day start, Day end) {
  const OrderLine& l = s.lines.rows[line];
  std::vector<uint32_t> refunded;  // invoices of the order with a posted credit note
  for (uint32_t il = l.il_head; il != kNone; il = s.invoice_lines.rows[il].sol_next) {
    uint32_t inv = s.invoice_lines.rows[il].invoice;
    for (uint32_t r = s.invoices.rows[inv].reversal_head; r != kNone; r = s.invoices.rows[r].next_reversal)
      if (s.invoices.rows[r].state == MoveState::Posted && !s.invoices.rows[r].deleted) refunded.push_back(inv);
  }
  auto is_refunded = [&](uint32_t inv) { return std::find(refunded.begin(), refunded.end(), inv) != refunded.end(); };
  Qty hours = 0;
  for (uint32_t ts : open) {
    const Timesheet& t = s.timesheets.rows[ts];
    if ((start != kNoDay && t.date < start) || (end != kNoDay && t.date > end)) continue;
    bool open = t.invoice == kNone || s.invoices.rows[t.invoice].deleted ||
                s.invoices.rows[t.invoice].state == MoveState::Cancel ||
                (s.invoices.rows[t.invoice].state == MoveState::Posted && is_refunded(t.invoice));
    if (open) hours += t.hours;
  }
  Qty q = convert(s, hours, s.hours, l.uom, Rounding::HalfUp);
  if (!refunded.empty())
    for (uint32_t il = l.il_head; il != kNone; il = s.invoice_lines.rows[il].sol_next) {
      const InvoiceLine& x = s.invoice_lines.rows[il];
      const Invoice& inv = s.invoices.rows[x.invoice];
      if (x.deleted || inv.deleted) continue;
      if (is_refunded(x.invoice) || (inv.reversed_entry != kNone && is_refunded(inv.reversed_entry))) {
        Qty c = convert(s, x.qty, x.uom, l.uom, Rounding::Up);
        q -= inv.type == MoveType::Refund ? -c : c;
      }
    }
  return q;
}

// R14 for one order: the lines to invoice, sections carried over, down payments last.
PlannedInvoice plan_order(const State& s, uint32_t order, bool final, const std::map<uint32_t, Qty>& override_qty) {
  PlannedInvoice inv;
  inv.partner = s.orders.rows[order].partner;
  int pending_section = -1;
  std::vector<PlannedLine> dp_lines;
  for (uint32_t li = s.orders.rows[order].line_head; li != kNone; li = s.lines.rows[li].next) {
    const OrderLine& l = s.lines.rows[li];
    if (l.deleted) continue;
    if (l.kind == LineKind::Section) {
      pending_section = static_cast<int>(li);
      continue;
    }
    auto ov = override_qty.find(li);
    Qty q = ov != override_qty.end() ? ov->second : qty_to_invoice(s, li);
    if (l.kind != LineKind::Note && qty_is_zero(q)) continue;
    if (q > 0 || (q < 0 && final) || l.kind == LineKind::Note) {
      PlannedLine pl{li, l.kind, q, std::string(s.str(l.name))};
      if (l.kind == LineKind::DownPayment) {
        dp_lines.push_back(pl);
        continue;
      }
      if (pending_section >= 0) {
        uint32_t sec = static_cast<uint32_t>(pending_section);
        inv.lines.push_back(PlannedLine{sec, LineKind::Section, 0, std::string(s.str(s.lines.rows[sec].name))});
        pending_section = -1;
      }
      inv.lines.push_back(pl);
    }
  }
  if (!dp_lines.empty()) {
    inv.lines.push_back(PlannedLine{kNone, LineKind::Section, 0, kDownPayments});
    inv.lines.insert(inv.lines.end(), dp_lines.begin(), dp_lines.end());
  }
  bool any = std::any_of(inv.lines.begin(), inv.lines.end(), [](const PlannedLine& p) {
    return p.kind == LineKind::Product || p.kind == LineKind::DownPayment;
  });
  if (!any) inv.lines.clear();
  return inv;
}

Money planned_total(const State& s, const PlannedInvoice& p) {
  Money total = 0;
  for (const PlannedLine& pl : p.lines) {
    if (pl.kind == LineKind::Section || pl.kind == LineKind::Note || pl.sale_line == kNone) continue;
    const OrderLine& l = s.lines.rows[pl.sale_line];
    total += line_amounts(s, l.price, pl.qty, l.discount_bp, l.taxes).total;
  }
  return total;
}

uint32_t write_invoice(State& s, const std::string& id, const PlannedInvoice& p, bool refund, bool down_payment) {
  Invoice inv;
  inv.type = refund ? MoveType::Refund : MoveType::Invoice;
  inv.partner = p.partner;
  inv.down_payment = down_payment;
  uint32_t rec = s.invoices.add(s.text, id, inv);
  int n = 0;
  for (const PlannedLine& pl : p.lines) {
    InvoiceLine il;
    il.kind = pl.kind;
    il.name = s.text.add(pl.name);
    if (pl.kind == LineKind::Product || pl.kind == LineKind::DownPayment) {
      const OrderLine& l = s.lines.rows[pl.sale_line];
      il.sale_line = pl.sale_line;
      il.product = l.product;
      il.qty = refund ? -pl.qty : pl.qty;
      il.uom = l.uom;
      il.price = l.price;
      il.discount_bp = l.discount_bp;
      il.taxes = l.taxes;
    }
    uint32_t line = s.invoice_lines.add(s.text, id + ":" + std::to_string(++n), il);
    append_invoice_line(s, rec, line);
  }
  return rec;
}

// R16: delivered-timesheet hours of the invoiced lines point at the invoice that billed them.
void link_timesheets(State& s, uint32_t inv, Day start, Day end) {
  if (s.invoices.rows[inv].type != MoveType::Invoice) return;
  for (uint32_t il = s.invoices.rows[inv].line_head; il != kNone; il = s.invoice_lines.rows[il].next) {
    uint32_t sol = s.invoice_lines.rows[il].sale_line;
    if (sol == kNone || !line_is_delivered_timesheet(s, s.lines.rows[sol])) continue;
    for (uint32_t ts : open_timesheets(s, sol)) {  // set_timesheet_invoice leaves the list as it is
      Timesheet& t = s.timesheets.rows[ts];
      if ((start != kNoDay && t.date < start) || (end != kNoDay && t.date > end)) continue;
      bool free = t.invoice == kNone || s.invoices.rows[t.invoice].deleted ||
                  s.invoices.rows[t.invoice].state == MoveState::Cancel ||
                  payment_state(s, t.invoice) == PaymentState::Reversed;
      if (free) set_timesheet_invoice(s, ts, inv);
    }
    advance_billed_upto(s, sol);
  }
}

std::string invoice_id(const std::string& base, size_t k) { return k == 0 ? base : base + "/" + std::to_string(k + 1); }

void create_regular(State& s, const OpArgs& a, const std::string& id, const std::vector<uint32_t>& orders) {
  bool final = a.flag("deduct_down_payments", true);
  bool consolidated = a.flag("consolidated", true);
  Day start = a.day("start", false), end = a.day("end", false);
  if (start != kNoDay && end != kNoDay && start > end)
    refuse("bad_period", "The timesheet period ends before it starts.");
  std::map<uint32_t, Qty> override_qty;
  if (start != kNoDay || end != kNoDay)
    for (uint32_t o : orders)
      for (uint32_t li = s.orders.rows[o].line_head; li != kNone; li = s.lines.rows[li].next) {
        const OrderLine& l = s.lines.rows[li];
        if (!l.deleted && line_is_delivered_timesheet(s, l) && line_status(s, li) == InvoiceStatus::ToInvoice)
          override_qty[li] = period_quantity(s, li, open_timesheets(s, li), start, end);
      }
  std::vector<PlannedInvoice> plans;
  for (uint32_t o : orders) {
    if (s.orders.rows[o].state != OrderState::Sale) continue;
    PlannedInvoice p = plan_order(s, o, final, override_qty);
    if (p.lines.empty()) continue;
    auto same =
        std::find_if(plans.begin(), plans.end(), [&](const PlannedInvoice& q) { return q.partner == p.partner; });
    if (consolidated && same != plans.end())
      same->lines.insert(same->lines.end(), p.lines.begin(), p.lines.end());
    else
      plans.push_back(std::move(p));
  }
  if (plans.empty()) refuse("nothing_to_invoice", odoo::kNothingToInvoice);
  for (size_t k = 0; k < plans.size(); ++k)
    if (s.invoices.find(s.text, invoice_id(id, k)) != kNone)
      refuse("duplicate_id", "An invoice with id '" + invoice_id(id, k) + "' already exists.");
  // Commit.
  for (size_t k = 0; k < plans.size(); ++k) {
    bool refund = final && planned_total(s, plans[k]) < 0;  // R14: a negative final invoice is a credit note
    uint32_t inv = write_invoice(s, invoice_id(id, k), plans[k], refund, false);
    link_timesheets(s, inv, start, end);
  }
}

void create_down_payment(State& s, const OpArgs& a, const std::string& id, const std::vector<uint32_t>& orders,
                         bool percentage) {
  if (orders.size() != 1) refuse("down_payment_one_order", "A down payment is made for one sales order at a time.");
  uint32_t order = orders[0];
  if (s.orders.rows[order].state != OrderState::Sale) refuse("nothing_to_invoice", odoo::kNothingToInvoice);
  int64_t pct_bp = percentage ? a.percent_bp("amount", 0) : 0;
  Money fixed = percentage ? 0 : a.money("fixed_amount", false, 0);
  if ((percentage && pct_bp <= 0) || (!percentage && fixed <= 0))
    refuse("down_payment_positive", odoo::kDownPaymentPositive);
  if (percentage && pct_bp > kPercentOneBp)
    refuse("down_payment_too_high", "A down payment cannot be more than 100 % of the order.");
  // R19: one base per tax group over every product line (ordered, else delivered quantity).
  struct Group {
    TaxSet taxes;
    Money untaxed = 0, total = 0;
  };
  std::vector<Group> groups;
  for (uint32_t li = s.orders.rows[order].line_head; li != kNone; li = s.lines.rows[li].next) {
    const OrderLine& l = s.lines.rows[li];
    if (l.deleted || l.kind != LineKind::Product) continue;
    Qty q = l.qty != 0 ? l.qty : qty_delivered(s, li);
    LineAmounts am = line_amounts(s, l.price, q, l.discount_bp, l.taxes);
    auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) { return x.taxes == l.taxes; });
    if (g == groups.end()) {
      groups.push_back(Group{l.taxes});
      g = groups.end() - 1;
    }
    g->untaxed += am.subtotal;
    g->total += am.total;
  }
  Money order_total = 0;
  for (const Group& g : groups) order_total += g.total;
  if (order_total <= 0) refuse("nothing_to_invoice", odoo::kNothingToInvoice);
  if (!percentage && fixed > order_total)
    refuse("down_payment_too_high", "A down payment cannot be more than the order's total.");
  std::vector<Money> bases;
  Money shared = 0;
  for (size_t k = 0; k < groups.size(); ++k) {
    const Group& g = groups[k];
    if (percentage) {
      bases.push_back(round_div(static_cast<__int128>(g.untaxed) * pct_bp, kPercentOneBp, Rounding::HalfUp));
      continue;
    }
    // Fixed amounts are tax-included: split pro rata over the groups' totals, then untaxed.
    Money share = k + 1 == groups.size()
                      ? fixed - shared
                      : round_div(static_cast<__int128>(fixed) * g.total, order_total, Rounding::HalfUp);
    shared += share;
    bool all_included = true;
    for (uint32_t t : g.taxes.ids)
      if (t != kNone && !s.taxes.rows[t].price_include) all_included = false;
    bases.push_back(all_included || g.total == 0
                        ? share
                        : round_div(static_cast<__int128>(share) * g.untaxed, g.total, Rounding::HalfUp));
  }
  if (s.invoices.find(s.text, id) != kNone) refuse("duplicate_id", "An invoice with id '" + id + "' already exists.");
  // Commit: the Down Payments section and one down-payment line per tax group on the order.
  bool has_section = false;
  for (uint32_t li = s.orders.rows[order].line_head; li != kNone; li = s.lines.rows[li].next)
    if (!s.lines.rows[li].deleted && s.lines.rows[li].kind == LineKind::Section &&
        s.str(s.lines.rows[li].name) == kDownPayments)
      has_section = true;
  if (!has_section) {
    OrderLine sec;
    sec.kind = LineKind::Section;
    sec.name = s.text.add(kDownPayments);
    append_order_line(s, order, s.lines.add(s.text, id + ":dp-section", sec));
  }
  std::string label =
      percentage ? "Down payment of " + format_decimal(pct_bp, 2, pct_bp % 100 ? 2 : 0) + "%" : "Down Payment";
  PlannedInvoice p;
  p.partner = s.orders.rows[order].partner;
  for (size_t k = 0; k < groups.size(); ++k) {
    OrderLine dp;
    dp.kind = LineKind::DownPayment;
    dp.name = s.text.add(label);
    dp.price = bases[k];
    dp.taxes = groups[k].taxes;
    uint32_t li = s.lines.add(s.text, id + ":dp" + std::to_string(k + 1), dp);
    append_order_line(s, order, li);
    p.lines.push_back(PlannedLine{li, LineKind::DownPayment, kQtyOne, label});
  }
  write_invoice(s, id, p, false, true);
}

}  // namespace

void op_invoice_create(State& s, const OpArgs& a, const OpContext&) {
  std::string id = a.id();
  const OpValue* listed = a.op().find("orders");
  if (!listed || listed->type != OpValue::Type::Array || listed->count == 0)
    refuse("missing_field", "Choose at least one sales order to invoice.");
  std::vector<uint32_t> orders;
  for (uint32_t n = 0; n < listed->count; ++n) {
    const OpValue& o = a.op().item(listed->first + n);
    if (!o.is_string()) refuse("bad_field", "Field 'orders' must be a list of order ids.");
    uint32_t rec = s.orders.find(s.text, o.text);
    if (rec == kNone) refuse("unknown_ref", "Unknown sales order '" + std::string(o.text) + "'.");
    if (std::find(orders.begin(), orders.end(), rec) != orders.end())
      refuse("duplicate_id", "Sales order '" + std::string(o.text) + "' is listed twice in 'orders'.");
    orders.push_back(rec);
  }
  std::string method = a.text("method", false);
  if (method.empty() || method == "delivered")
    create_regular(s, a, id, orders);
  else if (method == "percentage")
    create_down_payment(s, a, id, orders, true);
  else if (method == "fixed")
    create_down_payment(s, a, id, orders, false);
  else
    refuse("bad_field", "Field 'method' must be 'delivered', 'percentage' or 'fixed'.");
}

}  // namespace deskbill
