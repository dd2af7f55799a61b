// Line and invoice amounts with percentage taxes, price-included or not, rounded per line (R22).
#pragma once
#include <vector>

#include "core/state.h"

namespace deskbill {

struct TaxAmount {
  uint32_t tax = kNone;
  Money base = 0, amount = 0;
};

struct LineAmounts {
  Money subtotal = 0;  // untaxed
  Money total = 0;     // with taxes
  TaxAmount taxes[kMaxTaxes];
};

LineAmounts line_amounts(const State& s, Money price, Qty qty, int64_t discount_bp, const TaxSet& taxes);

struct InvoiceTotals {
  Money untaxed = 0, tax = 0, total = 0;
  std::vector<TaxAmount> by_tax;  // in tax record order
};

InvoiceTotals invoice_totals(const State& s, uint32_t invoice);
// An order's totals, the one rule every screen and the JSON use: every line but sections and
// notes (a down payment line's quantity ordered is 0, so it adds nothing, as in Odoo).
InvoiceTotals order_totals(const State& s, uint32_t order);
// What is left to pay: total − payments − posted credit notes reversing it.
Money invoice_residual(const State& s, uint32_t invoice);

}  // namespace deskbill
