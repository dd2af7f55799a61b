// Fixed-point numbers for deskbill's core: quantities in millionths, money in cents.
// The fold never touches floating point, so every device computes the same digits.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace deskbill {

// A quantity (hours, units, days) in millionths: 1.5 h == 1'500'000.
using Qty = int64_t;
// An amount of money in minor units (cents): 12.34 == 1234.
using Money = int64_t;

constexpr Qty kQtyOne = 1'000'000;
constexpr Qty kQtyCent = 10'000;  // 0.01, Odoo's 'Product Unit' precision
// 100 % as a discount or a down payment's share (hundredths of a percent: 12.5 % == 1250) and as
// a tax rate (rate_e4, percent × 10^4: 21 % == 210000).
constexpr int64_t kPercentOneBp = 10'000;
constexpr int64_t kRateOneE4 = 1'000'000;

enum class Rounding { HalfUp, Up, Down };

// num/den rounded to an integer; HalfUp and Up go away from zero, as Odoo's float_round does.
int64_t round_div(__int128 num, __int128 den, Rounding mode);
// q rounded to a multiple of step (both in the same scale).
Qty round_to_step(Qty q, Qty step, Rounding mode);

// Odoo's float_is_zero / float_compare at 2 decimals (0.005 in millionths).
bool qty_is_zero(Qty q);
int qty_compare(Qty a, Qty b);

// Parses "12", "-1.5", "0.333333" into a value with `decimals` digits after the point.
// More digits than allowed are refused rather than silently rounded.
std::optional<int64_t> parse_decimal(std::string_view text, int decimals);
// The same, with more decimals than kept rounded half-up (away from zero), as Odoo rounds a
// price to its precision ("20.125" at 2 → 2013). nullopt if it is not a number; `too_big` is
// set (and nullopt returned) for a number too large to sum safely in int64, so the caller can say so.
std::optional<int64_t> parse_decimal_rounded(std::string_view text, int decimals, bool* too_big = nullptr);
// Formats with exactly `shown` decimals (value has `decimals`), rounding half away from zero.
std::string format_decimal(int64_t value, int decimals, int shown);
// The same text, written into `buf` and viewed there: the state hash and the state's JSON format
// several amounts per order and invoice line, and a string each was a third of that.
struct DecimalText {
  char buf[48];
};
std::string_view format_decimal_into(DecimalText& out, int64_t value, int decimals, int shown);

inline std::string format_qty(Qty q, int shown = 2) { return format_decimal(q, 6, shown); }
inline std::string format_money(Money m) { return format_decimal(m, 2, 2); }
std::string format_money_grouped(Money m);  // 1234.5 → "1,234.50", as screens and printouts show it
// Hours as hh:mm, the minutes rounded half up, as Odoo's float_time widget shows them
// (10.5 → "10:30", -3 → "-03:00"); exact at any total. `hour_digits` 1 gives them as people
// write them on a timesheet ("4:00", "0:30"), as the descriptions of ops do.
std::string format_hhmm(Qty hours, int hour_digits = 2);

// Hours as a person types them on a timesheet: "1.5" or "1:30" (hours:minutes, the minutes 0 to
// 59), with a sign for the whole ("-0:30" is half an hour less) and spaces around. nullopt for
// anything else, and for hours too large to add up in int64 (as parse_decimal_rounded).
std::optional<Qty> parse_typed_hours(std::string_view text);

// price (cents) × qty (millionths) × (1 − discount) → cents, rounded half-up per line (R22).
// discount is in hundredths of a percent (12.5 % == 1250).
Money line_amount(Money price_unit, Qty qty, int64_t discount_bp);

}  // namespace deskbill
