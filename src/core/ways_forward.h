// The ways forward the inbox offers for a rejected op of one's own: make it again another way
// (a timesheet logged again as non-billable), or open the record it was about.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/state.h"

namespace deskbill {

// Whether an op rejected with this code is to be made again another way. Not a create that
// reached the server twice (`repeated_op`, core/repeated_op.h): its first copy was applied.
[[nodiscard]] bool may_be_made_again(std::string_view code);
// A rejected timesheet.log made again, non-billable (R12: no Sales Order Item), under a new id.
std::optional<nlohmann::json> relog_as_non_billable(const nlohmann::json& op, const std::string& new_id);
// The ticket an op was about (a timesheet's ticket, a ticket op's own), or "".
std::string ticket_of_op(const State& s, const nlohmann::json& op);

}  // namespace deskbill
