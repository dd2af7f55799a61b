// The largest op the server stores (docs/sync.md, "Limits"): 16 000 bytes of compact JSON. An op
// over it could never be shared, and one stored pending before this rule (an import) stopped the
// device's sync for good: the server refused the request with 413, the device retried it every
// minute, and none of the work after it ever reached the server.
#include <gtest/gtest.h>

#include "core/refused.h"
#include "core/text_limits.h"
#include "core/text_template.h"
#include "sync/device_harness.h"

using namespace deskbill;
using deskbill::test::Device;
using deskbill::test::partner;
using deskbill::test::send_durable;

namespace {
// A customer with an extra member the fold does not read (an import from another tool).
json customer_with_notes(const std::string& id, size_t bytes) {
  return {{"kind", "partner.create"}, {"id", id}, {"name", "Acme"}, {"notes", std::string(bytes, 'x')}};
}

std::string too_large_answer(uint64_t seq) {
  return json{{"error", "ops[0] is larger than 16000 bytes"}, {"reason", "op_too_large"}, {"seq", seq}}.dump();
}
}  // namespace

TEST(OpSize, AnOpLargerThanTheServerTakesIsRefusedWhenMadeInASharedWorkspace) {
  Workspace ws("dev1", true);
  ApplyResult r = ws.submit(customer_with_notes("a", kMaxOpBytes));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, "op_too_large");
  EXPECT_NE(r->message.find("16000"), std::string::npos) << r->message;
  EXPECT_TRUE(ws.pending().empty());
  EXPECT_EQ(ws.state().partners.size(), 0u);
}

TEST(OpSize, AnOpLargerThanTheServerTakesIsRefusedInALocalWorkspaceThatMayBePublished) {
  Workspace ws("dev1", false);
  ApplyResult r = ws.submit(customer_with_notes("a", kMaxOpBytes));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, "op_too_large");
  EXPECT_EQ(ws.confirmed_count(), 0u);
}

TEST(OpSize, AnOpJustUnderTheLimitIsTaken) {
  Workspace ws("dev1", true);
  json op = customer_with_notes("a", 0);
  size_t room = kMaxOpBytes - op.dump().size();
  EXPECT_FALSE(ws.submit(customer_with_notes("a", room)));
  EXPECT_FALSE(ws.submit(customer_with_notes("b", room)));
  EXPECT_TRUE(ws.submit(customer_with_notes("c", room + 1)));
  EXPECT_EQ(ws.pending().size(), 2u);
}

TEST(OpSize, AStandInForAnOpTooLargeFitsTheLimitAndNamesWhatWasLeftOut) {
  json big = customer_with_notes("a", 40000);
  json stand_in = wrap_refused(big, "too large");
  EXPECT_LE(stand_in.dump().size(), kMaxOpBytes);
  EXPECT_EQ(unwrap_refused(stand_in)["id"], "a");
  EXPECT_EQ(unwrap_refused(stand_in)["name"], "Acme");
  EXPECT_FALSE(unwrap_refused(stand_in).contains("notes"));
  EXPECT_EQ(stand_in["left_out"], json::array({"notes"}));
  // A small op is kept whole, as before.
  EXPECT_EQ(unwrap_refused(wrap_refused(partner("b"), "x")), partner("b"));
  EXPECT_FALSE(wrap_refused(partner("b"), "x").contains("left_out"));
}

namespace {
// A device whose journal holds, pending, `first` and then customer "b", both durable.
void load_pending(Device& d, const json& first) {
  std::vector<PendingOp> pending = {{1, first}, {2, partner("b")}};
  d.ws.load({}, pending, 3);
  d.pipeline.loaded(d.ws);
  d.loop.schedule(0);  // as a start does
}
// The next request, once a stand-in to be made is made and stored.
json next_request(Device& d) {
  send_durable(d);
  send_durable(d);
  return json::parse(d.transport.bodies.back());
}
}  // namespace

TEST(OpSize, APendingOpLargerThanTheServerTakesGoesAsAStandInAndTheWorkAfterItGoesToo) {
  Device d("op-too-large");
  load_pending(d, customer_with_notes("a", 20000));  // stored by a version that took any size
  send_durable(d);
  // Sent, the server would refuse the request, this one and every later one (413).
  EXPECT_TRUE(d.transport.bodies.empty());
  ASSERT_EQ(d.ws.pending().size(), 2u);
  EXPECT_EQ(d.ws.pending()[0].op["kind"], kRefusedKind);
  EXPECT_EQ(d.ws.pending()[0].op["left_out"], json::array({"notes"}));
  EXPECT_NE(d.loop.last_error().find("too large for the server (20"), std::string::npos) << d.loop.last_error();
  // The status is a template and its numbers, for the UI to translate whole (ui::tr).
  EXPECT_EQ(d.loop.error().text.find("20"), std::string::npos) << d.loop.error().text;
  ASSERT_EQ(d.loop.error().args.size(), 2u);
  EXPECT_EQ(d.loop.error().args[1], std::to_string(kMaxOpBytes));
  EXPECT_EQ(d.loop.last_error(), fill_template(d.loop.error().text, d.loop.error().args));
  json body = next_request(d);
  ASSERT_EQ(body["ops"].size(), 2u);
  EXPECT_EQ(body["ops"][0]["op"]["kind"], kRefusedKind);
  EXPECT_LE(body["ops"][0]["op"].dump().size(), kMaxOpBytes);
  EXPECT_EQ(body["ops"][1]["op"]["id"], "b");
}

TEST(OpSize, TheOpsBeforeAnOpTooLargeGoFirst) {
  Device d("op-too-large-after");
  std::vector<PendingOp> pending = {{1, partner("a")}, {2, customer_with_notes("c", 20000)}};
  d.ws.load({}, pending, 3);
  d.pipeline.loaded(d.ws);
  d.loop.schedule(0);
  send_durable(d);
  ASSERT_EQ(d.ops_in_last_request(), 1u);
  d.transport.answers.back()(200, R"({"acked_seq":1,"ops":[]})");
  json body = next_request(d);  // the stand-in, once stored
  EXPECT_EQ(d.ws.pending()[0].op["kind"], kRefusedKind);
  ASSERT_EQ(body["ops"].size(), 1u);
  EXPECT_EQ(body["ops"][0]["seq"], 2);
  EXPECT_EQ(body["ops"][0]["op"]["kind"], kRefusedKind);
}

TEST(OpSize, AnOpTheServerRefusesAsTooLargeStandsInTheInboxAndTheWorkAfterItGoes) {
  Device d("op-too-large-server");
  // Under the limit as the device writes it; a server that counts otherwise refuses it.
  load_pending(d, customer_with_notes("a", 100));
  send_durable(d);
  ASSERT_EQ(d.ops_in_last_request(), 2u);
  d.transport.answers.back()(413, too_large_answer(1));
  ASSERT_EQ(d.ws.pending().size(), 2u);
  EXPECT_EQ(d.ws.pending()[0].op["kind"], kRefusedKind);
  EXPECT_EQ(unwrap_refused(d.ws.pending()[0].op), customer_with_notes("a", 100));
  EXPECT_NE(d.loop.last_error().find("too large for the server"), std::string::npos) << d.loop.last_error();
  json body = next_request(d);
  ASSERT_EQ(body["ops"].size(), 2u);
  EXPECT_EQ(body["ops"][0]["op"]["kind"], kRefusedKind);
  EXPECT_EQ(body["ops"][1]["op"]["id"], "b");
}

TEST(OpSize, ARefusalAsTooLargeWithoutASeqIsAPlainError) {
  Device d("op-too-large-plain");
  load_pending(d, customer_with_notes("a", 100));
  send_durable(d);
  d.transport.answers.back()(413, R"({"error":"ops[0] is larger than 16000 bytes","reason":"op_too_large"})");
  EXPECT_EQ(d.ws.pending()[0].op["kind"], "partner.create");  // nothing replaced: it backs off
  EXPECT_NE(d.loop.last_error().find("413"), std::string::npos) << d.loop.last_error();
}

TEST(OpSize, AStandInAnOlderVersionMadeOfAnOpTooLargeIsMadeToFit) {
  Device d("op-too-large-old-stand-in");
  // Refused for its role by a version whose stand-ins kept the whole op.
  json old = {
      {"kind", kRefusedKind}, {"reason", "your role (agent) may not send it"}, {"op", customer_with_notes("a", 20000)}};
  load_pending(d, old);
  json body = next_request(d);
  ASSERT_EQ(body["ops"].size(), 2u);
  EXPECT_LE(body["ops"][0]["op"].dump().size(), kMaxOpBytes);
  EXPECT_EQ(body["ops"][0]["op"]["reason"], "your role (agent) may not send it");
  EXPECT_EQ(body["ops"][0]["op"]["left_out"], json::array({"notes"}));
  EXPECT_EQ(body["ops"][1]["op"]["id"], "b");
}

TEST(OpSize, AStandInOfManyLongishMembersKeepsItsKindAndAWholeReason) {
  json op = {{"kind", "partner.create"}};
  for (int i = 0; i < 40; ++i) op["m" + std::to_string(i)] = std::string(900, 'x');  // none over 1 000 bytes
  // A reason whose 2 000th byte is inside a letter: cut there, the stand-in could not be written.
  std::string reason = std::string(1999, 'a') + "\xC4\x83";
  json stand_in = wrap_refused(op, reason);
  EXPECT_LE(stand_in.dump().size(), kMaxOpBytes);
  EXPECT_EQ(stand_in["op"], json({{"kind", "partner.create"}}));
  EXPECT_EQ(stand_in["reason"], reason);
  EXPECT_EQ(stand_in["left_out"].size(), 40u);
}
