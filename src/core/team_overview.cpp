#include "core/team_overview.h"

#include <algorithm>
#include <set>

#include "core/billing.h"
#include "core/dates.h"

namespace deskbill {

TeamOverview team_overview(const State& s, Day today) {
  TeamOverview c;
  c.week_start = today - weekday_of(today);
  size_t n = s.teams.size();
  c.open.assign(n, 0);
  c.week_hours.assign(n, 0);
  c.prepaid_left.assign(n, std::nullopt);
  // A line shared by two open tickets of a team is one block of hours, counted once.
  std::vector<std::set<uint32_t>> lines(n);
  for (uint32_t k = 0; k < s.tickets.size(); ++k) {
    const Ticket& t = s.tickets.rows[k];
    if (t.team == kNone || (t.stage != Stage::New && t.stage != Stage::InProgress)) continue;
    ++c.open[t.team];
    if (t.sale_line != kNone && remaining_hours_available(s, t.sale_line)) lines[t.team].insert(t.sale_line);
  }
  for (const Timesheet& ts : s.timesheets.rows) {
    if (ts.deleted || ts.ticket == kNone || ts.date < c.week_start || ts.date >= c.week_start + 7) continue;
    uint32_t team = s.tickets.rows[ts.ticket].team;
    if (team != kNone) c.week_hours[team] += ts.hours;
  }
  // An overdrawn block has no hours left; it does not take hours from the team's other blocks.
  for (size_t t = 0; t < n; ++t) {
    if (!s.teams.rows[t].use_billing) continue;
    Qty left = 0;
    for (uint32_t l : lines[t]) left += std::max<Qty>(0, remaining_hours(s, l));
    c.prepaid_left[t] = left;
  }
  return c;
}

}  // namespace deskbill
