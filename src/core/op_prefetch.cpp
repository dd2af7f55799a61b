#include "core/op_prefetch.h"

#include <string_view>

namespace deskbill {
namespace {
bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The slot op's own id is probed at, in the table each handler looks it up in or adds it to
// (core/*.cpp: new_id, live_*); nullptr for none.
const uint32_t* home_slot_of(const State& s, const ParsedOp& op) {
  const OpValue* k = op.find("kind");
  const OpValue* i = op.find("id");
  if (!k || !i || !k->is_string() || !i->is_string()) return nullptr;
  const std::string_view kind = k->text, id = i->text;
  if (starts(kind, "timesheet.")) return s.timesheets.ids.home_slot(id);
  if (starts(kind, "ticket.")) return s.tickets.ids.home_slot(id);
  if (kind == "order.add_line" || kind == "order.update_line" || kind == "order.remove_line")
    return s.lines.ids.home_slot(id);
  if (starts(kind, "order.")) return s.orders.ids.home_slot(id);
  if (kind == "invoice.update_line" || kind == "invoice.remove_line") return s.invoice_lines.ids.home_slot(id);
  if (kind == "invoice.pay") return s.payments.ids.home_slot(id);
  if (starts(kind, "invoice.")) return s.invoices.ids.home_slot(id);
  if (starts(kind, "partner.")) return s.partners.ids.home_slot(id);
  if (starts(kind, "employee.")) return s.employees.ids.home_slot(id);
  if (starts(kind, "product.")) return s.products.ids.home_slot(id);
  if (starts(kind, "project.")) return s.projects.ids.home_slot(id);
  if (starts(kind, "task.")) return s.tasks.ids.home_slot(id);
  if (starts(kind, "team.")) return s.teams.ids.home_slot(id);
  if (kind == "uom.create") return s.uoms.ids.home_slot(id);
  if (kind == "tax.create") return s.taxes.ids.home_slot(id);
  return nullptr;
}

#if defined(__wasm__)
// Where the loaded slots' sum goes: a load whose value is never used would be removed by the
// compiler, and with it the point of loading.
volatile uint32_t loaded_slots_sum;
#endif
}  // namespace

void prefetch_for(const State& s, const ParsedOp* const* ops, size_t n) {
  constexpr size_t kAtOnce = 32;
  const uint32_t* slots[kAtOnce];
  for (size_t from = 0; from < n; from += kAtOnce) {
    const size_t m = n - from < kAtOnce ? n - from : kAtOnce;
    // Every address first, then every load or prefetch: each address takes a hash of the id and
    // a few compares, and the loads must be close together to be in flight at the same time.
    for (size_t i = 0; i < m; ++i) slots[i] = home_slot_of(s, *ops[from + i]);
#if defined(__wasm__)
    uint32_t sum = 0;
    for (size_t i = 0; i < m; ++i)
      if (slots[i]) sum += *slots[i];
    loaded_slots_sum = sum;
#else
    for (size_t i = 0; i < m; ++i)
      if (slots[i]) __builtin_prefetch(slots[i]);
#endif
  }
}

}  // namespace deskbill
