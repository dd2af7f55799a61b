// How numbers read on screen: hours as hh:mm, money grouped, quantities; hours as typed; CSV cells.
#include "core/csv.h"
#include "ui/widgets.h"

namespace deskbill::ui {

std::string hours_hhmm(Qty hours) { return format_hhmm(hours); }

std::string money_text(Money m) { return format_money_grouped(m); }

std::string qty_text(Qty q) { return format_qty(q, 2); }

bool parse_hours(const char* text, Qty& out) {
  std::optional<Qty> q = parse_typed_hours(text);
  if (q) out = *q;
  return q.has_value();
}

std::string csv(const std::string& f) { return csv_cell(f); }
}  // namespace deskbill::ui
