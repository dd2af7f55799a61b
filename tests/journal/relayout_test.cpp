// Publishing a local workspace and re-sending to a restored server replace the stored layout
// (JournalStore::relayout): after every single write of the way there, and after a write that
// fails, a start reads either the old layout or the new one whole, never a mix and never less.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/state_hash.h"
#include "journal/follow.h"
#include "journal/generator.h"
#include "journal/publish.h"
#include "journal/resend.h"
#include "journal/store.h"
#include "journal/workspace.h"

using namespace deskbill;
namespace fs = std::filesystem;

namespace {
// A local workspace of `ops` generated ops, stored in `dir` (segments of 1024 ops).
StoredWorkspace stored_local(const std::string& dir, size_t ops) {
  fs::remove_all(dir);
  GeneratorOptions o;
  o.timesheets = ops;
  std::vector<Envelope> all;
  generate_journal(o, [&](const nlohmann::json& op) {
    if (all.size() == ops) return;
    Envelope e;
    e.pos = all.size() + 1;
    e.client = "me";
    e.seq = all.size() + 1;
    e.op = op;
    all.push_back(std::move(e));
  });
  JournalStore store(dir);
  StoredWorkspace meta;
  meta.client_id = "me";
  meta.next_seq = all.size() + 1;
  EXPECT_FALSE(store.append_confirmed(all, 0));
  EXPECT_FALSE(store.write_meta(meta));
  return meta;
}

struct Loaded {
  std::optional<std::string> error;
  bool shared = false;
  uint64_t confirmed = 0;
  size_t pending = 0;
  uint64_t hash = 0;
  uint64_t next_seq = 0;
};
Loaded load_dir(const std::string& dir) {
  JournalStore store(dir);
  Workspace ws("", false);
  StoredWorkspace meta;
  Loaded l;
  l.error = store.load(ws, meta);
  l.shared = meta.shared;
  l.confirmed = ws.confirmed_count();
  l.pending = ws.pending().size();
  l.hash = state_hash(ws.state());
  l.next_seq = ws.next_seq();
  return l;
}

// The writes a relayout of this folder can fail at: each file it writes goes through <file>.tmp,
// and a folder there makes that write fail (as a full disk would) and leaves the file whole.
const std::vector<std::string> kPublishWrites = {"relayout.jsonl", "pending.jsonl", "workspace.json"};

// Every confirmed op as a pending one under its own seq.
std::vector<PendingOp> all_as_pending(const std::string& dir) {
  JournalStore store(dir);
  StoredWorkspace meta;
  EXPECT_FALSE(store.read_meta(meta));
  std::vector<Envelope> all;
  EXPECT_FALSE(store.read_all_confirmed(meta, all));
  std::vector<PendingOp> pending;
  for (Envelope& e : all) pending.push_back(PendingOp{e.seq, e.op});
  return pending;
}
}  // namespace

namespace {
// Re-sending: the server holds the first `keep` ops; this device's ops after them become pending.
std::vector<PendingOp> pending_after(const std::string& dir, uint64_t keep) {
  std::vector<PendingOp> all = all_as_pending(dir);
  return std::vector<PendingOp>(all.begin() + static_cast<long>(keep), all.end());
}
const std::vector<std::string> kResendWrites = {"relayout.jsonl", "confirmed-000001.jsonl", "pending.jsonl",
                                                "workspace.json"};

// A local workspace of `ops` ops stored in the store's folder, relayouted by it to its first
// `keep` ops with the rest pending, while the write of `failing`
// fails. mend() lets that write work again, as it would for the next start.
RelayoutResult relayout_failing_at(JournalStore& store, size_t ops, uint64_t keep, const std::string& failing) {
  StoredWorkspace meta = stored_local(store.dir(), ops);
  std::vector<PendingOp> pending = pending_after(store.dir(), keep);
  fs::create_directories(store.dir() + "/" + failing + ".tmp/x");
  Workspace ws("", false);
  EXPECT_FALSE(store.load(ws, meta));
  return store.relayout(keep, pending, meta);
}
void mend(const std::string& dir, const std::string& failing) { fs::remove_all(dir + "/" + failing + ".tmp"); }
}  // namespace

TEST(Relayout, PublishingFailingAtAnyWriteLeavesTheOldLayoutOrTheNewOneWhole) {
  const std::string dir = ::testing::TempDir() + "deskbill-relayout-publish";
  stored_local(dir, 1500);
  Loaded before = load_dir(dir);
  ASSERT_FALSE(before.error);
  ASSERT_EQ(before.confirmed, 1500u);
  for (const std::string& failing : kPublishWrites) {
    SCOPED_TRACE("the write of " + failing + " fails, then the tab is closed");
    JournalStore store(dir);
    StoredWorkspace meta = stored_local(dir, 1500);
    fs::create_directories(dir + "/" + failing + ".tmp/x");
    Workspace local("", false);
    ASSERT_FALSE(store.load(local, meta));
    Published p = publish_stored(store, meta, local);  // what WebHost::publish does
    const bool switched = p.ws != nullptr;
    EXPECT_TRUE(!p.problem.empty() || p.tidy);
    mend(dir, failing);
    Loaded after = load_dir(dir);
    ASSERT_FALSE(after.error) << *after.error;
    EXPECT_EQ(after.hash, before.hash);  // every op is there, once
    EXPECT_EQ(after.shared, switched);
    EXPECT_EQ(after.confirmed + after.pending, 1500u);
    EXPECT_EQ(after.confirmed, switched ? 0u : 1500u);
    EXPECT_EQ(after.next_seq, 1501u);
    if (switched) {
      EXPECT_EQ(p.ws->pending().size(), 1500u);
      EXPECT_EQ(meta.publish_upto, 1500u);  // sent marked "publish" up to the last local op
    }
  }
}

TEST(Relayout, ResendingFailingAtAnyWriteLeavesTheOldLayoutOrTheNewOneWhole) {
  const std::string dir = ::testing::TempDir() + "deskbill-relayout-resend";
  stored_local(dir, 2500);
  Loaded before = load_dir(dir);
  ASSERT_FALSE(before.error);
  for (const std::string& failing : kResendWrites) {
    SCOPED_TRACE("the write of " + failing + " fails, then the tab is closed");
    JournalStore store(dir);
    RelayoutResult r = relayout_failing_at(store, 2500, 1500, failing);
    EXPECT_TRUE(r.error);
    EXPECT_EQ(r.switched, failing != "relayout.jsonl");
    mend(dir, failing);
    Loaded after = load_dir(dir);
    ASSERT_FALSE(after.error) << *after.error;
    EXPECT_EQ(after.hash, before.hash);  // every op is there, once
    EXPECT_EQ(after.confirmed, r.switched ? 1500u : 2500u);
    EXPECT_EQ(after.pending, r.switched ? 1000u : 0u);
    EXPECT_EQ(after.next_seq, 2501u);
  }
}

TEST(Relayout, TheNextWriteFinishesARelayoutThatWasLeftHalfWay) {
  const std::string dir = ::testing::TempDir() + "deskbill-relayout-finish";
  {
    JournalStore writer(dir);
    ASSERT_TRUE(relayout_failing_at(writer, 2500, 1500, "pending.jsonl").switched);
  }
  mend(dir, "pending.jsonl");
  ASSERT_TRUE(fs::exists(dir + "/relayout.jsonl"));
  // The next start reads the new layout, and its first write finishes it before writing.
  JournalStore store(dir);
  Workspace ws("", false);
  StoredWorkspace loaded;
  ASSERT_FALSE(store.load(ws, loaded));
  EXPECT_EQ(loaded.layout, 1u);
  std::vector<PendingOp> more = ws.pending();
  more.push_back(PendingOp{2501, {{"kind", "partner.create"}, {"id", "new"}, {"name", "New"}}});
  ASSERT_FALSE(store.write_pending(more));
  EXPECT_FALSE(fs::exists(dir + "/relayout.jsonl"));
  EXPECT_FALSE(fs::exists(dir + "/confirmed-000002.jsonl"));
  Loaded after = load_dir(dir);
  ASSERT_FALSE(after.error);
  EXPECT_EQ(after.confirmed, 1500u);
  EXPECT_EQ(after.pending, 1001u);  // the write after the relayout is not undone by it
}

TEST(Relayout, ACrashBetweenTwoRemovesOfOldSegmentsLeavesNoneToBeReadLater) {
  // 5000 ops (segments 0-4) cut to 1500: the cut segment 1 is written, then the tab dies having
  // removed segment 2 but not 3 and 4. Finished by the next write, the layout must not keep 3
  // and 4: once the journal grows into segment 2 again, a start would read on into them and
  // fold the old layout's ops after the new ones.
  const std::string dir = ::testing::TempDir() + "deskbill-relayout-removes";
  {
    JournalStore writer(dir);
    ASSERT_TRUE(relayout_failing_at(writer, 5000, 1500, "confirmed-000001.jsonl").switched);
  }
  mend(dir, "confirmed-000001.jsonl");
  {
    // What the tidying did before the crash: the cut, and the first remove.
    std::string seg1;
    JournalStore at(dir);
    ASSERT_FALSE(at.read_segment(1, seg1));
    size_t cut = 0;
    for (int n = 0; n < 1500 - 1024; ++n) cut = seg1.find('\n', cut) + 1;
    ASSERT_FALSE(write_file_atomic(dir + "/confirmed-000001.jsonl", seg1.substr(0, cut)));
    fs::remove(dir + "/confirmed-000002.jsonl");
  }
  JournalStore store(dir);
  Workspace ws("", false);
  StoredWorkspace meta;
  ASSERT_FALSE(store.load(ws, meta));
  ASSERT_EQ(ws.confirmed_count(), 1500u);
  // The server confirms 600 more ops (positions 1501-2100, in segments 1 and 2).
  std::vector<Envelope> more;
  for (uint64_t pos = 1501; pos <= 2100; ++pos)
    more.push_back(Envelope{pos,
                            "other",
                            pos,
                            "",
                            "2026-12-01",
                            {{"kind", "partner.create"}, {"id", "o" + std::to_string(pos)}, {"name", "O"}}});
  ASSERT_FALSE(store.append_confirmed(more, 1500));
  EXPECT_FALSE(fs::exists(dir + "/relayout.jsonl"));
  EXPECT_FALSE(fs::exists(dir + "/confirmed-000003.jsonl"));
  EXPECT_FALSE(fs::exists(dir + "/confirmed-000004.jsonl"));
  Loaded after = load_dir(dir);
  ASSERT_FALSE(after.error) << *after.error;
  EXPECT_EQ(after.confirmed, 2100u);
}

TEST(Relayout, AWriteIsRefusedWhileTheRelayoutCannotBeFinished) {
  const std::string dir = ::testing::TempDir() + "deskbill-relayout-refused";
  JournalStore store(dir);
  ASSERT_TRUE(relayout_failing_at(store, 2500, 1500, "workspace.json").switched);
  // Written now, pending.jsonl would be read under relayout.jsonl's pending ops and lost.
  auto err = store.write_pending({});
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("new layout could not be finished"), std::string::npos) << *err;
  mend(dir, "workspace.json");
  EXPECT_FALSE(store.write_pending({}));
  EXPECT_FALSE(fs::exists(dir + "/relayout.jsonl"));
}

TEST(Relayout, CuttingBeforeTheArchiveBringsItsKeptSegmentsBackToTheHotFolder) {
  const std::string dir = ::testing::TempDir() + "deskbill-relayout-archive";
  const std::string cold = dir + "-cold";
  StoredWorkspace meta = stored_local(dir, 2500);
  Loaded before = load_dir(dir);
  std::vector<PendingOp> resent = pending_after(dir, 1500);
  // Segments 0 and 1 archived under a snapshot of their 2048 ops.
  fs::remove_all(cold);
  fs::create_directories(cold);
  JournalStore store(dir, cold);
  for (size_t seg : {0, 1}) {
    std::string bytes;
    ASSERT_FALSE(store.read_segment(seg, bytes));
    ASSERT_FALSE(write_file_atomic(cold + "/" + JournalStore::segment_name(seg), bytes));
  }
  ASSERT_FALSE(store.mark_archived(meta, 2, 2048, ""));
  ASSERT_FALSE(fs::exists(dir + "/confirmed-000000.jsonl"));
  Workspace ws("", false);
  ASSERT_FALSE(store.load(ws, meta));  // from the cold segments (no snapshot given)
  ASSERT_FALSE(store.relayout(1500, resent, meta).error);
  EXPECT_EQ(meta.archived_segments, 0u);
  EXPECT_EQ(meta.snapshot_covered, 0u);
  fs::remove_all(cold);  // not needed any more
  Loaded after = load_dir(dir);
  ASSERT_FALSE(after.error) << *after.error;
  EXPECT_EQ(after.confirmed, 1500u);
  EXPECT_EQ(after.hash, before.hash);
}

// A read-only tab that had read the old layout reads the new one whole: followed as a tail, the
// ops that went from confirmed back to pending would be folded twice.
TEST(Relayout, AReadOnlyTabReadsTheNewLayoutWhole) {
  const std::string dir = ::testing::TempDir() + "deskbill-relayout-follow";
  StoredWorkspace meta = stored_local(dir, 2500);
  Loaded before = load_dir(dir);
  JournalStore reader_store(dir);
  auto reader = std::make_unique<Workspace>("", false);
  StoredWorkspace reader_meta;
  ASSERT_FALSE(reader_store.load(*reader, reader_meta));
  JournalStore writer(dir);
  Workspace ws("", false);
  ASSERT_FALSE(writer.load(ws, meta));
  ASSERT_FALSE(writer.relayout(1500, pending_after(dir, 1500), meta).error);
  FollowResult f = follow_stored(reader_store, reader, reader_meta);
  ASSERT_FALSE(f.error) << *f.error;
  EXPECT_TRUE(f.reopened);
  EXPECT_EQ(reader->confirmed_count(), 1500u);
  EXPECT_EQ(reader->pending().size(), 1000u);
  EXPECT_EQ(state_hash(reader->state()), before.hash);
}

// Re-sending as a device does it (journal/resend.h): the plan from the stored journal, stored in
// one step, and the workspace of the new layout.
TEST(Relayout, ResendStoredGivesTheNewLayoutsWorkspaceOrChangesNothing) {
  const std::string dir = ::testing::TempDir() + "deskbill-relayout-resend-stored";
  StoredWorkspace meta = stored_local(dir, 2500);
  Loaded before = load_dir(dir);
  JournalStore store(dir);
  Workspace ws("", false);
  ASSERT_FALSE(store.load(ws, meta));
  // The server holds the first 1500 positions, and this device's ops up to seq 1500.
  fs::create_directories(dir + "/relayout.jsonl.tmp/x");
  Resent refused = resend_stored(store, meta, ws, {1500, 1500, {}});
  EXPECT_FALSE(refused.ws);
  EXPECT_NE(refused.problem.filled().find("nothing was re-sent"), std::string::npos) << refused.problem.filled();
  mend(dir, "relayout.jsonl");
  EXPECT_EQ(load_dir(dir).confirmed, 2500u);
  Resent r = resend_stored(store, meta, ws, {1500, 1500, {}});
  ASSERT_TRUE(r.ws) << r.problem.filled();
  EXPECT_EQ(r.ws->confirmed_count(), 1500u);
  EXPECT_EQ(r.ws->pending().size(), 1000u);
  EXPECT_EQ(r.ws->pending().front().seq, 1501u);
  EXPECT_EQ(r.resent, 1000u);
  EXPECT_EQ(r.first_seq, 1501u);
  EXPECT_EQ(state_hash(r.ws->state()), before.hash);
  EXPECT_EQ(meta.layout, 1u);
}

// A layout that keeps more ops than the journal holds could never be finished, and every later
// write would be refused behind it: it is refused before the switch, and nothing changes.
TEST(Relayout, KeepingMoreOpsThanTheJournalHoldsIsRefusedAndChangesNothing) {
  const std::string dir = ::testing::TempDir() + "deskbill-relayout-too-many";
  StoredWorkspace meta = stored_local(dir, 1500);
  JournalStore store(dir);
  Workspace ws("", false);
  ASSERT_FALSE(store.load(ws, meta));
  for (uint64_t keep : {uint64_t{1501}, uint64_t{2048}, uint64_t{1} << 40}) {
    RelayoutResult r = store.relayout(keep, {}, meta);
    ASSERT_TRUE(r.error) << keep;
    EXPECT_FALSE(r.switched);
    EXPECT_NE(r.error->find("holds fewer than"), std::string::npos) << *r.error;
  }
  EXPECT_FALSE(fs::exists(dir + "/relayout.jsonl"));
  EXPECT_EQ(meta.layout, 0u);
  EXPECT_FALSE(store.write_pending({}));  // nothing is left to block a write
  EXPECT_EQ(load_dir(dir).confirmed, 1500u);
  EXPECT_FALSE(store.relayout(1500, {}, meta).error);  // all of it can be kept
}

// A read-only tab whose stored journal now holds fewer ops than it has (cut by a re-send, and
// read with files of two saves, as FS.syncfs(true) could pair them) is told so, and
// follow_stored reads the workspace whole instead of taking the rest for a tail.
TEST(Relayout, AFollowerAheadOfTheStoredJournalIsToldItHoldsFewer) {
  const std::string dir = ::testing::TempDir() + "deskbill-relayout-fewer";
  stored_local(dir, 1500);
  JournalStore store(dir);
  StoredWorkspace meta;
  std::vector<Envelope> tail;
  std::vector<PendingOp> pending;
  auto err = store.read_since(1600, meta, tail, pending);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("holds fewer operations than this tab has"), std::string::npos) << *err;
  EXPECT_FALSE(store.read_since(1500, meta, tail, pending));
  EXPECT_TRUE(tail.empty());
  EXPECT_FALSE(store.read_since(1400, meta, tail, pending));
  EXPECT_EQ(tail.size(), 100u);
}
