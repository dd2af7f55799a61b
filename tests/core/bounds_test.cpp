// No op can corrupt the numbers: prices rounded to their precision as Odoo rounds them (R22),
// amounts and quantities bounded before any arithmetic, no id listed twice.
#include "fixture.h"

using namespace deskbill;
using namespace deskbill::test;

class Bounds : public ::testing::Test, public Ws {
 protected:
  void SetUp() override { odoo_fixtures(); }
};

TEST_F(Bounds, APriceWithThreeDecimalsIsRoundedHalfUpToTheCent) {
  ok({{"kind", "order.create"}, {"id", "so"}, {"partner", "partner_b"}});
  ok({{"kind", "order.add_line"},
      {"id", "so.1"},
      {"order", "so"},
      {"product", "dm3"},
      {"qty", "3"},
      {"price", "20.125"}});
  EXPECT_EQ(s.lines.rows[line("so.1")].price, M("20.13"));
  ok({{"kind", "order.add_line"},
      {"id", "so.2"},
      {"order", "so"},
      {"product", "dm3"},
      {"qty", "1"},
      {"price", "20.124"}});
  EXPECT_EQ(s.lines.rows[line("so.2")].price, M("20.12"));
  // 3 × 20.13 = 60.39, as Odoo computes the subtotal of the rounded price
  EXPECT_EQ(line_amounts(s, s.lines.rows[line("so.1")].price, Q("3"), 0, {}).subtotal, M("60.39"));
}

TEST_F(Bounds, HoursOfTwoToTheSixtyFourAreRefusedNotReadAsMinusOne) {
  order_with("so", "partner_b", {{"dt2", "1"}});
  ticket_on("k", "partner_b", "so.1");
  OpError e = refused({{"kind", "timesheet.log"},
                       {"id", "x"},
                       {"ticket", "k"},
                       {"employee", "employee_user"},
                       {"date", "2026-11-20"},
                       {"hours", 18446744073709551615ull}});
  EXPECT_EQ(e.code, "out_of_range");
  EXPECT_NE(e.message.find("'hours'"), std::string::npos);
  EXPECT_NE(e.message.find("1000000"), std::string::npos);
}

TEST_F(Bounds, AnAmountBeyondTheLimitIsRefusedNamingTheFieldAndTheLimit) {
  ok({{"kind", "order.create"}, {"id", "so"}, {"partner", "partner_b"}});
  OpError e = refused({{"kind", "order.add_line"},
                       {"id", "so.1"},
                       {"order", "so"},
                       {"product", "dm3"},
                       {"qty", "1000000"},
                       {"price", "16002642717663.40"}});
  EXPECT_EQ(e.code, "out_of_range");
  EXPECT_EQ(e.message, "Field 'price' must be between -1000000000.00 and 1000000000.00.");
  // the largest line allowed still sums without overflow: 1 000 000 000.00 × 1 000 000
  ok({{"kind", "order.add_line"},
      {"id", "so.2"},
      {"order", "so"},
      {"product", "dm3"},
      {"qty", "1000000"},
      {"price", "1000000000"}});
  EXPECT_EQ(line_amounts(s, s.lines.rows[line("so.2")].price, s.lines.rows[line("so.2")].qty, 0, {}).subtotal,
            M("1000000000000000.00"));
}

TEST_F(Bounds, ATaxListedTwiceIsRefused) {
  ok({{"kind", "tax.create"}, {"id", "vat19"}, {"name", "VAT 19%"}, {"rate", "19"}});
  ok({{"kind", "order.create"}, {"id", "so"}, {"partner", "partner_b"}});
  OpError e = refused({{"kind", "order.add_line"},
                       {"id", "so.1"},
                       {"order", "so"},
                       {"product", "dm3"},
                       {"qty", "1"},
                       {"taxes", {"vat19", "vat19", "vat19"}}});
  EXPECT_EQ(e.code, "duplicate_id");
  EXPECT_EQ(e.message, "Tax 'vat19' is listed twice in 'taxes'.");
}

TEST_F(Bounds, ACreditNoteListingALineTwiceIsRefused) {
  order_with("so", "partner_b", {{"dt2", "1"}});
  ticket_on("k", "partner_b", "so.1");
  log("a", "k", "2");
  invoice("inv", {"so"});
  post("inv");
  ASSERT_EQ(total("inv"), M("180.00"));  // 2 h × 90.00
  OpError e =
      refused({{"kind", "invoice.reverse"}, {"id", "cn"}, {"invoice", "inv"}, {"lines", {"inv:1", "inv:1", "inv:1"}}});
  EXPECT_EQ(e.code, "duplicate_id");
  EXPECT_EQ(s.invoices.find(s.text, "cn"), kNone);
}

TEST_F(Bounds, AnOrderListedTwiceForInvoicingIsRefused) {
  order_with("so", "partner_b", {{"dt2", "1"}});
  ticket_on("k", "partner_b", "so.1");
  log("a", "k", "2");
  OpError e = refused({{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"so", "so"}}});
  EXPECT_EQ(e.code, "duplicate_id");
}
