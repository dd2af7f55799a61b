// The fold: State × Op → State. Deterministic, atomic per op (a refused op changes nothing),
// and the only writer of State.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/parsed_op.h"
#include "core/state.h"

namespace deskbill {

constexpr int kOpVersion = 1;

// Facts the sequencer adds to an op: its position, who sent it, when the server accepted it.
// The fold trusts these over anything the op claims (DESIGN §3).
struct OpContext {
  uint64_t pos = 0;
  std::string client;
  std::string agent;
  Day accepted_at = kNoDay;
};

// Applies op; on refusal returns the reason and leaves s unchanged.
[[nodiscard]] ApplyResult apply(State& s, const ParsedOp& op, const OpContext& ctx = {});
[[nodiscard]] ApplyResult apply(State& s, const nlohmann::json& op, const OpContext& ctx = {});
// Journal replay: a refused op is recorded in s.rejected with its reason, never dropped.
void apply_or_reject(State& s, const ParsedOp& op, const OpContext& ctx = {});
void apply_or_reject(State& s, const nlohmann::json& op, const OpContext& ctx = {});

// Every op kind the fold knows, in documentation order.
const std::vector<std::string>& op_kinds();

}  // namespace deskbill
