#include "core/ways_forward.h"

#include "core/refused.h"

namespace deskbill {
namespace {
// A member's text, or "" when it is missing or not text. A peer's op can hold anything, and
// nlohmann's value() throws on a member of another type (it threw in the Conflicts screen's frame).
std::string text_of(const nlohmann::json& op, const char* key) {
  auto it = op.find(key);
  return it != op.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

std::optional<nlohmann::json> relog_as_non_billable(const nlohmann::json& wrapped, const std::string& new_id) {
  const nlohmann::json& op = unwrap_refused(wrapped);
  if (!op.is_object() || text_of(op, "kind") != "timesheet.log") return std::nullopt;
  nlohmann::json again = op;
  again["id"] = new_id;
  again["sale_line"] = nullptr;  // null = non-billable (docs/ops.md)
  return again;
}

std::string ticket_of_op(const State& s, const nlohmann::json& wrapped) {
  const nlohmann::json& op = unwrap_refused(wrapped);
  if (!op.is_object()) return "";
  std::string kind = text_of(op, "kind");
  auto text = [&](const char* k) { return text_of(op, k); };
  std::string ticket;
  if (kind == "timesheet.log")
    ticket = text("ticket");
  else if (kind.rfind("ticket.", 0) == 0)
    ticket = text("id");
  else if (kind == "timesheet.update" || kind == "timesheet.delete") {
    uint32_t t = s.timesheets.find(s.text, text("id"));
    if (t != kNone && s.timesheets.rows[t].ticket != kNone)
      return std::string(s.tickets.ids.id_of(s.text, s.timesheets.rows[t].ticket));
  }
  return !ticket.empty() && s.tickets.find(s.text, ticket) != kNone ? ticket : "";
}

}  // namespace deskbill
