#include "core/repeated_op.h"

#include <optional>

#include "core/op_kinds.h"
#include "core/refused.h"

namespace deskbill {
namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool tag_chars(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

// Whether the table an op of `kind` adds its record to holds `id`; nullopt for a kind that adds
// none. (Every kind op_kinds.cpp lists has its table here: RepeatedOp.EveryKindThatCreatesARecord…)
std::optional<bool> table_holds(const State& s, std::string_view kind, std::string_view id) {
  if (kind == "timesheet.log") return s.find(s.timesheets, id) != kNone;
  if (kind == "ticket.create") return s.find(s.tickets, id) != kNone;
  if (kind == "invoice.create" || kind == "invoice.reverse") return s.find(s.invoices, id) != kNone;
  if (kind == "invoice.pay") return s.find(s.payments, id) != kNone;
  if (kind == "order.create") return s.find(s.orders, id) != kNone;
  if (kind == "order.add_line") return s.find(s.lines, id) != kNone;
  if (kind == "partner.create") return s.find(s.partners, id) != kNone;
  if (kind == "task.create") return s.find(s.tasks, id) != kNone;
  if (kind == "project.create") return s.find(s.projects, id) != kNone;
  if (kind == "team.create") return s.find(s.teams, id) != kNone;
  if (kind == "product.create") return s.find(s.products, id) != kNone;
  if (kind == "employee.create") return s.find(s.employees, id) != kNone;
  if (kind == "tax.create") return s.find(s.taxes, id) != kNone;
  if (kind == "uom.create") return s.find(s.uoms, id) != kNone;
  return std::nullopt;
}

}  // namespace

bool id_made_on_device(std::string_view id, std::string_view client) {
  if (client.empty() || id.size() <= client.size() + 1 || id.substr(0, client.size()) != client ||
      id[client.size()] != '.')
    return false;
  std::string_view rest = id.substr(client.size() + 1);  // "<seq>.<tag>-<n>"
  size_t dot = rest.find('.');
  if (dot == std::string_view::npos || !digits(rest.substr(0, dot))) return false;
  return is_tab_mark(rest.substr(dot + 1));  // "<tag>-<n>"
}

bool is_tab_mark(std::string_view mark) {
  size_t dash = mark.find('-');
  return dash != std::string_view::npos && tag_chars(mark.substr(0, dash)) && digits(mark.substr(dash + 1));
}

bool op_names_itself(std::string_view kind, std::string_view id, std::string_view mark, std::string_view client) {
  return is_tab_mark(mark) || (op_creates_record(kind) && id_made_on_device(id, client));
}

bool op_names_itself(const nlohmann::json& op, std::string_view client) {
  return op_names_itself(op_text(op, "kind"), op_text(op, "id"), op_text(op, "mark"), client);
}

bool repeats_an_applied_create(const State& s, std::string_view kind, std::string_view id, std::string_view client) {
  return op_creates_record(kind) && id_made_on_device(id, client) && table_holds(s, kind, id).value_or(false);
}

bool knows_the_table_of(std::string_view kind) { return table_holds(State{}, kind, "").has_value(); }

}  // namespace deskbill
