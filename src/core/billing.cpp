#include "core/billing.h"

#include "core/tax_math.h"

namespace deskbill {

Qty convert(const State& s, Qty q, uint32_t from, uint32_t to, Rounding mode, bool round) {
  if (q == 0) return 0;
  if (from == kNone || to == kNone) return q;
  const Uom& a = s.uoms.rows[from];
  const Uom& b = s.uoms.rows[to];
  Qty out = q;
  if (from != to) {
    if (a.category != b.category) return q;
    // q / a.factor × b.factor with factors as num/den
    __int128 num = static_cast<__int128>(q) * b.factor_num * a.factor_den;
    __int128 den = static_cast<__int128>(b.factor_den) * a.factor_num;
    out = round_div(num, den, round ? mode : Rounding::HalfUp);
  }
  return round ? round_to_step(out, b.rounding, mode) : out;
}

bool same_uom_category(const State& s, uint32_t a, uint32_t b) {
  return s.uoms.rows[a].category == s.uoms.rows[b].category;
}

bool is_time_uom(const State& s, uint32_t uom) {
  return uom != kNone && s.uoms.rows[uom].category == UomCategory::Time;
}

uint32_t commercial_partner(const State& s, uint32_t p) {
  if (p == kNone) return kNone;
  for (int guard = 0; s.partners.rows[p].parent != kNone && guard < 64; ++guard) p = s.partners.rows[p].parent;
  return p;
}

bool line_is_display(const OrderLine& l) { return l.kind == LineKind::Section || l.kind == LineKind::Note; }

static const Product* product_of(const State& s, const OrderLine& l) {
  return l.product == kNone ? nullptr : &s.products.rows[l.product];
}

bool line_is_delivery_policy(const State& s, const OrderLine& l) {
  const Product* p = product_of(s, l);
  return !p || p->policy != ServicePolicy::Prepaid;
}

bool line_is_delivered_timesheet(const State& s, const OrderLine& l) {
  const Product* p = product_of(s, l);
  return l.kind == LineKind::Product && p && p->policy == ServicePolicy::Timesheet;
}

bool line_is_prepaid(const State& s, const OrderLine& l) {
  const Product* p = product_of(s, l);
  return l.kind == LineKind::Product && p && p->policy == ServicePolicy::Prepaid;
}

Qty qty_delivered(const State& s, uint32_t line) {
  const OrderLine& l = s.lines.rows[line];
  if (l.kind != LineKind::Product) return 0;
  const Product* p = product_of(s, l);
  if (p && p->policy == ServicePolicy::Manual) return l.manual_delivered;
  // R2/R3: both prepaid and delivered-timesheet lines count timesheet hours, HALF-UP per uom group;
  // every timesheet is stored in Hours, so there is one group.
  return convert(s, l.ts_hours, s.hours, l.uom, Rounding::HalfUp);
}

Qty qty_invoiced(const State& s, uint32_t line, bool posted_only) {
  const OrderLine& l = s.lines.rows[line];
  Qty total = 0;
  for (uint32_t i = l.il_head; i != kNone; i = s.invoice_lines.rows[i].sol_next) {
    const InvoiceLine& il = s.invoice_lines.rows[i];
    if (il.deleted) continue;
    const Invoice& inv = s.invoices.rows[il.invoice];
    if (inv.deleted || inv.state == MoveState::Cancel) continue;
    if (posted_only && inv.state != MoveState::Posted) continue;
    Qty q = convert(s, il.qty, il.uom, l.uom, Rounding::Up);
    total += inv.type == MoveType::Refund ? -q : q;
  }
  return total;
}

Qty qty_to_invoice(const State& s, uint32_t line) {
  const OrderLine& l = s.lines.rows[line];
  if (s.orders.rows[l.order].state != OrderState::Sale || line_is_display(l)) return 0;
  if (!line_is_delivery_policy(s, l)) return l.qty - qty_invoiced(s, line);
  return qty_delivered(s, line) - qty_invoiced(s, line);
}

InvoiceStatus line_status(const State& s, uint32_t line) {
  const OrderLine& l = s.lines.rows[line];
  if (s.orders.rows[l.order].state != OrderState::Sale) return InvoiceStatus::No;
  if (l.kind == LineKind::DownPayment && untaxed_amount_to_invoice(s, line) == 0) return InvoiceStatus::Invoiced;
  if (!qty_is_zero(qty_to_invoice(s, line))) return InvoiceStatus::ToInvoice;
  if (!line_is_delivery_policy(s, l) && l.qty >= 0 && qty_compare(qty_delivered(s, line), l.qty) > 0)
    return InvoiceStatus::Upselling;
  if (qty_compare(qty_invoiced(s, line), l.qty) >= 0) return InvoiceStatus::Invoiced;
  return InvoiceStatus::No;
}

InvoiceStatus order_status(const State& s, uint32_t order) {
  const Order& o = s.orders.rows[order];
  if (o.state != OrderState::Sale) return InvoiceStatus::No;
  bool any = false, any_to_invoice = false, all_invoiced = true, all_inv_or_up = true;
  for (uint32_t i = o.line_head; i != kNone; i = s.lines.rows[i].next) {
    const OrderLine& l = s.lines.rows[i];
    if (l.deleted || l.kind != LineKind::Product) continue;
    any = true;
    InvoiceStatus st = line_status(s, i);
    if (st == InvoiceStatus::ToInvoice) any_to_invoice = true;
    if (st != InvoiceStatus::Invoiced) all_invoiced = false;
    if (st != InvoiceStatus::Invoiced && st != InvoiceStatus::Upselling) all_inv_or_up = false;
  }
  if (any_to_invoice) return InvoiceStatus::ToInvoice;
  if (any && all_invoiced) return InvoiceStatus::Invoiced;
  if (any && all_inv_or_up) return InvoiceStatus::Upselling;
  return InvoiceStatus::No;
}

bool remaining_hours_available(const State& s, uint32_t line) {
  const OrderLine& l = s.lines.rows[line];
  return line_is_prepaid(s, l) && is_time_uom(s, l.uom);
}

Qty remaining_hours(const State& s, uint32_t line) {
  if (!remaining_hours_available(s, line)) return 0;
  const OrderLine& l = s.lines.rows[line];
  return convert(s, l.qty - qty_delivered(s, line), l.uom, s.hours, Rounding::HalfUp, /*round=*/false);
}

bool over_prepaid(const State& s, uint32_t line) {
  const OrderLine& l = s.lines.rows[line];
  if (!line_is_prepaid(s, l) || s.orders.rows[l.order].state != OrderState::Sale) return false;
  if (line_status(s, line) == InvoiceStatus::Invoiced) return false;
  const Product& p = s.products.rows[l.product];
  Qty threshold = p.upsell_threshold > 0 ? p.upsell_threshold : kQtyOne;
  Qty limit = round_div(static_cast<__int128>(l.qty) * threshold, kQtyOne, Rounding::HalfUp);
  return qty_compare(qty_delivered(s, line), limit) > 0;
}

bool order_over_prepaid(const State& s, uint32_t order) {
  for (uint32_t i = s.orders.rows[order].line_head; i != kNone; i = s.lines.rows[i].next)
    if (!s.lines.rows[i].deleted && over_prepaid(s, i)) return true;
  return false;
}

Money untaxed_amount_invoiced(const State& s, uint32_t line) {
  Money total = 0;
  for (uint32_t i = s.lines.rows[line].il_head; i != kNone; i = s.invoice_lines.rows[i].sol_next) {
    const InvoiceLine& il = s.invoice_lines.rows[i];
    const Invoice& inv = s.invoices.rows[il.invoice];
    if (il.deleted || inv.deleted || inv.state != MoveState::Posted) continue;
    Money sub = line_amounts(s, il.price, il.qty, il.discount_bp, il.taxes).subtotal;
    total += inv.type == MoveType::Refund ? -sub : sub;
  }
  return total;
}

Money untaxed_amount_to_invoice(const State& s, uint32_t line) {
  const OrderLine& l = s.lines.rows[line];
  if (s.orders.rows[l.order].state != OrderState::Sale || line_is_display(l)) return 0;
  Qty q = line_is_delivery_policy(s, l) ? qty_delivered(s, line) : l.qty;
  Money subtotal = line_amounts(s, l.price, q, l.discount_bp, l.taxes).subtotal;
  bool other_discount = false;
  Money linked = 0;
  for (uint32_t i = l.il_head; i != kNone; i = s.invoice_lines.rows[i].sol_next) {
    const InvoiceLine& il = s.invoice_lines.rows[i];
    const Invoice& inv = s.invoices.rows[il.invoice];
    if (il.deleted || inv.deleted || inv.state != MoveState::Posted) continue;
    if (il.discount_bp != l.discount_bp) other_discount = true;
    Money v = line_amount(il.price, il.qty, 0);
    linked += inv.type == MoveType::Refund ? -v : v;
  }
  if (other_discount) return subtotal - linked > 0 ? subtotal - linked : 0;
  return subtotal - untaxed_amount_invoiced(s, line);
}

bool timesheet_billed(const State& s, uint32_t ts) {
  uint32_t inv = s.timesheets.rows[ts].invoice;
  return inv != kNone && !s.invoices.rows[inv].deleted && s.invoices.rows[inv].state != MoveState::Cancel;
}

bool timesheet_locked(const State& s, uint32_t ts) {
  const Timesheet& t = s.timesheets.rows[ts];
  return timesheet_billed(s, ts) && t.sale_line != kNone && line_is_delivery_policy(s, s.lines.rows[t.sale_line]);
}

Qty remaining_hours_preview(const State& s, uint32_t sale_line, uint32_t ts, uint32_t target, Qty hours) {
  Qty rem = remaining_hours(s, sale_line);
  if (ts != kNone && s.timesheets.rows[ts].sale_line == sale_line && !s.timesheets.rows[ts].deleted)
    rem += s.timesheets.rows[ts].hours;  // timesheets are kept in Hours: conv(old − new, Hours → Hours)
  if (target == sale_line) rem -= hours;
  return rem;
}

Qty ticket_remaining_hours(const State& s, uint32_t ticket) {
  uint32_t sol = s.tickets.rows[ticket].sale_line;
  return sol == kNone ? 0 : remaining_hours(s, sol);
}

const char* timesheet_invoice_type(const State& s, const Timesheet& t) {
  if (t.sale_line == kNone) return "non_billable";
  ServicePolicy p = s.products.rows[s.lines.rows[t.sale_line].product].policy;
  return p == ServicePolicy::Prepaid  ? "billable_fixed"
         : p == ServicePolicy::Manual ? "billable_manual"
                                      : "billable_time";
}

uint32_t timesheet_partner(const State& s, uint32_t ts) {
  const Timesheet& t = s.timesheets.rows[ts];
  if (timesheet_billed(s, ts)) return s.invoices.rows[t.invoice].partner;
  if (t.ticket != kNone) return s.tickets.rows[t.ticket].partner;
  if (t.task != kNone) return s.tasks.rows[t.task].partner;
  if (t.project != kNone) return s.projects.rows[t.project].partner;
  return kNone;
}

PaymentState payment_state(const State& s, uint32_t inv) {
  const Invoice& v = s.invoices.rows[inv];
  if (v.state != MoveState::Posted) return PaymentState::NotPaid;
  if (v.type == MoveType::Invoice) {
    for (uint32_t r = v.reversal_head; r != kNone; r = s.invoices.rows[r].next_reversal) {
      const Invoice& cn = s.invoices.rows[r];
      // A posted credit note for the whole amount reverses the invoice (Odoo's 'reversed').
      if (!cn.deleted && cn.state == MoveState::Posted && invoice_totals(s, r).total >= invoice_totals(s, inv).total)
        return PaymentState::Reversed;
    }
  }
  Money residual = invoice_residual(s, inv);
  if (residual == 0) return PaymentState::Paid;
  return v.paid > 0 || residual < invoice_totals(s, inv).total ? PaymentState::Partial : PaymentState::NotPaid;
}

const char* to_string(InvoiceStatus st) {
  switch (st) {
    case InvoiceStatus::No:
      return "no";
    case InvoiceStatus::ToInvoice:
      return "to invoice";
    case InvoiceStatus::Invoiced:
      return "invoiced";
    case InvoiceStatus::Upselling:
      return "upselling";
  }
  return "?";
}
const char* to_string(PaymentState st) {
  switch (st) {
    case PaymentState::NotPaid:
      return "not_paid";
    case PaymentState::Partial:
      return "partial";
    case PaymentState::Paid:
      return "paid";
    case PaymentState::Reversed:
      return "reversed";
  }
  return "?";
}
const char* to_string(ServicePolicy p) {
  switch (p) {
    case ServicePolicy::Prepaid:
      return "prepaid";
    case ServicePolicy::Timesheet:
      return "timesheet";
    case ServicePolicy::Manual:
      return "manual";
  }
  return "?";
}
const char* to_string(OrderState st) {
  switch (st) {
    case OrderState::Draft:
      return "draft";
    case OrderState::Sale:
      return "sale";
    case OrderState::Cancel:
      return "cancel";
  }
  return "?";
}
const char* to_string(MoveState st) {
  switch (st) {
    case MoveState::Draft:
      return "draft";
    case MoveState::Posted:
      return "posted";
    case MoveState::Cancel:
      return "cancel";
  }
  return "?";
}
const char* to_string(Stage st) {
  switch (st) {
    case Stage::New:
      return "new";
    case Stage::InProgress:
      return "in_progress";
    case Stage::Solved:
      return "solved";
    case Stage::Cancelled:
      return "cancelled";
  }
  return "?";
}

}  // namespace deskbill
