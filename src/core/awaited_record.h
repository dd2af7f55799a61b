// A record an op names that another device made and this state does not hold (docs/sync.md,
// "Re-sent work waits for the records it names"). After a server restored from an older copy,
// each device re-sends its own work: a device that re-sends its timesheet on another device's
// ticket before that device re-sends the ticket has every fold refuse the timesheet
// (unknown_ref). Such an op waits until the record comes back.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/state.h"

namespace deskbill {

// The device that made `id`, when it has the form a device gives new records
// ("<client>.<seq>.<tag>-<n>", journal/record_ids.h); "" for any other id.
[[nodiscard]] std::string_view id_maker(std::string_view id);

// Whether any table of `s` holds a record with this id.
[[nodiscard]] bool state_holds_id(const State& s, std::string_view id);

// The first id `op` names (any text in it, but the id a creating op gives its new record) that a
// device other than `client` made and `s` does not hold, unless `s` refused the op that makes it
// (then it will never exist); nullopt when there is none.
[[nodiscard]] std::optional<std::string> record_awaited(const State& s, const nlohmann::json& op,
                                                        std::string_view client);

}  // namespace deskbill
