// R9 and T32 on timesheets logged on a project or a task (not on a ticket): their Sales Order
// Item is recomputed when the task's line, the project's line or the project's billable switch
// changes (Odoo's _compute_so_line depends on task_id.sale_line_id, project_id.sale_line_id and
// project_id.allow_billable), unless they are billed or the user chose their line.
#include "fixture.h"

using namespace deskbill;
using namespace deskbill::test;

class ProjectBilling : public ::testing::Test, public Ws {
 protected:
  void SetUp() override {
    odoo_fixtures();
    // Two "Delivered timesheet" lines for partner_b: 13.00 and 90.00 an hour.
    order_with("so", "partner_b", {{"dt1", "10"}, {"dt2", "10"}});
    ok({{"kind", "project.create"},
        {"id", "pr"},
        {"name", "Implementation"},
        {"partner", "partner_b"},
        {"allow_billable", true},
        {"sale_line", "so.1"}});
    ok({{"kind", "task.create"}, {"id", "a"}, {"project", "pr"}, {"name", "Setup"}, {"sale_line", "so.1"}});
    ok({{"kind", "task.create"}, {"id", "b"}, {"project", "pr"}, {"name", "Training"}, {"sale_line", "so.1"}});
  }
  // A timesheet on the project itself (on = "project") or on one of its tasks (on = "task").
  void log_on(const char* id, const char* on, const char* what, const char* hours, json extra = json::object()) {
    json op = {{"kind", "timesheet.log"}, {"id", id},      {on, what}, {"employee", "employee_user"},
               {"date", "2026-11-20"},    {"hours", hours}};
    for (auto& [k, v] : extra.items()) op[k] = v;
    ok(op);
  }
};

TEST_F(ProjectBilling, ProjectTimesheetsFollowTheProjectsNewLine) {  // R9
  log_on("p1", "project", "pr", "3");
  EXPECT_EQ(sol_of_ts("p1"), "so.1");
  ok({{"kind", "project.update"}, {"id", "pr"}, {"sale_line", "so.2"}});
  EXPECT_EQ(sol_of_ts("p1"), "so.2");
  EXPECT_EQ(delivered("so.1"), 0);
  EXPECT_EQ(delivered("so.2"), Q("3"));
  EXPECT_EQ(to_invoice("so.2"), Q("3"));  // 3 h × 90.00 to invoice on the new line
}

TEST_F(ProjectBilling, TaskTimesheetsKeepTheTasksLineWhenTheProjectsLineChanges) {  // R9: task before project
  log_on("t1", "task", "a", "2");
  ok({{"kind", "project.update"}, {"id", "pr"}, {"sale_line", "so.2"}});
  EXPECT_EQ(sol_of_ts("t1"), "so.1");
  EXPECT_EQ(delivered("so.1"), Q("2"));
}

TEST_F(ProjectBilling, AProjectMadeNonBillableClearsItsUnbilledTimesheets) {  // T32, R9, R12
  log_on("p1", "project", "pr", "3");
  log_on("t1", "task", "a", "2");
  ok({{"kind", "project.update"}, {"id", "pr"}, {"allow_billable", false}});
  EXPECT_EQ(sol_of_ts("p1"), "");
  EXPECT_EQ(sol_of_ts("t1"), "");
  EXPECT_EQ(delivered("so.1"), 0);
  EXPECT_EQ(timesheet_invoice_type(s, s.timesheets.rows[ts("p1")]), std::string("non_billable"));
}

TEST_F(ProjectBilling, BilledTimesheetsKeepTheirLineWhenTheProjectIsMadeNonBillable) {  // R13, T5
  log_on("p1", "project", "pr", "3");
  log_on("t1", "task", "a", "2");
  invoice("inv", {"so"});  // 5 h × 13.00 = 65.00, linked to both timesheets (R16)
  EXPECT_EQ(total("inv"), M("65.00"));
  log_on("p2", "project", "pr", "1");
  ok({{"kind", "project.update"}, {"id", "pr"}, {"allow_billable", false}});
  EXPECT_EQ(sol_of_ts("p1"), "so.1");
  EXPECT_EQ(sol_of_ts("t1"), "so.1");
  EXPECT_EQ(invoice_of("p1"), "inv");
  EXPECT_EQ(sol_of_ts("p2"), "");
  EXPECT_EQ(delivered("so.1"), Q("5"));
}

TEST_F(ProjectBilling, ALineTheUserChoseIsKeptWhenTheProjectsLineChanges) {  // R9 is_so_line_edited
  log_on("p1", "project", "pr", "3", {{"sale_line", "so.2"}});
  ok({{"kind", "project.update"}, {"id", "pr"}, {"sale_line", "so.1"}});
  ok({{"kind", "project.update"}, {"id", "pr"}, {"allow_billable", false}});
  EXPECT_EQ(sol_of_ts("p1"), "so.2");
}

TEST_F(ProjectBilling, ATasksNewLineMovesOnlyThatTasksTimesheets) {  // R13
  log_on("a1", "task", "a", "2");
  log_on("b1", "task", "b", "1");
  log_on("p1", "project", "pr", "4");
  ok({{"kind", "task.update"}, {"id", "a"}, {"sale_line", "so.2"}});
  EXPECT_EQ(sol_of_ts("a1"), "so.2");
  EXPECT_EQ(sol_of_ts("b1"), "so.1");
  EXPECT_EQ(sol_of_ts("p1"), "so.1");
  EXPECT_EQ(delivered("so.1"), Q("5"));
  EXPECT_EQ(delivered("so.2"), Q("2"));
}

TEST_F(ProjectBilling, TimesheetsOfATicketOnTheTaskFollowTheTicketNotTheTask) {  // R9: ticket before task
  order_with("pre", "partner_b", {{"ot1", "10"}});  // a prepaid block the ticket takes (R10)
  ticket_on("k1", "partner_b", "pre.1");
  ok({{"kind", "ticket.update"}, {"id", "k1"}, {"task", "a"}});
  log("k1.1", "k1", "2");
  ok({{"kind", "task.update"}, {"id", "a"}, {"sale_line", "so.2"}});
  EXPECT_EQ(sol_of_ts("k1.1"), "pre.1");
  EXPECT_EQ(delivered("so.2"), 0);
}
