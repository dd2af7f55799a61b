#include "journal/follow.h"

namespace deskbill {

FollowResult follow_stored(JournalStore& store, std::unique_ptr<Workspace>& ws, StoredWorkspace& meta) {
  std::vector<Envelope> tail;
  std::vector<PendingOp> pending;
  StoredWorkspace stored;
  auto err = store.read_since(ws->confirmed_count(), stored, tail, pending);
  if (!err && stored.client_id == meta.client_id && stored.shared == ws->shared() && stored.layout == meta.layout) {
    ws->follow(tail, std::move(pending), stored.next_seq);
    meta = stored;  // as stored: the save pipeline stores the counter again once it differs
    return {};
  }
  // Another workspace (or this one's tail could not be read): read it whole. That needs every
  // segment in the hot folder; once some were archived it needs the cold snapshot: a reload.
  // Lasting when what is missing is archived: the other workspace, or the part this tab has not
  // seen of this one. A segment that did not parse may parse at the next read.
  if (stored.archived_segments > 0) {
    bool unseen_archived = ws->confirmed_count() / JournalStore::kSegmentOps < stored.archived_segments;
    return {err ? err : "the other tab archived part of its journal", false, !err || unseen_archived};
  }
  auto fresh = std::make_unique<Workspace>(stored.client_id, stored.shared);
  StoredWorkspace loaded;
  if (auto e = store.load(*fresh, loaded)) return {e, false};
  ws = std::move(fresh);
  meta = loaded;
  return {std::nullopt, true};
}

}  // namespace deskbill
