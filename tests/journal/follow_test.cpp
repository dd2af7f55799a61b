// A read-only tab following the writer tab's saves (journal/follow.h): it shows what a reload
// would show, reads a workspace the writer started meanwhile whole, and keeps what it shows when
// it cannot follow.
#include "journal/follow.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/state_hash.h"

using namespace deskbill;
using nlohmann::json;

namespace {

json partner(int n) { return {{"kind", "partner.create"}, {"id", "p" + std::to_string(n)}, {"name", "P"}}; }

struct Folder {
  std::string dir;
  explicit Folder(const std::string& name) {
    dir = (std::filesystem::temp_directory_path() / ("deskbill-follow-" + name)).string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~Folder() { std::filesystem::remove_all(dir); }
};

// The writer tab stores confirmed ops 1..n of client `client` (a local workspace) and its meta.
void writer_stores(JournalStore& store, const std::string& client, int from, int to) {
  std::vector<Envelope> ops;
  for (int n = from; n <= to; ++n)
    ops.push_back(Envelope{static_cast<uint64_t>(n), client, static_cast<uint64_t>(n), "", "2026-11-20", partner(n)});
  ASSERT_FALSE(store.append_confirmed(ops, from - 1));
  StoredWorkspace meta;
  meta.client_id = client;
  meta.next_seq = to + 1;
  ASSERT_FALSE(store.write_meta(meta));
}

uint64_t reload_hash(const std::string& dir) {
  JournalStore store(dir);
  Workspace ws("", false);
  StoredWorkspace meta;
  EXPECT_FALSE(store.load(ws, meta));
  return state_hash(ws.state());
}

// The writer tab stored ops 1..3 of workspace dev1, and the read-only tab opened on them.
struct ReaderOpened {
  Folder f;
  JournalStore writer, reader_store;
  std::unique_ptr<Workspace> ws = std::make_unique<Workspace>("dev1", false);
  StoredWorkspace meta;
  explicit ReaderOpened(const std::string& name) : f(name), writer(f.dir), reader_store(f.dir) {
    writer_stores(writer, "dev1", 1, 3);
    EXPECT_FALSE(reader_store.load(*ws, meta));
  }
};

}  // namespace

TEST(FollowStored, AReadOnlyTabFoldsWhatTheWriterStoredSinceAndShowsWhatAReloadWould) {
  ReaderOpened t("since");
  auto& [f, writer, reader_store, ws, meta] = t;
  Workspace* before = ws.get();
  writer_stores(writer, "dev1", 4, 6);
  FollowResult r = follow_stored(reader_store, ws, meta);
  EXPECT_FALSE(r.error);
  EXPECT_FALSE(r.reopened);
  EXPECT_EQ(ws.get(), before);
  EXPECT_EQ(ws->confirmed_count(), 6u);
  EXPECT_EQ(meta.next_seq, 7u);
  EXPECT_EQ(state_hash(ws->state()), reload_hash(f.dir));
}

TEST(FollowStored, AWorkspaceTheWriterStartedAfterThisTabOpenedIsReadWhole) {
  ReaderOpened t("another");
  auto& [f, writer, reader_store, ws, meta] = t;
  // The writer started afresh under another id: its journal is not a continuation of this one.
  std::filesystem::remove_all(f.dir);
  std::filesystem::create_directories(f.dir);
  writer_stores(writer, "dev2", 1, 2);
  FollowResult r = follow_stored(reader_store, ws, meta);
  EXPECT_FALSE(r.error);
  EXPECT_TRUE(r.reopened);
  EXPECT_EQ(ws->client_id(), "dev2");
  EXPECT_EQ(meta.client_id, "dev2");
  EXPECT_EQ(ws->confirmed_count(), 2u);
  EXPECT_EQ(state_hash(ws->state()), reload_hash(f.dir));
}

TEST(FollowStored, ATabThatCannotFollowKeepsWhatItShowedAndSaysWhy) {
  ReaderOpened t("archived");
  auto& [f, writer, reader_store, ws, meta] = t;
  uint64_t shown = state_hash(ws->state());
  // Another workspace whose first segment is archived: only a reload (with the cold snapshot)
  // can read it.
  StoredWorkspace other;
  other.client_id = "dev2";
  other.archived_segments = 1;
  other.snapshot_covered = JournalStore::kSegmentOps;
  ASSERT_FALSE(writer.write_meta(other));
  FollowResult r = follow_stored(reader_store, ws, meta);
  ASSERT_TRUE(r.error);
  EXPECT_NE(r.error->find("archived"), std::string::npos) << *r.error;
  EXPECT_TRUE(r.lasting);  // trying again cannot help: a reload reads the cold snapshot
  EXPECT_EQ(meta.client_id, "dev1");
  EXPECT_EQ(ws->client_id(), "dev1");
  EXPECT_EQ(state_hash(ws->state()), shown);
}

// A segment read while the writer was rewriting it does not parse. The tab keeps what it showed,
// and the error is not lasting: the next read (the handoff tries again) follows.
TEST(FollowStored, ASegmentThatDoesNotParseAtOneReadIsFollowedAtTheNext) {
  ReaderOpened t("unparsed");
  auto& [f, writer, reader_store, ws, meta] = t;
  uint64_t shown = state_hash(ws->state());
  writer_stores(writer, "dev1", 4, 6);
  const std::string segment = f.dir + "/" + JournalStore::segment_name(0);
  std::string whole;
  ASSERT_FALSE(read_file(segment, whole));
  {
    std::ofstream cut(segment, std::ios::binary | std::ios::trunc);
    cut << whole.substr(0, whole.size() - 7);  // the last line half-written
  }
  FollowResult r = follow_stored(reader_store, ws, meta);
  ASSERT_TRUE(r.error);
  EXPECT_FALSE(r.lasting) << *r.error;
  EXPECT_EQ(state_hash(ws->state()), shown);
  EXPECT_EQ(ws->confirmed_count(), 3u);
  {
    std::ofstream again(segment, std::ios::binary | std::ios::trunc);
    again << whole;
  }
  r = follow_stored(reader_store, ws, meta);
  EXPECT_FALSE(r.error);
  EXPECT_EQ(ws->confirmed_count(), 6u);
  EXPECT_EQ(state_hash(ws->state()), reload_hash(f.dir));
}
