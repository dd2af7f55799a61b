// How numbers read on screen: hours as hh:mm, money grouped, quantities; hours as typed; CSV cells.
#include <cstdio>

#include "core/csv.h"
#include "ui/widgets.h"

namespace deskbill::ui {

std::string hours_hhmm(Qty hours) { return format_hhmm(hours); }

std::string money_text(Money m) { return format_money_grouped(m); }

std::string qty_text(Qty q) { return format_qty(q, 2); }

bool parse_hours(const char* text, Qty& out) {
  std::string t = text;
  size_t colon = t.find(':');
  if (colon != std::string::npos) {
    auto h = parse_decimal(t.substr(0, colon), 0);
    auto m = parse_decimal(t.substr(colon + 1), 0);
    if (!h || !m || *m < 0 || *m >= 60) return false;
    out = (*h < 0 ? -1 : 1) *
          ((*h < 0 ? -*h : *h) * kQtyOne + round_div(static_cast<__int128>(*m) * kQtyOne, 60, Rounding::HalfUp));
    return true;
  }
  auto v = parse_decimal(t, 6);
  if (!v) return false;
  out = *v;
  return true;
}

std::string csv(const std::string& f) { return csv_cell(f); }
}  // namespace deskbill::ui
