// Re-sending this device's work to a server restored from an older copy (journal/resend.h).
#include "journal/resend.h"

#include <gtest/gtest.h>

#include "ui/i18n.h"

using namespace deskbill;
using nlohmann::json;

namespace {
Envelope at(uint64_t pos, const std::string& client, uint64_t seq) {
  Envelope e;
  e.pos = pos;
  e.client = client;
  e.seq = seq;
  e.op = {{"kind", "partner.create"}, {"id", client + std::to_string(seq)}, {"name", "P"}};
  return e;
}

// Positions 1..6: me 1, ana 1, me 2 | the server lost 4..6: me 3, ana 2, me 4.
std::vector<Envelope> journal() {
  return {at(1, "me", 1), at(2, "ana", 1), at(3, "me", 2), at(4, "me", 3), at(5, "ana", 2), at(6, "me", 4)};
}
std::vector<PendingOp> pending() { return {{5, {{"kind", "partner.create"}, {"id", "me5"}, {"name", "P"}}}}; }
}  // namespace

TEST(Resend, OwnOpsAfterTheServersHeadBecomePendingUnderTheirSeqsBeforeThePendingOnes) {
  ResendPlan p = plan_resend(journal(), pending(), "me", {3, 2, {}});
  ASSERT_TRUE(p.error.empty()) << p.error.filled();
  ASSERT_EQ(p.kept.size(), 3u);
  EXPECT_EQ(p.kept.back().pos, 3u);
  EXPECT_EQ(p.resent, 2u);
  std::vector<uint64_t> seqs;
  for (const PendingOp& o : p.pending) seqs.push_back(o.seq);
  EXPECT_EQ(seqs, (std::vector<uint64_t>{3, 4, 5}));
  EXPECT_EQ(p.pending[0].op["id"], "me3");
}

TEST(Resend, OtherDevicesOpsAfterTheHeadAreLeftForThemToResend) {
  ResendPlan p = plan_resend(journal(), pending(), "me", {3, 2, {}});
  for (const PendingOp& o : p.pending) EXPECT_NE(o.op["id"], "ana2");
}

TEST(Resend, PlanningAgainAfterACrashHalfWayGivesTheSamePlan) {
  ResendPlan first = plan_resend(journal(), pending(), "me", {3, 2, {}});
  // The pending file was written, the segments were not rewritten.
  ResendPlan again = plan_resend(journal(), first.pending, "me", {3, 2, {}});
  ASSERT_TRUE(again.error.empty()) << again.error.filled();
  ASSERT_EQ(again.pending.size(), first.pending.size());
  for (size_t i = 0; i < again.pending.size(); ++i) EXPECT_EQ(again.pending[i].seq, first.pending[i].seq);
}

// The fault simulation with devices restored from an older copy (ADeviceRestoredFrom…, seed 43):
// the device's copy held its ops 3 and 4 pending, and its lost future's ops 3 and 4 (others)
// came back from the server as confirmed. Re-sending kept each seq once, so the pending ones,
// shown Saved, were dropped for the ones taken back.
TEST(Resend, PendingOpsUnderTheSeqsOfOtherOpsTakenBackGoAfterThem) {
  json x = {{"kind", "partner.create"}, {"id", "restored-x"}, {"name", "X"}};
  json y = {{"kind", "partner.create"}, {"id", "restored-y"}, {"name", "Y"}};
  std::vector<PendingOp> restored = {{3, x}, {4, y}, pending()[0]};
  ResendPlan p = plan_resend(journal(), restored, "me", {3, 2, {}});
  ASSERT_TRUE(p.error.empty()) << p.error.filled();
  std::vector<std::string> ids;
  std::vector<uint64_t> seqs;
  for (const PendingOp& o : p.pending) ids.push_back(o.op["id"]), seqs.push_back(o.seq);
  EXPECT_EQ(ids, (std::vector<std::string>{"me3", "me4", "restored-x", "restored-y", "me5"}));
  EXPECT_EQ(seqs, (std::vector<uint64_t>{3, 4, 5, 6, 7}));
  // A crash after the pending file was written: planning again gives the same.
  ResendPlan again = plan_resend(journal(), p.pending, "me", {3, 2, {}});
  ASSERT_EQ(again.pending.size(), p.pending.size());
  for (size_t i = 0; i < p.pending.size(); ++i) {
    EXPECT_EQ(again.pending[i].seq, p.pending[i].seq);
    EXPECT_EQ(again.pending[i].op, p.pending[i].op);
  }
}

// The same simulation, seed 67: a server refused seq 24 (seq_taken: it held 24-29 from the
// device's lost future), so the device numbered its ops from 24 on again from 30, and kept 22-23.
// Then the server was restored to before all of them: the pending ops 22, 23, 30… did not follow
// one another and re-sending was refused for good. The gap is closed.
TEST(Resend, AGapBetweenPendingOpsThatTheServerLostSinceIsClosed) {
  json x = {{"kind", "partner.create"}, {"id", "after-gap"}, {"name", "X"}};
  std::vector<PendingOp> with_gap = {pending()[0], {9, x}};
  ResendPlan p = plan_resend(journal(), with_gap, "me", {3, 2, {}});
  ASSERT_TRUE(p.error.empty()) << p.error.filled();
  std::vector<uint64_t> seqs;
  for (const PendingOp& o : p.pending) seqs.push_back(o.seq);
  EXPECT_EQ(seqs, (std::vector<uint64_t>{3, 4, 5, 6}));
  EXPECT_EQ(p.pending[3].op["id"], "after-gap");
}

// Seed 394 of the same simulation: the server refused seq 3 (it held 3-4 from the device's lost
// future), so the device numbered its ops from 5 on; then the server was restored to before seq
// 4, which no one holds now. Re-sending was refused for good. Here the server holds this
// device's seqs up to 4 and the first pending op is 7: it goes as 5.
TEST(Resend, AGapBeforeTheFirstPendingOpThatTheServerLostSinceIsClosed) {
  std::vector<PendingOp> after_gap = {{7, pending()[0].op}};
  ResendPlan p = plan_resend(journal(), after_gap, "me", {6, 4, {}});  // the server holds all 6 positions
  ASSERT_TRUE(p.error.empty()) << p.error.filled();
  ASSERT_EQ(p.pending.size(), 1u);
  EXPECT_EQ(p.pending[0].seq, 5u);
}

TEST(Resend, OpsThatWouldNotFollowWhatTheServerHoldsAreNotPlanned) {
  ResendPlan p = plan_resend(journal(), pending(), "me", {3, 1, {}});  // the server says it holds only me 1
  EXPECT_NE(p.error.filled().find("do not follow"), std::string::npos);
  EXPECT_TRUE(p.pending.empty());
  EXPECT_TRUE(p.kept.empty());
}

// Shown in the UI's language, whole, with its numbers (ResendPlan::error is a TextTemplate).
TEST(Resend, WhyOpsCannotBeReSentIsTranslatedWithTheirNumbers) {
  ResendPlan p = plan_resend(journal(), pending(), "me", {3, 1, {}});
  ui::set_lang(ui::Lang::Ro);
  EXPECT_EQ(ui::tr(p.error),
            "Munca acestui dispozitiv nu a putut fi retrimisă: operațiile sale nu urmează ce are serverul (operația 3 "
            "după 1). Exportați o copie de siguranță și cereți ajutorul administratorului.");
  ui::set_lang(ui::Lang::En);
  EXPECT_EQ(ui::tr(p.error),
            "Could not re-send this device's work: its operations do not follow what the server holds (op 3 after "
            "1). Export a backup and ask the administrator.");
}

namespace {
// The same journal as the server gave it, each op with its chain ("c1".."c6").
std::vector<Envelope> chained() {
  std::vector<Envelope> j = journal();
  for (Envelope& e : j) e.chain = "c" + std::to_string(e.pos);
  return j;
}
}  // namespace

TEST(Resend, KeepsTheHighestPositionWhoseChainTheServerGaveAndThisDeviceHolds) {
  // The server was restored to position 3 and others' ops took 4..6 again: its chains differ there.
  ServerBehind server{6, 2, PositionChains{{6, "x6"}, {5, "x5"}, {3, "c3"}}};
  EXPECT_EQ(shared_positions(chained(), server), 3u);
  ResendPlan p = plan_resend(chained(), pending(), "me", server);
  ASSERT_TRUE(p.error.empty()) << p.error.filled();
  EXPECT_EQ(p.kept.size(), 3u);
  std::vector<uint64_t> seqs;
  for (const PendingOp& o : p.pending) seqs.push_back(o.seq);
  EXPECT_EQ(seqs, (std::vector<uint64_t>{3, 4, 5}));
}

TEST(Resend, OwnOpsTheServerSaidItHoldsAreSentAgainWhenLessIsKept) {
  // The chains given match at 2 only (the server gives a few positions): the device keeps 1..2.
  // Its op at 3 (me 2) was on the server when it said so (acked_seq 2), but the server may have
  // been restored again since: it goes again, and a server that holds it takes it as a retry.
  ServerBehind server{6, 2, PositionChains{{6, "x6"}, {5, "x5"}, {2, "c2"}}};
  ResendPlan p = plan_resend(chained(), pending(), "me", server);
  ASSERT_TRUE(p.error.empty()) << p.error.filled();
  EXPECT_EQ(p.kept.size(), 2u);
  std::vector<uint64_t> seqs;
  for (const PendingOp& o : p.pending) seqs.push_back(o.seq);
  EXPECT_EQ(seqs, (std::vector<uint64_t>{2, 3, 4, 5}));
  EXPECT_EQ(p.resent, 2u);  // 3 and 4: the ones the server said it lost
}

TEST(Resend, NoChainInCommonKeepsNothingAndSendsEveryOwnOpAgain) {
  ServerBehind server{6, 2, PositionChains{{6, "x6"}, {5, "x5"}, {3, "x3"}}};
  ResendPlan p = plan_resend(chained(), pending(), "me", server);
  ASSERT_TRUE(p.error.empty()) << p.error.filled();
  EXPECT_TRUE(p.kept.empty());
  EXPECT_EQ(p.pending.front().seq, 1u);
}

TEST(Resend, AChainThisDeviceDoesNotKnowIsNotTakenForShared) {
  // Ops stored before chains have none: an empty chain is never equal to the server's.
  ServerBehind server{6, 2, PositionChains{{3, ""}, {1, ""}}};
  EXPECT_EQ(shared_positions(journal(), server), 0u);
}

TEST(Resend, AServerBeforeChainsIsTakenAtItsHead) {
  EXPECT_EQ(shared_positions(chained(), ServerBehind{3, 2, std::nullopt}), 3u);
}

namespace {
// A workspace "pub" published (positions 1-3: no acceptance date), then my op and ana's.
std::vector<Envelope> published_journal() {
  std::vector<Envelope> j = {at(1, "pub", 1), at(2, "pub", 2), at(3, "pub", 3), at(4, "me", 1), at(5, "ana", 1)};
  for (size_t i = 3; i < j.size(); ++i) j[i].accepted_at = "2026-11-20";
  return j;
}
}  // namespace

// The fault simulation's publishing run, restored to before the whole publication (seed 17):
// the other devices re-sent their work first. The server held it as its first ops, before the
// records it names, and refused the publisher's re-sent publication for good ("not empty").
TEST(Resend, AnotherDevicesPublicationTheServerLostGoesFirst) {
  for (uint64_t head : {0u, 2u}) {
    ResendPlan p = plan_resend(published_journal(), {}, "me", {head, 0, {}});
    EXPECT_TRUE(p.wait_for_publisher) << head;
    EXPECT_NE(p.error.filled().find("publication"), std::string::npos);
    EXPECT_TRUE(p.pending.empty());
  }
}

TEST(Resend, OnceThePublisherReSentItTheDevicesWorkGoes) {
  ResendPlan p = plan_resend(published_journal(), {}, "me", {3, 0, {}});
  ASSERT_TRUE(p.error.empty()) << p.error.filled();
  EXPECT_FALSE(p.wait_for_publisher);
  ASSERT_EQ(p.pending.size(), 1u);
  EXPECT_EQ(p.pending[0].op["id"], "me1");
}

// The publisher itself never waits: its publication is its own work, re-sent first.
TEST(Resend, ThePublisherReSendsItsPublication) {
  ResendPlan p = plan_resend(published_journal(), {}, "pub", {0, 0, {}});
  ASSERT_TRUE(p.error.empty()) << p.error.filled();
  ASSERT_EQ(p.pending.size(), 3u);
  EXPECT_EQ(p.pending[0].seq, 1u);
}
