// Realistic demo workspaces of any size, as a journal of ops: customers and contacts, teams,
// products, prepaid and timesheet orders, tickets, timesheets over three years, monthly
// invoices and payments. Deterministic for a given seed.
#pragma once
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/dates.h"

namespace deskbill {

struct GeneratorOptions {
  uint64_t timesheets = 10000;
  uint64_t seed = 42;
  bool invoices = true;
  // The last day of the three years (3 x 364 days). By default 2026-11-22, the journal in
  // assets/demo/ and every benchmark's; the app's demo ends on the day it is loaded, so that its
  // time reaches this week and its current month is not invoiced yet.
  std::optional<Day> last_day;
  // The count of timesheets whose business the journal has: its customers (one per 1 000), their
  // orders and its employees. By default its own, so a journal 100 times longer is a business 100
  // times wider. A long journal as wide as a short one has the short one's customers and
  // employees and more history: the benchmarks compare the two to measure what history alone
  // costs (docs/benchmarks.md).
  std::optional<uint64_t> width;
};

// Calls emit(op) for every op in canonical order.
void generate_journal(const GeneratorOptions& o, const std::function<void(const nlohmann::json&)>& emit);

}  // namespace deskbill
