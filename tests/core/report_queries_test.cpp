// The Reports screen's queries (core/report_queries.h) and the Helpdesk screen's team cards
// (core/team_overview.h): what each adds up, on one workspace. A prepaid block of 10 h at 100.00
// (R8: remaining = ordered − delivered, not clamped) and a postpaid line at 90.00 (R5).
#include "core/report_queries.h"

#include <gtest/gtest.h>

#include "core/apply.h"
#include "core/billing.h"
#include "core/dates.h"
#include "core/team_overview.h"

using namespace deskbill;
using nlohmann::json;

namespace {

class Reports : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const json& op : std::vector<json>{
             {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}},
             {{"kind", "partner.create"}, {"id", "ana"}, {"name", "Ana Popescu"}, {"parent", "acme"}},
             {{"kind", "partner.create"}, {"id", "globex"}, {"name", "Globex"}},
             {{"kind", "employee.create"}, {"id", "e1"}, {"name", "Ion"}},
             {{"kind", "employee.create"}, {"id", "e2"}, {"name", "Maria"}},
             {{"kind", "product.create"},
              {"id", "block"},
              {"name", "Support 10h"},
              {"policy", "prepaid"},
              {"price", "100"}},
             {{"kind", "product.create"},
              {"id", "hours"},
              {"name", "Support"},
              {"policy", "timesheet"},
              {"price", "90"}},
             {{"kind", "order.create"}, {"id", "so"}, {"partner", "acme"}},
             {{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "block"}, {"qty", "10"}},
             {{"kind", "order.add_line"}, {"id", "so.2"}, {"order", "so"}, {"product", "hours"}, {"qty", "0"}},
             {{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-01"}},
             {{"kind", "order.create"}, {"id", "draft"}, {"partner", "globex"}},  // a quotation: no block yet
             {{"kind", "order.add_line"}, {"id", "draft.1"}, {"order", "draft"}, {"product", "block"}, {"qty", "5"}},
             {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}, {"use_billing", true}},
             {{"kind", "team.create"}, {"id", "quiet"}, {"name", "Quiet"}},
             ticket("k1", "ana", "so.1"),
             ticket("k2", "acme", "so.1"),  // a second open ticket on the same block
             ticket("k3", "acme", "so.2"),
             ticket("k4", "globex", nullptr),
             // Monday 2026-11-16 .. Sunday 2026-11-22
             log("l1", "k1", "e1", "2026-10-30", "1.5"),
             log("l2", "k2", "e1", "2026-11-17", "1"),
             log("l3", "k3", "e2", "2026-11-18", "4"),
             log("l4", "k4", "e2", "2026-11-23", "0.5"),  // the next week
         })
      ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  }
  static json ticket(const char* id, const char* partner, const char* line) {
    json t = {{"kind", "ticket.create"}, {"id", id}, {"title", id}, {"team", "t"}, {"partner", partner}};
    if (line) t["sale_line"] = line;
    return t;
  }
  static json log(const char* id, const char* ticket, const char* emp, const char* date, const char* hours) {
    return {{"kind", "timesheet.log"}, {"id", id},     {"ticket", ticket},
            {"employee", emp},         {"date", date}, {"hours", hours}};
  }
  uint32_t partner(const char* id) const { return s.partners.find(s.text, id); }
  uint32_t line(const char* id) const { return s.lines.find(s.text, id); }
  uint32_t team(const char* id) const { return s.teams.find(s.text, id); }
  State s;
};

TEST_F(Reports, HoursPerCustomerGiveAContactsHoursToItsCompanyMostHoursFirst) {
  std::vector<HoursRow> rows = hours_by(s, {HoursBy::Customer, {}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, partner("acme"));  // 1.5 (Ana's) + 1 + 4
  EXPECT_EQ(rows[0].hours, 6'500'000);
  EXPECT_EQ(rows[1].key, partner("globex"));
  EXPECT_EQ(rows[1].hours, 500'000);
}

TEST_F(Reports, HoursPerEmployeeTieInCreationOrder) {
  ASSERT_FALSE(deskbill::apply(s, log("l5", "k4", "e1", "2026-11-19", "2")));  // Ion 4.5, Maria 4.5
  std::vector<HoursRow> rows = hours_by(s, {HoursBy::Employee, {}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, s.employees.find(s.text, "e1"));
  EXPECT_EQ(rows[0].hours, 4'500'000);
  EXPECT_EQ(rows[1].hours, 4'500'000);
}

TEST_F(Reports, HoursPerMonthNewestFirst) {
  std::vector<HoursRow> rows = hours_by(s, {HoursBy::Month, {}});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].key, 202611u);
  EXPECT_EQ(rows[0].hours, 5'500'000);
  EXPECT_EQ(rows[1].key, 202610u);
  EXPECT_EQ(rows[1].hours, 1'500'000);
}

// The Total under each hours table: 7 h in all (Acme 6.5, Globex 0.5), whichever way they are cut,
// and within a period only the hours dated inside it.
TEST_F(Reports, EveryHoursTableAddsUpToTheSameTotal) {
  for (HoursBy by : {HoursBy::Customer, HoursBy::Employee, HoursBy::Month})
    EXPECT_EQ(hours_total(hours_by(s, {by, {}})), 7'000'000) << static_cast<int>(by);
  DayRange november{*parse_day("2026-11-01"), *parse_day("2026-11-18")};
  for (HoursBy by : {HoursBy::Customer, HoursBy::Employee, HoursBy::Month})
    EXPECT_EQ(hours_total(hours_by(s, {by, november})), 5'000'000) << static_cast<int>(by);
}

TEST_F(Reports, ADeletedTimesheetCountsNowhere) {
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "timesheet.delete"}, {"id", "l3"}}));
  EXPECT_EQ(hours_by(s, {HoursBy::Customer, {}})[0].hours, 2'500'000);
  EXPECT_EQ(billable_split(s).billable, 2'500'000);
}

TEST_F(Reports, TheBillableSplitFollowsTheLinesAndTheInvoices) {
  BillableSplit b = billable_split(s);
  EXPECT_EQ(b.billable, 6'500'000);    // on so.1 and so.2
  EXPECT_EQ(b.non_billable, 500'000);  // Globex's ticket has no line (R12)
  EXPECT_EQ(b.invoiced, 0);
  ASSERT_FALSE(
      deskbill::apply(s, {{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"so"}}, {"date", "2026-11-20"}}));
  EXPECT_EQ(billable_split(s).invoiced, 4'000'000);  // the 4 h delivered on so.2 (R16)
}

TEST_F(Reports, APeriodCountsTheHoursDatedInsideItBothEndsIncluded) {
  DayRange november{*parse_day("2026-11-01"), *parse_day("2026-11-18")};  // l2 and l3, not l1 (Oct) nor l4
  std::vector<HoursRow> rows = hours_by(s, {HoursBy::Customer, november});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].key, partner("acme"));
  EXPECT_EQ(rows[0].hours, 5'000'000);  // 1 + 4 (l3 on the period's last day)
  rows = hours_by(s, {HoursBy::Employee, november});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].hours, 4'000'000);  // Maria's l3
  EXPECT_EQ(rows[1].hours, 1'000'000);  // Ion's l2
  BillableSplit b = billable_split(s, november);
  EXPECT_EQ(b.billable, 5'000'000);
  EXPECT_EQ(b.non_billable, 0);  // Globex's 0.5 h are on the 23rd
}

TEST_F(Reports, APeriodThatStartsAfterItEndsHoldsNoDayAndCountsNothing) {
  DayRange backwards{*parse_day("2026-11-30"), *parse_day("2026-11-01")};
  EXPECT_TRUE(backwards.none());
  EXPECT_FALSE((DayRange{*parse_day("2026-11-01"), *parse_day("2026-11-01")}.none()));  // one day
  EXPECT_FALSE((DayRange{*parse_day("2026-11-30"), kNoDay}.none()));
  EXPECT_TRUE(hours_by(s, {HoursBy::Customer, backwards}).empty());
  EXPECT_EQ(billable_split(s, backwards).billable, 0);
}

TEST_F(Reports, APeriodOpenOnOneSideRunsToTheFirstOrLastTimesheet) {
  DayRange from_the_18th{*parse_day("2026-11-18"), kNoDay};
  EXPECT_EQ(hours_by(s, {HoursBy::Month, from_the_18th})[0].hours, 4'500'000);  // l3 + l4
  DayRange until_october{kNoDay, *parse_day("2026-10-31")};
  std::vector<HoursRow> rows = hours_by(s, {HoursBy::Month, until_october});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].key, 202610u);
  EXPECT_EQ(billable_split(s, until_october).billable, 1'500'000);
}

// Clicking a row opens the Timesheets list on the lines it adds up: every row's filter lists
// exactly its hours, in a period or not.
TEST_F(Reports, EachRowsFilterListsTheLinesItAddsUp) {
  ASSERT_FALSE(deskbill::apply(s, log("l5", "k4", "e1", "2026-12-01", "2")));
  for (DayRange period : {DayRange{}, DayRange{*parse_day("2026-11-17"), *parse_day("2026-12-31")}})
    for (HoursBy by : {HoursBy::Customer, HoursBy::Employee, HoursBy::Month}) {
      HoursQuery q{by, period};
      for (const HoursRow& row : hours_by(s, q)) {
        std::optional<TimesheetFilter> f = timesheets_of_row(q, row);
        ASSERT_TRUE(f) << static_cast<int>(by) << " " << row.key;
        EXPECT_EQ(select_timesheets(s, *f).total, row.hours) << static_cast<int>(by) << " " << row.key;
      }
    }
}

TEST_F(Reports, AMonthsRowListsItsDaysInsideThePeriod) {
  HoursQuery q{HoursBy::Month, {*parse_day("2026-11-18"), kNoDay}};
  std::optional<TimesheetFilter> f = timesheets_of_row(q, {202611u, 0});
  ASSERT_TRUE(f);
  EXPECT_EQ(format_day(f->period.start), "2026-11-18");
  EXPECT_EQ(format_day(f->period.end), "2026-11-30");
  f = timesheets_of_row({HoursBy::Month, {}}, {202612u, 0});
  EXPECT_EQ(format_day(f->period.start), "2026-12-01");
  EXPECT_EQ(format_day(f->period.end), "2026-12-31");  // December ends the year
}

TEST_F(Reports, TheRowOfTimeOnNoCustomerHasNoFilter) {
  EXPECT_FALSE(timesheets_of_row({HoursBy::Customer, {}}, {kNone, 500'000}));
}

TEST_F(Reports, EachPartOfTheBillableSplitListsItsLines) {
  ASSERT_FALSE(
      deskbill::apply(s, {{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"so"}}, {"date", "2026-11-20"}}));
  DayRange period{*parse_day("2026-11-01"), kNoDay};
  BillableSplit b = billable_split(s, period);
  EXPECT_EQ(select_timesheets(s, timesheets_of_split(period, SplitPart::Billable)).total, b.billable);
  EXPECT_EQ(select_timesheets(s, timesheets_of_split(period, SplitPart::NonBillable)).total, b.non_billable);
  EXPECT_EQ(select_timesheets(s, timesheets_of_split(period, SplitPart::Invoiced)).total, b.invoiced);
  EXPECT_EQ(b.invoiced, 4'000'000);
}

TEST_F(Reports, PrepaidBlocksAreTheConfirmedLinesWithRemainingHours) {
  EXPECT_EQ(prepaid_block_lines(s), std::vector<uint32_t>{line("so.1")});  // not the quotation's
  EXPECT_EQ(remaining_hours(s, line("so.1")), 7'500'000);
}

TEST_F(Reports, DeliveredNotInvoicedListsTheLinesWithHoursToInvoice) {
  EXPECT_EQ(delivered_not_invoiced_lines(s), std::vector<uint32_t>{line("so.2")});  // 4 h at 90.00
  ASSERT_FALSE(
      deskbill::apply(s, {{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"so"}}, {"date", "2026-11-20"}}));
  EXPECT_TRUE(delivered_not_invoiced_lines(s).empty());
}

TEST_F(Reports, ATeamCardCountsItsOpenTicketsAndThisWeeksHours) {
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "ticket.update"}, {"id", "k4"}, {"stage", "solved"}}));
  TeamOverview o = team_overview(s, *parse_day("2026-11-19"));
  EXPECT_EQ(format_day(o.week_start), "2026-11-16");
  EXPECT_EQ(o.open[team("t")], 3);
  EXPECT_EQ(o.week_hours[team("t")], 5'000'000);  // l2 and l3; l1 is October's, l4 next week's
  EXPECT_EQ(o.open[team("quiet")], 0);
  EXPECT_EQ(o.week_hours[team("quiet")], 0);
}

TEST_F(Reports, ATeamCardCountsABlockSharedByTwoTicketsOnce) {
  TeamOverview o = team_overview(s, *parse_day("2026-11-19"));
  EXPECT_EQ(o.prepaid_left[team("t")], std::optional<Qty>(7'500'000));  // not 15:00 for k1 and k2
}

// The demo's Internal IT card said "Prepaid hours left: 00:00", which read as hours used up: a
// team without Time Billing sells no prepaid hours, so its card has no such figure, even when a
// ticket kept the line it had while the team billed time.
TEST_F(Reports, ATeamWithoutTimeBillingHasNoPrepaidHoursOnItsCard) {
  EXPECT_EQ(team_overview(s, *parse_day("2026-11-19")).prepaid_left[team("quiet")], std::nullopt);
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "team.update"}, {"id", "t"}, {"use_billing", false}}));
  EXPECT_EQ(team_overview(s, *parse_day("2026-11-19")).prepaid_left[team("t")], std::nullopt);
}

TEST_F(Reports, AnOverdrawnBlockLeavesATeamNoHoursNotLessThanNone) {
  ASSERT_FALSE(deskbill::apply(s, log("l6", "k2", "e1", "2026-11-19", "9")));  // 11.5 of 10 h: −1.5
  EXPECT_EQ(remaining_hours(s, line("so.1")), -1'500'000);
  EXPECT_EQ(team_overview(s, *parse_day("2026-11-19")).prepaid_left[team("t")], std::optional<Qty>(0));
}

TEST_F(Reports, ABlockOfSolvedTicketsIsNotCountedOnTheTeamsCard) {
  for (const char* k : {"k1", "k2"})
    ASSERT_FALSE(deskbill::apply(s, {{"kind", "ticket.update"}, {"id", k}, {"stage", "solved"}}));
  EXPECT_EQ(team_overview(s, *parse_day("2026-11-19")).prepaid_left[team("t")], std::optional<Qty>(0));
}

}  // namespace
