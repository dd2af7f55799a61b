// The Helpdesk screen's team cards: per team, its open tickets, the hours logged on its tickets
// this week and the prepaid hours left on the Sales Order Items its open tickets use. One pass
// over tickets and timesheets; the screen keeps the result until the state or the day changes.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/state.h"

namespace deskbill {

struct TeamOverview {
  Day week_start = kNoDay;      // the Monday of `today`'s week
  std::vector<int> open;        // per team: tickets in New or In Progress
  std::vector<Qty> week_hours;  // per team: hours on its tickets from week_start to Sunday
  // Per team: R8 remaining hours of its open tickets' lines, each line once, a line overdrawn
  // counting 0 (not less). None for a team without Time Billing: it sells no prepaid hours, and
  // "00:00" would read as hours used up.
  std::vector<std::optional<Qty>> prepaid_left;
};

TeamOverview team_overview(const State& s, Day today);

}  // namespace deskbill
