#include "core/timesheet_queries.h"

#include <algorithm>
#include <map>

#include "core/billing.h"
#include "core/csv.h"
#include "core/names.h"
#include "core/search.h"

namespace deskbill {
namespace {
// Orders rows given last-logged first by date, latest day first, keeping that order within a
// day: Odoo's "date desc, id desc". A counting sort over the days the rows span (a few years of
// days against up to a million rows: two passes, where a comparison sort of a million rows took
// several times as long); a span of days far larger than the rows falls back to a stable sort.
void by_date_newest_first(const State& s, std::vector<uint32_t>& rows) {
  if (rows.size() < 2) return;
  Day lo = s.timesheets.rows[rows[0]].date, hi = lo, previous = hi;
  bool in_order = true;  // time is mostly logged day by day: then there is nothing to move
  for (uint32_t t : rows) {
    Day d = s.timesheets.rows[t].date;
    lo = std::min(lo, d);
    hi = std::max(hi, d);
    in_order = in_order && d <= previous;
    previous = d;
  }
  if (in_order) return;
  uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(hi) - lo) + 1;
  if (span > 4 * rows.size() + 4096) {
    std::stable_sort(rows.begin(), rows.end(),
                     [&s](uint32_t a, uint32_t b) { return s.timesheets.rows[a].date > s.timesheets.rows[b].date; });
    return;
  }
  // starts[k]: where the rows of day hi - k begin in the result.
  std::vector<uint32_t> starts(span + 1, 0);
  for (uint32_t t : rows) ++starts[static_cast<size_t>(hi - s.timesheets.rows[t].date) + 1];
  for (size_t k = 1; k <= span; ++k) starts[k] += starts[k - 1];
  std::vector<uint32_t> sorted(rows.size());
  for (uint32_t t : rows) sorted[starts[static_cast<size_t>(hi - s.timesheets.rows[t].date)]++] = t;
  rows.swap(sorted);
}
}  // namespace

TimesheetSelection select_timesheets(const State& s, const TimesheetFilter& f) {
  TimesheetSelection out;
  uint32_t cp = f.partner == kNone ? kNone : commercial_partner(s, f.partner);
  for (uint32_t t = s.timesheets.size(); t-- > 0;) {
    const Timesheet& ts = s.timesheets.rows[t];
    if (ts.deleted) continue;
    if (f.employee != kNone && ts.employee != f.employee) continue;
    if (f.billable != BilledFilter::All && (f.billable == BilledFilter::Yes) != (ts.sale_line != kNone)) continue;
    if (!f.period.holds(ts.date)) continue;
    if (f.invoiced != BilledFilter::All && (f.invoiced == BilledFilter::Yes) != timesheet_billed(s, t)) continue;
    if (cp != kNone) {
      uint32_t p = timesheet_partner(s, t);
      if (p == kNone || commercial_partner(s, p) != cp) continue;
    }
    out.rows.push_back(t);
    out.total += ts.hours;
  }
  by_date_newest_first(s, out.rows);
  return out;
}

WeekGrid week_grid(const State& s, uint32_t employee, Day day) {
  WeekGrid g;
  g.monday = day - weekday_of(day);
  // Keyed by what the time was logged on: (0, ticket), (1, task) or (2, project).
  std::map<std::pair<int, uint32_t>, WeekRow> by_subject;
  for (uint32_t t = 0; t < s.timesheets.size(); ++t) {
    const Timesheet& ts = s.timesheets.rows[t];
    if (ts.deleted || ts.employee != employee || ts.date < g.monday || ts.date >= g.monday + 7) continue;
    auto key = ts.ticket != kNone ? std::make_pair(0, ts.ticket)
               : ts.task != kNone ? std::make_pair(1, ts.task)
                                  : std::make_pair(2, ts.project);
    WeekRow& row = by_subject[key];
    if (key.first == 0) row.ticket = ts.ticket;
    if (key.first == 1) row.task = ts.task;
    if (key.first == 2) row.project = ts.project;
    row.hours[ts.date - g.monday] += ts.hours;
    row.total += ts.hours;
    g.per_day[ts.date - g.monday] += ts.hours;
    g.total += ts.hours;
  }
  for (auto& [key, row] : by_subject) g.rows.push_back(row);
  return g;
}

std::vector<uint32_t> tickets_to_log_on(const State& s, size_t limit) {
  std::vector<uint32_t> out;
  for (uint32_t k = s.tickets.size(); k-- > 0 && out.size() < limit;) {
    const Ticket& t = s.tickets.rows[k];
    if (t.stage != Stage::New && t.stage != Stage::InProgress) continue;
    if (t.team == kNone) continue;
    const Team& team = s.teams.rows[t.team];
    if (team.use_timesheets && team.project != kNone) out.push_back(k);
  }
  return out;
}

std::vector<LogSubject> subjects_to_log_on(const State& s, size_t limit) {
  std::vector<LogSubject> out;
  for (uint32_t k : tickets_to_log_on(s, limit)) out.push_back({k, kNone, kNone});
  auto takes_time = [&s](uint32_t project) { return project != kNone && s.projects.rows[project].allow_timesheets; };
  size_t n = 0;
  for (uint32_t t = 0; t < s.tasks.size() && n < limit; ++t)
    if (takes_time(s.tasks.rows[t].project)) {
      out.push_back({kNone, t, kNone});
      ++n;
    }
  n = 0;
  for (uint32_t p = 0; p < s.projects.size() && n < limit; ++p)
    if (takes_time(p)) {
      out.push_back({kNone, kNone, p});
      ++n;
    }
  return out;
}

LogSubject subject_of(const WeekRow& row) {
  if (row.ticket != kNone) return {row.ticket, kNone, kNone};
  if (row.task != kNone) return {kNone, row.task, kNone};
  return {kNone, kNone, row.project};
}

std::string timesheets_csv(const State& s, const std::vector<uint32_t>& rows,
                           const std::function<std::string(uint32_t ticket)>& ticket_name) {
  std::string out = "date,employee,customer,ticket,description,hours,sales_order_item,invoice\n";
  for (uint32_t t : rows) {
    const Timesheet& ts = s.timesheets.rows[t];
    uint32_t partner = timesheet_partner(s, t);
    out += format_day(ts.date) + ",";
    out += csv_cell(ts.employee == kNone ? "" : s.str(s.employees.rows[ts.employee].name)) + ",";
    out += csv_cell(partner == kNone ? "" : partner_display(s, partner)) + ",";
    out += csv_cell(ts.ticket == kNone ? "" : ticket_name(ts.ticket)) + ",";
    out += csv_cell(s.str(ts.description)) + "," + format_qty(ts.hours, 2) + ",";
    out += csv_cell(ts.sale_line == kNone ? "" : line_display_name(s, ts.sale_line)) + ",";
    out += csv_cell(ts.invoice == kNone ? "" : invoice_name(s, ts.invoice)) + "\n";
  }
  return out;
}

}  // namespace deskbill
