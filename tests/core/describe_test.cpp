// A rejected op described for its author in the inbox: who, which record, which hours, why.
#include "core/describe.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "core/apply.h"
#include "core/refused.h"
#include "core/ways_forward.h"

using namespace deskbill;
using nlohmann::json;

TEST(Describe, ARejectedTimesheetSaysWhoWhenHowLongAndWhy) {
  State s;
  apply_or_reject(s, {{"kind", "partner.create"}, {"id", "c"}, {"name", "Acme"}});
  apply_or_reject(s, {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}});
  apply_or_reject(s, {{"kind", "ticket.create"}, {"id", "k"}, {"team", "t"}, {"title", "VPN"}, {"partner", "c"}});
  // an employee that does not exist: refused at its place, kept with the words for the inbox
  apply_or_reject(s,
                  {{"kind", "timesheet.log"},
                   {"id", "x"},
                   {"ticket", "k"},
                   {"employee", "nobody"},
                   {"date", "2026-11-20"},
                   {"hours", "4"},
                   {"description", "VPN drops every hour"}},
                  OpContext{7, "ana-laptop", "ana", kNoDay});
  ASSERT_EQ(s.rejected.size(), 1u);
  const Rejected& r = s.rejected[0];
  EXPECT_EQ(s.str(r.agent), "ana");
  EXPECT_EQ(s.str(r.summary), "Timesheet 2026-11-20, 4:00 h, VPN drops every hour, on ticket \"VPN\"");
  EXPECT_EQ(json::parse(s.str(r.op))["hours"], "4");
}

// A peer's op can carry any JSON number as its hours. One too large for hours in millionths is
// not described as hours (it overflowed into a made-up figure); the op is kept as it came.
TEST(Describe, ARejectedTimesheetWithHoursTooLargeIsDescribedWithoutThem) {
  State s;
  apply_or_reject(s, {{"kind", "timesheet.log"},
                      {"id", "x"},
                      {"ticket", "k"},
                      {"employee", "e"},
                      {"date", "2026-11-20"},
                      {"hours", INT64_MAX},
                      {"description", "VPN"}});
  ASSERT_EQ(s.rejected.size(), 1u);
  EXPECT_EQ(s.str(s.rejected[0].summary), "Timesheet 2026-11-20, VPN");
  EXPECT_EQ(json::parse(s.str(s.rejected[0].op))["hours"], INT64_MAX);
}

TEST(WaysForward, ARejectedTimesheetCanBeLoggedAgainAsNonBillable) {
  json op = {{"kind", "timesheet.log"}, {"id", "x"},    {"ticket", "k"},      {"employee", "e"},
             {"date", "2026-11-20"},    {"hours", "4"}, {"sale_line", "so.1"}};
  auto again = relog_as_non_billable(op, "y");
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)["id"], "y");
  EXPECT_TRUE((*again)["sale_line"].is_null());
  EXPECT_EQ((*again)["hours"], "4");
  EXPECT_FALSE(relog_as_non_billable({{"kind", "invoice.post"}, {"id", "i"}}, "y"));
}

TEST(WaysForward, TheTicketARejectedOpWasAbout) {
  State s;
  apply_or_reject(s, {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}, {"use_timesheets", true}});
  apply_or_reject(s, {{"kind", "employee.create"}, {"id", "e"}, {"name", "Ema"}});
  apply_or_reject(s, {{"kind", "ticket.create"}, {"id", "k"}, {"team", "t"}, {"title", "VPN"}});
  apply_or_reject(s, {{"kind", "timesheet.log"},
                      {"id", "ts"},
                      {"ticket", "k"},
                      {"employee", "e"},
                      {"date", "2026-11-20"},
                      {"hours", "1"}});
  ASSERT_TRUE(s.rejected.empty());
  EXPECT_EQ(ticket_of_op(s, {{"kind", "timesheet.log"}, {"ticket", "k"}}), "k");
  EXPECT_EQ(ticket_of_op(s, {{"kind", "timesheet.update"}, {"id", "ts"}}), "k");
  EXPECT_EQ(ticket_of_op(s, {{"kind", "timesheet.log"}, {"ticket", "gone"}}), "");
}

TEST(Describe, ANewQuotationIsDescribedByItsCustomer) {
  State s;
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}}));
  EXPECT_EQ(describe_op(s, {{"kind", "order.create"}, {"id", "o1"}, {"partner", "acme"}}), "New quotation for Acme");
}

// A peer's op can carry anything: one whose kind is not text is refused by the fold and shown on
// the Conflicts screen. Finding its ways forward read the kind with nlohmann's value(), which
// threw, in the frame that drew the screen.
TEST(WaysForward, ARejectedOpWhoseKindIsNotTextHasNoWayForwardAndDoesNotThrow) {
  State s;
  for (const json& odd : {json{{"kind", 5}, {"id", "x"}}, json{{"kind", json::array({"timesheet.log"})}},
                          json{{"kind", nullptr}, {"ticket", "k"}},
                          json{{"kind", kRefusedKind}, {"op", {{"kind", 5}, {"ticket", "k"}}}, {"reason", "x"}}})
    apply_or_reject(s, odd);
  ASSERT_EQ(s.rejected.size(), 4u);
  for (const Rejected& r : s.rejected) {
    json op = json::parse(s.str(r.op), nullptr, false);
    EXPECT_NO_THROW(EXPECT_FALSE(relog_as_non_billable(op, "y"))) << op.dump();
    EXPECT_NO_THROW(EXPECT_EQ(ticket_of_op(s, op), "")) << op.dump();
    EXPECT_NO_THROW((void)describe_op(s, op)) << op.dump();
  }
}
