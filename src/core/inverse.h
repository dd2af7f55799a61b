// Undo for the edits a user makes and takes back at once (Ctrl+Z): the op that restores what the
// user saw before an op, computed from the state before it. Undo is itself an op in the journal,
// so it syncs and replays like any other; nothing is ever removed from the journal.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/state.h"

namespace deskbill {

// The inverse of `op` on `before` (the state the op was applied to), or nullopt when the kind
// has no undo (invoices, orders: they have their own reversal, a credit note or a cancel).
// `fresh_id` names the line a deleted timesheet comes back as (an id is never reused).
// Undoable: ticket.update, timesheet.log, timesheet.update, timesheet.delete.
std::optional<nlohmann::json> inverse_op(const State& before, const nlohmann::json& op, const std::string& fresh_id);

}  // namespace deskbill
