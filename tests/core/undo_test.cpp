// Ctrl+Z: the inverse of a user's last edit, applied as an op of its own, gives back what the
// user saw (delivered hours, remaining hours, the ticket's fields), on Odoo's fixtures.
#include "core/inverse.h"
#include "fixture.h"

using namespace deskbill;
using namespace deskbill::test;

class Undo : public ::testing::Test, public Ws {
 protected:
  void SetUp() override {
    odoo_fixtures();
    ok({{"kind", "product.create"},
        {"id", "support10"},
        {"name", "Support 10h"},
        {"policy", "prepaid"},
        {"price", "100"}});
    order_with("so1", "partner_b", {{"support10", "10"}});
    ticket_on("k1", "bob");
  }
  // Applies op, then its inverse computed from the state before it.
  void do_then_undo(const json& op) {
    std::optional<json> inv = inverse_op(s, op, "restored");
    ASSERT_TRUE(inv.has_value()) << op.dump();
    ok(op);
    ok(*inv);
  }
};

TEST_F(Undo, UndoingALoggedTimesheetGivesTheHoursBack) {
  log("ts1", "k1", "2.5");
  do_then_undo({{"kind", "timesheet.log"},
                {"id", "ts2"},
                {"ticket", "k1"},
                {"employee", "employee_user"},
                {"date", "2026-11-20"},
                {"hours", "3"}});
  EXPECT_EQ(delivered("so1.1"), Q("2.5"));
  EXPECT_EQ(ticket_remaining_hours(s, ticket("k1")), Q("7.5"));
  EXPECT_TRUE(s.timesheets.rows[ts("ts2")].deleted);
}

TEST_F(Undo, UndoingAnEditRestoresHoursDescriptionAndLine) {
  log("ts1", "k1", "2.5");
  ok({{"kind", "timesheet.update"}, {"id", "ts1"}, {"description", "Call"}});
  do_then_undo({{"kind", "timesheet.update"},
                {"id", "ts1"},
                {"hours", "4"},
                {"description", "Long call"},
                {"sale_line", nullptr}});
  EXPECT_EQ(s.timesheets.rows[ts("ts1")].hours, Q("2.5"));
  EXPECT_EQ(s.str(s.timesheets.rows[ts("ts1")].description), "Call");
  EXPECT_EQ(sol_of_ts("ts1"), "so1.1");
  EXPECT_EQ(delivered("so1.1"), Q("2.5"));
}

TEST_F(Undo, UndoingADeleteBringsTheLineBackUnderANewId) {
  log("ts1", "k1", "2.5");
  do_then_undo({{"kind", "timesheet.delete"}, {"id", "ts1"}});
  EXPECT_TRUE(s.timesheets.rows[ts("ts1")].deleted);  // the journal keeps the delete
  uint32_t back = s.find(s.timesheets, "restored");
  ASSERT_NE(back, kNone);
  EXPECT_EQ(s.timesheets.rows[back].hours, Q("2.5"));
  EXPECT_EQ(sol_of_ts("restored"), "so1.1");
  EXPECT_EQ(delivered("so1.1"), Q("2.5"));
}

TEST_F(Undo, UndoingACustomerChangeRestoresTheSalesOrderItemToo) {  // R10 moved it
  EXPECT_EQ(sol_of_ticket("k1"), "so1.1");
  do_then_undo({{"kind", "ticket.update"}, {"id", "k1"}, {"partner", "partner_a"}});
  EXPECT_EQ(s.tickets.rows[ticket("k1")].partner, s.partners.find(s.text, "bob"));
  EXPECT_EQ(sol_of_ticket("k1"), "so1.1");
}

TEST_F(Undo, UndoingAStageMoveGoesBackToTheStage) {
  do_then_undo({{"kind", "ticket.update"}, {"id", "k1"}, {"stage", "solved"}});
  EXPECT_EQ(s.tickets.rows[ticket("k1")].stage, Stage::New);
}

TEST_F(Undo, AnInvoicedTimesheetCannotBeUndone) {  // E3 still holds for the inverse
  order_with("so2", "partner_a", {{"dt2", "0"}});  // postpaid: billed on timesheets (90 / h)
  ticket_on("k2", "partner_a", "so2.1");
  log("ts9", "k2", "3");
  std::optional<json> undo_log = inverse_op(s, {{"kind", "timesheet.log"}, {"id", "ts9"}}, "y");
  ASSERT_TRUE(undo_log);
  invoice("inv1", {"so2"});
  post("inv1");
  EXPECT_EQ(total("inv1"), M("270"));
  EXPECT_EQ(refused(*undo_log).code, "timesheet_remove_invoiced");
  EXPECT_EQ(delivered("so2.1"), Q("3"));
  EXPECT_EQ(invoiced("so2.1"), Q("3"));
}

TEST_F(Undo, OrdersAndInvoicesHaveNoCtrlZ) {  // they are reversed by cancel or credit note
  EXPECT_FALSE(inverse_op(s, {{"kind", "order.confirm"}, {"id", "so1"}}, "x"));
  EXPECT_FALSE(inverse_op(s, {{"kind", "invoice.post"}, {"id", "inv"}}, "x"));
  EXPECT_FALSE(inverse_op(s, {{"kind", "timesheet.update"}, {"id", "nope"}}, "x"));
}
