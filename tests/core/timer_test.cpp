// The timer's rule (core/timer.h): Odoo's _timer_rounding with its defaults (minimum 15 minutes,
// rounded up to 15): the time spent, at least the minimum, up to the next step.
#include "core/timer.h"

#include <gtest/gtest.h>

#include "core/apply.h"
#include "core/dates.h"

using namespace deskbill;

namespace {
constexpr int64_t kMinute = 60'000;
}

TEST(Timer, AShortTimerLogsTheMinimumDuration) {
  EXPECT_EQ(timer_minutes(3 * kMinute), 15);
  EXPECT_EQ(timer_minutes(0), 15);
}

TEST(Timer, ExactlyOnAStepStaysThere) { EXPECT_EQ(timer_minutes(30 * kMinute), 30); }

TEST(Timer, OneSecondPastAStepRoundsUpToTheNext) {
  EXPECT_EQ(timer_minutes(30 * kMinute + 1000), 45);
  EXPECT_EQ(timer_minutes(16 * kMinute), 30);
}

TEST(Timer, HoursAreTheRoundedMinutes) {
  EXPECT_EQ(timer_hours(16 * kMinute), kQtyOne / 2);                 // 0:30
  EXPECT_EQ(timer_hours(100 * kMinute), 2 * kQtyOne - kQtyOne / 4);  // 1:45
}

TEST(Timer, WithoutRoundingTheExactTimeIsLoggedAboveTheMinimum) {
  EXPECT_EQ(timer_hours(90 * kMinute + 18'000, 1, 0), 1'505'000);  // 1.505 h
  EXPECT_EQ(timer_hours(10'000, 1, 0), round_div(kQtyOne, 60, Rounding::HalfUp));
}

TEST(Timer, StoppingMakesATimesheetLineOnTheDayItStarted) {
  RunningTimer t{"tk", "emp", "", 1'000'000, *parse_day("2026-11-20")};
  nlohmann::json op = timer_log_op(t, 1'000'000 + 20 * kMinute, "ts1");
  EXPECT_EQ(op["kind"], "timesheet.log");
  EXPECT_EQ(op["ticket"], "tk");
  EXPECT_EQ(op["employee"], "emp");
  EXPECT_EQ(op["date"], "2026-11-20");
  EXPECT_EQ(op["hours"], "0.500000");
  EXPECT_EQ(op["description"], "Timer");
}

TEST(Timer, ARunningTimerSurvivesAsJsonAndDamagedJsonIsNone) {
  RunningTimer t{"tk", "emp", "VPN", 1'700'000'000'000, *parse_day("2026-11-20")};
  auto back = timer_from_json(nlohmann::json::parse(timer_to_json(t).dump()));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->ticket, "tk");
  EXPECT_EQ(back->started_ms, t.started_ms);
  EXPECT_EQ(back->day, t.day);
  EXPECT_EQ(back->description, "VPN");
  EXPECT_FALSE(timer_from_json(nlohmann::json::parse(R"({"ticket":"tk"})")));
  EXPECT_FALSE(timer_from_json(nlohmann::json::parse(R"({"ticket":"tk","employee":"e","day":"x","started_ms":1})")));
}

// get<int64_t>() of 2^64 - 1 is -1: a timer read that way started in 1969, and stopping it would
// log some half a million hours on the ticket. A start no int64 holds is damage, as a missing one.
TEST(Timer, AStartNoClockCanHoldIsDamagedJsonNotATimerFrom1969) {
  // started_ms as written in timer.json (a number, or a string when quoted).
  auto with_start = [](const char* start) {
    return timer_from_json(nlohmann::json::parse(
        std::string(R"({"ticket":"tk","employee":"e","day":"2026-11-20","started_ms":)") + start + "}"));
  };
  EXPECT_FALSE(with_start("18446744073709551615"));
  EXPECT_FALSE(with_start(R"("1700000000000")"));
  // Held by an int64, but no wall-clock time: before 1970, or the stop's now - start overflowed.
  for (const char* start : {"-1", "-9223372036854775808", "9223372036854775807"})
    EXPECT_FALSE(with_start(start)) << start;
  // The bounds themselves: 1970-01-01 and the last millisecond of 9999 are times, one past is not.
  EXPECT_TRUE(with_start("0"));
  EXPECT_TRUE(with_start("253402300799999"));
  EXPECT_FALSE(with_start("253402300800000"));
}
