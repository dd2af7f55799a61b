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
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s/%04d/%05u", v.type == MoveType::Refund ? "RINV" : "INV", v.number_year, v.number);
  return buf;
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
