#include "core/dates.h"

#include <algorithm>
#include <cstdio>

namespace deskbill {
namespace {
// Howard Hinnant's civil-date algorithms: exact for the proleptic Gregorian calendar.
Day days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}
void civil_from_days(Day z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
}
}  // namespace

DayRange overlap(const DayRange& a, const DayRange& b) {
  DayRange out;
  out.start = a.start == kNoDay ? b.start : b.start == kNoDay ? a.start : std::max(a.start, b.start);
  out.end = a.end == kNoDay ? b.end : b.end == kNoDay ? a.end : std::min(a.end, b.end);
  return out;
}

DayRange month_days(int year, int month) {
  Day first = days_from_civil(year, static_cast<unsigned>(month), 1);
  Day next = month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, static_cast<unsigned>(month) + 1, 1);
  return {first, next - 1};
}

std::optional<Day> parse_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (size_t i = 0; i < lens[k]; ++i) {
      char c = s[starts[k] + i];
      if (c < '0' || c > '9') return std::nullopt;
      v[k] = v[k] * 10 + (c - '0');
    }
  if (v[0] < 1900 || v[0] > 2999 || v[1] < 1 || v[1] > 12 || v[2] < 1) return std::nullopt;
  static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (v[0] % 4 == 0 && v[0] % 100 != 0) || v[0] % 400 == 0;
  int maxd = mdays[v[1] - 1] + (v[1] == 2 && leap ? 1 : 0);
  if (v[2] > maxd) return std::nullopt;
  return days_from_civil(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]));
}

std::string format_day(Day day) {
  if (day == kNoDay) return "";
  int y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  if (y < 0 || y > 9999) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
  }
  // Written by hand: the state hash formats a date per timesheet, and snprintf was a tenth of it.
  char buf[10] = {static_cast<char>('0' + y / 1000),
                  static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10),
                  static_cast<char>('0' + y % 10),
                  '-',
                  static_cast<char>('0' + m / 10),
                  static_cast<char>('0' + m % 10),
                  '-',
                  static_cast<char>('0' + d / 10),
                  static_cast<char>('0' + d % 10)};
  return std::string(buf, sizeof buf);
}

int year_of(Day day) {
  int y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  return y;
}
int month_of(Day day) {
  int y;
  unsigned m, d;
  civil_from_days(day, y, m, d);
  return static_cast<int>(m);
}
int weekday_of(Day day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

}  // namespace deskbill
