// Hours typed over a week-grid cell (core/week_cell.h), as Odoo's timesheet grid adjusts a cell:
// one line is changed, several get an adjustment line, none gets a new line "/".
#include "core/week_cell.h"

#include <gtest/gtest.h>

#include "core/apply.h"
#include "core/dates.h"
#include "core/text_limits.h"
#include "core/timesheet_queries.h"

using namespace deskbill;
using nlohmann::json;

namespace {

class WeekCellTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const json& op : std::vector<json>{
             {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}},
             {{"kind", "employee.create"}, {"id", "e1"}, {"name", "Ion"}},
             {{"kind", "product.create"}, {"id", "p"}, {"name", "Support"}, {"policy", "timesheet"}, {"price", "90"}},
             {{"kind", "order.create"}, {"id", "so"}, {"partner", "acme"}},
             {{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "p"}, {"qty", "0"}},
             {{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-01"}},
             {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}, {"use_billing", true}},
             {{"kind", "ticket.create"},
              {"id", "k1"},
              {"title", "VPN"},
              {"team", "t"},
              {"partner", "acme"},
              {"sale_line", "so.1"}},
             // Monday 2026-11-16: one line; Tuesday: two.
             log("l1", "2026-11-16", "1"),
             log("l2", "2026-11-17", "2"),
             log("l3", "2026-11-17", "1"),
         })
      ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  }
  static json log(const char* id, const char* date, const char* hours) {
    return {{"kind", "timesheet.log"}, {"id", id},     {"ticket", "k1"},
            {"employee", "e1"},        {"date", date}, {"hours", hours}};
  }
  WeekCell cell(const char* day) const {
    WeekCell c;
    c.employee = s.employees.find(s.text, "e1");
    c.ticket = s.tickets.find(s.text, "k1");
    c.day = *parse_day(day);
    return c;
  }
  // What the grid shows in the cell once `op` is applied.
  Qty shown_after(const json& op, const char* day) {
    EXPECT_FALSE(deskbill::apply(s, op)) << op.dump();
    WeekGrid g = week_grid(s, s.employees.find(s.text, "e1"), *parse_day(day));
    return g.rows.at(0).hours[*parse_day(day) - g.monday];
  }
  const Timesheet& line(const char* id) const { return s.timesheets.rows[s.find(s.timesheets, id)]; }
  State s;
};

TEST_F(WeekCellTest, ACellOfOneTimesheetChangesItsHours) {
  std::optional<json> op = week_cell_op(s, cell("2026-11-16"), 2'500'000, "new");
  ASSERT_TRUE(op);
  EXPECT_EQ(*op, (json{{"kind", "timesheet.update"}, {"id", "l1"}, {"hours", "2.500000"}}));
  EXPECT_EQ(shown_after(*op, "2026-11-16"), 2'500'000);
  EXPECT_EQ(line("l1").hours, 2'500'000);
}

TEST_F(WeekCellTest, ACellOfSeveralTimesheetsGetsAnAdjustmentLineOfTheDifference) {
  std::optional<json> op = week_cell_op(s, cell("2026-11-17"), 2'000'000, "adj");  // 3 h shown
  ASSERT_TRUE(op);
  EXPECT_EQ((*op)["kind"], "timesheet.log");
  EXPECT_EQ((*op)["hours"], "-1.000000");
  EXPECT_EQ((*op)["description"], "Timesheet Adjustment");
  EXPECT_EQ((*op)["date"], "2026-11-17");
  EXPECT_EQ(shown_after(*op, "2026-11-17"), 2'000'000);
  EXPECT_EQ(line("l2").hours, 2'000'000);  // neither line is changed
  EXPECT_EQ(line("l3").hours, 1'000'000);
}

// Odoo writes the adjustment's description in the language of the user who typed it.
TEST_F(WeekCellTest, AnAdjustmentLineIsDescribedInTheUsersLanguage) {
  std::optional<json> op = week_cell_op(s, cell("2026-11-17"), 2'000'000, "adj", "Ajustare foaie de pontaj");
  ASSERT_TRUE(op);
  EXPECT_EQ((*op)["description"], "Ajustare foaie de pontaj");
}

TEST_F(WeekCellTest, AnEmptyCellGetsALineSlashOnTheRowsTicketWithItsDefaultSalesOrderItem) {
  std::optional<json> op = week_cell_op(s, cell("2026-11-18"), 1'500'000, "new");
  ASSERT_TRUE(op);
  EXPECT_EQ(*op, (json{{"kind", "timesheet.log"},
                       {"id", "new"},
                       {"employee", "e1"},
                       {"date", "2026-11-18"},
                       {"hours", "1.500000"},
                       {"description", "/"},
                       {"ticket", "k1"}}));
  EXPECT_EQ(shown_after(*op, "2026-11-18"), 1'500'000);
  EXPECT_EQ(line("new").sale_line, s.lines.find(s.text, "so.1"));  // R9: the ticket's line
}

TEST_F(WeekCellTest, TheHoursTheCellShowsSendNothing) {
  EXPECT_FALSE(week_cell_op(s, cell("2026-11-16"), 1'000'000, "new"));
  EXPECT_FALSE(week_cell_op(s, cell("2026-11-17"), 3'000'000, "new"));
  EXPECT_FALSE(week_cell_op(s, cell("2026-11-18"), 0, "new"));
}

TEST_F(WeekCellTest, AnInvoicedTimesheetInTheCellIsNotChanged) {
  ASSERT_FALSE(deskbill::apply(s, json{{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"so"}}}));
  ASSERT_FALSE(deskbill::apply(s, json{{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-11-20"}}));
  std::optional<json> op = week_cell_op(s, cell("2026-11-16"), 3'000'000, "new");
  ASSERT_TRUE(op);
  ApplyResult r = deskbill::apply(s, *op);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, "timesheet_invoiced");
  EXPECT_EQ(line("l1").hours, 1'000'000);
}

TEST_F(WeekCellTest, ATaskRowsEmptyCellGetsALineOnTheTask) {
  for (const json& op : std::vector<json>{
           {{"kind", "project.create"}, {"id", "pr"}, {"name", "Onboarding"}, {"partner", "acme"}},
           {{"kind", "task.create"}, {"id", "setup"}, {"project", "pr"}, {"name", "Setup"}},
           {{"kind", "timesheet.log"},
            {"id", "l7"},
            {"task", "setup"},
            {"employee", "e1"},
            {"date", "2026-11-18"},
            {"hours", "1.25"}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  WeekCell c = cell("2026-11-19");
  c.ticket = kNone;
  c.task = s.tasks.find(s.text, "setup");
  std::optional<json> op = week_cell_op(s, c, 500'000, "t2");
  ASSERT_TRUE(op);
  EXPECT_EQ((*op)["task"], "setup");
  EXPECT_FALSE(op->contains("ticket"));
  ASSERT_FALSE(deskbill::apply(s, *op));
  EXPECT_EQ(line("t2").task, c.task);
  EXPECT_EQ(line("t2").hours, 500'000);
  // The ticket's cell that day is not the task's: it is still empty.
  EXPECT_TRUE(week_cell_op(s, cell("2026-11-19"), 500'000, "t3"));
}

TEST_F(WeekCellTest, AddALineOffersOpenTicketsOfTeamsWithTimesheetsNewestFirst) {
  for (const json& op : std::vector<json>{
           {{"kind", "ticket.create"}, {"id", "k2"}, {"title", "Mail"}, {"team", "t"}, {"partner", "acme"}},
           {{"kind", "ticket.create"}, {"id", "k3"}, {"title", "Done"}, {"team", "t"}, {"stage", "solved"}},
           {{"kind", "team.create"}, {"id", "nots"}, {"name", "Sales"}, {"use_timesheets", false}},
           {{"kind", "ticket.create"}, {"id", "k4"}, {"title", "Quote"}, {"team", "nots"}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  EXPECT_EQ(tickets_to_log_on(s), (std::vector<uint32_t>{s.tickets.find(s.text, "k2"), s.tickets.find(s.text, "k1")}));
  EXPECT_EQ(tickets_to_log_on(s, 1), std::vector<uint32_t>{s.tickets.find(s.text, "k2")});  // the newest
}

TEST_F(WeekCellTest, ARowAddedForATicketWithNoTimeThatWeekLogsItsFirstLine) {
  WeekCell c = cell("2026-11-23");  // the next week: k1 has no line there
  std::optional<json> op = week_cell_op(s, c, 1'000'000, "mon");
  ASSERT_TRUE(op);
  EXPECT_EQ((*op)["description"], "/");
  ASSERT_FALSE(deskbill::apply(s, *op));
  EXPECT_EQ(week_grid(s, c.employee, c.day).total, 1'000'000);
}

// Odoo's grid adds a line for a project or one of its tasks too: after the tickets, each task of
// a project that takes timesheets, then each such project. A project without timesheets is not
// offered, nor are its tasks.
TEST_F(WeekCellTest, AddALineOffersTasksAndProjectsThatTakeTimesheetsAfterTheTickets) {
  for (const json& op : std::vector<json>{
           {{"kind", "project.create"}, {"id", "pr"}, {"name", "Onboarding"}},
           {{"kind", "task.create"}, {"id", "setup"}, {"project", "pr"}, {"name", "Setup"}},
           {{"kind", "project.create"}, {"id", "internal"}, {"name", "Internal"}, {"allow_timesheets", false}},
           {{"kind", "task.create"}, {"id", "party"}, {"project", "internal"}, {"name", "Party"}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  uint32_t team_project = s.teams.rows[s.teams.find(s.text, "t")].project;
  ASSERT_NE(team_project, kNone);
  std::vector<LogSubject> want = {{s.tickets.find(s.text, "k1"), kNone, kNone},
                                  {kNone, s.tasks.find(s.text, "setup"), kNone},
                                  {kNone, kNone, team_project},
                                  {kNone, kNone, s.projects.find(s.text, "pr")}};
  EXPECT_EQ(subjects_to_log_on(s), want);
}

TEST_F(WeekCellTest, ARowAddedForAProjectLogsOnTheProjectAndTheGridShowsItsRow) {
  ASSERT_FALSE(deskbill::apply(s, json{{"kind", "project.create"}, {"id", "pr"}, {"name", "Onboarding"}}));
  WeekCell c = cell("2026-11-20");
  c.ticket = kNone;
  c.project = s.projects.find(s.text, "pr");
  std::optional<json> op = week_cell_op(s, c, 2'000'000, "fri");
  ASSERT_TRUE(op);
  EXPECT_EQ((*op)["project"], "pr");
  EXPECT_EQ((*op)["description"], "/");
  ASSERT_FALSE(deskbill::apply(s, *op));
  WeekGrid g = week_grid(s, c.employee, c.day);
  ASSERT_EQ(g.rows.size(), 2u);  // the ticket's row, then the project's
  EXPECT_EQ(subject_of(g.rows[1]), (LogSubject{kNone, kNone, c.project}));
  EXPECT_EQ(g.per_day[4], 2'000'000);
}

}  // namespace

// A timesheet's description takes up to kMaxDescription bytes (the size of the forms' buffers),
// and one byte more is refused with "too_long", the line unchanged.
TEST(TextLimits, ADescriptionOfTheLimitIsTakenAndOneByteMoreIsRefused) {
  State s;
  for (const json& op : std::vector<json>{
           {{"kind", "employee.create"}, {"id", "e1"}, {"name", "Ion"}},
           {{"kind", "project.create"}, {"id", "pr"}, {"name", "Internal"}},
           {{"kind", "timesheet.log"},
            {"id", "l1"},
            {"project", "pr"},
            {"employee", "e1"},
            {"date", "2026-11-16"},
            {"hours", "1"},
            {"description", std::string(kMaxDescription, 'a')}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump().substr(0, 200);
  ApplyResult r = deskbill::apply(
      s, json{{"kind", "timesheet.update"}, {"id", "l1"}, {"description", std::string(kMaxDescription + 1, 'b')}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, "too_long");
  EXPECT_EQ(s.str(s.timesheets.rows[s.find(s.timesheets, "l1")].description), std::string(kMaxDescription, 'a'));
}
