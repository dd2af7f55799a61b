// Checks that a state read from outside the fold is one the fold could have made, as far as
// reading it safely goes: every link names a record of its table (or kNone), every text lies in
// the text pool, every enum and flag holds one of its values, and every amount or quantity lies
// within what an op may carry (or, for what the fold derives, what the billing math can multiply
// without overflow). Run on every snapshot read: formats 4 and 5 have no checksum, and a checksum
// that matches proves only that the bytes are the ones written, not that the build that wrote
// them made no wrong link (a view would read past a table's end on every start).
#pragma once
#include <optional>
#include <string>

#include "core/state.h"

namespace deskbill {

// The first problem found ("timesheet 3 links past its table (ticket)"), or nullopt.
[[nodiscard]] std::optional<std::string> state_problem(const State& s);
// The same checks for the timesheets and the links into them (each ticket's and line's list):
// the part of a snapshot its preview does not read, checked once the timesheets are read.
[[nodiscard]] std::optional<std::string> timesheets_problem(const State& s);

}  // namespace deskbill
