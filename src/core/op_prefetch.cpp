#include "core/op_prefetch.h"

#include <string_view>

namespace deskbill {

#if defined(__wasm__)
// WebAssembly has no prefetch instruction, so finding the slot would be work for nothing; a plain
// load in its place made the wasm replay no faster (docs/benchmarks.md).
void prefetch_for(const State&, const ParsedOp&) {}
#else
namespace {
bool starts(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
}  // namespace

void prefetch_for(const State& s, const ParsedOp& op) {
  const OpValue* k = op.find("kind");
  const OpValue* i = op.find("id");
  if (!k || !i || !k->is_string() || !i->is_string()) return;
  const std::string_view kind = k->text, id = i->text;
  // The table each handler looks `id` up in or adds it to (core/*.cpp: new_id, live_*).
  if (starts(kind, "timesheet.")) return s.timesheets.ids.prefetch(id);
  if (starts(kind, "ticket.")) return s.tickets.ids.prefetch(id);
  if (kind == "order.add_line" || kind == "order.update_line" || kind == "order.remove_line")
    return s.lines.ids.prefetch(id);
  if (starts(kind, "order.")) return s.orders.ids.prefetch(id);
  if (kind == "invoice.update_line" || kind == "invoice.remove_line") return s.invoice_lines.ids.prefetch(id);
  if (kind == "invoice.pay") return s.payments.ids.prefetch(id);
  if (starts(kind, "invoice.")) return s.invoices.ids.prefetch(id);
  if (starts(kind, "partner.")) return s.partners.ids.prefetch(id);
  if (starts(kind, "employee.")) return s.employees.ids.prefetch(id);
  if (starts(kind, "product.")) return s.products.ids.prefetch(id);
  if (starts(kind, "project.")) return s.projects.ids.prefetch(id);
  if (starts(kind, "task.")) return s.tasks.ids.prefetch(id);
  if (starts(kind, "team.")) return s.teams.ids.prefetch(id);
  if (kind == "uom.create") return s.uoms.ids.prefetch(id);
  if (kind == "tax.create") return s.taxes.ids.prefetch(id);
}
#endif

}  // namespace deskbill
