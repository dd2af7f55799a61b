// Which positions a device shares with the server (docs/sync.md): every op the server sends
// carries its chain, the device keeps it with the op and sends the one at its cursor, so a
// server restored from an older copy can tell a device that holds other ops than it does, even
// once other devices' ops have filled the lost positions again.
#include <gtest/gtest.h>

#include "journal/resend.h"
#include "journal/snapshot.h"
#include "sync/device_harness.h"

using namespace deskbill;
using deskbill::test::Device;
using deskbill::test::partner;
using deskbill::test::send_durable;

namespace {
json entry(uint64_t pos, const std::string& client, uint64_t seq, const std::string& chain) {
  json e = {{"pos", pos},   {"client_id", client},         {"seq", seq},
            {"agent", "a"}, {"accepted_at", "2026-12-01"}, {"op", partner(client + std::to_string(seq))}};
  if (!chain.empty()) e["chain"] = chain;
  return e;
}
std::string answer(uint64_t acked, const json& ops) { return json{{"acked_seq", acked}, {"ops", ops}}.dump(); }
}  // namespace

TEST(Chains, EachConfirmedOpKeepsItsChainAndTheNextRequestSendsTheOneAtTheCursor) {
  Device d("chain-send");
  d.loop.sync_now(true);
  EXPECT_FALSE(json::parse(d.transport.bodies.back()).contains("chain"));  // nothing confirmed yet
  d.transport.answers.back()(200, answer(0, {entry(1, "x", 1, "0a"), entry(2, "x", 2, "0b")}));
  EXPECT_EQ(d.ws.cursor_chain(), "0b");
  d.make(partner("mine"));
  send_durable(d);
  json sent = json::parse(d.transport.bodies.back());
  EXPECT_EQ(sent["cursor"], 2u);
  EXPECT_EQ(sent["chain"], "0b");
}

TEST(Chains, AnOpFromAServerBeforeChainsLeavesTheChainUnknownAndNoneIsSent) {
  Device d("chain-none");
  d.loop.sync_now(true);
  d.transport.answers.back()(200, answer(0, {entry(1, "x", 1, "0a"), entry(2, "x", 2, "")}));
  EXPECT_EQ(d.ws.cursor_chain(), "");
  d.make(partner("mine"));
  send_durable(d);
  EXPECT_FALSE(json::parse(d.transport.bodies.back()).contains("chain"));
}

TEST(Chains, AnAnswerWithAMalformedChainIsRefusedAndChangesNothing) {
  for (const json& chain : {json("XYZ"), json(""), json(std::string(65, 'a')), json(7)}) {
    Workspace ws("dev1", true);
    json e = entry(1, "x", 1, "");
    e["chain"] = chain;
    SyncOutcome out;
    auto err = apply_sync_response(ws, 200, answer(0, json::array({e})), 0, out);
    ASSERT_TRUE(err) << chain;
    EXPECT_NE(err->find("'chain'"), std::string::npos) << *err;
    EXPECT_EQ(ws.confirmed_count(), 0u);
  }
}

TEST(Chains, ARefusalGivesTheServersChainsAtAFewPositions) {
  Device d("chain-refusal");
  d.make(partner("a"));
  send_durable(d);
  d.transport.answers.back()(
      409,
      R"({"error":"restored","reason":"server_behind","head":9,"acked_seq":1,"chains":[[4,"0d"],[3,"0c"],[2,"BAD"],[1,"01"]]})");
  ASSERT_TRUE(d.loop.server_behind());
  ASSERT_TRUE(d.loop.behind().chains);
  // A malformed entry is left out: it could only lower what the device keeps.
  EXPECT_EQ(*d.loop.behind().chains, (PositionChains{{4, "0d"}, {3, "0c"}, {1, "01"}}));
}

TEST(Chains, ARefusalFromAServerBeforeChainsGivesNone) {
  Device d("chain-old");
  make_one_and_be_refused_as_behind(d, 3);
  ASSERT_TRUE(d.loop.server_behind());
  EXPECT_FALSE(d.loop.behind().chains);
}

TEST(Chains, TheChainIsStoredWithEachOpAndReadBackAtTheNextStart) {
  Device d("chain-stored");
  d.loop.sync_now(true);
  d.transport.answers.back()(200, answer(0, {entry(1, "x", 1, "0a"), entry(2, "y", 1, "0b")}));
  while (!d.durability.waiting.empty()) d.durability.complete();
  ASSERT_FALSE(d.store.write_meta(d.meta));  // written with the first op of this device otherwise
  Workspace back("dev1", true);
  StoredWorkspace m;
  auto err = d.store.load(back, m, "");
  ASSERT_FALSE(err) << *err;
  EXPECT_EQ(back.confirmed_count(), 2u);
  EXPECT_EQ(back.cursor_chain(), "0b");
  std::vector<Envelope> all;
  ASSERT_FALSE(d.store.read_all_confirmed(m, all));
  EXPECT_EQ(all[0].chain, "0a");
}

TEST(Chains, AStartFromASnapshotWithNoOpAfterItTakesTheChainArchivingRecorded) {
  Device d("chain-snapshot");
  d.loop.sync_now(true);
  json ops = json::array();
  for (uint64_t p = 1; p <= JournalStore::kSegmentOps; ++p) ops.push_back(entry(p, "x", p, p == 1024 ? "0f" : "01"));
  d.transport.answers.back()(200, answer(0, ops));
  while (!d.durability.waiting.empty()) d.durability.complete();
  std::string snap = save_snapshot(d.ws.confirmed_state(), d.ws.confirmed_count());
  // Archived: the one segment goes cold, the snapshot stands for it.
  std::string cold = d.dir + "-cold";
  std::filesystem::create_directories(cold);
  std::string seg;
  ASSERT_FALSE(d.store.read_segment(0, seg));
  ASSERT_FALSE(write_file_atomic(cold + "/" + JournalStore::segment_name(0), seg));
  ASSERT_FALSE(d.store.mark_archived(d.meta, 1, 1024, d.ws.cursor_chain()));
  JournalStore again(d.dir, cold);
  Workspace back("dev1", true);
  StoredWorkspace m;
  ASSERT_FALSE(again.load(back, m, snap));
  EXPECT_EQ(again.snapshot_covered(), 1024u);
  EXPECT_EQ(back.cursor_chain(), "0f");
  std::filesystem::remove_all(cold);
}

TEST(Chains, AChainDamagedInStorageIsNotSentAndTheCursorIsComparedAlone) {
  // Sent back, a damaged chain would be refused (400) with every request, and nothing would go.
  Device d("chain-damaged");
  d.loop.sync_now(true);
  d.transport.answers.back()(200, answer(0, json::array({entry(1, "x", 1, "0a")})));
  while (!d.durability.waiting.empty()) d.durability.complete();
  ASSERT_FALSE(d.store.write_meta(d.meta));
  std::string seg;
  ASSERT_FALSE(d.store.read_segment(0, seg));
  seg.replace(seg.find("\"0a\""), 4, "\"NOT HEX\"");
  ASSERT_FALSE(write_file_atomic(d.dir + "/" + JournalStore::segment_name(0), seg));
  Workspace back("dev1", true);
  StoredWorkspace m;
  ASSERT_FALSE(d.store.load(back, m, ""));
  EXPECT_EQ(back.cursor_chain(), "NOT HEX");
  json sent = json::parse(make_sync_request(back, "w", 0).body);
  EXPECT_EQ(sent["cursor"], 1u);
  EXPECT_FALSE(sent.contains("chain"));
}
