// The state as JSON for people and tools (deskbill-cli, tests), and a hash of it that must be
// identical on every device for the same ops.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/state.h"

namespace deskbill {

nlohmann::json order_to_json(const State& s, uint32_t order);
nlohmann::json invoice_to_json(const State& s, uint32_t invoice);
nlohmann::json ticket_to_json(const State& s, uint32_t ticket);
nlohmann::json timesheet_to_json(const State& s, uint32_t ts);
nlohmann::json state_to_json(const State& s);
// state_to_json(s).dump(), written in pieces without building the tree (memory: one record).
void write_state_json(const State& s, const std::function<void(std::string_view)>& out);
// FNV-1a of the canonical JSON of the whole state, streamed (write_state_json).
uint64_t state_hash(const State& s);

}  // namespace deskbill
