// Realistic demo workspaces of any size, as a journal of ops: customers and contacts, teams,
// products, prepaid and timesheet orders, tickets, timesheets over three years, monthly
// invoices and payments. Deterministic for a given seed.
#pragma once
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>

namespace deskbill {

struct GeneratorOptions {
  uint64_t timesheets = 10000;
  uint64_t seed = 42;
  bool invoices = true;
};

// Calls emit(op) for every op in canonical order.
void generate_journal(const GeneratorOptions& o, const std::function<void(const nlohmann::json&)>& emit);

}  // namespace deskbill
