#include "core/names.h"

#include <cstdio>

namespace deskbill {

std::string order_name(const State& s, uint32_t order) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "S%05u", s.orders.rows[order].number);
  return buf;
}

std::string invoice_name(const State& s, uint32_t inv) {
  const Invoice& v = s.invoices.rows[inv];
  if (v.number == 0) return "Draft";
  const char* prefix = v.type == MoveType::Refund ? "RINV/" : "INV/";
  char buf[40];
  if (v.number_year < 0 || v.number_year > 9999) {
    std::snprintf(buf, sizeof buf, "%s%04d/%05u", prefix, v.number_year, v.number);
    return buf;
  }
  // "%s%04d/%05u" written by hand: the state hash names every invoice, and snprintf was a tenth
  // of an invoice's hash.
  std::string name(prefix);
  const int y = v.number_year;
  name += {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
           static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '/'};
  char digits[10];
  char* p = digits + sizeof digits;
  for (uint32_t n = v.number; n > 0 || digits + sizeof digits - p < 5; n /= 10) *--p = static_cast<char>('0' + n % 10);
  name.append(p, digits + sizeof digits);
  return name;
}

std::string line_display_name(const State& s, uint32_t line) {
  const OrderLine& l = s.lines.rows[line];
  return order_name(s, l.order) + " - " + std::string(s.str(l.name));
}

std::string ticket_ref(uint32_t ticket) { return "#" + std::to_string(ticket + 1); }

std::string ticket_display_name(const State& s, uint32_t ticket) {
  return std::string(s.str(s.tickets.rows[ticket].title)) + " (" + ticket_ref(ticket) + ")";
}

uint32_t ticket_by_ref(const State& s, std::string_view ref) {
  if (!ref.empty() && ref[0] == '#') ref.remove_prefix(1);
  if (ref.empty() || ref.size() > 9) return kNone;
  uint32_t n = 0;
  for (char c : ref) {
    if (c < '0' || c > '9') return kNone;
    n = n * 10 + static_cast<uint32_t>(c - '0');
  }
  return n >= 1 && n <= s.tickets.size() ? n - 1 : kNone;
}

std::string task_display_name(const State& s, uint32_t task) {
  const Task& t = s.tasks.rows[task];
  return std::string(s.str(t.name)) + " — " + std::string(s.str(s.projects.rows[t.project].name));
}

}  // namespace deskbill
