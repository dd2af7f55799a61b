#include "core/awaited_record.h"

#include "core/op_kinds.h"
#include "core/refused.h"
#include "core/repeated_op.h"

namespace deskbill {

std::string_view id_maker(std::string_view id) {
  // From the right: "<tag>-<n>" after the last dot, digits before it, the client before those.
  size_t last = id.rfind('.');
  if (last == std::string_view::npos || last == 0 || !is_tab_mark(id.substr(last + 1))) return {};
  size_t prev = id.rfind('.', last - 1);
  if (prev == std::string_view::npos || prev == 0 || prev + 1 == last) return {};
  for (char c : id.substr(prev + 1, last - prev - 1))
    if (c < '0' || c > '9') return {};
  return id.substr(0, prev);
}

bool state_holds_id(const State& s, std::string_view id) {
  return s.find(s.tickets, id) != kNone || s.find(s.timesheets, id) != kNone || s.find(s.partners, id) != kNone ||
         s.find(s.orders, id) != kNone || s.find(s.lines, id) != kNone || s.find(s.invoices, id) != kNone ||
         s.find(s.invoice_lines, id) != kNone || s.find(s.payments, id) != kNone || s.find(s.tasks, id) != kNone ||
         s.find(s.projects, id) != kNone || s.find(s.teams, id) != kNone || s.find(s.products, id) != kNone ||
         s.find(s.employees, id) != kNone || s.find(s.taxes, id) != kNone || s.find(s.uoms, id) != kNone;
}

namespace {
// The op that makes record `id` came back and every fold refused it (in the order the server
// holds after its restore, say, another device invoiced those timesheets first): the record will
// never exist, and nothing waits for it.
bool create_refused(const State& s, std::string_view id) {
  for (const Rejected& r : s.rejected)
    if (s.text.view(r.op_id) == id && op_creates_record(s.text.view(r.kind))) return true;
  return false;
}

std::optional<std::string> first_awaited(const State& s, const nlohmann::json& v, std::string_view client) {
  if (v.is_string()) {
    const std::string& id = v.get_ref<const std::string&>();
    std::string_view maker = id_maker(id);
    if (!maker.empty() && maker != client && !state_holds_id(s, id) && !create_refused(s, id)) return id;
  } else if (v.is_structured()) {
    for (const auto& x : v)
      if (auto id = first_awaited(s, x, client)) return id;
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::string> record_awaited(const State& s, const nlohmann::json& op, std::string_view client) {
  if (!op.is_object()) return std::nullopt;
  bool creates = op_creates_record(op_text(op, "kind"));
  for (auto it = op.begin(); it != op.end(); ++it) {
    if (creates && it.key() == "id") continue;  // the record it makes, not one it names
    if (it.key() == "mark") continue;           // the tab's mark of a change, not a record
    if (auto id = first_awaited(s, it.value(), client)) return id;
  }
  return std::nullopt;
}

}  // namespace deskbill
