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

}  // namespace deskbill
