// Replay that nothing can stop (DESIGN §3): an op this version does not know, a newer op
// version, or content the fold refuses stays in the journal and folds as rejected with its
// reason; the load and everything after it go on.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/state_json.h"
#include "journal/envelope.h"
#include "journal/store.h"
#include "journal/workspace.h"

using namespace deskbill;
using nlohmann::json;

namespace {
std::string temp_dir(const char* name) {
  auto d = std::filesystem::temp_directory_path() / (std::string("deskbill-unstoppable-") + name);
  std::filesystem::remove_all(d);
  return d.string();
}
const json kPartner = {{"kind", "partner.create"}, {"id", "a"}, {"name", "A"}};
const json kLater = {{"kind", "partner.create"}, {"id", "b"}, {"name", "B"}};
}  // namespace

TEST(UnstoppableReplay, UnknownKindIsAJournalLine) {
  std::vector<Envelope> out;
  EXPECT_FALSE(parse_journal("{\"kind\":\"ticket.explode\",\"id\":\"x\"}\n", out));
  ASSERT_EQ(out.size(), 1u);
}

TEST(UnstoppableReplay, UnknownKindFoldsAsRejectedMadeByANewerVersion) {
  State s;
  apply_or_reject(s, {{"kind", "ticket.explode"}, {"id", "x"}}, OpContext{5, "dev2", "", kNoDay});
  ASSERT_EQ(s.rejected.size(), 1u);
  EXPECT_EQ(s.str(s.rejected[0].code), "unknown_kind");
  EXPECT_NE(s.str(s.rejected[0].message).find("made by a newer version of deskbill"), std::string::npos);
}

TEST(UnstoppableReplay, NewerOpVersionSaysSo) {
  State s;
  auto r = deskbill::apply(s, {{"kind", "partner.create"}, {"v", 2}, {"id", "a"}, {"name", "A"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, "unsupported_version");
  EXPECT_NE(r->message.find("newer version of deskbill"), std::string::npos);
}

TEST(UnstoppableReplay, HugeVersionIsNotReadAsVersionOne) {
  State s;
  // 2^32 + 1 narrowed to int would be 1.
  auto r = deskbill::apply(s, {{"kind", "partner.create"}, {"v", 4294967297ull}, {"id", "a"}, {"name", "A"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, "unsupported_version");
  auto neg = deskbill::apply(s, {{"kind", "partner.create"}, {"v", -1}, {"id", "a"}, {"name", "A"}});
  ASSERT_TRUE(neg);
  EXPECT_EQ(neg->code, "unsupported_version");
}

TEST(UnstoppableReplay, EnvelopeWhoseOpIsNotAnObjectFoldsAsRejected) {
  Envelope e;
  ASSERT_FALSE(parse_journal_line("{\"pos\":1,\"client_id\":\"d\",\"seq\":1,\"op\":[1,2]}", e));
  State s;
  apply_or_reject(s, e.op, e.context());
  ASSERT_EQ(s.rejected.size(), 1u);
  EXPECT_EQ(s.str(s.rejected[0].code), "bad_op");
}

TEST(UnstoppableReplay, StoredJournalWithAnUnknownOpStillLoads) {
  std::string dir = temp_dir("load");
  JournalStore store(dir);
  StoredWorkspace meta;
  meta.client_id = "dev1";
  ASSERT_FALSE(store.write_meta(meta));
  std::vector<Envelope> ops(3);
  ops[0].pos = 1, ops[0].client = "dev1", ops[0].seq = 1, ops[0].op = kPartner;
  ops[1].pos = 2, ops[1].client = "dev9", ops[1].seq = 1, ops[1].op = {{"kind", "ticket.explode"}, {"id", "x"}};
  ops[2].pos = 3, ops[2].client = "dev1", ops[2].seq = 2, ops[2].op = kLater;
  ASSERT_FALSE(store.append_confirmed(ops, 0));

  Workspace ws("dev1", false);
  JournalStore again(dir);
  StoredWorkspace meta2;
  ASSERT_FALSE(again.load(ws, meta2));
  EXPECT_EQ(ws.confirmed_count(), 3u);
  EXPECT_EQ(ws.state().partners.size(), 2u);  // the op after the unknown one was folded
  ASSERT_EQ(ws.state().rejected.size(), 1u);
  // and the workspace keeps accepting work
  EXPECT_FALSE(ws.submit({{"kind", "partner.create"}, {"id", "c"}, {"name", "C"}}));
  std::filesystem::remove_all(dir);
}

TEST(UnstoppableReplay, SyncedUnknownOpDoesNotStopTheOthers) {
  Workspace ws("dev1", true);
  std::vector<Envelope> ops(2);
  ops[0].pos = 1, ops[0].client = "dev9", ops[0].seq = 1, ops[0].op = {{"kind", "ticket.explode"}};
  ops[1].pos = 2, ops[1].client = "dev9", ops[1].seq = 2, ops[1].op = kPartner;
  ws.receive(0, ops, 0);
  EXPECT_EQ(ws.confirmed_count(), 2u);
  EXPECT_EQ(ws.state().partners.size(), 1u);
  EXPECT_EQ(ws.state().rejected.size(), 1u);
}
