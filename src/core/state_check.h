// Checks that a state read from outside the fold is one the fold could have made, as far as
// reading it safely goes: every link names a record of its table (or kNone), every text lies in
// the text pool, every enum and flag holds one of its values, and every amount or quantity lies
// within what an op may carry (or, for what the fold derives, what the billing math can multiply
// without overflow). For snapshots of formats 4 and
// 5, which have no checksum (format 6's checksum refuses any damaged byte).
#pragma once
#include <optional>
#include <string>

#include "core/state.h"

namespace deskbill {

// The first problem found ("timesheet 3 links past its table (ticket)"), or nullopt.
[[nodiscard]] std::optional<std::string> state_problem(const State& s);

}  // namespace deskbill
