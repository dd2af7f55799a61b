// Re-sent work waits for the records it names (docs/sync.md): which record an op waits for.
#include "core/awaited_record.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/apply.h"
#include "sync/device_harness.h"
#include "sync/stored_release.h"

using namespace deskbill;
using nlohmann::json;

namespace {
State with_a_ticket_of(const std::string& id) {
  State s;
  for (const json& op :
       {json{{"kind", "partner.create"}, {"id", "cust"}, {"name", "Acme"}},
        json{{"kind", "team.create"}, {"id", "team"}, {"name", "Support"}, {"use_timesheets", true}},
        json{{"kind", "ticket.create"}, {"id", id}, {"team", "team"}, {"title", "VPN"}, {"partner", "cust"}}})
    EXPECT_FALSE(apply(s, op)) << op.dump();
  return s;
}
json log_on(const std::string& ticket) {
  return {{"kind", "timesheet.log"}, {"id", "dev2.9.tab1-1"}, {"ticket", ticket}, {"hours", "1"}, {"mark", "tab1-2"}};
}
}  // namespace

TEST(AwaitedRecord, AnIdADeviceMadeNamesThatDevice) {
  EXPECT_EQ(id_maker("dev1.12.ab3-7"), "dev1");
  EXPECT_EQ(id_maker("c0ffee.ab.12.x-1"), "c0ffee.ab");  // a client id with a dot in it
  EXPECT_EQ(id_maker("cust"), "");
  EXPECT_EQ(id_maker("dev1.12.7"), "");  // from before ids carried the tab's tag
  EXPECT_EQ(id_maker(".12.ab-1"), "");
}

TEST(AwaitedRecord, AnOpNamingAnotherDevicesRecordThisStateLacksWaitsForIt) {
  State s = with_a_ticket_of("dev1.4.ab-1");
  EXPECT_EQ(record_awaited(s, log_on("dev1.5.ab-2"), "dev2"), "dev1.5.ab-2");
}

TEST(AwaitedRecord, ARecordThisStateHoldsIsNotAwaited) {
  State s = with_a_ticket_of("dev1.4.ab-1");
  EXPECT_EQ(record_awaited(s, log_on("dev1.4.ab-1"), "dev2"), std::nullopt);
}

TEST(AwaitedRecord, ThisDevicesOwnRecordsAreNeverAwaited) {
  // Its own create was refused for its role, say: nothing will bring it back.
  EXPECT_EQ(record_awaited(State{}, log_on("dev2.5.ab-2"), "dev2"), std::nullopt);
}

TEST(AwaitedRecord, AnIdOfAnotherFormIsNotAwaited) {
  // Imported or older ids tell no device that will send them again.
  EXPECT_EQ(record_awaited(State{}, log_on("t1"), "dev2"), std::nullopt);
}

TEST(AwaitedRecord, TheRecordACreateMakesIsNotOneItWaitsFor) {
  json create = {{"kind", "ticket.create"}, {"id", "dev1.4.ab-1"}, {"title", "VPN"}, {"partner", "dev3.2.cd-1"}};
  EXPECT_EQ(record_awaited(State{}, create, "dev9"), "dev3.2.cd-1");
  create["partner"] = "cust";
  EXPECT_EQ(record_awaited(State{}, create, "dev9"), std::nullopt);
}

TEST(AwaitedRecord, ARecordWhoseCreateEveryFoldRefusedIsNotAwaited) {
  // Back after the restore, in another order: another device had invoiced those timesheets first.
  State s;
  apply_or_reject(s, {{"kind", "invoice.create"}, {"id", "dev1.7.ab-3"}, {"orders", {"nothing"}}});
  ASSERT_EQ(s.rejected.size(), 1u);
  json post = {{"kind", "invoice.post"}, {"id", "dev1.7.ab-3"}, {"date", "2026-11-20"}, {"mark", "ab-9"}};
  EXPECT_EQ(record_awaited(s, post, "dev2"), std::nullopt);
}

TEST(AwaitedRecord, AChangeWaitsForTheRecordItChanges) {
  json post = {{"kind", "invoice.post"}, {"id", "dev1.7.ab-3"}, {"date", "2026-11-20"}, {"mark", "ab-9"}};
  EXPECT_EQ(record_awaited(State{}, post, "dev2"), "dev1.7.ab-3");
}

// What a device holds after re-sending its work to a server restored from an older copy: its
// timesheet on a ticket of dev3 that the restore lost, pending again. dev3 has yet to re-send the
// ticket. Sent first, the timesheet would be refused by every fold (unknown_ref): it waits.
namespace {
const json kTicket = {
    {"kind", "ticket.create"}, {"id", "dev3.1.ab-1"}, {"team", "team"}, {"title", "VPN"}, {"partner", "cust"}};
std::string answer_with_the_ticket() {
  json e = {{"pos", 4}, {"client_id", "dev3"}, {"seq", 1}, {"agent", "ana"}, {"accepted_at", ""}, {"op", kTicket}};
  return json{{"acked_seq", 0}, {"head", 4}, {"ops", json::array({e})}}.dump();
}
void hold_a_timesheet_on_a_lost_ticket(test::Device& d) {
  std::vector<Envelope> setup = {
      test::envelope(1, "admin", 1, {{"kind", "partner.create"}, {"id", "cust"}, {"name", "Acme"}}),
      test::envelope(2, "admin", 2,
                     {{"kind", "team.create"}, {"id", "team"}, {"name", "Support"}, {"use_timesheets", true}}),
      test::envelope(3, "admin", 3, {{"kind", "employee.create"}, {"id", "ana"}, {"name", "Ana"}})};
  std::vector<PendingOp> pending = {{1,
                                     {{"kind", "timesheet.log"},
                                      {"id", "dev1.1.cd-1"},
                                      {"ticket", "dev3.1.ab-1"},
                                      {"hours", "2"},
                                      {"date", "2026-11-20"},
                                      {"employee", "ana"}}}};
  d.ws.load(setup, pending, 2);
  d.pipeline.loaded(d.ws);
}
}  // namespace

TEST(AwaitedRecord, ReSentWorkNamingARecordAnotherDeviceHasYetToSendAgainWaitsForIt) {
  test::Device d("awaited");
  hold_a_timesheet_on_a_lost_ticket(d);
  ASSERT_EQ(d.ws.pending_conflicts().size(), 1u);
  EXPECT_EQ(d.ws.pending_conflicts()[0].second.code, "unknown_ref") << d.ws.pending_conflicts()[0].second.message;
  ASSERT_TRUE(d.loop.held());
  EXPECT_EQ(d.loop.held()->record, "dev3.1.ab-1");
  d.loop.sync_now(true);
  ASSERT_EQ(d.transport.bodies.size(), 1u);
  EXPECT_EQ(json::parse(d.transport.bodies.back())["ops"].size(), 0u);  // it waits; the device still receives
  // dev3 re-sent its ticket: it comes back, and the timesheet goes after it.
  d.transport.answers.back()(200, answer_with_the_ticket());
  EXPECT_FALSE(d.loop.held());
  d.now += SyncLoop::kMoreMs + 1;
  d.loop.tick(true);
  ASSERT_EQ(d.transport.bodies.size(), 2u);
  EXPECT_EQ(json::parse(d.transport.bodies.back())["ops"].size(), 1u);
}

TEST(AwaitedRecord, TheOpsMadeAfterTheWaitingOneWaitWithItAndAreCounted) {
  test::Device d("awaited-count");
  hold_a_timesheet_on_a_lost_ticket(d);
  ASSERT_FALSE(d.ws.submit({{"kind", "partner.create"}, {"id", "dev1.2.cd-2"}, {"name", "Globex"}}));
  ASSERT_FALSE(d.ws.submit({{"kind", "partner.create"}, {"id", "dev1.3.cd-3"}, {"name", "Initech"}}));
  ASSERT_TRUE(d.loop.held());
  EXPECT_EQ(d.loop.held()->seq, 1u);
  EXPECT_EQ(d.loop.held()->waiting, 3u);  // the timesheet and the two customers after it
}

TEST(AwaitedRecord, WaitingWorkIsNotAskedForAgainAfterEveryAnswer) {
  test::Device d("awaited-turn");
  hold_a_timesheet_on_a_lost_ticket(d);
  d.loop.sync_now(true);
  d.transport.answers.back()(200, R"({"acked_seq":0,"head":3,"ops":[]})");
  d.now += SyncLoop::kMoreMs * 5;
  d.loop.tick(true);
  EXPECT_EQ(d.transport.bodies.size(), 1u);  // the next turn, not at once
}

TEST(AwaitedRecord, TheUserSendsWaitingWorkAsItIsWhenThatDeviceWillNotComeBack) {
  test::Device d("awaited-anyway");
  hold_a_timesheet_on_a_lost_ticket(d);
  d.loop.send_held_anyway();
  EXPECT_FALSE(d.loop.held());
  d.loop.tick(true);
  ASSERT_EQ(d.transport.bodies.size(), 1u);
  EXPECT_EQ(json::parse(d.transport.bodies.back())["ops"].size(), 1u);  // every fold refuses it: the inbox shows it
}

TEST(AwaitedRecord, WorkSentAsItIsStaysSoAfterAReloadInTheSameLayout) {
  test::Device d("awaited-kept");
  hold_a_timesheet_on_a_lost_ticket(d);
  d.loop.send_held_anyway();
  record_release(d.loop, d.meta);  // as WebHost::send_held_anyway stores it
  ASSERT_EQ(d.meta.released_upto, 1u);
  // Stored with the workspace, read back by the next start (WebHost::attach_workspace).
  StoredWorkspace back;
  ASSERT_FALSE(meta_from_json(meta_json(d.meta), back));
  EXPECT_EQ(back.released_upto, 1u);
  EXPECT_EQ(back.released_layout, d.meta.layout);
  test::Device reloaded("awaited-kept-2");
  hold_a_timesheet_on_a_lost_ticket(reloaded);
  ASSERT_TRUE(reloaded.loop.held());
  restore_release(reloaded.loop, back);
  EXPECT_FALSE(reloaded.loop.held());
  // A workspace.json from before it was kept releases nothing.
  nlohmann::json old = meta_json(d.meta);
  old.erase("released_upto");
  old.erase("released_layout");
  ASSERT_FALSE(meta_from_json(old, back));
  EXPECT_EQ(back.released_upto, 0u);
}

// Renumbering in place keeps the pending ops' order (Workspace::renumber_from, close_gap): the
// ops the user sent as they are stay released under their new numbers. Kept as a seq, the
// release no longer covered them once a storage restored from an older copy had them numbered
// after the server's last: they waited again, and the user had to choose again.
TEST(AwaitedRecord, WorkSentAsItIsStaysSoOnceItIsNumberedAgain) {
  test::Device d("awaited-renumbered");
  hold_a_timesheet_on_a_lost_ticket(d);
  d.loop.send_held_anyway();  // dev3 will not come back
  record_release(d.loop, d.meta);
  EXPECT_EQ(d.loop.released_upto(), 1u);
  EXPECT_FALSE(release_moved(d.loop, d.meta));
  d.make({{"kind", "partner.create"}, {"id", "dev1.2.cd-2"}, {"name", "Globex"}});  // made after the click
  test::send_durable(d);
  ASSERT_EQ(d.transport.bodies.size(), 1u);
  EXPECT_EQ(json::parse(d.transport.bodies.back())["ops"].size(), 2u);
  // The server holds other ops under this device's seqs 1 to 3: both are numbered after them.
  d.transport.answers.back()(
      409, R"({"error":"op 1 of device 'dev1' was already stored with other content","reason":"seq_taken","seq":1,)"
           R"("acked_seq":3})");
  ASSERT_EQ(d.ws.pending().size(), 2u);
  ASSERT_EQ(d.ws.pending()[0].seq, 4u);
  EXPECT_FALSE(d.loop.held()) << "the user's choice was lost with the old numbers";
  EXPECT_EQ(d.loop.released_upto(), 4u);  // the timesheet, not the customer made after the click
  // Stored again (WebHost::tick), so that the next start releases the new number.
  ASSERT_TRUE(release_moved(d.loop, d.meta));
  EXPECT_FALSE(release_moved(d.loop, d.meta));
  StoredWorkspace back;
  ASSERT_FALSE(meta_from_json(meta_json(d.meta), back));
  EXPECT_EQ(back.released_upto, 4u);
  SyncLoop next_start(d.transport, [&] { return d.now; });
  next_start.attach(&d.ws, &d.pipeline);
  restore_release(next_start, back);
  EXPECT_FALSE(next_start.held());
}

// A renumbering moves the released ops' numbers while the tab runs (WebHost::tick stores them):
// workspace.json is written and saved at once. Written without a flush, it reached storage only
// with the next save, and a tab closed before then made the user choose again at its next start.
TEST(AwaitedRecord, AMovedReleaseIsSavedAtOnceAndAFailedWriteIsTriedAgain) {
  test::Device d("awaited-moved-saved");
  hold_a_timesheet_on_a_lost_ticket(d);
  d.loop.send_held_anyway();
  record_release(d.loop, d.meta);
  ASSERT_FALSE(d.store.write_meta(d.meta));
  test::send_durable(d);
  d.transport.answers.back()(
      409, R"({"error":"op 1 of device 'dev1' was already stored with other content","reason":"seq_taken","seq":1,)"
           R"("acked_seq":3})");
  ASSERT_EQ(d.loop.released_upto(), 4u);
  d.durability.complete();  // the renumbered pending ops' save
  // A file stands where the folder was, for a moment: the write fails, and nothing is taken as
  // stored.
  std::filesystem::remove_all(d.dir + ".away");
  std::filesystem::rename(d.dir, d.dir + ".away");
  std::ofstream(d.dir) << "not a folder";
  EXPECT_TRUE(store_moved_release(d.loop, d.meta, d.store, d.pipeline));
  EXPECT_EQ(d.meta.released_upto, 1u);
  std::filesystem::remove(d.dir);
  std::filesystem::rename(d.dir + ".away", d.dir);
  const int flushes = d.durability.calls;
  ASSERT_FALSE(store_moved_release(d.loop, d.meta, d.store, d.pipeline));
  EXPECT_EQ(d.durability.calls, flushes + 1) << "workspace.json was written but not saved";
  StoredWorkspace back;
  ASSERT_FALSE(d.store.read_meta(back));
  EXPECT_EQ(back.released_upto, 4u);
  ASSERT_FALSE(store_moved_release(d.loop, d.meta, d.store, d.pipeline));
  EXPECT_EQ(d.durability.calls, flushes + 1);  // stored: nothing more to write
}
