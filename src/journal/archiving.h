// Archiving the journal to cold storage (docs/journal.md, "Cold storage"): when it is due and
// what goes. The writer stages a snapshot of the confirmed state and every full segment it
// covers; the host stores what was staged in one IndexedDB transaction, and only once that is
// stored does JournalStore::mark_archived name them in workspace.json and drop the hot copies.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "journal/store.h"

namespace deskbill {

// Ops folded past the last snapshot before the next archiving.
constexpr uint64_t kArchiveEvery = 20000;

// `confirmed` ops are folded and the last snapshot covers the first `covered`. `force`: archive
// now (a generated journal, a snapshot that must be written again), if there is anything.
[[nodiscard]] bool archiving_due(uint64_t confirmed, uint64_t covered, bool force);

// Stages the snapshot (`snapshot`, covering the first `confirmed` ops) and then each full
// segment it covers that is not archived yet, in order, through `stage(name, bytes)`, and returns
// how many segments workspace.json may name as archived once the staging is stored. A segment
// that cannot be read stops the staging and stays hot with those after it: only staged segments
// count as archived.
[[nodiscard]] uint64_t stage_archive(const JournalStore& store, const StoredWorkspace& meta, uint64_t confirmed,
                                     std::string_view snapshot,
                                     const std::function<void(const std::string&, std::string_view)>& stage);

}  // namespace deskbill
