// An op described for people, from the state it was folded on: what a rejected op was about
// ("Timesheet 2026-11-20, 4:00 h, VPN drops every hour") for the conflicts inbox.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/state.h"

namespace deskbill {

std::string describe_op(const State& s, const nlohmann::json& op);

}  // namespace deskbill
