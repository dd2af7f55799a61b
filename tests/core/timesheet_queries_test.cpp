// The Timesheets screen's queries (core/timesheet_queries.h): the filters a person combines, the
// week grid, and results kept until the state or the filter changes.
#include "core/timesheet_queries.h"

#include <gtest/gtest.h>

#include "core/apply.h"

using namespace deskbill;
using nlohmann::json;

namespace {

class TimesheetQueries : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const json& op : std::vector<json>{
             {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}},
             {{"kind", "partner.create"}, {"id", "ana"}, {"name", "Ana Popescu"}, {"parent", "acme"}},
             {{"kind", "partner.create"}, {"id", "globex"}, {"name", "Globex"}},
             {{"kind", "employee.create"}, {"id", "e1"}, {"name", "Ion"}},
             {{"kind", "employee.create"}, {"id", "e2"}, {"name", "Maria"}},
             {{"kind", "product.create"}, {"id", "p"}, {"name", "Support"}, {"policy", "timesheet"}, {"price", "90"}},
             {{"kind", "order.create"}, {"id", "so"}, {"partner", "acme"}},
             {{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "p"}, {"qty", "0"}},
             {{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-01"}},
             {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}, {"use_billing", true}},
             {{"kind", "ticket.create"},
              {"id", "k1"},
              {"title", "VPN"},
              {"team", "t"},
              {"partner", "ana"},
              {"sale_line", "so.1"}},
             {{"kind", "ticket.create"}, {"id", "k2"}, {"title", "Mail"}, {"team", "t"}, {"partner", "globex"}},
             // Monday 2026-11-16 .. Sunday 2026-11-22
             log("l1", "k1", "e1", "2026-11-16", "1"),
             log("l2", "k1", "e1", "2026-11-17", "2"),
             log("l3", "k2", "e1", "2026-11-17", "0.5"),
             log("l4", "k1", "e2", "2026-11-18", "4"),
             log("l5", "k2", "e1", "2026-11-23", "3"),  // the next week
         })
      ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  }
  static json log(const char* id, const char* ticket, const char* emp, const char* date, const char* hours) {
    return {{"kind", "timesheet.log"}, {"id", id},     {"ticket", ticket},
            {"employee", emp},         {"date", date}, {"hours", hours}};
  }
  uint32_t emp(const char* id) const { return s.employees.find(s.text, id); }
  Day day(const char* d) const { return *parse_day(d); }
  State s;
};

TEST_F(TimesheetQueries, NoFilterListsEveryLineNewestFirstWithTheTotal) {
  TimesheetSelection r = select_timesheets(s, {});
  ASSERT_EQ(r.rows.size(), 5u);
  EXPECT_EQ(r.rows.front(), s.find(s.timesheets, "l5"));
  EXPECT_EQ(r.total, 10'500'000);  // 10.5 h
}

TEST_F(TimesheetQueries, ACustomerFindsItsContactsLines) {
  TimesheetFilter f;
  f.partner = s.partners.find(s.text, "acme");
  EXPECT_EQ(select_timesheets(s, f).rows.size(), 3u);  // ticket k1 is Ana's, a contact of Acme
}

TEST_F(TimesheetQueries, FiltersCombine) {
  TimesheetFilter f;
  f.employee = emp("e1");
  f.period = {day("2026-11-17"), day("2026-11-22")};
  TimesheetSelection r = select_timesheets(s, f);
  EXPECT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.total, 2'500'000);
  f.billable = BilledFilter::No;  // Globex has no order: its ticket's lines are not billable (R12)
  EXPECT_EQ(select_timesheets(s, f).rows.size(), 1u);
  f.billable = BilledFilter::Yes;
  f.invoiced = BilledFilter::Yes;
  EXPECT_EQ(select_timesheets(s, f).rows.size(), 0u);
}

TEST_F(TimesheetQueries, WeekGridSumsAnEmployeesHoursPerTicketAndDay) {
  WeekGrid g = week_grid(s, emp("e1"), day("2026-11-19"));  // a Thursday
  EXPECT_EQ(format_day(g.monday), "2026-11-16");
  ASSERT_EQ(g.rows.size(), 2u);
  EXPECT_EQ(g.rows[0].ticket, s.tickets.find(s.text, "k1"));
  EXPECT_EQ(g.rows[0].hours[0], 1'000'000);
  EXPECT_EQ(g.rows[0].hours[1], 2'000'000);
  EXPECT_EQ(g.rows[0].total, 3'000'000);
  EXPECT_EQ(g.per_day[1], 2'500'000);
  EXPECT_EQ(g.total, 3'500'000);  // l5 is next week's, l4 Maria's
}

TEST_F(TimesheetQueries, WeekGridGivesTimeOnATaskOrAProjectARowOfItsOwn) {
  for (const json& op : std::vector<json>{
           {{"kind", "project.create"}, {"id", "pr"}, {"name", "Onboarding"}, {"partner", "acme"}},
           {{"kind", "task.create"}, {"id", "setup"}, {"project", "pr"}, {"name", "Setup"}},
           {{"kind", "timesheet.log"},
            {"id", "l7"},
            {"task", "setup"},
            {"employee", "e1"},
            {"date", "2026-11-18"},
            {"hours", "1.25"}},
           {{"kind", "timesheet.log"},
            {"id", "l8"},
            {"project", "pr"},
            {"employee", "e1"},
            {"date", "2026-11-19"},
            {"hours", "2"}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  WeekGrid g = week_grid(s, emp("e1"), day("2026-11-16"));
  ASSERT_EQ(g.rows.size(), 4u);  // k1, k2, then the task, then the project
  EXPECT_EQ(g.rows[2].ticket, kNone);
  EXPECT_EQ(g.rows[2].task, s.tasks.find(s.text, "setup"));
  EXPECT_EQ(g.rows[2].hours[2], 1'250'000);
  EXPECT_EQ(g.rows[3].task, kNone);
  EXPECT_EQ(g.rows[3].project, s.projects.find(s.text, "pr"));
  EXPECT_EQ(g.rows[3].hours[3], 2'000'000);
  EXPECT_EQ(g.total, 6'750'000);
}

TEST_F(TimesheetQueries, ACachedResultIsKeptUntilTheStateOrTheFilterChanges) {
  Cached<TimesheetFilter, TimesheetSelection> list;
  TimesheetFilter f;
  for (int frame = 0; frame < 100; ++frame) list.get(s, f, select_timesheets);
  EXPECT_EQ(list.computed(), 1u);  // a hundred frames, one scan
  f.employee = emp("e2");
  EXPECT_EQ(list.get(s, f, select_timesheets).rows.size(), 1u);
  EXPECT_EQ(list.computed(), 2u);
  ASSERT_FALSE(deskbill::apply(s, log("l6", "k1", "e2", "2026-11-19", "1")));
  EXPECT_EQ(list.get(s, f, select_timesheets).rows.size(), 2u);
  EXPECT_EQ(list.computed(), 3u);
}

TEST_F(TimesheetQueries, AQueryOfTheStateAloneIsKeptUntilTheStateChanges) {
  Cached<NoArgs, Qty> total;
  auto sum = [](const State& st) { return select_timesheets(st, {}).total; };
  Qty before = 0;
  for (int frame = 0; frame < 100; ++frame) before = total.get(s, sum);
  EXPECT_EQ(total.computed(), 1u);
  ASSERT_FALSE(deskbill::apply(s, log("l7", "k1", "e2", "2026-11-19", "1")));
  EXPECT_EQ(total.get(s, sum), before + 1'000'000);
  EXPECT_EQ(total.computed(), 2u);
}

// The export names a contact's customer as the ticket does: "Acme, Ana Popescu" (the contact's
// name alone, "Ana Popescu", read like the employee in the column beside it), and a ticket as
// the screen names it.
TEST_F(TimesheetQueries, TheCsvExportNamesAContactWithItsCompany) {
  std::vector<uint32_t> rows = {s.find(s.timesheets, "l1"), s.find(s.timesheets, "l3")};
  std::string csv = timesheets_csv(s, rows, [](uint32_t) { return std::string("Shown"); });
  EXPECT_EQ(csv,
            "date,employee,customer,ticket,description,hours,sales_order_item,invoice\n"
            "2026-11-16,Ion,\"Acme, Ana Popescu\",Shown,,1.00,S00001 - Support,\n"
            "2026-11-17,Ion,Globex,Shown,,0.50,,\n");
}

// Odoo lists timesheets by date, latest first, then the last logged first: a line logged today
// for an earlier day sits among that day's lines, not at the top.
TEST_F(TimesheetQueries, TheListIsByDateLatestFirstThenTheLastLogged) {
  ASSERT_FALSE(deskbill::apply(s, log("l6", "k1", "e2", "2026-11-17", "1")));  // logged last, for the 17th
  TimesheetSelection r = select_timesheets(s, {});
  std::vector<std::string> ids;
  for (uint32_t t : r.rows) ids.emplace_back(s.id_of(s.timesheets, t));
  EXPECT_EQ(ids, (std::vector<std::string>{"l5", "l4", "l6", "l3", "l2", "l1"}));
}

// A span of days far wider than the rows (a line of 1970 beside lines of 2026) is ordered
// the same way, without a count per day of the span.
TEST_F(TimesheetQueries, DatesYearsApartAreOrderedToo) {
  ASSERT_FALSE(deskbill::apply(s, log("old", "k1", "e2", "1970-01-01", "1")));
  ASSERT_FALSE(deskbill::apply(s, log("l7", "k2", "e2", "2026-11-16", "1")));
  TimesheetSelection r = select_timesheets(s, {});
  std::vector<std::string> ids;
  for (uint32_t t : r.rows) ids.emplace_back(s.id_of(s.timesheets, t));
  EXPECT_EQ(ids, (std::vector<std::string>{"l5", "l4", "l3", "l2", "l7", "l1", "old"}));
}

}  // namespace
