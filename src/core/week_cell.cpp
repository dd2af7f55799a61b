#include "core/week_cell.h"

#include <vector>

#include "core/dates.h"
#include "core/numeric.h"
#include "core/op_refs.h"

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

// The cell's timesheets, in `f`. A ticket's row walks the ticket's own list (a cell typed in a
// workspace of a million timesheets looks at the ticket's few); a task's or project's row has no
// such list and looks at every timesheet.
template <class F>
void each_in_cell(const State& s, const WeekCell& c, F&& f) {
  if (c.ticket != kNone) {
    for (uint32_t t = s.tickets.rows[c.ticket].ts_head; t != kNone; t = s.timesheets.rows[t].tk_next)
      if (in_cell(s.timesheets.rows[t], c)) f(t);
    return;
  }
  for (uint32_t t = 0; t < s.timesheets.size(); ++t)
    if (in_cell(s.timesheets.rows[t], c)) f(t);
}
}  // namespace

std::optional<nlohmann::json> week_cell_op(const State& s, const WeekCell& cell, Qty typed, const std::string& new_id,
                                           const std::string& adjustment) {
  std::vector<uint32_t> lines;
  Qty shown = 0;
  each_in_cell(s, cell, [&](uint32_t t) {
    lines.push_back(t);
    shown += s.timesheets.rows[t].hours;
  });
  Qty change = typed - shown;
  if (change == 0) return std::nullopt;
  if (lines.size() == 1)
    return nlohmann::json{
        {"kind", "timesheet.update"}, {"id", ref_json(s, s.timesheets, lines[0])}, {"hours", format_qty(typed, 6)}};
  nlohmann::json op = {{"kind", "timesheet.log"},
                       {"id", new_id},
                       {"employee", ref_json(s, s.employees, cell.employee)},
                       {"date", format_day(cell.day)},
                       {"hours", format_qty(change, 6)},
                       {"description", lines.empty() ? std::string("/") : adjustment}};
  put_logged_on(s, op, cell.ticket, cell.task, cell.project);
  return op;
}

}  // namespace deskbill
