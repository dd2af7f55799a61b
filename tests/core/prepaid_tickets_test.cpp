// R8, R10, R13, R21 on helpdesk tickets: the derived scenarios D1, D5, D6 and Odoo's AS-11..AS-18.
#include "core/sale_line_defaults.h"
#include "fixture.h"

using namespace deskbill;
using namespace deskbill::test;

class PrepaidTickets : public ::testing::Test, public Ws {
 protected:
  void SetUp() override {
    odoo_fixtures();
    ok({{"kind", "product.create"},
        {"id", "support10"},
        {"name", "Support 10h"},
        {"policy", "prepaid"},
        {"price", "100"}});
  }
};

TEST_F(PrepaidTickets, NewTicketTakesTheCustomersPrepaidLine) {  // D1, R10
  order_with("so1", "partner_b", {{"support10", "10"}});
  ticket_on("k1", "bob");  // a contact of partner_b: matched by commercial partner
  EXPECT_EQ(sol_of_ticket("k1"), "so1.1");
  EXPECT_EQ(ticket_remaining_hours(s, ticket("k1")), Q("10"));
  EXPECT_EQ(status("so1.1"), InvoiceStatus::ToInvoice);
  EXPECT_EQ(to_invoice("so1.1"), Q("10"));
}

TEST_F(PrepaidTickets, LoggedHoursReduceRemainingHours) {  // D1
  order_with("so1", "partner_b", {{"support10", "10"}});
  ticket_on("k1", "bob");
  log("ts1", "k1", "2.5");
  EXPECT_EQ(delivered("so1.1"), Q("2.5"));
  EXPECT_EQ(remaining_hours(s, line("so1.1")), Q("7.5"));
  EXPECT_EQ(status("so1.1"), InvoiceStatus::ToInvoice);
}

TEST_F(PrepaidTickets, PrepaidInvoiceBillsOrderedQuantityWithoutTimesheets) {  // D1, R16 (prepaid never linked)
  order_with("so1", "partner_b", {{"support10", "10"}});
  ticket_on("k1", "bob");
  log("ts1", "k1", "2.5");
  invoice("inv1", {"so1"});
  EXPECT_EQ(total("inv1"), M("1000.00"));
  EXPECT_EQ(invoice_of("ts1"), "");
  EXPECT_EQ(status("so1.1"), InvoiceStatus::Invoiced);
  ok({{"kind", "timesheet.update"}, {"id", "ts1"}, {"hours", "3"}});  // prepaid timesheets stay editable (T1)
}

TEST_F(PrepaidTickets, OverconsumedBlockGoesNegativeAndUpselling) {  // D1, R6, R21
  order_with("so1", "partner_b", {{"support10", "10"}});
  ticket_on("k1", "bob");
  log("ts1", "k1", "2.5");
  invoice("inv1", {"so1"});
  post("inv1");
  log("ts2", "k1", "8");
  EXPECT_EQ(delivered("so1.1"), Q("10.5"));
  EXPECT_EQ(remaining_hours(s, line("so1.1")), Q("-0.5"));
  EXPECT_EQ(status("so1.1"), InvoiceStatus::Upselling);
  EXPECT_EQ(ostatus("so1"), InvoiceStatus::Upselling);
  EXPECT_TRUE(over_prepaid(s, line("so1.1")));
}

TEST_F(PrepaidTickets, ConsumedBlockIsNotPickedForNewTickets) {  // D1, T28: strictly > 0
  order_with("so1", "partner_b", {{"support10", "10"}});
  ticket_on("k1", "bob");
  log("ts1", "k1", "10");
  ticket_on("k2", "partner_b");
  EXPECT_EQ(sol_of_ticket("k2"), "");
  log("ts2", "k2", "1");
  EXPECT_EQ(sol_of_ts("ts2"), "");  // non-billable unless the user picks a line
}

TEST_F(PrepaidTickets, MostRecentOrderWinsForNewTickets) {  // D1: SO2 newer
  order_with("so1", "partner_b", {{"support10", "10"}}, "2026-10-01");
  ticket_on("k1", "bob");
  order_with("so2", "partner_b", {{"support10", "5"}}, "2026-11-01");
  ticket_on("k2", "bob");
  EXPECT_EQ(sol_of_ticket("k1"), "so1.1");  // existing tickets keep their line
  EXPECT_EQ(sol_of_ticket("k2"), "so2.1");
}

TEST_F(PrepaidTickets, TeamWithoutTimeBillingMakesEverythingNonBillable) {  // D5
  order_with("so1", "partner_b", {{"support10", "10"}});
  ok({{"kind", "team.create"}, {"id", "free"}, {"name", "Internal"}, {"use_timesheets", true}, {"use_billing", false}});
  ok({{"kind", "ticket.create"}, {"id", "k1"}, {"team", "free"}, {"title", "x"}, {"partner", "bob"}});
  EXPECT_EQ(sol_of_ticket("k1"), "");
  log("ts1", "k1", "3");
  EXPECT_EQ(sol_of_ts("ts1"), "");
  EXPECT_EQ(delivered("so1.1"), 0);
  EXPECT_EQ(refused({{"kind", "ticket.update"}, {"id", "k1"}, {"sale_line", "so1.1"}}).code, "team_no_billing");
}

TEST_F(PrepaidTickets, CustomerChangeMovesUnbilledTimesheets) {  // D6, R13
  order_with("soa", "partner_b", {{"support10", "10"}});
  order_with("sob", "partner_a", {{"support10", "10"}});
  ticket_on("k1", "bob");
  log("ts1", "k1", "2");
  ok({{"kind", "ticket.update"}, {"id", "k1"}, {"partner", "partner_a"}});
  EXPECT_EQ(sol_of_ticket("k1"), "sob.1");
  EXPECT_EQ(sol_of_ts("ts1"), "sob.1");
  EXPECT_EQ(delivered("soa.1"), 0);
  EXPECT_EQ(delivered("sob.1"), Q("2"));
}

// AS-14 test_change_customer_and_SOL_after_invoiced_timesheet
TEST_F(PrepaidTickets, BilledTimesheetsKeepTheirLineAndCustomer) {
  order_with("so", "partner_b", {{"dt1", "1"}});
  ticket_on("k1", "partner_b", "so.1");
  log("ts1", "k1", "3");
  invoice("inv1", {"so"});
  post("inv1");
  log("ts2", "k1", "2");
  ok({{"kind", "ticket.update"}, {"id", "k1"}, {"partner", "partner_a"}});
  EXPECT_EQ(timesheet_partner(s, ts("ts1")), s.partners.find(s.text, "partner_b"));
  EXPECT_EQ(timesheet_partner(s, ts("ts2")), s.partners.find(s.text, "partner_a"));
  EXPECT_EQ(sol_of_ts("ts1"), "so.1");
  EXPECT_EQ(sol_of_ts("ts2"), "");  // partner_a has no line
}

// AS-11 test_remaining_hours_prepaid_services / AS-12
TEST_F(PrepaidTickets, TaskRemainingHoursFollowItsLine) {
  order_with("so", "partner_b", {{"dt1", "10"}, {"ot1", "2"}});
  ok({{"kind", "project.create"},
      {"id", "p"},
      {"name", "Task rate"},
      {"partner", "partner_b"},
      {"allow_billable", true}});
  ok({{"kind", "task.create"}, {"id", "task"}, {"project", "p"}, {"name", "T"}});
  EXPECT_EQ(s.tasks.rows[s.tasks.find(s.text, "task")].sale_line, line("so.2"));
  EXPECT_EQ(remaining_hours(s, line("so.2")), Q("2"));
  ok({{"kind", "timesheet.log"},
      {"id", "ts1"},
      {"task", "task"},
      {"employee", "employee_user"},
      {"date", "2026-11-20"},
      {"hours", "1"}});
  EXPECT_EQ(remaining_hours(s, line("so.2")), Q("1"));
  ok({{"kind", "task.update"}, {"id", "task"}, {"sale_line", "so.1"}});
  EXPECT_EQ(remaining_hours(s, line("so.2")), Q("2"));  // the hour moved with the task (R13)
  EXPECT_FALSE(remaining_hours_available(s, line("so.1")));
}

// AS-15: a prepaid product in a custom unit "50(hours)" (factor 0.16 of Days)
TEST_F(PrepaidTickets, RemainingHoursConvertCustomUnits) {
  ok({{"kind", "uom.create"}, {"id", "u50"}, {"name", "50(hours)"}, {"category", "time"}, {"factor", "0.16"}});
  ok({{"kind", "product.create"},
      {"id", "block50"},
      {"name", "Block"},
      {"policy", "prepaid"},
      {"price", "1000"},
      {"uom", "u50"}});
  order_with("so", "partner_b", {{"block50", "1"}});
  ticket_on("k1", "partner_b");
  EXPECT_EQ(ticket_remaining_hours(s, ticket("k1")), Q("50"));
  log("ts1", "k1", "3");
  EXPECT_EQ(ticket_remaining_hours(s, ticket("k1")), Q("47"));
}

// AS-16 test_display_upsell_warning: threshold 0.5, ×10
TEST_F(PrepaidTickets, UpsellWarningNeedsStrictlyMoreThanThreshold) {
  ok({{"kind", "product.update"}, {"id", "ot1"}, {"upsell_threshold", "0.5"}});
  order_with("so", "partner_b", {{"ot1", "10"}});
  ticket_on("k1", "partner_b");
  log("ts1", "k1", "5");
  EXPECT_FALSE(over_prepaid(s, line("so.1")));  // 5 is not > 5
  ok({{"kind", "timesheet.update"}, {"id", "ts1"}, {"hours", "6"}});
  EXPECT_TRUE(over_prepaid(s, line("so.1")));
}

// AS-17: warning again after the quantity is raised and exceeded again
TEST_F(PrepaidTickets, UpsellWarningReturnsWhenTheNewQuantityIsExceeded) {
  order_with("so", "partner_b", {{"ot1", "10"}});
  ticket_on("k1", "partner_b");
  log("ts1", "k1", "15");
  EXPECT_TRUE(over_prepaid(s, line("so.1")));
  ok({{"kind", "order.update_line"}, {"id", "so.1"}, {"qty", "15"}});
  invoice("inv1", {"so"});
  EXPECT_FALSE(over_prepaid(s, line("so.1")));
  log("ts2", "k1", "5");
  EXPECT_TRUE(over_prepaid(s, line("so.1")));
}

// AS-18 test_timesheet_upsell: a block sold per Day
TEST_F(PrepaidTickets, BlockSoldInDaysBecomesUpsellingPastOneDay) {
  ok({{"kind", "order.create"}, {"id", "so"}, {"partner", "partner_b"}});
  ok({{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "ot3"}, {"qty", "1"}, {"uom", "days"}});
  ok({{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-01"}});
  EXPECT_EQ(s.lines.rows[line("so.1")].price, M("160.00"));  // 20/h × 8 h
  ticket_on("k1", "partner_b");
  log("ts1", "k1", "8");
  EXPECT_EQ(delivered("so.1"), Q("1"));
  invoice("inv1", {"so"});
  post("inv1");
  log("ts2", "k1", "5");
  EXPECT_EQ(ostatus("so"), InvoiceStatus::Upselling);
  // Delivered is rounded to 0.01 Day (13 h = 1.625 → 1.63 d) before converting back: Odoo shows −5.04 h.
  EXPECT_EQ(remaining_hours(s, line("so.1")), Q("-5.04"));
}

// Seed 001: a task created by the order, linked to the ticket, carries the line.
TEST_F(PrepaidTickets, TaskCreatedByTheOrderBringsItsLineToTheTicket) {
  ok({{"kind", "product.update"}, {"id", "dt2"}, {"creates_task", true}, {"project", "team/project"}});
  order_with("so", "partner_b", {{"dt2", "10"}});
  uint32_t task = s.tasks.find(s.text, "so.1/task");
  ASSERT_NE(task, kNone);
  EXPECT_EQ(s.str(s.tasks.rows[task].name), "S00001 - Delivered timesheet 2");
  ticket_on("k1", "partner_b");
  EXPECT_EQ(sol_of_ticket("k1"), "");
  ok({{"kind", "ticket.update"}, {"id", "k1"}, {"task", "so.1/task"}});
  EXPECT_EQ(sol_of_ticket("k1"), "so.1");
  log("ts1", "k1", "3");
  EXPECT_EQ(delivered("so.1"), Q("3"));
}

TEST_F(PrepaidTickets, TurningTimeBillingOnCreatesTheDefaultProduct) {
  EXPECT_NE(s.products.find(s.text, "service_on_timesheet"), kNone);
  uint32_t team = s.teams.find(s.text, "team");
  EXPECT_TRUE(s.projects.rows[s.teams.rows[team].project].allow_billable);
}

TEST_F(PrepaidTickets, SaleLineOfAnotherCustomerIsRefused) {
  order_with("so", "partner_a", {{"support10", "10"}});
  OpError e = refused({{"kind", "ticket.create"},
                       {"id", "k1"},
                       {"team", "team"},
                       {"title", "x"},
                       {"partner", "bob"},
                       {"sale_line", "so.1"}});
  EXPECT_EQ(e.code, "bad_sale_line");
  EXPECT_EQ(s.tickets.size(), 0u);
}

// R8 live adjustment (H4): remaining hours move as a line is typed, before it is saved.
TEST_F(PrepaidTickets, RemainingHoursPreviewFollowsTheLineBeingTyped) {
  order_with("so1", "partner_b", {{"support10", "10"}});
  ticket_on("k1", "bob");
  log("ts1", "k1", "2");
  uint32_t sol = line("so1.1");
  EXPECT_EQ(remaining_hours_preview(s, sol, kNone, sol, Q("3")), Q("5"));         // new line of 3 h
  EXPECT_EQ(remaining_hours_preview(s, sol, ts("ts1"), sol, Q("5")), Q("5"));     // 2 h edited to 5 h
  EXPECT_EQ(remaining_hours_preview(s, sol, ts("ts1"), kNone, Q("2")), Q("10"));  // made non-billable
  EXPECT_EQ(remaining_hours_preview(s, sol, kNone, kNone, Q("4")), Q("8"));       // non-billable new line
}

// A record keeps the item it was given when its customer changed after: the picker offers the
// customer's lines and that item last, marked, so it shows what is saved and not "Non-billable".
TEST_F(PrepaidTickets, ThePickerKeepsAnItemThatIsNotTheCustomersAnyMore) {
  order_with("so1", "partner_b", {{"support10", "10"}});
  order_with("so2", "partner_a", {{"support10", "5"}});
  uint32_t bob = s.partners.find(s.text, "bob");
  SaleLineOffer other = sale_lines_offered(s, bob, line("so2.1"));
  ASSERT_EQ(other.lines.size(), 2u);
  EXPECT_EQ(other.lines[0], line("so1.1"));
  EXPECT_EQ(other.lines[1], line("so2.1"));
  EXPECT_TRUE(other.current_not_eligible);
  SaleLineOffer own = sale_lines_offered(s, bob, line("so1.1"));  // the customer's own: not twice
  EXPECT_EQ(own.lines, std::vector<uint32_t>{line("so1.1")});
  EXPECT_FALSE(own.current_not_eligible);
  SaleLineOffer none = sale_lines_offered(s, bob, kNone);  // Non-billable is the picker's own entry
  EXPECT_EQ(none.lines, std::vector<uint32_t>{line("so1.1")});
  EXPECT_FALSE(none.current_not_eligible);
}

TEST_F(PrepaidTickets, EligibleSaleLinesAreTheCustomersConfirmedLines) {
  order_with("so1", "partner_b", {{"support10", "10"}});
  order_with("so2", "partner_a", {{"support10", "5"}});
  ok({{"kind", "order.create"}, {"id", "draft"}, {"partner", "partner_b"}});
  ok({{"kind", "order.add_line"}, {"id", "draft.1"}, {"order", "draft"}, {"product", "support10"}});
  std::vector<uint32_t> lines = eligible_sale_lines(s, s.partners.find(s.text, "bob"));
  ASSERT_EQ(lines.size(), 1u);  // not the other customer's, not the quotation's
  EXPECT_EQ(lines[0], line("so1.1"));
}
