#include "core/timesheet_queries.h"

#include <map>

#include "core/billing.h"
#include "core/csv.h"
#include "core/names.h"
#include "core/search.h"

namespace deskbill {

TimesheetSelection select_timesheets(const State& s, const TimesheetFilter& f) {
  TimesheetSelection out;
  uint32_t cp = f.partner == kNone ? kNone : commercial_partner(s, f.partner);
  for (uint32_t t = s.timesheets.size(); t-- > 0;) {
    const Timesheet& ts = s.timesheets.rows[t];
    if (ts.deleted) continue;
    if (f.employee != kNone && ts.employee != f.employee) continue;
    if (f.billable != BilledFilter::All && (f.billable == BilledFilter::Yes) != (ts.sale_line != kNone)) continue;
    if (f.start != kNoDay && ts.date < f.start) continue;
    if (f.end != kNoDay && ts.date > f.end) continue;
    if (f.invoiced != BilledFilter::All && (f.invoiced == BilledFilter::Yes) != timesheet_billed(s, t)) continue;
    if (cp != kNone) {
      uint32_t p = timesheet_partner(s, t);
      if (p == kNone || commercial_partner(s, p) != cp) continue;
    }
    out.rows.push_back(t);
    out.total += ts.hours;
  }
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
