// A hint for the replay: the id hash slots the next ops will probe, asked of the CPU's cache
// before they are folded. At 1 M timesheets the timesheets' slots (8 MB) no longer fit the cache,
// and the probe for each new id waited for memory: the replay's cost per op grew by ~15 % from
// 10 k to 1 M ops (docs/benchmarks.md, issue 10 item 2). It changes nothing the fold does.
#pragma once
#include <cstddef>

#include "core/parsed_op.h"
#include "core/state.h"

namespace deskbill {

// Asks for the slots where ops[0..n) look up or add their own `id`, each in the table its kind
// works on, before the first of them is folded. Natively each is a prefetch instruction.
// WebAssembly has none: there each slot is loaded, and the n loads are issued one after another,
// so that their cache misses overlap instead of each op waiting for its own (one op read ahead and
// loaded alone saved nothing). An op without a string kind and id, or of a kind the fold does not
// know, asks for nothing.
void prefetch_for(const State& s, const ParsedOp* const* ops, size_t n);

}  // namespace deskbill
