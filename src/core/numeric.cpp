#include "core/numeric.h"

#include <cstdio>
#include <cstdlib>

namespace deskbill {

int64_t round_div(__int128 num, __int128 den, Rounding mode) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  bool neg = num < 0;
  __int128 a = neg ? -num : num;
  __int128 q = a / den, r = a % den;
  switch (mode) {
    case Rounding::HalfUp:
      if (r * 2 >= den) ++q;
      break;
    case Rounding::Up:
      if (r != 0) ++q;
      break;
    case Rounding::Down:
      break;
  }
  return static_cast<int64_t>(neg ? -q : q);
}

Qty round_to_step(Qty q, Qty step, Rounding mode) {
  if (step <= 1) return q;
  return round_div(q, step, mode) * step;
}

bool qty_is_zero(Qty q) { return q > -5000 && q < 5000; }

int qty_compare(Qty a, Qty b) {
  // Odoo compares the values rounded to 2 decimals, half-up.
  Qty ra = round_to_step(a, kQtyCent, Rounding::HalfUp), rb = round_to_step(b, kQtyCent, Rounding::HalfUp);
  return ra < rb ? -1 : (ra > rb ? 1 : 0);
}

std::optional<int64_t> parse_decimal(std::string_view s, int decimals) {
  // Exact: more decimals than kept is not a number here (parse_decimal_rounded rounds them).
  size_t sep = s.find_first_of(".,");
  if (sep != std::string_view::npos && s.size() - sep - 1 > static_cast<size_t>(decimals)) return std::nullopt;
  return parse_decimal_rounded(s, decimals);
}

std::string format_decimal(int64_t value, int decimals, int shown) {
  DecimalText t;
  return std::string(format_decimal_into(t, value, decimals, shown));
}

std::string_view format_decimal_into(DecimalText& out, int64_t value, int decimals, int shown) {
  uint64_t scale = 1;
  for (int k = 0; k < decimals - shown; ++k) scale *= 10;
  // round_div's half away from zero, in 64 bits: |value| / scale, one more when the remainder is
  // at least half of scale (r < scale <= 10^18, so 2r does not overflow). A value that rounds to
  // zero has no sign.
  uint64_t a = value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  if (scale > 1) {
    const uint64_t r = a % scale;
    a = a / scale + (r * 2 >= scale ? 1 : 0);
  }
  const bool neg = value < 0 && a != 0;
  uint64_t div = 1;
  for (int k = 0; k < shown; ++k) div *= 10;
  // Digits written from the right into one buffer (no temporary strings: the state hash formats
  // a quantity per timesheet).
  char* buf = out.buf;
  char* end = buf + sizeof out.buf;
  char* p = end;
  uint64_t whole = a / div, frac = a % div;
  for (int k = 0; k < shown; ++k, frac /= 10) *--p = static_cast<char>('0' + frac % 10);
  if (shown > 0) *--p = '.';
  do {
    *--p = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole);
  if (neg) *--p = '-';
  return std::string_view(p, static_cast<size_t>(end - p));
}

Money line_amount(Money price_unit, Qty qty, int64_t discount_bp) {
  __int128 num = static_cast<__int128>(price_unit) * qty * (kPercentOneBp - discount_bp);
  return round_div(num, static_cast<__int128>(kQtyOne) * kPercentOneBp, Rounding::HalfUp);
}

std::optional<int64_t> parse_decimal_rounded(std::string_view s, int decimals, bool* too_big) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    neg = s[i] == '-';
    ++i;
  }
  __int128 v = 0;  // the number in units of 10^-decimals
  int int_digits = 0, frac = -1, next_digit = -1;
  bool any = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' || c == ',') {
      if (frac >= 0) return std::nullopt;
      frac = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any = true;
    if (frac < 0) {
      if (v != 0 || c != '0') ++int_digits;
      if (int_digits > 30) {  // __int128 holds 30 digits and 6 decimals with room
        if (too_big) *too_big = true;
        return std::nullopt;
      }
      v = v * 10 + (c - '0');
    } else if (frac < decimals) {
      v = v * 10 + (c - '0');
      ++frac;
    } else if (next_digit < 0) {
      next_digit = c - '0';  // the first dropped digit decides the rounding
    }
  }
  if (!any) return std::nullopt;
  for (int k = frac < 0 ? 0 : frac; k < decimals; ++k) v *= 10;
  if (next_digit >= 5) v += 1;  // half away from zero (the sign is applied after)
  // Room for sums of such values in int64 (quantities keep 6 decimals: 10^15 units would not fit).
  if (v > static_cast<__int128>(INT64_MAX) / 4) {
    if (too_big) *too_big = true;
    return std::nullopt;
  }
  return static_cast<int64_t>(neg ? -v : v);
}

std::optional<Qty> parse_typed_hours(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  size_t colon = t.find(':');
  if (colon == std::string_view::npos) return parse_decimal(t, 6);
  // The sign is the whole entry's: "-0:30" has no negative hours to carry it.
  bool neg = !t.empty() && t.front() == '-';
  if (neg || (!t.empty() && t.front() == '+')) t.remove_prefix(1), --colon;
  std::string_view h_text = t.substr(0, colon), m_text = t.substr(colon + 1);
  // Digits only on each side: a second sign or a decimal point is not hours:minutes.
  auto digits = [](std::string_view d) { return !d.empty() && d.find_first_not_of("0123456789") == d.npos; };
  if (!digits(h_text) || !digits(m_text)) return std::nullopt;
  std::optional<int64_t> h = parse_decimal(h_text, 0), m = parse_decimal(m_text, 0);
  if (!h || !m || *m >= 60) return std::nullopt;
  // Within what parse_decimal allows a quantity, so that sums of hours cannot overflow.
  __int128 v =
      static_cast<__int128>(*h) * kQtyOne + round_div(static_cast<__int128>(*m) * kQtyOne, 60, Rounding::HalfUp);
  if (v > static_cast<__int128>(INT64_MAX) / 4) return std::nullopt;
  return static_cast<Qty>(neg ? -v : v);
}

std::string format_hhmm(Qty hours, int hour_digits) {
  bool neg = hours < 0;
  // hours × 60 ÷ 1 000 000, not hours ÷ 16 666: that step is 1 000 000 / 60 truncated, and its
  // error of 1 in 25 000 put a minute on every 250 h of a total. Negated in 128 bits: the lowest
  // int64 has no positive counterpart in 64.
  __int128 magnitude = neg ? -static_cast<__int128>(hours) : static_cast<__int128>(hours);
  int64_t minutes = round_div(magnitude * 60, kQtyOne, Rounding::HalfUp);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%0*lld:%02lld", neg ? "-" : "", hour_digits, static_cast<long long>(minutes / 60),
                static_cast<long long>(minutes % 60));
  return buf;
}

std::string format_money_grouped(Money m) {
  std::string raw = format_money(m < 0 ? -m : m);
  size_t dot = raw.find('.');
  std::string ints = raw.substr(0, dot), out;
  for (size_t i = 0; i < ints.size(); ++i) {
    if (i && (ints.size() - i) % 3 == 0) out += ',';
    out += ints[i];
  }
  return (m < 0 ? "-" : "") + out + raw.substr(dot);
}

}  // namespace deskbill
