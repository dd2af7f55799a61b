// The state as JSON for people and tools (deskbill-cli, tests), and a hash of it that must be
// identical on every device for the same ops.
#pragma once
#include <nlohmann/json.hpp>

#include "core/state.h"

namespace deskbill {

nlohmann::json order_to_json(const State& s, uint32_t order);
nlohmann::json invoice_to_json(const State& s, uint32_t invoice);
nlohmann::json ticket_to_json(const State& s, uint32_t ticket);
nlohmann::json timesheet_to_json(const State& s, uint32_t ts);
nlohmann::json state_to_json(const State& s);
// FNV-1a of the canonical JSON of the whole state.
uint64_t state_hash(const State& s);

}  // namespace deskbill
