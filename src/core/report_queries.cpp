#include "core/report_queries.h"

#include <algorithm>
#include <map>

#include "core/billing.h"
#include "core/dates.h"

namespace deskbill {
namespace {

std::vector<HoursRow> most_hours_first(const std::map<uint32_t, Qty>& by_key) {
  std::vector<HoursRow> rows;
  for (auto& [key, hours] : by_key) rows.push_back({key, hours});  // kNone sorts last
  std::stable_sort(rows.begin(), rows.end(), [](const HoursRow& a, const HoursRow& b) { return a.hours > b.hours; });
  return rows;
}

}  // namespace

Qty hours_total(const std::vector<HoursRow>& rows) {
  Qty total = 0;
  for (const HoursRow& r : rows) total += r.hours;
  return total;
}

std::vector<HoursRow> hours_by(const State& s, const HoursQuery& q) {
  HoursBy by = q.by;
  std::map<uint32_t, Qty> m;
  for (uint32_t t = 0; t < s.timesheets.size(); ++t) {
    const Timesheet& ts = s.timesheets.rows[t];
    if (ts.deleted || !q.period.holds(ts.date)) continue;
    if (by == HoursBy::Customer) {
      uint32_t p = timesheet_partner(s, t);
      m[p == kNone ? kNone : commercial_partner(s, p)] += ts.hours;
    } else if (by == HoursBy::Employee) {
      m[ts.employee] += ts.hours;
    } else {
      m[static_cast<uint32_t>(year_of(ts.date) * 100 + month_of(ts.date))] += ts.hours;
    }
  }
  if (by != HoursBy::Month) return most_hours_first(m);
  std::vector<HoursRow> rows;
  for (auto it = m.rbegin(); it != m.rend(); ++it) rows.push_back({it->first, it->second});
  return rows;
}

BillableSplit billable_split(const State& s, const DayRange& period) {
  BillableSplit out;
  for (uint32_t t = 0; t < s.timesheets.size(); ++t) {
    const Timesheet& ts = s.timesheets.rows[t];
    if (ts.deleted || !period.holds(ts.date)) continue;
    (ts.sale_line == kNone ? out.non_billable : out.billable) += ts.hours;
    if (timesheet_billed(s, t)) out.invoiced += ts.hours;
  }
  return out;
}

std::optional<TimesheetFilter> timesheets_of_row(const HoursQuery& q, const HoursRow& row) {
  TimesheetFilter f;
  f.period = q.period;
  if (q.by == HoursBy::Customer) {
    if (row.key == kNone) return std::nullopt;
    f.partner = row.key;
  } else if (q.by == HoursBy::Employee) {
    f.employee = row.key;
  } else {
    f.period = overlap(q.period, month_days(static_cast<int>(row.key / 100), static_cast<int>(row.key % 100)));
  }
  return f;
}

TimesheetFilter timesheets_of_split(const DayRange& period, SplitPart part) {
  TimesheetFilter f;
  f.period = period;
  if (part == SplitPart::Billable) f.billable = BilledFilter::Yes;
  if (part == SplitPart::NonBillable) f.billable = BilledFilter::No;
  if (part == SplitPart::Invoiced) f.invoiced = BilledFilter::Yes;
  return f;
}

std::vector<uint32_t> prepaid_block_lines(const State& s) {
  std::vector<uint32_t> out;
  for (uint32_t l = 0; l < s.lines.size(); ++l) {
    const OrderLine& line = s.lines.rows[l];
    if (line.deleted || s.orders.rows[line.order].state != OrderState::Sale || !remaining_hours_available(s, l))
      continue;
    out.push_back(l);
  }
  return out;
}

std::vector<uint32_t> delivered_not_invoiced_lines(const State& s) {
  std::vector<uint32_t> out;
  for (uint32_t l = 0; l < s.lines.size(); ++l) {
    const OrderLine& line = s.lines.rows[l];
    if (line.deleted || line.kind != LineKind::Product || !line_is_delivery_policy(s, line)) continue;
    if (qty_is_zero(qty_to_invoice(s, l))) continue;
    out.push_back(l);
  }
  return out;
}

}  // namespace deskbill
