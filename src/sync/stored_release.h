// "Send them as they are" kept in workspace.json (`released_upto`, `released_layout`): what the
// host stores when the user chooses it and when a renumbering moves the released ops' numbers
// (SyncLoop::renumber), and what a start takes back. docs/sync.md, re-sent work that waits.
#pragma once
#include <optional>
#include <string>

#include "journal/save_pipeline.h"
#include "journal/store.h"
#include "sync/sync_loop.h"

namespace deskbill {

// The user sent the waiting ops as they are: meta records the loop's release, in this layout.
void record_release(const SyncLoop& loop, StoredWorkspace& meta);
// After a renumbering in place the released ops have other numbers: meta takes the loop's new
// last released seq. True when meta changed and must be written.
[[nodiscard]] bool release_moved(const SyncLoop& loop, StoredWorkspace& meta);
// After each sync step (WebHost::tick): a moved release written to workspace.json and flushed,
// so that a tab closed before its next save still releases the new numbers at its next start.
// A write that fails leaves meta as stored, and the next call tries again; its error is returned.
[[nodiscard]] std::optional<std::string> store_moved_release(const SyncLoop& loop, StoredWorkspace& meta,
                                                             JournalStore& store, SavePipeline& pipeline);
// A start: the loop releases what meta recorded, if it was recorded in this layout (a relayout
// numbers every op again, and the choice no longer applies).
void restore_release(SyncLoop& loop, const StoredWorkspace& meta);

}  // namespace deskbill
