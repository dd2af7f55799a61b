// The state hash: a fingerprint of the state that must be identical on every device for the same
// ops (the simulation, the golden test, deskbill-cli's summary and the benchmarks compare it).
//
// It hashes the values of the state's JSON (state_to_json), not its text: each value becomes
// 64-bit words (a type tag with a string's length or an object's size, a number, the xxh64 of a
// string's bytes or of an object's key), and the words go through XXH64. Tickets and timesheets,
// the records a workspace holds by the hundred thousand, are the exception: each is its stored
// fields as a fixed number of words (ids and texts as their xxh64), not its JSON, whose derived
// values follow from the stored ones. Equal states give an equal hash whatever the internal layout
// (row order of deleted records, text pool, id slots); the words are specified in docs/journal.md
// ("The state hash").
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>

#include "core/state.h"

namespace deskbill {

// The hash of the whole state, streamed: no JSON tree and no JSON text is built.
[[nodiscard]] uint64_t state_hash(const State& s);
// The hash of any JSON value by the same rules: state_hash(s) == json_value_hash(state_to_json(s))
// for a state without tickets and timesheets.
[[nodiscard]] uint64_t json_value_hash(const nlohmann::json& v);

}  // namespace deskbill
