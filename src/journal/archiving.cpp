#include "journal/archiving.h"

namespace deskbill {

bool archiving_due(uint64_t confirmed, uint64_t covered, bool force) {
  if (confirmed == 0) return false;
  return force || confirmed >= covered + kArchiveEvery;
}

uint64_t stage_archive(const JournalStore& store, const StoredWorkspace& meta, uint64_t confirmed,
                       std::string_view snapshot,
                       const std::function<void(const std::string&, std::string_view)>& stage) {
  uint64_t archived = meta.archived_segments;
  stage("snapshot.bin", snapshot);
  for (size_t seg : store.archivable_segments(meta, confirmed)) {
    std::string bytes;
    if (store.read_segment(seg, bytes)) break;
    stage(JournalStore::segment_name(seg), bytes);
    archived = seg + 1;
  }
  return archived;
}

}  // namespace deskbill
