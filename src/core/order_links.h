// What an order leads to, for its form: the invoices of its lines, the tickets billed on its
// lines, the tasks its lines created. The tickets are a scan of every ticket, so the form keeps
// the result per state version (Cached in core/timesheet_queries.h), not per frame.
#pragma once
#include <vector>

#include "core/state.h"

namespace deskbill {

struct OrderLinks {
  std::vector<uint32_t> invoices;  // live invoices with a line of this order, in record order
  std::vector<uint32_t> tickets;   // tickets whose Sales Order Item is a line of this order
  std::vector<uint32_t> tasks;     // tasks made by its lines (R: creates a task on confirmation)
};
OrderLinks order_links(const State& s, uint32_t order);

}  // namespace deskbill
