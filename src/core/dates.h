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

}  // namespace deskbill
