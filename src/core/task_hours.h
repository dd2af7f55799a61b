// Hours per task, for the Projects screen: every timesheet on a task counts, logged on the task
// itself or on a ticket linked to it (seed 001: "the hours show on the task"). One pass over the
// timesheets; the screen keeps the result until the state changes.
#pragma once
#include <vector>

#include "core/state.h"

namespace deskbill {

std::vector<Qty> hours_by_task(const State& s);
// The tickets linked to a task, oldest first.
std::vector<uint32_t> tickets_of_task(const State& s, uint32_t task);

}  // namespace deskbill
