#include "core/ways_forward.h"

#include "core/refused.h"

namespace deskbill {

bool may_be_made_again(std::string_view code) { return code != "repeated_op"; }

std::optional<nlohmann::json> relog_as_non_billable(const nlohmann::json& wrapped, const std::string& new_id) {
  const nlohmann::json& op = unwrap_refused(wrapped);
  if (!op.is_object() || op_text(op, "kind") != "timesheet.log") return std::nullopt;
  nlohmann::json again = op;
  again["id"] = new_id;
  again["sale_line"] = nullptr;  // null = non-billable (docs/ops.md)
  return again;
}

std::string ticket_of_op(const State& s, const nlohmann::json& wrapped) {
  const nlohmann::json& op = unwrap_refused(wrapped);
  if (!op.is_object()) return "";
  std::string kind = op_text(op, "kind");
  std::string ticket;
  if (kind == "timesheet.log")
    ticket = op_text(op, "ticket");
  else if (kind.rfind("ticket.", 0) == 0)
    ticket = op_text(op, "id");
  else if (kind == "timesheet.update" || kind == "timesheet.delete") {
    uint32_t t = s.find(s.timesheets, op_text(op, "id"));
    if (t != kNone && s.timesheets.rows[t].ticket != kNone)
      return std::string(s.tickets.ids.id_of(s.text, s.timesheets.rows[t].ticket));
  }
  return !ticket.empty() && s.tickets.find(s.text, ticket) != kNone ? ticket : "";
}

}  // namespace deskbill
