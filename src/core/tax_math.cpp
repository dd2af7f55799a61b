#include "core/tax_math.h"

#include "core/billing.h"

namespace deskbill {
namespace {
constexpr __int128 kRateOne = kRateOneE4;
}

LineAmounts line_amounts(const State& s, Money price, Qty qty, int64_t discount_bp, const TaxSet& taxes) {
  LineAmounts out;
  // gross = price × qty × (1 − discount), kept exact as gross_num / den cents until rounding.
  const __int128 den = static_cast<__int128>(kQtyOne) * kPercentOneBp;
  const __int128 gross_num = static_cast<__int128>(price) * qty * (kPercentOneBp - discount_bp);
  __int128 incl_sum = 0;
  for (uint32_t t : taxes.ids)
    if (t != kNone && s.taxes.rows[t].price_include) incl_sum += s.taxes.rows[t].rate_e4;
  // base (untaxed, unrounded) = gross / (1 + Σ included rates)
  const __int128 base_den = den * (kRateOne + incl_sum);
  const __int128 base_num = gross_num * kRateOne;
  out.subtotal = round_div(base_num, base_den, Rounding::HalfUp);
  Money tax_total = 0, incl_total = 0;
  int last_incl = -1;
  for (int k = 0; k < kMaxTaxes; ++k) {
    uint32_t t = taxes.ids[k];
    if (t == kNone) continue;
    const Tax& tax = s.taxes.rows[t];
    Money amount = round_div(base_num * tax.rate_e4, base_den * kRateOne, Rounding::HalfUp);
    out.taxes[k] = TaxAmount{t, out.subtotal, amount};
    tax_total += amount;
    if (tax.price_include) {
      incl_total += amount;
      last_incl = k;
    }
  }
  if (last_incl >= 0) {
    // A price that includes tax is shown as typed: the cent lost to rounding goes to the tax.
    Money gross = round_div(gross_num, den, Rounding::HalfUp);
    Money fix = gross - out.subtotal - incl_total;
    out.taxes[last_incl].amount += fix;
    tax_total += fix;
  }
  out.total = out.subtotal + tax_total;
  return out;
}

namespace {
void add_line(InvoiceTotals& t, const LineAmounts& a) {
  t.untaxed += a.subtotal;
  for (const TaxAmount& ta : a.taxes) {
    if (ta.tax == kNone) continue;
    t.tax += ta.amount;
    bool found = false;
    for (TaxAmount& acc : t.by_tax)
      if (acc.tax == ta.tax) {
        acc.base += ta.base;
        acc.amount += ta.amount;
        found = true;
      }
    if (!found) t.by_tax.push_back(ta);
  }
}
}  // namespace

InvoiceTotals invoice_totals(const State& s, uint32_t inv) {
  InvoiceTotals t;
  for (uint32_t i = s.invoices.rows[inv].line_head; i != kNone; i = s.invoice_lines.rows[i].next) {
    const InvoiceLine& il = s.invoice_lines.rows[i];
    if (il.deleted || il.kind == LineKind::Section || il.kind == LineKind::Note) continue;
    add_line(t, line_amounts(s, il.price, il.qty, il.discount_bp, il.taxes));
  }
  t.total = t.untaxed + t.tax;
  return t;
}

InvoiceTotals order_totals(const State& s, uint32_t order) {
  InvoiceTotals t;
  for (uint32_t l = s.orders.rows[order].line_head; l != kNone; l = s.lines.rows[l].next) {
    const OrderLine& ol = s.lines.rows[l];
    if (ol.deleted || ol.kind == LineKind::Section || ol.kind == LineKind::Note) continue;
    add_line(t, line_amounts(s, ol.price, ol.qty, ol.discount_bp, ol.taxes));
  }
  t.total = t.untaxed + t.tax;
  return t;
}

Money invoice_residual(const State& s, uint32_t inv) {
  const Invoice& v = s.invoices.rows[inv];
  if (v.state != MoveState::Posted) return 0;
  Money residual = invoice_totals(s, inv).total - v.paid;
  for (uint32_t r = v.reversal_head; r != kNone; r = s.invoices.rows[r].next_reversal) {
    const Invoice& cn = s.invoices.rows[r];
    if (!cn.deleted && cn.state == MoveState::Posted) residual -= invoice_totals(s, r).total - cn.paid;
  }
  return residual < 0 ? 0 : residual;
}

}  // namespace deskbill
