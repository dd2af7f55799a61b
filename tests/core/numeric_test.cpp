#include "core/numeric.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/dates.h"

using namespace deskbill;

TEST(Rounding, HalfUpGoesAwayFromZeroAtHalf) {  // R22: 2.675 → 2.68 (Odoo's epsilon)
  EXPECT_EQ(round_to_step(*parse_decimal("2.675", 6), kQtyCent, Rounding::HalfUp), *parse_decimal("2.68", 6));
  EXPECT_EQ(round_to_step(*parse_decimal("-2.675", 6), kQtyCent, Rounding::HalfUp), *parse_decimal("-2.68", 6));
  EXPECT_EQ(round_to_step(*parse_decimal("2.674", 6), kQtyCent, Rounding::HalfUp), *parse_decimal("2.67", 6));
}

TEST(Rounding, UpRoundsAwayFromZero) {
  EXPECT_EQ(round_to_step(*parse_decimal("2.001", 6), kQtyCent, Rounding::Up), *parse_decimal("2.01", 6));
  EXPECT_EQ(round_to_step(*parse_decimal("-2.001", 6), kQtyCent, Rounding::Up), *parse_decimal("-2.01", 6));
}

TEST(Rounding, CompareAtTwoDecimals) {  // fc / fz of the rulebook
  EXPECT_TRUE(qty_is_zero(*parse_decimal("0.004", 6)));
  EXPECT_FALSE(qty_is_zero(*parse_decimal("0.005", 6)));
  EXPECT_EQ(qty_compare(*parse_decimal("5.001", 6), *parse_decimal("5", 6)), 0);
  EXPECT_EQ(qty_compare(*parse_decimal("5.01", 6), *parse_decimal("5", 6)), 1);
}

TEST(Decimal, ParsesAndRefusesGarbage) {
  EXPECT_EQ(parse_decimal("12.5", 2), 1250);
  EXPECT_EQ(parse_decimal("-0.25", 6), -250000);
  EXPECT_EQ(parse_decimal("1,5", 2), 150);  // Romanian decimal comma
  EXPECT_FALSE(parse_decimal("1.234", 2));  // more digits than the unit allows
  EXPECT_FALSE(parse_decimal("abc", 2));
  EXPECT_FALSE(parse_decimal("", 2));
  EXPECT_FALSE(parse_decimal("1.2.3", 2));
  EXPECT_FALSE(parse_decimal("99999999999999999999999", 2));
}

TEST(Decimal, FormatsWithRounding) {
  EXPECT_EQ(format_decimal(1250, 2, 2), "12.50");
  EXPECT_EQ(format_decimal(-5, 2, 2), "-0.05");
  EXPECT_EQ(format_qty(*parse_decimal("0.335", 6)), "0.34");
}

// format_decimal rounds in 64 bits: each digit and sign it writes is that of round_div (Odoo's
// float_round, half away from zero), at every scale a state formats, for values about every
// rounding edge and at both ends of int64. A value that rounds to zero has no sign.
TEST(Decimal, FormatsWhatRoundDivRoundsAtEveryScaleAndBothEnds) {
  auto reference = [](int64_t value, int decimals, int shown) {
    __int128 scale = 1;
    for (int k = 0; k < decimals - shown; ++k) scale *= 10;
    __int128 v = round_div(value, scale, Rounding::HalfUp);
    bool neg = v < 0;
    if (neg) v = -v;
    std::string digits;
    for (__int128 x = v; digits.empty() || x > 0; x /= 10) digits.insert(digits.begin(), char('0' + int(x % 10)));
    if (shown > 0) {
      if (digits.size() <= size_t(shown)) digits.insert(0, size_t(shown) + 1 - digits.size(), '0');
      digits.insert(digits.end() - shown, '.');
    }
    return (neg ? "-" : "") + digits;
  };
  std::vector<int64_t> values = {0, INT64_MIN, INT64_MIN + 1, INT64_MAX, INT64_MAX - 1};
  for (int64_t edge : {int64_t{5}, int64_t{50}, int64_t{5000}, int64_t{500000}})
    for (int64_t d = -2; d <= 2; ++d)
      for (int64_t k : {int64_t{0}, int64_t{1}, int64_t{7}, int64_t{123456}}) {
        values.push_back(k * 2 * edge + edge + d);
        values.push_back(-(k * 2 * edge + edge + d));
      }
  uint64_t x = 88172645463325252ull;  // xorshift: any values
  for (int i = 0; i < 2000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    values.push_back(static_cast<int64_t>(x) >> (i % 60));
  }
  for (auto [decimals, shown] : {std::pair{2, 2}, {6, 2}, {6, 6}, {6, 0}, {2, 0}, {0, 0}})
    for (int64_t v : values) {
      DecimalText t;
      ASSERT_EQ(format_decimal_into(t, v, decimals, shown), reference(v, decimals, shown))
          << v << " at " << decimals << "/" << shown;
      ASSERT_EQ(format_decimal(v, decimals, shown), reference(v, decimals, shown));
    }
  EXPECT_EQ(format_decimal(-4999, 6, 2), "0.00");  // -0.004999: no sign
  EXPECT_EQ(format_decimal(-5000, 6, 2), "-0.01");
}

TEST(Money, LineAmountRoundsPerLine) {
  EXPECT_EQ(line_amount(9000, *parse_decimal("10.5", 6), 0), 94500);    // 90 × 10.5 = 945.00
  EXPECT_EQ(line_amount(1333, *parse_decimal("0.333333", 6), 0), 444);  // 4.443 → 4.44
  EXPECT_EQ(line_amount(10000, *parse_decimal("1", 6), 1250), 8750);    // 12.5 % discount
}

TEST(Dates, RoundTripAndValidate) {
  auto d = parse_day("2026-11-20");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_day(*d), "2026-11-20");
  EXPECT_EQ(format_day(*d + 11), "2026-12-01");
  EXPECT_FALSE(parse_day("2026-02-30"));
  EXPECT_FALSE(parse_day("2026-13-01"));
  EXPECT_TRUE(parse_day("2024-02-29"));
  EXPECT_EQ(weekday_of(*parse_day("2026-11-23")), 0);  // a Monday
}

TEST(Numeric, MoreDecimalsThanKeptAreRoundedHalfAwayFromZero) {
  EXPECT_EQ(parse_decimal_rounded("20.125", 2), 2013);
  EXPECT_EQ(parse_decimal_rounded("-20.125", 2), -2013);
  EXPECT_EQ(parse_decimal_rounded("20.1249", 2), 2012);
  EXPECT_EQ(parse_decimal_rounded("1.5", 0), 2);
  EXPECT_FALSE(parse_decimal_rounded("1.2.3", 2));
  bool too_big = false;
  EXPECT_FALSE(parse_decimal_rounded("18446744073709551616", 6, &too_big));
  EXPECT_TRUE(too_big);
}

TEST(Numeric, FifteenDigitQuantitiesDoNotOverflowAtSixDecimals) {
  bool too_big = false;
  EXPECT_FALSE(parse_decimal_rounded("999999999999999", 6, &too_big));  // 10^21 millionths
  EXPECT_TRUE(too_big);
  EXPECT_FALSE(parse_decimal("20.125", 2));  // exact parsing refuses what rounding would change
}

// Hours read as Odoo's float_time widget shows them: hh:mm, the minutes rounded half up. The
// minutes were counted in steps of 1/16 666 h (1 000 000 / 60, truncated), so a total drifted by
// a minute per 250 h: the demo's Acme, 1 826.25 h, read 1826:19 in Reports.
TEST(Numeric, HoursReadAsHoursAndMinutesAtAnyTotal) {
  EXPECT_EQ(format_hhmm(*parse_decimal("10.5", 6)), "10:30");
  EXPECT_EQ(format_hhmm(*parse_decimal("1826.25", 6)), "1826:15");
  EXPECT_EQ(format_hhmm(*parse_decimal("123456.75", 6)), "123456:45");
  EXPECT_EQ(format_hhmm(*parse_decimal("0.333333", 6)), "00:20");
  EXPECT_EQ(format_hhmm(*parse_decimal("1.999", 6)), "02:00");  // 119.94 minutes
  EXPECT_EQ(format_hhmm(*parse_decimal("-3", 6)), "-03:00");    // a prepaid block overdrawn
}

// In the description of an op, hours read as people write them on a timesheet.
TEST(Numeric, HoursReadAsOnATimesheetWithOneHourDigit) {
  EXPECT_EQ(format_hhmm(4'000'000, 1), "4:00");
  EXPECT_EQ(format_hhmm(500'000, 1), "0:30");
  EXPECT_EQ(format_hhmm(-1'250'000, 1), "-1:15");
  EXPECT_EQ(format_hhmm(*parse_decimal("1826.25", 6), 1), "1826:15");
}

// The most negative quantity has no positive counterpart in 64 bits: its minutes are counted wider.
TEST(Numeric, TheLowestQuantityReadsAsHoursWithoutOverflow) { EXPECT_EQ(format_hhmm(INT64_MIN), "-9223372036854:47"); }

// Hours as typed on a timesheet line: a decimal or hours:minutes, as Odoo's float_time widget
// takes them (1:20 is 1.333333 h, the minutes rounded half up to millionths).
TEST(Numeric, TypedHoursAreADecimalOrHoursColonMinutes) {
  EXPECT_EQ(parse_typed_hours("1.5"), 1'500'000);
  EXPECT_EQ(parse_typed_hours("1,5"), 1'500'000);
  EXPECT_EQ(parse_typed_hours("1:30"), 1'500'000);
  EXPECT_EQ(parse_typed_hours("0:45"), 750'000);
  EXPECT_EQ(parse_typed_hours("1:20"), 1'333'333);
  EXPECT_EQ(parse_typed_hours(" 2:05 "), 2'083'333);  // spaces around, as pasted
  EXPECT_EQ(parse_typed_hours("8:00"), 8'000'000);
}

// The sign belongs to the whole entry: "-0:30" read as +0:30, since 0 hours carry no sign.
TEST(Numeric, ANegativeTypedHoursColonMinutesKeepsItsSignBelowAnHour) {
  EXPECT_EQ(parse_typed_hours("-0:30"), -500'000);
  EXPECT_EQ(parse_typed_hours("-1:30"), -1'500'000);
  EXPECT_EQ(parse_typed_hours("+0:30"), 500'000);
}

// Hours:minutes too large for a quantity overflowed (hours × 1 000 000 in 64 bits) into a
// made-up figure in the remaining-hours preview and in the op; they are refused, as a decimal is.
TEST(Numeric, TypedHoursTooLargeAreRefusedNotWrapped) {
  EXPECT_FALSE(parse_typed_hours("99999999999999:00"));
  EXPECT_FALSE(parse_typed_hours("9223372036854775807:00"));
  EXPECT_FALSE(parse_typed_hours("999999999999999"));
  EXPECT_EQ(parse_typed_hours("1000000:00"), 1'000'000'000'000);
}

TEST(Numeric, TypedHoursThatAreNotHoursAreRefused) {
  for (const char* bad : {"", "abc", "1:60", "1:-5", "1:", ":30", "1.5:30", "1:30:00", "1:5.5", "--1:00", "1 30"})
    EXPECT_FALSE(parse_typed_hours(bad)) << bad;
}
