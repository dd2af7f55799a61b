// Calendar dates as day numbers (days since 1970-01-01): the only notion of time in the core.
// Ops carry dates as "YYYY-MM-DD"; nothing in the fold reads a clock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace deskbill {

using Day = int32_t;
constexpr Day kNoDay = INT32_MIN;

std::optional<Day> parse_day(std::string_view iso);
std::string format_day(Day d);
int year_of(Day d);
int month_of(Day d);  // 1..12
// ISO weekday, Monday == 0.
int weekday_of(Day d);

// The days from start to end, both included; kNoDay leaves that side open (a filter's period).
struct DayRange {
  Day start = kNoDay, end = kNoDay;
  bool holds(Day d) const { return (start == kNoDay || d >= start) && (end == kNoDay || d <= end); }
  // No day at all: it starts after it ends (From typed after To).
  bool none() const { return start != kNoDay && end != kNoDay && start > end; }
  bool operator==(const DayRange& o) const { return start == o.start && end == o.end; }
};
// The days both ranges hold (start after end when none).
DayRange overlap(const DayRange& a, const DayRange& b);
// The days of a month (1..12).
DayRange month_days(int year, int month);

}  // namespace deskbill
