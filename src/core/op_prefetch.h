// A hint for the replay: the id hash slot the next op will probe, asked of the CPU's cache while
// the op before it is folded. At 1 M timesheets the timesheets' slots (8 MB) no longer fit the
// cache, and the probe for each new id waited for memory: the replay's cost per op grew by ~15 %
// from 10 k to 1 M ops (docs/benchmarks.md, issue 10 item 2). It changes nothing the fold does.
// Native only: WebAssembly has no prefetch instruction.
#pragma once
#include "core/parsed_op.h"
#include "core/state.h"

namespace deskbill {

// Whether prefetch_for does anything here. Where it does not (WebAssembly), a replay reads one
// line at a time: reading ahead for nothing made the wasm replay 6-8 % slower.
#if defined(__wasm__)
constexpr bool kReplayPrefetches = false;
#else
constexpr bool kReplayPrefetches = true;
#endif

// Prefetches the slot where op's own `id` is looked up or added, in the table its kind works on.
// An op without a string kind and id, or of a kind the fold does not know, asks for nothing.
void prefetch_for(const State& s, const ParsedOp& op);

}  // namespace deskbill
