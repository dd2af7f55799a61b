// Publishing a local workspace keeps its books (DESIGN §3): its ops go marked "publish", the
// server stamps no acceptance date on them, and every device folds them to the same state the
// local workspace had: same numbers, same accounting dates, same state hash.
#include "journal/publish.h"

#include <gtest/gtest.h>

#include "core/state_hash.h"
#include "core/state_json.h"
#include "sync/device_harness.h"
#include "sync/sync_client.h"
#include "sync/timesheet_history.h"

using namespace deskbill;
using nlohmann::json;

namespace {
// The books of 2023: 3 h invoiced and posted on the last day of the year.
std::vector<json> books_of_2023() {
  std::vector<json> ops = test::three_hours_on_an_order("2023-12-20");
  ops.push_back({{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"o"}}});
  ops.push_back({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2023-12-31"}});
  return ops;
}

// What the server answers to a publish request: each op once, no acceptance date.
std::string published_answer(const Workspace& local_as_pending, uint64_t acked) {
  json ops = json::array();
  uint64_t pos = 0;
  for (const PendingOp& p : local_as_pending.pending())
    ops.push_back(
        {{"pos", ++pos}, {"client_id", "dev1"}, {"seq", p.seq}, {"agent", "ana"}, {"accepted_at", ""}, {"op", p.op}});
  return json{{"acked_seq", acked}, {"cursor", pos}, {"ops", ops}}.dump();
}
}  // namespace

TEST(Publish, RequestsOfAPublishedWorkspaceAreMarkedAndStopAtItsLastOp) {
  Workspace ws("dev1", true);
  std::vector<PendingOp> pending;
  for (uint64_t i = 1; i <= 3; ++i)
    pending.push_back({i, {{"kind", "partner.create"}, {"id", "p" + std::to_string(i)}, {"name", "P"}}});
  ws.load({}, pending, 4);
  ASSERT_FALSE(ws.submit({{"kind", "partner.create"}, {"id", "live"}, {"name", "L"}}));  // seq 4, made after publishing
  SyncRequest r = make_sync_request(ws, "w", 4, kMaxRequestOps, kMaxRequestBytes, /*publish_upto=*/3);
  json body = json::parse(r.body);
  EXPECT_EQ(body["publish"], true);
  EXPECT_EQ(body["publish_upto"], 3);  // where the publication ends: others' work waits for it
  EXPECT_EQ(body["ops"].size(), 3u);
  // Once the published ops are acknowledged, live ops go unmarked.
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, R"({"acked_seq":3,"ops":[]})", 3, out));
  json next = json::parse(make_sync_request(ws, "w", 4, kMaxRequestOps, kMaxRequestBytes, 3).body);
  EXPECT_FALSE(next.contains("publish"));
  EXPECT_FALSE(next.contains("publish_upto"));
  EXPECT_EQ(next["ops"].size(), 1u);
}

// Another device publishes a local workspace in several requests and the server holds part of
// it: it stores none of this device's work until it holds all of it (docs/sync.md, Publishing),
// and says so. The work stays pending, the device goes on receiving the publication, and it does
// not send its work again at once after each answer (the server would not store it).
namespace {
std::string answer_while_publishing(uint64_t acked, uint64_t pos, uint64_t held, uint64_t upto) {
  json ops = json::array();
  for (uint64_t p = pos; p <= held; ++p)
    ops.push_back({{"pos", p},
                   {"client_id", "publisher"},
                   {"seq", p},
                   {"agent", "ana"},
                   {"accepted_at", ""},
                   {"op", {{"kind", "partner.create"}, {"id", "pub" + std::to_string(p)}, {"name", "P"}}}});
  json a = {{"acked_seq", acked}, {"head", held}, {"ops", ops}};
  if (held < upto) a["publishing"] = {{"client_id", "publisher"}, {"held", held}, {"upto", upto}};
  return a.dump();
}
}  // namespace

TEST(Publish, AnAnswerSaysHowMuchOfAnotherDevicesPublicationTheServerHolds) {
  Workspace ws("dev2", true);
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, answer_while_publishing(0, 1, 2, 5), 0, out));
  ASSERT_TRUE(out.publishing);
  EXPECT_EQ(out.publishing->client_id, "publisher");
  EXPECT_EQ(out.publishing->held, 2u);
  EXPECT_EQ(out.publishing->upto, 5u);
  EXPECT_EQ(ws.confirmed_count(), 2u);
  SyncOutcome done;
  ASSERT_FALSE(apply_sync_response(ws, 200, answer_while_publishing(0, 3, 5, 5), 0, done));
  EXPECT_FALSE(done.publishing);
}

TEST(Publish, AnAnswerWhosePublicationIsMalformedIsRefusedWhole) {
  for (const char* bad : {R"("yes")", R"({"client_id":"p","held":"2","upto":5})", R"({"client_id":"p","held":2})",
                          R"({"client_id":7,"held":2,"upto":5})", R"({"client_id":"p","held":6,"upto":5})"}) {
    Workspace ws("dev2", true);
    SyncOutcome out;
    std::string body = std::string(R"({"acked_seq":0,"ops":[],"publishing":)") + bad + "}";
    auto err = apply_sync_response(ws, 200, body, 0, out);
    ASSERT_TRUE(err) << bad;
    EXPECT_NE(err->find("publishing"), std::string::npos) << *err;
  }
}

TEST(Publish, WorkWaitingForAnotherDevicesPublicationIsSentAtTheNextTurnNotAtOnce) {
  test::Device d("joined");
  d.make({{"kind", "partner.create"}, {"id", "mine"}, {"name", "M"}});
  d.durability.complete();
  d.loop.sync_now(true);
  ASSERT_EQ(d.transport.bodies.size(), 1u);
  d.transport.answers.back()(200, answer_while_publishing(0, 1, 2, 5));
  EXPECT_EQ(d.ws.pending().size(), 1u);  // kept
  EXPECT_EQ(d.loop.last_error(), "");    // not an error
  ASSERT_TRUE(d.loop.publication());
  EXPECT_EQ(d.loop.publication()->held, 2u);
  d.now += SyncLoop::kMoreMs * 5;
  d.loop.tick(true);
  EXPECT_EQ(d.transport.bodies.size(), 1u);  // not sent again at once: the server would not store it
  d.now += SyncLoop::kEveryMs;
  d.loop.tick(true);
  ASSERT_EQ(d.transport.bodies.size(), 2u);
  // The publication is complete: the work is stored after it, and the loop says nothing more.
  d.transport.answers.back()(200, answer_while_publishing(0, 3, 5, 5));
  EXPECT_FALSE(d.loop.publication());
}

TEST(Publish, APublishedWorkspaceKeepsItsNumbersDatesAndStateHash) {
  Workspace local("dev1", false);
  for (const json& op : books_of_2023()) ASSERT_FALSE(local.submit(op)) << op.dump();
  uint64_t before = state_hash(local.state());
  const State& ls = local.state();
  uint32_t inv = ls.invoices.find(ls.text, "inv");
  ASSERT_EQ(ls.invoices.rows[inv].number_year, 2023);

  // The same ops as the publishing device sends them, and as any device receives them back.
  Workspace publishing("dev1", true);
  std::vector<PendingOp> pending;
  uint64_t seq = 0;
  for (const json& op : books_of_2023()) pending.push_back({++seq, op});
  publishing.load({}, pending, seq + 1);
  std::string answer = published_answer(publishing, seq);
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(publishing, 200, answer, seq, out));
  EXPECT_TRUE(publishing.pending().empty());
  EXPECT_EQ(state_hash(publishing.state()), before);

  Workspace other_device("dev2", true);
  ASSERT_FALSE(apply_sync_response(other_device, 200, answer, 0, out));
  const State& os = other_device.state();
  uint32_t oinv = os.invoices.find(os.text, "inv");
  EXPECT_EQ(os.invoices.rows[oinv].number_year, 2023);
  EXPECT_EQ(os.invoices.rows[oinv].date, *parse_day("2023-12-31"));
  EXPECT_EQ(state_hash(os), before);
}

// Publishing replaces the stored layout (journal/publish.h) in the tab's files; IndexedDB holds it
// only once the flush after it completes. Until then nothing may go: a crash would reopen the
// local workspace while the server holds its ops as published, and once another device pushed,
// publishing again would be refused ("not empty") and the device left local for good.
TEST(Publish, NothingIsSentBeforeThePublishedLayoutIsDurable) {
  std::string dir = test::temp_dir("publish-durable");
  JournalStore store(dir);
  StoredWorkspace meta;
  meta.client_id = "dev1";
  Workspace local("dev1", false);
  test::HeldDurability durability;
  double now = 0;
  SavePipeline pipeline(store, meta, durability, [&] { return now; });
  test::CapturingTransport transport;
  SyncLoop loop(transport, [&] { return now; });
  pipeline.on_saved = [&](const std::string& e) {
    if (e.empty()) loop.durable_changed();
  };
  pipeline.loaded(local);
  for (const json& op : books_of_2023()) {
    uint64_t before = local.confirmed_count();
    std::vector<Envelope> added;
    ASSERT_FALSE(local.submit(op, &added)) << op.dump();
    pipeline.record(local, added, before);
  }
  while (!durability.waiting.empty()) durability.complete();
  ASSERT_EQ(pipeline.status().state, SaveState::Saved);
  // Publish as WebHost::publish does.
  meta.server_url = "/api/sync";
  meta.workspace_name = "books";
  Published p = publish_stored(store, meta, local);
  ASSERT_TRUE(p.ws) << p.problem.filled();
  loop.set_publish_upto(meta.publish_upto);
  loop.attach(p.ws.get(), &pipeline);
  pipeline.layout_replaced(*p.ws, 1);  // what WebHost::publish does
  loop.configure(meta.server_url, meta.workspace_name, "t");
  loop.schedule(0);
  now += SyncLoop::kMoreMs + 1;
  loop.tick(true);
  for (const std::string& body : transport.bodies) EXPECT_EQ(json::parse(body)["ops"].size(), 0u) << body;
  if (!transport.answers.empty()) transport.answers.back()(200, R"({"acked_seq":0,"cursor":0,"ops":[]})");
  while (!durability.waiting.empty()) durability.complete();
  now += SyncLoop::kMoreMs + 1;
  loop.tick(true);
  ASSERT_FALSE(transport.bodies.empty());
  json request = json::parse(transport.bodies.back());
  EXPECT_EQ(request["ops"].size(), books_of_2023().size());
  EXPECT_EQ(request["publish"], true);
  std::filesystem::remove_all(dir);
}
