// R14–R20, R22 money: periods, credit notes, down payments, taxes, numbers, payments.
#include "core/links.h"
#include "fixture.h"

using namespace deskbill;
using namespace deskbill::test;

class Invoicing : public ::testing::Test, public Ws {
 protected:
  void SetUp() override { odoo_fixtures(); }
  std::string day(int offset) { return format_day(*parse_day("2026-11-20") + offset); }
};

// AS-03 test_timesheet_invoice (T = 2026-11-20)
TEST_F(Invoicing, TimesheetPeriodRestrictsWhatIsInvoiced) {
  order_with("so", "partner_b", {{"dt2", "50"}, {"dt3", "20"}, {"dt1", "5"}});
  ticket_on("k1", "partner_b", "so.1");
  ticket_on("k2", "partner_b", "so.2");
  log("a", "k1", "10", day(-6).c_str());
  log("b", "k1", "20", day(-1).c_str());
  log("c", "k1", "10", day(-5).c_str());
  log("d", "k2", "30", day(0).c_str());
  ok({{"kind", "timesheet.log"},
      {"id", "e"},
      {"ticket", "k1"},
      {"employee", "employee_user"},
      {"date", day(0)},
      {"hours", "10"},
      {"sale_line", "so.3"}});
  EXPECT_EQ(status("so.1"), InvoiceStatus::ToInvoice);
  EXPECT_EQ(status("so.2"), InvoiceStatus::ToInvoice);
  EXPECT_EQ(status("so.3"), InvoiceStatus::ToInvoice);

  EXPECT_EQ(
      refused({{"kind", "invoice.create"}, {"id", "x"}, {"orders", {"so"}}, {"start", day(-16)}, {"end", day(-10)}})
          .code,
      "nothing_to_invoice");

  invoice("inv1", {"so"}, {{"start", day(-10)}, {"end", day(-6)}});
  EXPECT_EQ(total("inv1"), M("900.00"));
  EXPECT_EQ(invoiced("so.1"), Q("10"));
  EXPECT_EQ(status("so.1"), InvoiceStatus::ToInvoice);  // hours outside the period remain
  EXPECT_EQ(invoice_of("a"), "inv1");
  EXPECT_EQ(invoice_of("c"), "");
  post("inv1");

  invoice("inv2", {"so"}, {{"start", day(-16)}, {"end", day(-4)}});
  EXPECT_EQ(invoiced("so.1"), Q("20"));
  post("inv2");

  invoice("inv3", {"so"}, {{"start", day(-4)}, {"end", day(0)}});
  EXPECT_EQ(invoiced("so.1"), Q("40"));
  EXPECT_EQ(invoiced("so.2"), Q("30"));
  EXPECT_EQ(total("inv3"), M("2530.00"));
}

// AS-05 test_invoice_timesheet_uom_conversion_with_period
TEST_F(Invoicing, PeriodQuantityIsConvertedToTheLinesUnit) {
  ok({{"kind", "order.create"}, {"id", "so"}, {"partner", "partner_b"}});
  ok({{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "dt2"}, {"qty", "3"}, {"uom", "days"}});
  ok({{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-03-01"}});
  ticket_on("k1", "partner_b", "so.1");
  log("a", "k1", "16", "2026-03-16");
  invoice("inv", {"so"}, {{"start", "2026-03-16"}, {"end", "2026-03-20"}});
  EXPECT_EQ(s.invoice_lines.rows[s.invoice_lines.find(s.text, "inv:1")].qty, Q("2"));
  EXPECT_EQ(total("inv"), M("1440.00"));  // 2 days × 720
}

// AS-07 test_linked_timesheet_after_invoice_reversal
TEST_F(Invoicing, FullCreditNoteUnlinksTimesheets) {
  order_with("so", "partner_b", {{"dt2", "1"}});
  ticket_on("k1", "partner_b", "so.1");
  log("a", "k1", "5");
  invoice("inv", {"so"});
  post("inv");
  ok({{"kind", "invoice.reverse"}, {"id", "cn"}, {"invoice", "inv"}});
  EXPECT_EQ(invoiced("so.1"), 0);  // a draft credit note already counts (R20)
  post("cn");
  EXPECT_EQ(invoice_of("a"), "");
  ok({{"kind", "timesheet.update"}, {"id", "a"}, {"hours", "7"}});
  EXPECT_EQ(payment_state(s, inv("inv")), PaymentState::Reversed);
  EXPECT_EQ(invoice_name(s, inv("cn")), "RINV/2026/00001");
}

TEST_F(Invoicing, PartialCreditNoteUnlinksOnlyItsLines) {
  order_with("so", "partner_b", {{"dt2", "1"}, {"dt3", "1"}});
  ticket_on("k1", "partner_b", "so.1");
  ticket_on("k2", "partner_b", "so.2");
  log("a", "k1", "5");
  log("b", "k2", "5");
  invoice("inv", {"so"});
  post("inv");
  ok({{"kind", "invoice.reverse"}, {"id", "cn"}, {"invoice", "inv"}, {"lines", {"inv:1"}}});
  post("cn");
  EXPECT_EQ(invoice_of("a"), "");
  EXPECT_EQ(invoice_of("b"), "inv");
  invoice("inv2", {"so"});
  int lines = 0;
  for (uint32_t il = s.invoices.rows[inv("inv2")].line_head; il != kNone; il = s.invoice_lines.rows[il].next) ++lines;
  EXPECT_EQ(lines, 1);
  EXPECT_EQ(s.invoice_lines.rows[s.invoice_lines.find(s.text, "inv2:1")].sale_line, line("so.1"));
}

TEST_F(Invoicing, PercentageDownPaymentIsDeductedFromTheFinalInvoice) {  // R19
  order_with("so", "partner_b", {{"ot2", "10"}});                        // 900.00
  invoice("dp", {"so"}, {{"method", "percentage"}, {"amount", "50"}});
  EXPECT_EQ(total("dp"), M("450.00"));
  EXPECT_TRUE(s.invoices.rows[inv("dp")].down_payment);
  post("dp");
  uint32_t dp_line = s.lines.find(s.text, "dp:dp1");
  ASSERT_NE(dp_line, kNone);
  EXPECT_EQ(qty_to_invoice(s, dp_line), Q("-1"));
  invoice("final", {"so"});
  EXPECT_EQ(total("final"), M("450.00"));  // 900 − 450
  post("final");
  EXPECT_EQ(line_status(s, dp_line), InvoiceStatus::Invoiced);
}

TEST_F(Invoicing, DownPaymentWithoutDeductionLeavesItOut) {
  order_with("so", "partner_b", {{"ot2", "10"}});
  invoice("dp", {"so"}, {{"method", "percentage"}, {"amount", "50"}});
  post("dp");
  invoice("final", {"so"}, {{"deduct_down_payments", false}});
  EXPECT_EQ(total("final"), M("900.00"));
}

// AS-25 test_downpayment_invoice_and_partial_credit_note
TEST_F(Invoicing, DownPaymentLinePriceFollowsPostedCreditNotes) {
  order_with("so", "partner_b", {{"ot2", "10"}});
  invoice("dp", {"so"}, {{"method", "fixed"}, {"fixed_amount", "100"}});
  post("dp");
  uint32_t dp_line = s.lines.find(s.text, "dp:dp1");
  EXPECT_EQ(s.lines.rows[dp_line].price, M("100.00"));
  ok({{"kind", "invoice.reverse"}, {"id", "cn"}, {"invoice", "dp"}});
  ok({{"kind", "invoice.update_line"}, {"id", "cn:1"}, {"price", "20"}});
  post("cn");
  EXPECT_EQ(s.lines.rows[dp_line].price, M("80.00"));
}

TEST_F(Invoicing, DownPaymentMustBePositive) {  // E4
  order_with("so", "partner_b", {{"ot2", "10"}});
  EXPECT_EQ(
      refused(
          {{"kind", "invoice.create"}, {"id", "dp"}, {"orders", {"so"}}, {"method", "fixed"}, {"fixed_amount", "0"}})
          .message,
      "The value of the down payment amount must be positive.");
  EXPECT_EQ(
      refused(
          {{"kind", "invoice.create"}, {"id", "dp"}, {"orders", {"so"}}, {"method", "percentage"}, {"amount", "-5"}})
          .code,
      "down_payment_positive");
}

TEST_F(Invoicing, FixedDownPaymentIsTaxIncluded) {
  ok({{"kind", "tax.create"}, {"id", "vat19"}, {"name", "VAT 19%"}, {"rate", "19"}});
  ok({{"kind", "order.create"}, {"id", "so"}, {"partner", "partner_b"}});
  ok({{"kind", "order.add_line"},
      {"id", "so.1"},
      {"order", "so"},
      {"product", "ot2"},
      {"qty", "10"},
      {"taxes", {"vat19"}}});
  ok({{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-01"}});
  invoice("dp", {"so"}, {{"method", "fixed"}, {"fixed_amount", "119"}});
  EXPECT_EQ(invoice_totals(s, inv("dp")).untaxed, M("100.00"));
  EXPECT_EQ(total("dp"), M("119.00"));
}

TEST_F(Invoicing, PriceExcludedTaxIsAddedPerLine) {
  ok({{"kind", "tax.create"}, {"id", "vat19"}, {"name", "VAT 19%"}, {"rate", "19"}});
  LineAmounts a = line_amounts(s, M("90.00"), Q("10.5"), 0, TaxSet{{s.taxes.find(s.text, "vat19"), kNone, kNone}});
  EXPECT_EQ(a.subtotal, M("945.00"));
  EXPECT_EQ(a.taxes[0].amount, M("179.55"));
  EXPECT_EQ(a.total, M("1124.55"));
}

TEST_F(Invoicing, PriceIncludedTaxIsTakenOutOfThePrice) {
  ok({{"kind", "tax.create"}, {"id", "vat21i"}, {"name", "VAT 21% incl."}, {"rate", "21"}, {"price_include", true}});
  LineAmounts a = line_amounts(s, M("100.00"), Q("1"), 0, TaxSet{{s.taxes.find(s.text, "vat21i"), kNone, kNone}});
  EXPECT_EQ(a.subtotal, M("82.64"));
  EXPECT_EQ(a.taxes[0].amount, M("17.36"));
  EXPECT_EQ(a.total, M("100.00"));
}

TEST_F(Invoicing, NumbersAreGaplessInPostingOrder) {
  order_with("so", "partner_b", {{"ot2", "1"}, {"ot3", "1"}});
  ok({{"kind", "invoice.create"}, {"id", "a"}, {"orders", {"so"}}});
  ok({{"kind", "invoice.delete"}, {"id", "a"}});  // a draft never numbered leaves no gap
  invoice("b", {"so"});
  order_with("so2", "partner_a", {{"ot2", "1"}});
  invoice("c", {"so2"});
  post("c");
  post("b");
  EXPECT_EQ(invoice_name(s, inv("c")), "INV/2026/00001");
  EXPECT_EQ(invoice_name(s, inv("b")), "INV/2026/00002");
  ok({{"kind", "invoice.reset_to_draft"}, {"id", "c"}});
  post("c");
  EXPECT_EQ(invoice_name(s, inv("c")), "INV/2026/00001");  // keeps its number
  EXPECT_EQ(refused({{"kind", "invoice.delete"}, {"id", "b"}}).code, "posted");
}

TEST_F(Invoicing, NumbersRestartEachYear) {
  order_with("so", "partner_b", {{"ot2", "1"}});
  order_with("so2", "partner_b", {{"ot2", "1"}});
  invoice("a", {"so"});
  post("a", "2026-12-31");
  invoice("b", {"so2"});
  post("b", "2027-01-01");
  EXPECT_EQ(invoice_name(s, inv("b")), "INV/2027/00001");
}

TEST_F(Invoicing, PaymentsMakeAnInvoicePartialThenPaid) {
  order_with("so", "partner_b", {{"ot2", "10"}});
  invoice("a", {"so"});
  EXPECT_EQ(
      refused({{"kind", "invoice.pay"}, {"id", "p0"}, {"invoice", "a"}, {"amount", "10"}, {"date", "2026-11-22"}}).code,
      "not_posted");
  post("a");
  ok({{"kind", "invoice.pay"}, {"id", "p1"}, {"invoice", "a"}, {"amount", "400"}, {"date", "2026-11-22"}});
  EXPECT_EQ(payment_state(s, inv("a")), PaymentState::Partial);
  EXPECT_EQ(invoice_residual(s, inv("a")), M("500.00"));
  EXPECT_EQ(
      refused({{"kind", "invoice.pay"}, {"id", "p2"}, {"invoice", "a"}, {"amount", "600"}, {"date", "2026-11-22"}})
          .code,
      "overpayment");
  ok({{"kind", "invoice.pay"}, {"id", "p2"}, {"invoice", "a"}, {"amount", "500"}, {"date", "2026-11-22"}});
  EXPECT_EQ(payment_state(s, inv("a")), PaymentState::Paid);
  EXPECT_EQ(refused({{"kind", "invoice.reset_to_draft"}, {"id", "a"}}).code, "has_payments");
}

TEST_F(Invoicing, PostedInvoiceLinesCannotBeEdited) {
  order_with("so", "partner_b", {{"ot2", "10"}});
  invoice("a", {"so"});
  post("a");
  EXPECT_EQ(refused({{"kind", "invoice.update_line"}, {"id", "a:1"}, {"qty", "1"}}).code, "not_draft");
}

TEST_F(Invoicing, ADraftLineTakesATaxAndTheTotalsFollow) {  // 10 × 90 + VAT 15 % = 1035
  ok({{"kind", "tax.create"}, {"id", "vat15"}, {"name", "VAT 15%"}, {"rate", "15"}});
  order_with("so", "partner_b", {{"ot2", "10"}});
  invoice("a", {"so"});
  EXPECT_EQ(total("a"), M("900.00"));
  ok({{"kind", "invoice.update_line"}, {"id", "a:1"}, {"taxes", {"vat15"}}});
  InvoiceTotals t = invoice_totals(s, inv("a"));
  EXPECT_EQ(t.untaxed, M("900.00"));
  EXPECT_EQ(t.tax, M("135.00"));
  EXPECT_EQ(t.total, M("1035.00"));
  ok({{"kind", "invoice.update_line"}, {"id", "a:1"}, {"taxes", json::array()}});
  EXPECT_EQ(total("a"), M("900.00"));
}

TEST_F(Invoicing, ADraftLineRefusesAnUnknownTaxAndKeepsItsOwn) {
  order_with("so", "partner_b", {{"ot2", "10"}});
  invoice("a", {"so"});
  EXPECT_EQ(refused({{"kind", "invoice.update_line"}, {"id", "a:1"}, {"taxes", {"nope"}}}).code, "unknown_ref");
  EXPECT_EQ(total("a"), M("900.00"));
}

TEST_F(Invoicing, NegativeFinalInvoiceBecomesACreditNote) {  // R14 final
  order_with("so", "partner_b", {{"ot2", "10"}});
  invoice("dp", {"so"}, {{"method", "percentage"}, {"amount", "50"}});
  post("dp");
  ok({{"kind", "order.update_line"}, {"id", "so.1"}, {"qty", "2"}});  // now 180 to invoice, 450 paid ahead
  invoice("final", {"so"});
  EXPECT_EQ(s.invoices.rows[inv("final")].type, MoveType::Refund);
  EXPECT_EQ(total("final"), M("270.00"));
}

class OrderRules : public ::testing::Test, public Ws {
 protected:
  void SetUp() override { odoo_fixtures(); }
};

TEST_F(OrderRules, ConfirmedLineCannotBeRemoved) {  // E6
  order_with("so", "partner_b", {{"dt2", "10"}});
  EXPECT_EQ(refused({{"kind", "order.remove_line"}, {"id", "so.1"}}).code, "remove_confirmed_line");
}

TEST_F(OrderRules, ProductOfADeliveredLineCannotChange) {  // E5
  order_with("so", "partner_b", {{"dt2", "10"}});
  ticket_on("k", "partner_b", "so.1");
  log("a", "k", "1");
  EXPECT_EQ(refused({{"kind", "order.update_line"}, {"id", "so.1"}, {"product", "dt3"}}).message,
            "You cannot modify the product of this order line.");
}

TEST_F(OrderRules, LockedOrderRefusesProtectedFields) {  // E7, E9
  order_with("so", "partner_b", {{"dt2", "10"}});
  ok({{"kind", "order.lock"}, {"id", "so"}});
  EXPECT_EQ(refused({{"kind", "order.update_line"}, {"id", "so.1"}, {"qty", "11"}, {"price", "1"}}).message,
            "It is forbidden to modify the following fields in a locked order:\n- Unit Price\n- Quantity");
  EXPECT_EQ(refused({{"kind", "order.cancel"}, {"id", "so"}}).message,
            "You cannot cancel a locked order. Please unlock it first.");
}

TEST_F(OrderRules, LineTypeCannotChange) {  // E10
  order_with("so", "partner_b", {{"dt2", "10"}});
  EXPECT_EQ(refused({{"kind", "order.update_line"}, {"id", "so.1"}, {"display", "note"}}).code, "line_type");
}

TEST_F(OrderRules, UnitOfAnotherCategoryIsRefused) {  // E8
  ok({{"kind", "order.create"}, {"id", "so"}, {"partner", "partner_b"}});
  OpError e =
      refused({{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "dt2"}, {"uom", "units"}});
  EXPECT_NE(e.message.find("The unit of measure Units defined on the order line doesn't belong to the same category as "
                           "the unit of measure Hours"),
            std::string::npos);
}

TEST_F(OrderRules, NegativeQuantityIsRefused) {
  ok({{"kind", "order.create"}, {"id", "so"}, {"partner", "partner_b"}});
  EXPECT_EQ(
      refused({{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "dt2"}, {"qty", "-1"}}).code,
      "negative_quantity");
}

TEST_F(OrderRules, CancellingAnOrderCancelsItsDraftInvoices) {  // R18
  order_with("so", "partner_b", {{"ot2", "10"}});
  invoice("a", {"so"});
  ok({{"kind", "order.cancel"}, {"id", "so"}});
  EXPECT_EQ(s.invoices.rows[inv("a")].state, MoveState::Cancel);
}

TEST_F(OrderRules, InactiveEmployeeCannotLogTime) {  // E13
  order_with("so", "partner_b", {{"dt2", "10"}});
  ticket_on("k", "partner_b", "so.1");
  ok({{"kind", "employee.update"}, {"id", "employee_user"}, {"active", false}});
  ok({{"kind", "employee.update"}, {"id", "employee_manager"}});
  OpError e = refused({{"kind", "timesheet.log"},
                       {"id", "a"},
                       {"ticket", "k"},
                       {"employee", "employee_user"},
                       {"date", "2026-11-20"},
                       {"hours", "1"}});
  EXPECT_EQ(e.message, "Timesheets must be created with an active employee in the selected companies.");
}

// R16, R18: a deleted draft invoice no longer bills its timesheets; they are free for the next one.
TEST_F(Invoicing, DeletingADraftInvoiceUnlinksItsTimesheets) {
  order_with("so", "partner_b", {{"dt2", "1"}, {"dt3", "1"}});
  ticket_on("k1", "partner_b", "so.1");
  ticket_on("k2", "partner_b", "so.2");
  log("a", "k1", "5");
  log("b", "k2", "2");
  invoice("inv", {"so"});  // 5 h × 90.00 + 2 h × 20.00 = 490.00
  EXPECT_EQ(total("inv"), M("490.00"));
  ok({{"kind", "invoice.delete"}, {"id", "inv"}});
  EXPECT_EQ(invoice_of("a"), "");
  EXPECT_EQ(invoice_of("b"), "");
  invoice("inv2", {"so"});
  EXPECT_EQ(total("inv2"), M("490.00"));
  EXPECT_EQ(invoice_of("a"), "inv2");
}

// A timesheet may leave the line it was invoiced on while its invoice is cancelled (it is not
// billed then, R18, so it can be moved); deleting that invoice still unlinks it.
TEST_F(Invoicing, ATimesheetMovedOffTheInvoicesLineIsUnlinkedWhenTheInvoiceIsDeleted) {
  order_with("so", "partner_b", {{"dt2", "1"}, {"dt3", "1"}});
  ticket_on("k1", "partner_b", "so.1");
  log("a", "k1", "5");
  log("b", "k1", "1");
  invoice("inv", {"so"});
  ok({{"kind", "invoice.cancel"}, {"id", "inv"}});
  ok({{"kind", "timesheet.update"}, {"id", "a"}, {"sale_line", "so.2"}});
  EXPECT_EQ(invoice_of("a"), "inv");  // the link stays while the invoice is cancelled (R18)
  ok({{"kind", "invoice.delete"}, {"id", "inv"}});
  EXPECT_EQ(invoice_of("a"), "");
  EXPECT_EQ(invoice_of("b"), "");
}

// The fold's count of each invoice's timesheets (State::invoice_timesheet_counts, what a deleted
// invoice relies on to stop looking) is the true count after every way a link is made or undone:
// invoicing, a cancel and a move, a delete, a credit note, a deleted timesheet.
TEST_F(Invoicing, EachInvoicesCountOfTimesheetsStaysTrue) {
  auto expect_true_counts = [&](const char* after) {
    for (uint32_t i = 0; i < s.invoices.size(); ++i) {
      uint32_t n = 0;
      for (const Timesheet& t : s.timesheets.rows) n += t.invoice == i;
      EXPECT_EQ(timesheets_of_invoice_count(s, i), n) << "invoice " << i << " after " << after;
    }
  };
  order_with("so", "partner_b", {{"dt2", "1"}, {"dt3", "1"}});
  ticket_on("k1", "partner_b", "so.1");
  ticket_on("k2", "partner_b", "so.2");
  log("a", "k1", "5");
  log("b", "k2", "2");
  log("c", "k1", "1");
  invoice("inv", {"so"});
  expect_true_counts("invoicing");
  ok({{"kind", "invoice.cancel"}, {"id", "inv"}});
  ok({{"kind", "timesheet.update"}, {"id", "a"}, {"sale_line", "so.2"}});
  invoice("inv2", {"so"});  // takes the timesheets the cancelled invoice had
  expect_true_counts("a cancel, a move and a second invoice");
  ok({{"kind", "invoice.delete"}, {"id", "inv"}});
  expect_true_counts("a delete");
  post("inv2");
  ok({{"kind", "invoice.reverse"}, {"id", "cn"}, {"invoice", "inv2"}, {"lines", {"inv2:1"}}});
  post("cn");
  expect_true_counts("a credit note");
  log("d", "k1", "3");
  invoice("inv3", {"so"});
  ok({{"kind", "invoice.delete"}, {"id", "inv3"}});
  ok({{"kind", "timesheet.delete"}, {"id", "d"}});
  expect_true_counts("a deleted timesheet");
}
