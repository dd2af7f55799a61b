// The Reports screen's queries: hours added up per customer, employee or month, the billable
// split, the prepaid blocks and the lines delivered but not yet invoiced. Each is one pass over a
// table; the screen keeps the result until the state changes.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/dates.h"
#include "core/state.h"
#include "core/timesheet_queries.h"

namespace deskbill {

enum class HoursBy : uint8_t { Customer, Employee, Month };

struct HoursRow {
  // Customer: the commercial partner (a contact's hours are its company's), kNone for time on
  // no customer. Employee: the employee. Month: year * 100 + month.
  uint32_t key = kNone;
  Qty hours = 0;
};
// What an hours table adds up: the timesheets of a period (dated inside it) per key.
struct HoursQuery {
  HoursBy by = HoursBy::Customer;
  DayRange period;
  bool operator==(const HoursQuery& o) const { return by == o.by && period == o.period; }
};
// Customer and Employee: most hours first (ties in creation order, no customer last).
// Month: newest first.
std::vector<HoursRow> hours_by(const State& s, const HoursQuery& q);
// The hours of a table's rows together: the Total under it, as Odoo's pivot gives one. Every
// timesheet of the period is in exactly one row of each table, so the three tables agree.
Qty hours_total(const std::vector<HoursRow>& rows);

struct BillableSplit {
  Qty billable = 0;  // on a Sales Order Item (R12)
  Qty non_billable = 0;
  Qty invoiced = 0;  // billed by a live invoice (R16, R18), part of billable
};
// The timesheets dated in `period`.
BillableSplit billable_split(const State& s, const DayRange& period = {});

// The Timesheets list's filter that lists the lines a report row adds up (opened by clicking the
// row, as Odoo's pivot opens the records of a cell): select_timesheets' total is the row's hours.
// None for the row of time on no customer, which no filter of the list can pick out.
std::optional<TimesheetFilter> timesheets_of_row(const HoursQuery& q, const HoursRow& row);
enum class SplitPart : uint8_t { Billable, NonBillable, Invoiced };
TimesheetFilter timesheets_of_split(const DayRange& period, SplitPart part);

// Lines of confirmed orders that have remaining hours (R8: prepaid, in hours), in line order.
std::vector<uint32_t> prepaid_block_lines(const State& s);
// Product lines invoiced on delivery with a quantity to invoice (R5), in line order.
std::vector<uint32_t> delivered_not_invoiced_lines(const State& s);

}  // namespace deskbill
