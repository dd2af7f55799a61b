// Re-sending this device's work to a server restored from an older copy (journal/resend.h).
#include "journal/resend.h"

#include <gtest/gtest.h>

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
  ResendPlan p = plan_resend(journal(), pending(), "me", 3, 2);
  ASSERT_EQ(p.error, "");
  ASSERT_EQ(p.kept.size(), 3u);
  EXPECT_EQ(p.kept.back().pos, 3u);
  EXPECT_EQ(p.resent, 2u);
  std::vector<uint64_t> seqs;
  for (const PendingOp& o : p.pending) seqs.push_back(o.seq);
  EXPECT_EQ(seqs, (std::vector<uint64_t>{3, 4, 5}));
  EXPECT_EQ(p.pending[0].op["id"], "me3");
}

TEST(Resend, OtherDevicesOpsAfterTheHeadAreLeftForThemToResend) {
  ResendPlan p = plan_resend(journal(), pending(), "me", 3, 2);
  for (const PendingOp& o : p.pending) EXPECT_NE(o.op["id"], "ana2");
}

TEST(Resend, PlanningAgainAfterACrashHalfWayGivesTheSamePlan) {
  ResendPlan first = plan_resend(journal(), pending(), "me", 3, 2);
  // The pending file was written, the segments were not rewritten.
  ResendPlan again = plan_resend(journal(), first.pending, "me", 3, 2);
  ASSERT_EQ(again.error, "");
  ASSERT_EQ(again.pending.size(), first.pending.size());
  for (size_t i = 0; i < again.pending.size(); ++i) EXPECT_EQ(again.pending[i].seq, first.pending[i].seq);
}

TEST(Resend, OpsThatWouldNotFollowWhatTheServerHoldsAreNotPlanned) {
  ResendPlan p = plan_resend(journal(), pending(), "me", 3, 1);  // the server says it holds only me 1
  EXPECT_NE(p.error.find("do not follow"), std::string::npos);
  EXPECT_TRUE(p.pending.empty());
  EXPECT_TRUE(p.kept.empty());
}
