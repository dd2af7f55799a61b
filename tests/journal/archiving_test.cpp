// Archiving the journal to cold storage (journal/archiving.h): when it is due, and which segments
// a snapshot stands for. A segment counts as archived only once staged: workspace.json must never
// name a cold copy that was not stored.
#include "journal/archiving.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

using namespace deskbill;
using nlohmann::json;

namespace {

struct Journal {
  std::string dir;
  JournalStore store;
  StoredWorkspace meta;
  explicit Journal(const std::string& name)
      : dir((std::filesystem::temp_directory_path() / ("deskbill-archiving-" + name)).string()), store(dir) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    meta.client_id = "dev1";
  }
  ~Journal() { std::filesystem::remove_all(dir); }
  // Confirmed ops 1..n, stored a segment at a time as the writer does.
  void confirmed(uint64_t n) {
    std::vector<Envelope> batch;
    for (uint64_t pos = 1; pos <= n; ++pos) {
      batch.push_back(Envelope{pos, "dev1", pos, "", "2026-11-20",
                               json{{"kind", "partner.create"}, {"id", "p" + std::to_string(pos)}, {"name", "P"}}});
      if (batch.size() == JournalStore::kSegmentOps || pos == n) {
        ASSERT_FALSE(store.append_confirmed(batch, pos - batch.size()));
        batch.clear();
      }
    }
  }
  std::map<std::string, size_t> staged;
  uint64_t stage(uint64_t covered) {
    return stage_archive(store, meta, covered, "SNAP",
                         [this](const std::string& name, std::string_view bytes) { staged[name] = bytes.size(); });
  }
};

constexpr uint64_t kSeg = JournalStore::kSegmentOps;

}  // namespace

TEST(Archiving, IsDueEveryTwentyThousandOpsPastTheLastSnapshot) {
  EXPECT_FALSE(archiving_due(0, 0, false));
  EXPECT_FALSE(archiving_due(0, 0, true));  // nothing to archive, even when asked
  EXPECT_FALSE(archiving_due(19'999, 0, false));
  EXPECT_TRUE(archiving_due(20'000, 0, false));
  EXPECT_FALSE(archiving_due(39'999, 20'000, false));
  EXPECT_TRUE(archiving_due(40'000, 20'000, false));
  EXPECT_TRUE(archiving_due(5, 0, true));  // a generated journal, a snapshot to write again
}

TEST(Archiving, TheSnapshotAndTheFullSegmentsItCoversAreStaged) {
  Journal j("full");
  j.confirmed(3 * kSeg + 10);
  EXPECT_EQ(j.stage(3 * kSeg + 10), 3u);  // the fourth segment is not full: it stays hot
  EXPECT_EQ(j.staged.size(), 4u);
  EXPECT_EQ(j.staged["snapshot.bin"], 4u);
  EXPECT_EQ(j.staged.count(JournalStore::segment_name(2)), 1u);
  EXPECT_EQ(j.staged.count(JournalStore::segment_name(3)), 0u);
}

TEST(Archiving, SegmentsAlreadyArchivedAreNotStagedAgain) {
  Journal j("again");
  j.confirmed(3 * kSeg);
  j.meta.archived_segments = 2;
  EXPECT_EQ(j.stage(3 * kSeg), 3u);
  EXPECT_EQ(j.staged.count(JournalStore::segment_name(1)), 0u);
  EXPECT_EQ(j.staged.count(JournalStore::segment_name(2)), 1u);
}

TEST(Archiving, ASegmentThatCannotBeReadStaysHotWithThoseAfterIt) {
  Journal j("unreadable");
  j.confirmed(3 * kSeg);
  // Segment 1 cannot be read (a directory where the file should be).
  std::string path = j.dir + "/" + JournalStore::segment_name(1);
  std::filesystem::remove(path);
  std::filesystem::create_directories(path);
  EXPECT_EQ(j.stage(3 * kSeg), 1u);  // segment 0 only: workspace.json names no segment not staged
  EXPECT_EQ(j.staged.count(JournalStore::segment_name(2)), 0u);
}
