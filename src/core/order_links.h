// What an order leads to, for its form: the invoices of its lines, the tickets billed on its
// lines, the tasks its lines created. The tickets are a scan of every ticket, so the form keeps
// the result per state version (Cached in core/timesheet_queries.h), not per frame. And what an
// invoice's form shows beside its lines: the orders it bills and the payments made on it.
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

struct InvoiceLinks {
  std::vector<uint32_t> orders;    // Odoo's Source Document: the orders of its lines, once each, in line order
  std::vector<uint32_t> payments;  // the payments registered on it, in record order (a scan of every payment)
};
InvoiceLinks invoice_links(const State& s, uint32_t invoice);

}  // namespace deskbill
