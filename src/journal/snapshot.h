// A binary image of a State that loads far faster than replaying its journal. Versioned: a
// snapshot of another format is refused and the journal is replayed instead.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/state.h"

namespace deskbill {

constexpr uint32_t kSnapshotFormat = 2;  // 2: id hash slots stored

// `covered` is the journal position the state includes.
std::string save_snapshot(const State& s, uint64_t covered);
// Returns an error, or fills s and covered.
std::optional<std::string> load_snapshot(std::string_view bytes, State& s, uint64_t& covered);

}  // namespace deskbill
