// An order's totals (core/tax_math.h order_totals): one rule for the orders list, the order form
// and the JSON; sections and notes add nothing; taxes summed per tax as on invoices.
#include <gtest/gtest.h>

#include "core/apply.h"
#include "core/tax_math.h"

using namespace deskbill;
using nlohmann::json;

TEST(OrderTotals, TaxedLinesAndASectionGiveOdoosTotals) {
  State s;
  for (const json& op : std::vector<json>{
           {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}},
           {{"kind", "tax.create"}, {"id", "vat"}, {"name", "VAT 19%"}, {"rate", "19"}},
           {{"kind", "product.create"},
            {"id", "p"},
            {"name", "Prepaid 10h"},
            {"policy", "prepaid"},
            {"price", "100.50"},
            {"taxes", {"vat"}}},
           {{"kind", "order.create"}, {"id", "so"}, {"partner", "acme"}},
           {{"kind", "order.add_line"}, {"id", "so.0"}, {"order", "so"}, {"display", "section"}, {"name", "Support"}},
           {{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "p"}, {"qty", "10"}},
           {{"kind", "order.add_line"},
            {"id", "so.2"},
            {"order", "so"},
            {"product", "p"},
            {"qty", "1"},
            {"taxes", json::array()}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  InvoiceTotals t = order_totals(s, s.orders.find(s.text, "so"));
  EXPECT_EQ(t.untaxed, 110'550);  // 1 005.00 + 100.50
  EXPECT_EQ(t.tax, 19'095);       // 19 % of 1 005.00 only
  EXPECT_EQ(t.total, 129'645);
  ASSERT_EQ(t.by_tax.size(), 1u);
  EXPECT_EQ(t.by_tax[0].base, 100'500);
}
