#include "core/week_cell.h"

#include <vector>

#include "core/dates.h"
#include "core/numeric.h"

namespace deskbill {

namespace {
// Whether timesheet t is in the cell: the week grid's rows key a line by its ticket, else its
// task, else its project (core/timesheet_queries.cpp: week_grid).
bool in_cell(const Timesheet& t, const WeekCell& c) {
  if (t.deleted || t.employee != c.employee || t.date != c.day) return false;
  if (c.ticket != kNone) return t.ticket == c.ticket;
  if (t.ticket != kNone) return false;
  if (c.task != kNone) return t.task == c.task;
  return t.task == kNone && t.project == c.project;
}

template <class T>
std::string id_text(const State& s, const Table<T>& table, uint32_t rec) {
  return std::string(table.ids.id_of(s.text, rec));
}
}  // namespace

std::optional<nlohmann::json> week_cell_op(const State& s, const WeekCell& cell, Qty typed, const std::string& new_id) {
  std::vector<uint32_t> lines;
  Qty shown = 0;
  for (uint32_t t = 0; t < s.timesheets.size(); ++t)
    if (in_cell(s.timesheets.rows[t], cell)) {
      lines.push_back(t);
      shown += s.timesheets.rows[t].hours;
    }
  Qty change = typed - shown;
  if (change == 0) return std::nullopt;
  if (lines.size() == 1)
    return nlohmann::json{
        {"kind", "timesheet.update"}, {"id", id_text(s, s.timesheets, lines[0])}, {"hours", format_qty(typed, 6)}};
  nlohmann::json op = {{"kind", "timesheet.log"},
                       {"id", new_id},
                       {"employee", id_text(s, s.employees, cell.employee)},
                       {"date", format_day(cell.day)},
                       {"hours", format_qty(change, 6)},
                       {"description", lines.empty() ? "/" : "Timesheet Adjustment"}};
  if (cell.ticket != kNone)
    op["ticket"] = id_text(s, s.tickets, cell.ticket);
  else if (cell.task != kNone)
    op["task"] = id_text(s, s.tasks, cell.task);
  else
    op["project"] = id_text(s, s.projects, cell.project);
  return op;
}

}  // namespace deskbill
