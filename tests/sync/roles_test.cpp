// Roles (docs/sync.md): the server refuses an op its sender's role may not send; the device keeps
// the op's place as a stand-in that every fold rejects, so nothing the user made is lost and
// nothing after it is blocked; the role the server names is what the app disables actions by.
#include "sync/roles.h"

#include <gtest/gtest.h>

#include "core/describe.h"
#include "core/refused.h"
#include "sync/device_harness.h"

using namespace deskbill;
using deskbill::test::Device;
using deskbill::test::partner;
using deskbill::test::send_durable;

namespace {
// A billing op (an agent may not send it) that folds on a workspace holding partner "a".
json new_order() { return {{"kind", "order.create"}, {"id", "o1"}, {"partner", "a"}}; }

std::string refused_answer(uint64_t seq, const std::string& kind) {
  return json{{"error", "role 'agent' may not send '" + kind + "' (it needs billing); nothing was stored"},
              {"refused", {{"seq", seq}, {"kind", kind}, {"role", "agent"}, {"needs", "billing"}}},
              {"role", "agent"}}
      .dump();
}
}  // namespace

TEST(Roles, EveryKindTheCoreKnowsHasARoleAndTheLadderIsAgentBillingAdmin) {
  for (const std::string& kind : op_kinds()) EXPECT_TRUE(may_send(Role::Admin, kind)) << kind;
  EXPECT_TRUE(may_send(Role::Agent, "timesheet.log"));
  EXPECT_TRUE(may_send(Role::Agent, "ticket.create"));
  EXPECT_FALSE(may_send(Role::Agent, "order.create"));
  EXPECT_TRUE(may_send(Role::Billing, "invoice.pay"));
  EXPECT_FALSE(may_send(Role::Billing, "product.create"));
  EXPECT_FALSE(may_send(Role::Billing, "some.future_kind"));
  EXPECT_TRUE(may_send(Role::Agent, kRefusedKind));
}

TEST(Roles, ARefusedOpKeepsItsPlaceAsAStandInAndIsNotSentBeforeItIsStored) {
  Device d("refused");
  d.make(partner("a"));  // seq 1
  d.make(new_order());   // seq 2: this agent may not
  d.make(partner("b"));  // seq 3
  send_durable(d);
  ASSERT_EQ(d.ops_in_last_request(), 3u);
  d.transport.answers.back()(403, refused_answer(2, "order.create"));
  EXPECT_EQ(d.loop.refused_ops(), 1u);
  ASSERT_EQ(d.ws.pending().size(), 3u);
  EXPECT_EQ(d.ws.pending()[1].seq, 2u);
  EXPECT_EQ(d.ws.pending()[1].op["kind"], kRefusedKind);
  EXPECT_EQ(d.ws.pending()[1].op["op"], new_order());  // the work as the user made it
  EXPECT_EQ(d.loop.role(), Role::Agent);
  // Until the stand-in is stored, only what is before it may go.
  EXPECT_EQ(d.pipeline.durable_seq(), 1u);
  d.now += SyncLoop::kMoreMs + 1;
  d.loop.tick(true);
  EXPECT_EQ(d.ops_in_last_request(), 1u);
  d.transport.answers.back()(200, R"({"acked_seq":1,"ops":[]})");
  send_durable(d);
  json body = json::parse(d.transport.bodies.back());
  ASSERT_EQ(body["ops"].size(), 2u);
  EXPECT_EQ(body["ops"][0]["seq"], 2);
  EXPECT_EQ(body["ops"][0]["op"]["kind"], kRefusedKind);
  EXPECT_EQ(body["ops"][1]["op"]["id"], "b");
}

TEST(Roles, AStandInIsStoredWhereTheOpWas) {
  Device d("refused-stored");
  d.make(partner("a"));
  d.make(new_order());
  send_durable(d);
  d.transport.answers.back()(403, refused_answer(2, "order.create"));
  while (!d.durability.waiting.empty()) d.durability.complete();
  std::vector<PendingOp> back;
  ASSERT_FALSE(d.store.read_pending(back));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].op["kind"], kRefusedKind);
}

TEST(Roles, EveryFoldRecordsAStandInAsRejectedDescribingTheOriginalOp) {
  State s;
  ApplyResult r =
      deskbill::apply(s, wrap_refused({{"kind", "timesheet.log"}, {"id", "t"}, {"hours", "4"}, {"date", "2026-11-20"}},
                                      "role 'agent' may not send 'invoice.post'"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, "refused_by_server");
  EXPECT_NE(r->message.find("Refused by the server: role 'agent'"), std::string::npos);
  EXPECT_EQ(describe_op(s, wrap_refused({{"kind", "timesheet.log"}, {"hours", "4"}, {"date", "2026-11-20"}}, "x")),
            "Timesheet 2026-11-20, 4:00 h");
}

TEST(Roles, ARefusalOfAnOpAlreadyReplacedIsNotReplacedTwice) {
  Workspace ws("dev1", true);
  ASSERT_FALSE(ws.submit(partner("a")));
  ASSERT_FALSE(ws.submit(new_order()));
  EXPECT_TRUE(ws.replace_refused(2, "no"));
  EXPECT_FALSE(ws.replace_refused(2, "no"));
  EXPECT_FALSE(ws.replace_refused(7, "no"));
}

TEST(Roles, TheAnswerNamesTheRoleAndTheServersLastPosition) {
  Device d("head");
  d.loop.sync_now(true);
  d.transport.answers.back()(200, R"({"acked_seq":0,"cursor":0,"head":1000000,"role":"billing","ops":[]})");
  EXPECT_EQ(d.loop.role(), Role::Billing);
  EXPECT_EQ(d.loop.server_head(), 1000000u);
}

TEST(ServerBehind, ADeviceAheadOfARestoredServerStopsSyncingAndSaysWhy) {
  Device d("behind");
  make_one_and_be_refused_as_behind(d, 3);
  EXPECT_TRUE(d.loop.server_behind());
  EXPECT_EQ(d.loop.behind().head, 3u);
  EXPECT_NE(d.loop.last_error().find("restored from an older copy"), std::string::npos);
  size_t sent = d.transport.bodies.size();
  d.now += SyncLoop::kMaxBackoffMs * 2;
  d.loop.tick(true);
  EXPECT_EQ(d.transport.bodies.size(), sent);  // nothing is sent until the user chooses
  EXPECT_EQ(d.ws.pending().size(), 1u);        // and nothing is dropped
}

// A re-send that waits for the publisher (ResendPlan::wait_for_publisher) would be planned again
// from the head the refusal gave, which does not grow while syncing stops: the device waited for
// good (the fault simulation's publishing run). It asks the server again, which says how far it
// is now.
TEST(ServerBehind, ADeviceWaitingForThePublisherAsksTheServerAgainLater) {
  Device d("waits");
  make_one_and_be_refused_as_behind(d, 3);
  ASSERT_TRUE(d.loop.server_behind());
  d.loop.ask_again(SyncLoop::kAskAgainMs, {"waiting for the publisher", {}});
  EXPECT_FALSE(d.loop.server_behind());
  EXPECT_EQ(d.loop.last_error(), "waiting for the publisher");
  size_t sent = d.transport.bodies.size();
  d.now += SyncLoop::kAskAgainMs;
  d.loop.tick(true);
  ASSERT_EQ(d.transport.bodies.size(), sent + 1);
  d.transport.answers.back()(409, R"({"error":"restored","reason":"server_behind","head":40,"acked_seq":0})");
  EXPECT_EQ(d.loop.behind().head, 40u);
  EXPECT_EQ(d.ws.pending().size(), 1u);
}
