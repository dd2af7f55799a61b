// Seed 001: "link the ticket to the task; the hours show on the task" (core/task_hours.h).
#include "core/task_hours.h"

#include <gtest/gtest.h>

#include "core/apply.h"

using namespace deskbill;
using nlohmann::json;

namespace {
State project_with_a_task() {
  State s;
  for (const json& op : std::vector<json>{
           {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}},
           {{"kind", "employee.create"}, {"id", "ana"}, {"name", "Ana"}},
           {{"kind", "project.create"}, {"id", "pr"}, {"name", "Onboarding"}, {"partner", "acme"}},
           {{"kind", "task.create"}, {"id", "setup"}, {"project", "pr"}, {"name", "Setup"}, {"partner", "acme"}},
           {{"kind", "team.create"}, {"id", "sup"}, {"name", "Support"}, {"use_timesheets", true}},
           {{"kind", "ticket.create"}, {"id", "k1"}, {"title", "VPN"}, {"team", "sup"}, {"partner", "acme"}},
       })
    EXPECT_FALSE(deskbill::apply(s, op)) << op.dump();
  return s;
}
json log(const char* id, const char* on, const char* what, const char* hours) {
  return {{"kind", "timesheet.log"}, {"id", id},      {on, what}, {"employee", "ana"},
          {"date", "2026-11-20"},    {"hours", hours}};
}
}  // namespace

TEST(TaskHours, HoursLoggedOnATicketLinkedToATaskShowOnTheTask) {
  State s = project_with_a_task();
  ASSERT_FALSE(deskbill::apply(s, log("ts1", "ticket", "k1", "1.5")));  // before the link
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "ticket.update"}, {"id", "k1"}, {"task", "setup"}}));
  ASSERT_FALSE(deskbill::apply(s, log("ts2", "ticket", "k1", "2")));
  ASSERT_FALSE(deskbill::apply(s, log("ts3", "task", "setup", "0.5")));
  uint32_t task = s.tasks.find(s.text, "setup");
  EXPECT_EQ(hours_by_task(s)[task], 4 * kQtyOne);
  EXPECT_EQ(tickets_of_task(s, task), std::vector<uint32_t>{s.tickets.find(s.text, "k1")});
}

TEST(TaskHours, ADeletedTimesheetNoLongerCounts) {
  State s = project_with_a_task();
  ASSERT_FALSE(deskbill::apply(s, log("ts3", "task", "setup", "0.5")));
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "timesheet.delete"}, {"id", "ts3"}}));
  EXPECT_EQ(hours_by_task(s)[s.tasks.find(s.text, "setup")], 0);
}
