// The Helpdesk screen's team cards: per team, its open tickets, the hours logged on its tickets
// this week and the prepaid hours left on the Sales Order Items its open tickets use. One pass
// over tickets and timesheets; the screen keeps the result until the state or the day changes.
#pragma once
#include <cstdint>
#include <vector>

#include "core/state.h"

namespace deskbill {

struct TeamOverview {
  Day week_start = kNoDay;        // the Monday of `today`'s week
  std::vector<int> open;          // per team: tickets in New or In Progress
  std::vector<Qty> week_hours;    // per team: hours on its tickets from week_start to Sunday
  std::vector<Qty> prepaid_left;  // per team: R8 remaining hours of its open tickets' lines, each
                                  // line once, a line overdrawn counting 0 (not less)
};

TeamOverview team_overview(const State& s, Day today);

}  // namespace deskbill
