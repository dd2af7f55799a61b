#include "core/state.h"

namespace deskbill {

State::State() {
  // Odoo's Working Time category has Days as reference: 1 Day = 8 Hours.
  hours = uoms.add(text, "hours", Uom{text.add("Hours"), UomCategory::Time, 8, 1, kQtyCent});
  days = uoms.add(text, "days", Uom{text.add("Days"), UomCategory::Time, 1, 1, kQtyCent});
  units = uoms.add(text, "units", Uom{text.add("Units"), UomCategory::Unit, 1, 1, kQtyCent});
  dozens = uoms.add(text, "dozens", Uom{text.add("Dozens"), UomCategory::Unit, 1, 12, kQtyCent});
}

template <class T, class TRows, class TPool>
static size_t table_bytes(const Table<T, TRows, TPool>& t) {
  return t.rows.capacity() * sizeof(T) + t.ids.memory_bytes();
}

static size_t index_bytes(const std::vector<std::vector<uint32_t>>& lists) {
  size_t n = lists.capacity() * sizeof(lists[0]);
  for (const auto& l : lists) n += l.capacity() * sizeof(uint32_t);
  return n;
}

size_t state_memory_bytes(const State& s) {
  return s.text.bytes().capacity() + s.ts_text.bytes().capacity() + table_bytes(s.uoms) + table_bytes(s.partners) +
         table_bytes(s.employees) + table_bytes(s.taxes) + table_bytes(s.products) + table_bytes(s.projects) +
         table_bytes(s.tasks) + table_bytes(s.teams) + table_bytes(s.tickets) + table_bytes(s.timesheets) +
         table_bytes(s.orders) + table_bytes(s.lines) + table_bytes(s.invoices) + table_bytes(s.invoice_lines) +
         table_bytes(s.payments) + s.rejected.capacity() * sizeof(Rejected) +
         s.numbers.capacity() * sizeof(NumberCounter) + index_bytes(s.task_timesheets) +
         index_bytes(s.project_timesheets) + s.invoice_timesheet_counts.capacity() * sizeof(uint32_t);
}

}  // namespace deskbill
