#include "core/inverse.h"

#include "core/billing.h"
#include "core/dates.h"
#include "core/numeric.h"
#include "core/op_refs.h"

namespace deskbill {
namespace {

template <class T, class TRows, class TPool>
uint32_t find(const State& s, const Table<T, TRows, TPool>& t, const nlohmann::json& op) {
  if (!op.contains("id") || !op["id"].is_string()) return kNone;
  return s.find(t, op["id"].get<std::string>());
}

std::optional<nlohmann::json> inverse_ticket_update(const State& s, const nlohmann::json& op) {
  uint32_t rec = find(s, s.tickets, op);
  if (rec == kNone) return std::nullopt;
  const Ticket& k = s.tickets.rows[rec];
  nlohmann::json inv = {{"kind", "ticket.update"}, {"id", op["id"]}};
  if (op.contains("title")) inv["title"] = std::string(s.str(k.title));
  if (op.contains("partner")) inv["partner"] = ref_json(s, s.partners, k.partner);
  if (op.contains("team")) inv["team"] = ref_json(s, s.teams, k.team);
  if (op.contains("assignee")) inv["assignee"] = ref_json(s, s.employees, k.assignee);
  if (op.contains("task")) inv["task"] = ref_json(s, s.tasks, k.task);
  if (op.contains("stage")) inv["stage"] = to_string(k.stage);
  // A new customer, team or task may have moved the Sales Order Item by rule (R10): put it back.
  if (op.contains("sale_line") || op.contains("partner") || op.contains("team") || op.contains("task"))
    inv["sale_line"] = ref_json(s, s.lines, k.sale_line);
  return inv;
}

std::optional<nlohmann::json> inverse_timesheet_update(const State& s, const nlohmann::json& op) {
  uint32_t rec = find(s, s.timesheets, op);
  if (rec == kNone || s.timesheets.rows[rec].deleted) return std::nullopt;
  const Timesheet& t = s.timesheets.rows[rec];
  nlohmann::json inv = {{"kind", "timesheet.update"}, {"id", op["id"]}};
  if (op.contains("date")) inv["date"] = format_day(t.date);
  if (op.contains("employee")) inv["employee"] = ref_json(s, s.employees, t.employee);
  if (op.contains("hours")) inv["hours"] = format_qty(t.hours, 6);
  if (op.contains("description")) inv["description"] = std::string(s.str(t.description));
  if (op.contains("sale_line")) inv["sale_line"] = ref_json(s, s.lines, t.sale_line);
  return inv;
}

std::optional<nlohmann::json> inverse_timesheet_delete(const State& s, const nlohmann::json& op,
                                                       const std::string& fresh_id) {
  uint32_t rec = find(s, s.timesheets, op);
  if (rec == kNone || s.timesheets.rows[rec].deleted) return std::nullopt;
  const Timesheet& t = s.timesheets.rows[rec];
  nlohmann::json inv = {{"kind", "timesheet.log"},
                        {"id", fresh_id},
                        {"date", format_day(t.date)},
                        {"hours", format_qty(t.hours, 6)},
                        {"description", std::string(s.str(t.description))}};
  if (t.employee != kNone) inv["employee"] = ref_json(s, s.employees, t.employee);
  put_logged_on(s, inv, t.ticket, t.task, t.project);
  // The same line as before, chosen or not (R9 would recompute an unchosen one to the same).
  if (t.sol_edited || t.sale_line == kNone) inv["sale_line"] = ref_json(s, s.lines, t.sale_line);
  return inv;
}

}  // namespace

std::optional<nlohmann::json> inverse_op(const State& before, const nlohmann::json& op, const std::string& fresh_id) {
  if (!op.is_object() || !op.contains("kind") || !op["kind"].is_string()) return std::nullopt;
  const std::string kind = op["kind"];
  if (kind == "ticket.update") return inverse_ticket_update(before, op);
  if (kind == "timesheet.update") return inverse_timesheet_update(before, op);
  if (kind == "timesheet.delete") return inverse_timesheet_delete(before, op, fresh_id);
  if (kind == "timesheet.log" && op.contains("id"))
    return nlohmann::json{{"kind", "timesheet.delete"}, {"id", op["id"]}};
  return std::nullopt;
}

}  // namespace deskbill
