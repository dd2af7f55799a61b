// R3–R7, R16, R17 with the numbers of Odoo's sale_timesheet tests.
#include "billing_history.h"
#include "core/links.h"
#include "core/state_hash.h"
#include "fixture.h"

using namespace deskbill;
using namespace deskbill::test;

class TimesheetBilling : public ::testing::Test, public Ws {
 protected:
  void SetUp() override { odoo_fixtures(); }
};

// AS-01 test_timesheet_delivery
TEST_F(TimesheetBilling, DeliveredHoursMakeTheLineToInvoice) {
  order_with("so", "partner_b", {{"dt2", "50"}, {"dt3", "20"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "10.5");
  EXPECT_EQ(delivered("so.1"), Q("10.5"));
  EXPECT_EQ(status("so.1"), InvoiceStatus::ToInvoice);
  EXPECT_EQ(status("so.2"), InvoiceStatus::No);
  EXPECT_EQ(ostatus("so"), InvoiceStatus::ToInvoice);
  EXPECT_EQ(timesheet_to_json(s, ts("ts1"))["timesheet_invoice_type"], "billable_time");
}

TEST_F(TimesheetBilling, InvoiceBillsDeliveredHoursAndLinksTimesheets) {
  order_with("so", "partner_b", {{"dt2", "50"}, {"dt3", "20"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "10.5");
  invoice("inv1", {"so"});
  EXPECT_EQ(total("inv1"), M("945.00"));
  EXPECT_EQ(invoice_of("ts1"), "inv1");    // linked to the draft invoice (R16)
  EXPECT_EQ(invoiced("so.1"), Q("10.5"));  // drafts count (R4)
}

TEST_F(TimesheetBilling, EditingAnInvoicedTimesheetIsRefused) {  // E2
  order_with("so", "partner_b", {{"dt2", "50"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "10.5");
  invoice("inv1", {"so"});
  OpError e = refused({{"kind", "timesheet.update"}, {"id", "ts1"}, {"hours", "11"}});
  EXPECT_EQ(e.message, "You cannot modify timesheets that are already invoiced.");
  EXPECT_EQ(s.timesheets.rows[ts("ts1")].hours, Q("10.5"));
  ok({{"kind", "timesheet.update"}, {"id", "ts1"}, {"description", "typo fixed"}});  // description stays editable
}

TEST_F(TimesheetBilling, SecondInvoiceBillsTheRestAndLineBecomesInvoiced) {
  order_with("so", "partner_b", {{"dt2", "50"}, {"dt3", "20"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "10.5");
  invoice("inv1", {"so"});
  post("inv1");
  log("ts2", "k1", "39.5");
  invoice("inv2", {"so"});
  EXPECT_EQ(total("inv2"), M("3555.00"));
  EXPECT_EQ(invoice_of("ts2"), "inv2");
  EXPECT_EQ(invoice_of("ts1"), "inv1");
  EXPECT_EQ(status("so.1"), InvoiceStatus::Invoiced);  // 50 / 50
  EXPECT_EQ(ostatus("so"), InvoiceStatus::No);         // so.2 still 'no'
}

TEST_F(TimesheetBilling, NegativeTimesheetsReduceDelivered) {  // T9
  order_with("so", "partner_b", {{"dt2", "50"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "5");
  log("ts2", "k1", "-1.5");
  EXPECT_EQ(delivered("so.1"), Q("3.5"));
}

TEST_F(TimesheetBilling, NonBillableTimesheetsNeverCount) {  // R12
  order_with("so", "partner_b", {{"dt2", "50"}});
  ticket_on("k1", "partner_b", "so.1");
  ok({{"kind", "timesheet.log"},
      {"id", "ts1"},
      {"ticket", "k1"},
      {"employee", "employee_user"},
      {"date", "2026-11-20"},
      {"hours", "3"},
      {"sale_line", nullptr}});
  EXPECT_EQ(delivered("so.1"), 0);
  EXPECT_EQ(timesheet_to_json(s, ts("ts1"))["timesheet_invoice_type"], "non_billable");
}

// AS-10 test_task_so_line_assignation
TEST_F(TimesheetBilling, QtyToInvoiceIsDeliveredMinusInvoiced) {
  order_with("so", "partner_b", {{"dt2", "10"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "4");
  log("ts2", "k1", "1");
  EXPECT_EQ(to_invoice("so.1"), Q("5"));
  invoice("inv1", {"so"});
  post("inv1");
  EXPECT_EQ(to_invoice("so.1"), 0);
  OpError e = refused({{"kind", "timesheet.update"}, {"id", "ts1"}, {"sale_line", nullptr}});
  EXPECT_EQ(e.code, "timesheet_invoiced");
  EXPECT_EQ(sol_of_ts("ts1"), "so.1");
}

// AS-08 test_unlink_timesheet
TEST_F(TimesheetBilling, RemovingTheDraftInvoiceLineUnlinksTimesheets) {
  order_with("so", "partner_b", {{"dt2", "50"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "50");
  invoice("inv1", {"so"});
  EXPECT_EQ(invoice_of("ts1"), "inv1");
  ok({{"kind", "invoice.remove_line"}, {"id", "inv1:1"}});
  EXPECT_EQ(invoice_of("ts1"), "");
  EXPECT_EQ(to_invoice("so.1"), Q("50"));
}

TEST_F(TimesheetBilling, DeletingATimesheetOnAPostedInvoiceIsRefused) {  // E3
  order_with("so", "partner_b", {{"dt2", "50"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "5");
  invoice("inv1", {"so"});
  post("inv1");
  EXPECT_EQ(refused({{"kind", "timesheet.delete"}, {"id", "ts1"}}).message,
            "You cannot remove a timesheet that has already been invoiced.");
}

TEST_F(TimesheetBilling, DeletingATimesheetOnADraftInvoiceIsAllowed) {  // R17 delete guard: posted only
  order_with("so", "partner_b", {{"dt2", "50"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "5");
  invoice("inv1", {"so"});
  ok({{"kind", "timesheet.delete"}, {"id", "ts1"}});
  EXPECT_EQ(delivered("so.1"), 0);
}

TEST_F(TimesheetBilling, CancelledInvoiceFreesTimesheets) {  // R18
  order_with("so", "partner_b", {{"dt2", "50"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "5");
  invoice("inv1", {"so"});
  ok({{"kind", "invoice.cancel"}, {"id", "inv1"}});
  EXPECT_FALSE(timesheet_billed(s, ts("ts1")));
  EXPECT_EQ(invoiced("so.1"), 0);
  ok({{"kind", "timesheet.update"}, {"id", "ts1"}, {"hours", "6"}});
  invoice("inv2", {"so"});
  EXPECT_EQ(invoice_of("ts1"), "inv2");  // re-linked by the next invoice
}

// Create Invoice skips a line's timesheets billed for good (OrderLine::ts_billed_upto); each way
// a billed timesheet is freed again must bring it back into the next invoice.
TEST_F(TimesheetBilling, ADeletedDraftFreesItsTimesheetsForTheNextInvoice) {  // R18
  order_with("so", "partner_b", {{"dt2", "50"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "5");
  invoice("inv1", {"so"});
  ok({{"kind", "invoice.delete"}, {"id", "inv1"}});
  invoice("inv2", {"so"});
  EXPECT_EQ(invoice_of("ts1"), "inv2");
}

TEST_F(TimesheetBilling, APostedCreditNoteFreesItsTimesheetsForTheNextInvoice) {  // R18
  order_with("so", "partner_b", {{"dt2", "50"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "5");
  invoice("inv1", {"so"});
  post("inv1");
  ok({{"kind", "invoice.reverse"}, {"id", "cn"}, {"invoice", "inv1"}});
  post("cn");
  invoice("inv2", {"so"});
  EXPECT_EQ(invoice_of("ts1"), "inv2");
}

TEST_F(TimesheetBilling, ARemovedInvoiceLineFreesItsTimesheetsForTheNextInvoice) {  // R18
  order_with("so", "partner_b", {{"dt2", "50"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "5");
  invoice("inv1", {"so"});
  ok({{"kind", "invoice.remove_line"}, {"id", "inv1:1"}});
  invoice("inv2", {"so"});  // inv1 stays, without the line
  EXPECT_EQ(invoice_of("ts1"), "inv2");
}

TEST_F(TimesheetBilling, NothingToInvoiceGivesOdoosError) {  // E1
  order_with("so", "partner_b", {{"dt2", "50"}});
  OpError e = refused({{"kind", "invoice.create"}, {"id", "inv1"}, {"orders", {"so"}}});
  EXPECT_EQ(e.code, "nothing_to_invoice");
  EXPECT_EQ(e.message.rfind("Cannot create an invoice. No items are available to invoice.", 0), 0u);
  EXPECT_EQ(s.invoices.size(), 0u);
}

// AS-26 test_timesheet_manual
TEST_F(TimesheetBilling, ManualLinesIgnoreTimesheets) {
  ok({{"kind", "project.create"},
      {"id", "pm"},
      {"name", "Manual project"},
      {"partner", "partner_b"},
      {"allow_billable", true}});
  order_with("so", "partner_b", {{"dm2", "10"}});
  ok({{"kind", "task.create"}, {"id", "task"}, {"project", "pm"}, {"name", "T"}, {"sale_line", "so.1"}});
  ok({{"kind", "timesheet.log"},
      {"id", "ts1"},
      {"task", "task"},
      {"employee", "employee_user"},
      {"date", "2026-11-20"},
      {"hours", "6"}});
  EXPECT_EQ(timesheet_to_json(s, ts("ts1"))["timesheet_invoice_type"], "billable_manual");
  EXPECT_EQ(delivered("so.1"), 0);
  EXPECT_EQ(to_invoice("so.1"), 0);
  ok({{"kind", "order.update_line"}, {"id", "so.1"}, {"delivered", "5"}});
  invoice("inv1", {"so"});
  EXPECT_EQ(s.invoice_lines.rows[s.invoice_lines.find(s.text, "inv1:1")].qty, Q("5"));
  EXPECT_EQ(invoice_of("ts1"), "");  // never linked
}

// AS-21 test_refund_cancel: over-invoicing makes qty_to_invoice negative
TEST_F(TimesheetBilling, OverInvoicingMakesToInvoiceNegative) {
  order_with("so", "partner_b", {{"ot2", "5"}, {"ot3", "3"}});
  invoice("inv1", {"so"});
  ok({{"kind", "invoice.update_line"}, {"id", "inv1:1"}, {"qty", "6"}});
  ok({{"kind", "invoice.update_line"}, {"id", "inv1:2"}, {"qty", "4"}});
  post("inv1");
  EXPECT_EQ(invoiced("so.1"), Q("6"));
  EXPECT_EQ(invoiced("so.2"), Q("4"));
  EXPECT_EQ(to_invoice("so.1"), Q("-1"));
  EXPECT_EQ(to_invoice("so.2"), Q("-1"));
}

// AS-30 test_non_consolidated_billing_service_timesheet
TEST_F(TimesheetBilling, NonConsolidatedBillingMakesOneInvoicePerOrder) {
  order_with("so1", "partner_b", {{"dt2", "10"}});
  order_with("so2", "partner_b", {{"dt2", "10"}});
  ticket_on("k1", "partner_b", "so1.1");
  ticket_on("k2", "partner_b", "so2.1");
  log("ts1", "k1", "2");
  log("ts2", "k2", "2");
  invoice("inv", {"so1", "so2"}, {{"consolidated", false}});
  EXPECT_NE(inv("inv"), kNone);
  EXPECT_NE(inv("inv/2"), kNone);
}

TEST_F(TimesheetBilling, ConsolidatedBillingMergesOrdersOfOneCustomer) {
  order_with("so1", "partner_b", {{"dt2", "10"}});
  order_with("so2", "partner_b", {{"dt2", "10"}});
  ticket_on("k1", "partner_b", "so1.1");
  ticket_on("k2", "partner_b", "so2.1");
  log("ts1", "k1", "2");
  log("ts2", "k2", "2");
  invoice("inv", {"so1", "so2"});
  EXPECT_EQ(inv("inv/2"), kNone);
  EXPECT_EQ(total("inv"), M("360.00"));
}

// AS-19 test_timesheet_hours_delivered_rounding: a unit rounded to whole hours
TEST_F(TimesheetBilling, DeliveredIsRoundedHalfUpInTheLinesUnit) {
  ok({{"kind", "uom.create"},
      {"id", "hour1"},
      {"name", "Hours (whole)"},
      {"category", "time"},
      {"factor", "8"},
      {"rounding", "1"}});
  ok({{"kind", "order.create"}, {"id", "so"}, {"partner", "partner_b"}});
  ok({{"kind", "order.add_line"},
      {"id", "so.1"},
      {"order", "so"},
      {"product", "dt3"},
      {"qty", "10"},
      {"uom", "hour1"}});
  ok({{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-01"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "8.1");
  EXPECT_EQ(delivered("so.1"), Q("8"));
  ok({{"kind", "timesheet.update"}, {"id", "ts1"}, {"hours", "8.5"}});
  EXPECT_EQ(delivered("so.1"), Q("9"));
  ok({{"kind", "timesheet.update"}, {"id", "ts1"}, {"hours", "8.9"}});
  EXPECT_EQ(delivered("so.1"), Q("9"));
}

// R11 / AS-27: a line chosen by hand stays when the ticket's line changes
TEST_F(TimesheetBilling, EditedTimesheetLineIsNeverRecomputed) {
  order_with("so", "partner_b", {{"dt1", "10"}, {"dt2", "10"}, {"dt3", "10"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "5");
  log("ts2", "k1", "5");
  EXPECT_EQ(delivered("so.1"), Q("10"));
  ok({{"kind", "timesheet.update"}, {"id", "ts2"}, {"sale_line", "so.2"}});
  EXPECT_EQ(delivered("so.1"), Q("5"));
  ok({{"kind", "ticket.update"}, {"id", "k1"}, {"sale_line", "so.3"}});
  EXPECT_EQ(sol_of_ts("ts1"), "so.3");  // follows (R13)
  EXPECT_EQ(sol_of_ts("ts2"), "so.2");  // edited: stays
}

// OrderLine::ts_billed_upto is a cache the fold keeps so Create Invoice skips timesheets billed
// for good. A random history of logging, invoicing, posting, cancelling, resetting, deleting,
// crediting, removing invoice lines and moving timesheets between lines: every Create Invoice
// gives the same state as the same op applied with every line's marker cleared (the walk from
// the first timesheet, as before the cache), and the marker never covers a timesheet that could
// be billed again.
TEST_F(TimesheetBilling, CreateInvoiceGivesTheSameResultWithAndWithoutTheSkipMarker) {
  order_with("so", "partner_b", {{"dt2", "500"}, {"dt3", "500"}});
  ticket_on("k1", "partner_b", "so.1");
  ticket_on("k2", "partner_b", "so.2");
  BillingHistory history(20261130, false);
  int compared = 0;
  for (int step = 0; step < 1200; ++step) {
    json op = history.next(step);
    if (op["kind"] == "invoice.create") {
      State without = s;
      for (uint32_t l = 0; l < without.lines.size(); ++l) reset_billed_upto(without, l);
      apply_or_reject(without, op);
      apply_or_reject(s, op);
      ASSERT_EQ(state_hash(s), state_hash(without)) << "step " << step;
      ++compared;
    } else {
      apply_or_reject(s, op);
    }
    for (uint32_t l = 0; l < s.lines.size(); ++l) {
      uint32_t upto = s.lines.rows[l].ts_billed_upto;
      if (upto == kNone) continue;
      for (uint32_t t = s.lines.rows[l].ts_head;; t = s.timesheets.rows[t].sol_next) {
        ASSERT_NE(t, kNone) << "the marker of line " << l << " is not among its timesheets (step " << step << ")";
        ASSERT_TRUE(timesheet_billed_for_good(s, t)) << "step " << step << ": " << op.dump();
        if (t == upto) break;
      }
    }
  }
  EXPECT_GT(compared, 80);
  // The history did what it is meant to: invoices made, some posted, some freed again.
  EXPECT_GT(s.invoices.size(), 40u);
}
