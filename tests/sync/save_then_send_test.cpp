// Save, then send; an answer checked before it is applied; batches that never stick; the save
// pipeline's promises. Natively and in wasm, with storage and a network that do what they are
// told.
#include <gtest/gtest.h>

#include "journal/record_ids.h"
#include "journal/resend.h"
#include "sync/device_harness.h"

using namespace deskbill;

using deskbill::test::Device;
using deskbill::test::partner;
using deskbill::test::send_durable;

namespace {
// "Re-send my work", as WebHost::resend does it: the re-sent layout stored, attached and
// recorded; the loop sends once the flush after it completes. Null (and a failure) if refused.
std::unique_ptr<Workspace> resend(Device& d, const ServerBehind& server) {
  Resent r = resend_stored(d.store, d.meta, d.ws, server);
  EXPECT_TRUE(r.ws) << r.problem.filled();
  if (!r.ws) return nullptr;
  d.loop.attach(r.ws.get(), &d.pipeline);
  d.loop.configure("/api/sync", "w", "t");
  d.pipeline.layout_replaced(*r.ws, r.first_seq);
  d.loop.schedule(0);
  return std::move(r.ws);
}
}  // namespace

TEST(SaveThenSend, AnOpIsNotSentBeforeItIsDurable) {
  Device d("not-durable");
  d.make(partner("a"));
  d.loop.sync_now(true);
  ASSERT_EQ(d.transport.bodies.size(), 1u);
  EXPECT_EQ(d.ops_in_last_request(), 0u);  // it may only fetch
}

TEST(SaveThenSend, AnOpIsSentOnceItsFlushCompleted) {
  Device d("durable");
  d.make(partner("a"));
  d.durability.complete();
  EXPECT_EQ(d.pipeline.status().state, SaveState::Saved);
  d.now += SyncLoop::kMoreMs;
  d.loop.tick(true);
  ASSERT_EQ(d.transport.bodies.size(), 1u);
  EXPECT_EQ(d.ops_in_last_request(), 1u);
}

TEST(SaveThenSend, TheCounterIsStoredWithTheOpThatUsedIt) {
  Device d("counter");
  d.make(partner("a"));
  d.make(partner("b"));
  StoredWorkspace back;
  ASSERT_FALSE(d.store.read_meta(back));
  EXPECT_EQ(back.next_seq, 3u);
}

TEST(SaveThenSend, AReadOnlyTabNeverWritesNorFlushes) {
  Device d("read-only");
  d.pipeline.set_read_only(true);
  ASSERT_FALSE(d.ws.submit(partner("a")));
  d.pipeline.record(d.ws, {}, 0);
  d.pipeline.flush();
  EXPECT_EQ(d.durability.calls, 0);
  EXPECT_FALSE(d.store.exists());
  EXPECT_EQ(d.pipeline.status().state, SaveState::NotSaved);
}

TEST(SavePipeline, AFailedFlushIsNotSavedAndIsRetried) {
  Device d("retry");
  d.make(partner("a"));
  d.durability.complete("QuotaExceededError");
  EXPECT_EQ(d.pipeline.status().state, SaveState::NotSaved);
  EXPECT_EQ(d.pipeline.durable_seq(), 0u);
  d.now += SavePipeline::kRetryMs;
  d.pipeline.tick(d.ws);
  ASSERT_EQ(d.durability.waiting.size(), 1u);
  d.durability.complete();
  EXPECT_EQ(d.pipeline.status().state, SaveState::Saved);
  EXPECT_EQ(d.pipeline.durable_seq(), 1u);
}

TEST(SavePipeline, AFlushThatNeverAnswersTimesOutAndIsRetried) {
  Device d("silent");
  d.make(partner("a"));
  d.now += SavePipeline::kFlushTimeoutMs + 1;
  d.pipeline.tick(d.ws);
  EXPECT_EQ(d.pipeline.status().state, SaveState::NotSaved);
  d.durability.complete();  // the lost attempt answering late changes nothing
  EXPECT_EQ(d.pipeline.durable_seq(), 0u);
  d.now += SavePipeline::kRetryMs;
  d.pipeline.tick(d.ws);
  d.durability.complete();
  EXPECT_EQ(d.pipeline.status().state, SaveState::Saved);
}

TEST(SyncAnswer, ANegativeAckIsRefusedAndDropsNothing) {
  Workspace ws("dev1", true);
  ASSERT_FALSE(ws.submit(partner("a")));
  SyncOutcome out;
  auto err = apply_sync_response(ws, 200, R"({"acked_seq":-1,"cursor":0,"ops":[]})", 1, out);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("acked_seq"), std::string::npos);
  EXPECT_EQ(ws.pending().size(), 1u);
}

TEST(SyncAnswer, AWrongTypedFieldIsNamed) {
  Workspace ws("dev1", true);
  SyncOutcome out;
  auto err = apply_sync_response(ws, 200, R"({"acked_seq":0,"ops":[{"pos":1,"client_id":7,"seq":1,"op":{}}]})", 0, out);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("ops[0]: 'client_id' is not text"), std::string::npos);
  EXPECT_EQ(ws.confirmed_count(), 0u);
}

TEST(SyncAnswer, AnAckBeyondWhatWasSentKeepsTheUnsentOpsPendingUnderTheirSeqs) {
  // The server holds seqs 1..3 of this client id; this tab sent only seq 1. Seqs 2 and 3 may be
  // these very ops (a tab that crashed sent them) or others (restored storage): they stay
  // pending and go again, and the server takes them as a retry or refuses them (seq_taken).
  Workspace ws("dev1", true);
  ASSERT_FALSE(ws.submit(partner("a")));
  ASSERT_FALSE(ws.submit(partner("b")));
  ASSERT_FALSE(ws.submit(partner("c")));
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, R"({"acked_seq":3,"cursor":0,"head":3,"ops":[]})", 1, out));
  ASSERT_EQ(ws.pending().size(), 3u);
  EXPECT_TRUE(ws.pending()[0].stored());  // seq 1 waits to come back
  EXPECT_FALSE(ws.pending()[1].stored());
  EXPECT_EQ(ws.pending()[1].seq, 2u);
  EXPECT_EQ(ws.pending()[2].seq, 3u);
  EXPECT_EQ(ws.next_seq(), 4u);
  EXPECT_EQ(json::parse(make_sync_request(ws, "w", 3).body)["ops"].size(), 2u);
}

// An answer carries at most 2 000 ops: a device far behind has its ops acknowledged before they
// come back. The server was then restored to after the device's cursor but before its ops: the
// chain at the cursor still matched, so nothing said "restored", and ops dropped on their
// acknowledgement were held by no one, shown Saved. They stay pending until they come back, and
// go again when the server's last seq of the device falls below them.
TEST(SyncAnswer, OpsAcknowledgedButNotYetBackGoAgainWhenARestoredServerLostThem) {
  Workspace ws("dev1", true);
  ASSERT_FALSE(ws.submit(partner("a")));
  ASSERT_FALSE(ws.submit(partner("b")));
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, R"({"acked_seq":2,"cursor":0,"head":5000,"ops":[]})", 2, out));
  EXPECT_EQ(json::parse(make_sync_request(ws, "w", 2).body)["ops"].size(), 0u);  // they wait to come back
  // Restored: the server holds none of this device's ops now.
  ASSERT_FALSE(apply_sync_response(ws, 200, R"({"acked_seq":0,"cursor":0,"head":3000,"ops":[]})", 2, out));
  ASSERT_EQ(ws.pending().size(), 2u);
  EXPECT_EQ(json::parse(make_sync_request(ws, "w", 2).body)["ops"].size(), 2u);
  EXPECT_EQ(ws.state().partners.size(), 2u);  // still shown, as pending
}

// A device restored from an older copy sent op "a" as seq 1; its lost future had sent "a" as
// seq 2 and another op as seq 1. The server took "a" as a retry of itself (acknowledged), so
// seq 1 never comes back with "a": it is done once the device has received as far as the server
// held when it acknowledged it, here over two pages.
TEST(SyncAnswer, AnOpTheServerTookAsARetryUnderAnotherSeqIsDoneOnceReceivedThatFar) {
  Workspace ws("dev1", true);
  ASSERT_FALSE(ws.submit(partner("a")));
  SyncOutcome out;
  json page1 = {
      {"acked_seq", 2}, {"head", 2}, {"ops", {{{"pos", 1}, {"client_id", "dev1"}, {"seq", 1}, {"op", partner("x")}}}}};
  ASSERT_FALSE(apply_sync_response(ws, 200, page1.dump(), 1, out));
  ASSERT_EQ(ws.pending().size(), 1u);  // stored, not back yet
  json page2 = {
      {"acked_seq", 2}, {"head", 2}, {"ops", {{{"pos", 2}, {"client_id", "dev1"}, {"seq", 2}, {"op", partner("a")}}}}};
  ASSERT_FALSE(apply_sync_response(ws, 200, page2.dump(), 1, out));
  EXPECT_TRUE(ws.pending().empty());
  EXPECT_EQ(ws.state().partners.size(), 2u);  // x and a, once each
}

// The fault simulation with requests of 3 ops (SmallRequestsAfterACrash…, seed 7): a tab sent
// seqs 8-10 and crashed before its answer; the next tab loaded 5-13 and sent 5-7, answered with
// acked_seq 10. The device took 8-10 for another device's and numbered its 8-13 again from its
// counter, 14: seqs 11-13 were then held by no one, and the server took none of its later ops.
TEST(SyncAnswer, AnAckOfOpsACrashedTabSentNumbersNothingAgainAndLeavesNoSeqUnsent) {
  Workspace ws("dev1", true);
  for (int i = 1; i <= 13; ++i) ASSERT_FALSE(ws.submit(partner("p" + std::to_string(i))));
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, R"({"acked_seq":4,"cursor":0,"head":4,"ops":[]})", 4, out));
  ASSERT_FALSE(apply_sync_response(ws, 200, R"({"acked_seq":10,"cursor":0,"head":10,"ops":[]})", 7, out));
  std::vector<uint64_t> seqs;  // to send (1-7 are stored and wait to come back)
  for (const PendingOp& p : ws.pending())
    if (!p.stored()) seqs.push_back(p.seq);
  EXPECT_EQ(seqs, (std::vector<uint64_t>{8, 9, 10, 11, 12, 13}));
  EXPECT_EQ(ws.pending()[7].op["id"], "p8");
  EXPECT_EQ(ws.next_seq(), 14u);
}

TEST(SyncAnswer, AnOwnOpComingBackWithTheSameContentIsConfirmedAndAnotherStaysPending) {
  Workspace ws("dev1", true);
  ASSERT_FALSE(ws.submit(partner("a")));
  ASSERT_FALSE(ws.submit(partner("b")));
  json back = {{"acked_seq", 2},
               {"ops",
                {{{"pos", 1}, {"client_id", "dev1"}, {"seq", 1}, {"op", partner("a")}},
                 {{"pos", 2}, {"client_id", "dev1"}, {"seq", 2}, {"op", partner("someone else's")}}}}};
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, back.dump(), 0, out));
  ASSERT_EQ(ws.pending().size(), 1u);  // seq 1 is confirmed; seq 2 on the server is another op
  EXPECT_EQ(ws.pending()[0].op["id"], "b");
}

// The fault simulation with devices restored from an older copy (ADeviceRestoredFrom…, seed 35):
// the copy held a ticket pending as seq 6, which the device's lost future had sent numbered
// again as 21. Sent once more as 6, refused (seq_taken) and numbered again, it was stored twice,
// and the second one was refused for its id. It came back as seq 21 with the same content: the
// server holds it, and it is not sent again.
TEST(SyncAnswer, AnOwnOpThatCameBackUnderAnotherSeqIsNotSentAgain) {
  Workspace ws("dev1", true);
  ASSERT_FALSE(ws.submit(partner("a")));  // seq 1, pending
  json back = {{"acked_seq", 2},
               {"cursor", 2},
               {"ops",
                {{{"pos", 1}, {"client_id", "dev1"}, {"seq", 1}, {"op", partner("x")}},
                 {{"pos", 2}, {"client_id", "dev1"}, {"seq", 2}, {"op", partner("a")}}}}};
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, back.dump(), 0, out));
  EXPECT_TRUE(ws.pending().empty());
  EXPECT_EQ(ws.state().partners.size(), 2u);  // x and a, once each
  EXPECT_TRUE(ws.state().rejected.empty());
}

// A device restored from an older copy drops a pending op whose seq the server holds when the same
// content came back under another seq: its lost future sent it numbered again. A change names no
// id of its own, and the same change may be made again on purpose: the name set back to "A" after
// the restore, as the lost future had also done. Without a mark, the two were one op by their
// content, and the later one was dropped: a Saved edit no server held, another agent's "B" left
// in its place. Each tab marks its changes (journal/record_ids.h).
TEST(SyncAnswer, AChangeMadeAgainAfterARestoreIsNotTakenForTheLostFuturesOne) {
  RecordIds lost_future("aaaaaa"), restored("bbbbbb");
  auto set_name = [](RecordIds& tab, const char* name) {
    json op = {{"kind", "partner.update"}, {"id", "x"}, {"name", name}};
    tab.mark_change(op);
    return op;
  };
  Workspace ws("dev1", true);
  ASSERT_FALSE(ws.submit(partner("x")));
  json back_to_a = set_name(restored, "A");
  ASSERT_FALSE(ws.submit(back_to_a));  // seq 2, pending
  json answer = {{"acked_seq", 3},
                 {"cursor", 4},
                 {"ops",
                  {{{"pos", 1}, {"client_id", "dev1"}, {"seq", 1}, {"op", partner("x")}},
                   {{"pos", 2}, {"client_id", "dev1"}, {"seq", 2}, {"op", set_name(lost_future, "Z")}},
                   {{"pos", 3}, {"client_id", "dev1"}, {"seq", 3}, {"op", set_name(lost_future, "A")}},
                   {{"pos", 4}, {"client_id", "dev2"}, {"seq", 1}, {"op", set_name(lost_future, "B")}}}}};
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, answer.dump(), 0, out));
  ASSERT_EQ(ws.pending().size(), 1u);  // still to be sent: seq_taken numbers it again
  EXPECT_EQ(ws.pending()[0].op, back_to_a);
  EXPECT_EQ(ws.state().str(ws.state().partners.rows[0].name), "A");
}

// The same content under another seq confirms only an op whose own seq the server holds: an op
// made again on purpose (the same title set twice) above what the server holds still goes.
TEST(SyncAnswer, AnOpAboveTheServersLastIsSentEvenIfTheSameContentCameBack) {
  Workspace ws("dev1", true);
  json rename = {{"kind", "partner.update"}, {"id", "a"}, {"name", "Renamed"}};
  ASSERT_FALSE(ws.submit(partner("a")));
  ASSERT_FALSE(ws.submit(rename));
  ASSERT_FALSE(ws.submit(rename));  // seq 3
  json back = {{"acked_seq", 2},
               {"cursor", 2},
               {"ops",
                {{{"pos", 1}, {"client_id", "dev1"}, {"seq", 1}, {"op", partner("a")}},
                 {{"pos", 2}, {"client_id", "dev1"}, {"seq", 2}, {"op", rename}}}}};
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, back.dump(), 0, out));
  ASSERT_EQ(ws.pending().size(), 1u);
  EXPECT_EQ(ws.pending()[0].seq, 3u);
}

// The fault simulation with devices restored from an older copy (ADeviceRestoredFrom…, seed 571):
// the copy held pending, above the server's last seq, a timesheet its lost future had sent under
// a lower seq. The server skips the copy (it names itself: an id its device made) and the first
// copy comes back: the device drops its own, which would otherwise be sent for ever (the server
// keeps a device's seqs contiguous), and the hours count once.
TEST(SyncAnswer, APendingCreateAboveTheServersLastIsDroppedWhenItsFirstCopyComesBackUnderAnotherSeq) {
  json logged = {{"kind", "partner.create"}, {"id", "dev1.2.aaaaaa-1"}, {"name", "Acme"}};
  json later = {{"kind", "partner.create"}, {"id", "dev1.3.bbbbbb-1"}, {"name", "Later"}};
  Workspace ws("dev1", true);
  ASSERT_FALSE(ws.submit(partner("x")));  // seq 1: the server holds another op under it
  ASSERT_FALSE(ws.submit(logged));        // seq 2: its lost future sent it as seq 1
  ASSERT_FALSE(ws.submit(later));         // seq 3
  json answer = {{"acked_seq", 1},
                 {"cursor", 1},
                 {"head", 1},
                 {"ops", {{{"pos", 1}, {"client_id", "dev1"}, {"seq", 1}, {"op", logged}}}}};
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, answer.dump(), 0, out));
  std::vector<std::string> left;
  for (const PendingOp& p : ws.pending()) left.push_back(p.op["id"]);
  EXPECT_EQ(left, (std::vector<std::string>{"x", "dev1.3.bbbbbb-1"}));
  EXPECT_EQ(ws.state().partners.size(), 3u);  // Acme once; x and Later pending
}

// The same content back under another seq drops a pending op above the server's last only if it
// names itself: a change without a mark may have been made twice on purpose.
TEST(SyncAnswer, APendingChangeWithoutAMarkAboveTheServersLastIsSentEvenIfTheSameContentCameBack) {
  json rename = {{"kind", "partner.update"}, {"id", "dev1.1.aaaaaa-1"}, {"name", "Renamed"}};
  Workspace ws("dev1", true);
  ASSERT_FALSE(ws.submit({{"kind", "partner.create"}, {"id", "dev1.1.aaaaaa-1"}, {"name", "A"}}));
  ASSERT_FALSE(ws.submit(rename));
  ASSERT_FALSE(ws.submit(rename));  // seq 3
  json back = {{"acked_seq", 2},
               {"cursor", 2},
               {"ops",
                {{{"pos", 1}, {"client_id", "dev1"}, {"seq", 1}, {"op", ws.pending()[0].op}},
                 {{"pos", 2}, {"client_id", "dev1"}, {"seq", 2}, {"op", rename}}}}};
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, back.dump(), 0, out));
  ASSERT_EQ(ws.pending().size(), 1u);
  EXPECT_EQ(ws.pending()[0].seq, 3u);
}

TEST(SyncRefusal, ASeqTakenByAnotherOpIsNumberedAfterTheServersLastAndStoredBeforeItGoes) {
  Device d("seq-taken");
  d.make(partner("a"));
  d.make(partner("b"));
  d.make(partner("c"));
  send_durable(d);
  ASSERT_EQ(d.ops_in_last_request(), 3u);
  d.transport.answers.back()(
      409,
      R"({"error":"op 2 of device 'dev1' was already stored with other content","reason":"seq_taken","seq":2,"acked_seq":4})");
  std::vector<uint64_t> seqs;
  for (const PendingOp& p : d.ws.pending()) seqs.push_back(p.seq);
  EXPECT_EQ(seqs, (std::vector<uint64_t>{1, 5, 6}));  // b and c after the server's last
  EXPECT_EQ(d.ws.pending()[1].op["id"], "b");
  EXPECT_EQ(d.ws.next_seq(), 7u);
  EXPECT_NE(d.loop.last_error().find("numbered again"), std::string::npos);
  // Not sent under the new numbers before they are stored.
  EXPECT_LT(d.pipeline.durable_seq(), 5u);
  send_durable(d);
  EXPECT_EQ(json::parse(d.transport.bodies.back())["ops"].size(), 3u);
}

// The fault simulation with devices restored from an older copy (ADeviceRestoredFrom…, seed 28):
// a tab sent seqs 1-21 and was refused (409 server_behind: nothing stored). The user chose
// Re-send; the server's answer to the next fetch said it held seqs up to 22 of this device, all
// other ops (of the device's lost future). Seqs 20 and 21 counted as sent by this tab, so they
// were taken as acknowledged and dropped: two ops shown Saved that no server held.
TEST(SyncAnswer, OpsOfARequestBeforeAReSendAreNotTakenAsAcknowledgedAfterIt) {
  Device d("before-resend");
  d.make(partner("a"));
  d.make(partner("b"));
  send_durable(d);
  ASSERT_EQ(d.ops_in_last_request(), 2u);
  d.transport.answers.back()(409,
                             R"({"error":"restored","reason":"server_behind","head":0,"acked_seq":0,"chains":[]})");
  ASSERT_TRUE(d.loop.server_behind());
  std::unique_ptr<Workspace> ws = resend(d, ServerBehind{0, 0, PositionChains{}});
  ASSERT_TRUE(ws);
  d.loop.sync_now(true);  // a fetch: the re-sent ops wait for their flush
  ASSERT_EQ(d.ops_in_last_request(), 0u);
  json back = {{"acked_seq", 2},
               {"cursor", 2},
               {"ops",
                {{{"pos", 1}, {"client_id", "dev1"}, {"seq", 1}, {"op", partner("x")}},
                 {{"pos", 2}, {"client_id", "dev1"}, {"seq", 2}, {"op", partner("y")}}}}};
  d.transport.answers.back()(200, back.dump());
  ASSERT_EQ(ws->pending().size(), 2u);  // other ops hold 1 and 2: a and b go again
  EXPECT_EQ(ws->pending()[0].op["id"], "a");
  EXPECT_EQ(ws->pending()[1].op["id"], "b");
}

// The same simulation, seed 43: re-sending numbered the device's pending ops after its own ops
// taken back (Resend.PendingOpsUnderTheSeqsOfOtherOpsTakenBackGoAfterThem), but the workspace
// kept its old counter, so the save pipeline never counted the new numbers as stored and they
// were never sent.
TEST(SyncAnswer, PendingOpsNumberedAgainByAReSendAreSentOnceStored) {
  Device d("resend-numbered");
  d.make(partner("a"));
  d.make(partner("b"));
  // The server holds this device's seqs 1 and 2 as other ops (its storage was restored).
  json back = {{"acked_seq", 2},
               {"cursor", 2},
               {"ops",
                {{{"pos", 1}, {"client_id", "dev1"}, {"seq", 1}, {"op", partner("x")}},
                 {{"pos", 2}, {"client_id", "dev1"}, {"seq", 2}, {"op", partner("y")}}}}};
  d.loop.sync_now(true);
  d.transport.answers.back()(200, back.dump());
  d.pipeline.record(d.ws, {}, 0);
  ASSERT_EQ(d.ws.pending().size(), 2u);
  // Then the server is restored to nothing, and the user re-sends.
  std::unique_ptr<Workspace> ws = resend(d, ServerBehind{0, 0, PositionChains{}});
  ASSERT_TRUE(ws);
  EXPECT_EQ(ws->next_seq(), 5u);
  send_durable(d);
  json request = json::parse(d.transport.bodies.back());
  std::vector<std::string> sent;
  for (const json& o : request["ops"]) sent.push_back(o["op"]["id"]);
  EXPECT_EQ(sent, (std::vector<std::string>{"x", "y", "a", "b"}));
}

// The same simulation, seed 140: the server refused seq 39 (seq_taken: it held 39-57 from the
// device's lost future), so the device numbered its ops from 58 on. Then the server was restored
// to before 39-57. It answered acked_seq 38, and took none of 58… for good: no one held 39.
TEST(SyncAnswer, AGapNoOneCanFillBeforeThePendingOpsIsClosedAndTheyAreStoredBeforeTheyGo) {
  Device d("gap");
  d.make(partner("a"));
  d.make(partner("b"));
  d.make(partner("c"));
  send_durable(d);
  d.transport.answers.back()(409, R"({"error":"taken","reason":"seq_taken","seq":1,"acked_seq":5})");
  ASSERT_EQ(d.ws.pending().front().seq, 6u);
  send_durable(d);
  d.transport.answers.back()(200, R"({"acked_seq":0,"cursor":0,"ops":[]})");  // the server was restored
  std::vector<uint64_t> seqs;
  for (const PendingOp& p : d.ws.pending()) seqs.push_back(p.seq);
  EXPECT_EQ(seqs, (std::vector<uint64_t>{1, 2, 3}));
  EXPECT_LT(d.pipeline.durable_seq(), 1u);  // not sent under the new numbers before they are stored
  send_durable(d);
  json request = json::parse(d.transport.bodies.back());
  ASSERT_EQ(request["ops"].size(), 3u);
  EXPECT_EQ(request["ops"][0]["seq"], 1);
  EXPECT_EQ(request["ops"][0]["op"]["id"], "a");
}

TEST(SyncAnswer, AnOpOfAnUnknownKindTakesItsPlaceAndTheNextOneFolds) {
  Workspace ws("dev1", true);
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(
      ws, 200,
      R"({"acked_seq":0,"ops":[{"pos":1,"client_id":"x","seq":1,"op":{"kind":"ticket.explode"}},{"pos":2,"client_id":"x","seq":2,"op":"not an op"},{"pos":3,"client_id":"x","seq":3,"op":{"kind":"partner.create","id":"a","name":"A"}}]})",
      0, out));
  EXPECT_EQ(ws.confirmed_count(), 3u);
  EXPECT_EQ(ws.state().rejected.size(), 2u);
  EXPECT_EQ(ws.state().partners.size(), 1u);
}

TEST(SyncAnswer, OwnOpsConfirmedMoveTheCounterPastThem) {
  Workspace ws("dev1", true);
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(
      ws, 200,
      R"({"acked_seq":7,"ops":[{"pos":1,"client_id":"dev1","seq":7,"op":{"kind":"partner.create","id":"a","name":"A"}}]})",
      0, out));
  EXPECT_EQ(ws.next_seq(), 8u);
}

TEST(SyncRequest, BatchesAreBoundedByBytesAsWellAsCount) {
  Workspace ws("dev1", true);
  std::string note(150, 'x');
  for (int i = 0; i < 501; ++i) ASSERT_FALSE(ws.submit(partner("p" + std::to_string(i), note)));
  SyncRequest r = make_sync_request(ws, "w", ws.next_seq() - 1, kMaxRequestOps, 30000);
  EXPECT_LE(r.body.size(), 30000u);
  EXPECT_GT(r.ops, 0u);
  EXPECT_LT(r.ops, 501u);
  EXPECT_EQ(json::parse(r.body)["ops"].size(), r.ops);
}

TEST(SyncLoop, GoingOnlineSyncsAtOnce) {
  Device d("online");
  d.make(partner("a"));
  d.durability.complete();
  d.loop.sync_now(false);  // offline: nothing goes
  EXPECT_TRUE(d.transport.bodies.empty());
  d.loop.network_back();
  d.loop.tick(true);
  EXPECT_EQ(d.transport.bodies.size(), 1u);
}

TEST(SyncLoop, AFailedSyncBacksOffAndKeepsThePendingOps) {
  Device d("backoff");
  d.make(partner("a"));
  d.durability.complete();
  d.loop.sync_now(true);
  d.transport.answers.back()(503, R"({"error":"storage unavailable"})");
  EXPECT_NE(d.loop.last_error().find("503"), std::string::npos);
  EXPECT_EQ(d.ws.pending().size(), 1u);
  d.now += 1000;
  d.loop.tick(true);
  EXPECT_EQ(d.transport.bodies.size(), 1u);  // not before the backoff
  d.now += 1500;
  d.loop.tick(true);
  EXPECT_EQ(d.transport.bodies.size(), 2u);
}

TEST(SyncLoop, TheNetworkComingBackSyncsWithoutWaitingForThePeriodicTurn) {
  Device d("online-edge");
  d.make(partner("a"));
  d.durability.complete();
  d.loop.sync_now(false);  // offline: the next periodic turn is 15 s away
  d.loop.tick(false);
  EXPECT_TRUE(d.transport.bodies.empty());
  d.now += 100;
  d.loop.tick(true);  // the browser says it is online again
  EXPECT_EQ(d.transport.bodies.size(), 1u);
}

// Seed 294 of the fault simulation with restores: a request's answer was lost after the server
// stored its ops; the device then sent a request with fewer ops (its pipeline had been told the
// ops were rewritten, so they waited for a flush). The server's acked_seq was above that
// request's last op, and the device took its own stored ops for another device's: it numbered
// them again after its counter, which left seqs that no one would ever send, and the server,
// which takes a device's ops in order, took none of its ops after them.
TEST(SyncAnswer, AnAckOfOpsAnEarlierRequestSentDoesNotNumberThemAgain) {
  Device d("earlier-request");
  d.make(partner("a"));
  d.make(partner("b"));
  send_durable(d);
  ASSERT_EQ(d.ops_in_last_request(), 2u);
  // The ops wait for a flush again (as after a re-send's relayout); the answer never comes.
  d.pipeline.rewrote_from(1);
  d.now += SyncLoop::kTimeoutMs + 1;
  d.loop.tick(true);
  ASSERT_EQ(d.transport.bodies.size(), 2u);
  ASSERT_EQ(d.ops_in_last_request(), 0u);
  d.transport.answers.back()(200, R"({"acked_seq":2,"cursor":0,"head":2,"ops":[]})");
  std::vector<uint64_t> seqs;  // stored: they keep their seqs and wait to come back
  for (const PendingOp& p : d.ws.pending()) seqs.push_back(p.seq);
  ASSERT_EQ(seqs, (std::vector<uint64_t>{1, 2}));
  EXPECT_TRUE(d.ws.pending()[0].stored() && d.ws.pending()[1].stored());
  EXPECT_EQ(d.ws.next_seq(), 3u);
}
