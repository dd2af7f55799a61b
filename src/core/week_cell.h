// Hours typed over a cell of the week grid (an employee's day on a ticket, task or project), as
// Odoo's timesheet grid adjusts a cell (timesheet_grid: adjust_grid). The change is what was typed
// minus what the cell shows:
// - no change: nothing is sent;
// - one timesheet in the cell: its hours become the hours typed (timesheet.update);
// - several: a new line of the change on that day, "Timesheet Adjustment" (which of them to
//   change is not guessed);
// - none: a new line of the change on that day, described "/", on the row's ticket, task or project
//   for the grid's employee. Its Sales Order Item is the default one (R9), as Odoo's copy of a
//   timesheet computes it again.
// The fold then applies its rules to the op as to any other: an invoiced line is not changed.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/state.h"

namespace deskbill {

struct WeekCell {
  uint32_t employee = kNone;
  uint32_t ticket = kNone, task = kNone, project = kNone;  // the row: a ticket, else a task, else a project
  Day day = kNoDay;
};

// The op that makes `cell` show `typed` hours; none when it already does. `new_id` names a new line.
// `adjustment` describes an adjustment line: Odoo writes "Timesheet Adjustment" in the language of
// the user who typed it (the UI passes its translation; the core knows no language).
[[nodiscard]] std::optional<nlohmann::json> week_cell_op(const State& s, const WeekCell& cell, Qty typed,
                                                         const std::string& new_id,
                                                         const std::string& adjustment = "Timesheet Adjustment");

}  // namespace deskbill
