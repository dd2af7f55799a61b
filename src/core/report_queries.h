// The Reports screen's queries: hours added up per customer, employee or month, the billable
// split, the prepaid blocks and the lines delivered but not yet invoiced. Each is one pass over a
// table; the screen keeps the result until the state changes.
#pragma once
#include <cstdint>
#include <vector>

#include "core/state.h"

namespace deskbill {

enum class HoursBy : uint8_t { Customer, Employee, Month };

struct HoursRow {
  // Customer: the commercial partner (a contact's hours are its company's), kNone for time on
  // no customer. Employee: the employee. Month: year * 100 + month.
  uint32_t key = kNone;
  Qty hours = 0;
};
// Customer and Employee: most hours first (ties in creation order, no customer last).
// Month: newest first.
std::vector<HoursRow> hours_by(const State& s, HoursBy by);

struct BillableSplit {
  Qty billable = 0;  // on a Sales Order Item (R12)
  Qty non_billable = 0;
  Qty invoiced = 0;  // billed by a live invoice (R16, R18), part of billable
};
BillableSplit billable_split(const State& s);

// Lines of confirmed orders that have remaining hours (R8: prepaid, in hours), in line order.
std::vector<uint32_t> prepaid_block_lines(const State& s);
// Product lines invoiced on delivery with a quantity to invoice (R5), in line order.
std::vector<uint32_t> delivered_not_invoiced_lines(const State& s);

}  // namespace deskbill
