#include "core/task_hours.h"

namespace deskbill {

std::vector<Qty> hours_by_task(const State& s) {
  std::vector<Qty> out(s.tasks.size(), 0);
  for (const Timesheet& t : s.timesheets.rows) {
    if (t.deleted) continue;
    // A timesheet on a ticket carries the ticket's task (R13 keeps it in step).
    if (t.task != kNone && t.task < out.size()) out[t.task] += t.hours;
  }
  return out;
}

std::vector<uint32_t> tickets_of_task(const State& s, uint32_t task) {
  std::vector<uint32_t> out;
  for (uint32_t k = 0; k < s.tickets.size(); ++k)
    if (s.tickets.rows[k].task == task) out.push_back(k);
  return out;
}

}  // namespace deskbill
