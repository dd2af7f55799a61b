#include "sync/stored_release.h"

namespace deskbill {

void record_release(const SyncLoop& loop, StoredWorkspace& meta) {
  meta.released_upto = loop.released_upto();
  meta.released_layout = meta.layout;
}

bool release_moved(const SyncLoop& loop, StoredWorkspace& meta) {
  if (meta.released_upto == 0 || meta.released_layout != meta.layout || loop.released_upto() == meta.released_upto)
    return false;
  meta.released_upto = loop.released_upto();
  return true;
}

std::optional<std::string> store_moved_release(const SyncLoop& loop, StoredWorkspace& meta, JournalStore& store,
                                               SavePipeline& pipeline) {
  const uint64_t stored = meta.released_upto;
  if (!release_moved(loop, meta)) return std::nullopt;
  if (auto e = store.write_meta(meta)) {
    meta.released_upto = stored;  // not stored: still to store
    return e;
  }
  pipeline.flush();  // workspace.json was written, not saved: it is only once flushed
  return std::nullopt;
}

void restore_release(SyncLoop& loop, const StoredWorkspace& meta) {
  if (meta.released_layout == meta.layout) loop.set_released_upto(meta.released_upto);
}

}  // namespace deskbill
