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

void restore_release(SyncLoop& loop, const StoredWorkspace& meta) {
  if (meta.released_layout == meta.layout) loop.set_released_upto(meta.released_upto);
}

}  // namespace deskbill
