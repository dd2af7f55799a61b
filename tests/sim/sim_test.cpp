// The seeded fault simulation (tests/sim/simulation.h) over fixed seeds, and a few random ones.
// Every seed must keep every promise; a failure names its seed so it can be replayed:
//   DESKBILL_SIM_SEED=1234 build/native/deskbill_sim_tests --gtest_filter=Simulation.OneSeed
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <string>

#include "sim/simulation.h"

using namespace deskbill::sim;

namespace {
uint64_t env_u64(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v ? std::strtoull(v, nullptr, 10) : fallback;
}

// Seeds `first`..: how many from <name>_SEEDS (else `n`), the first from <name>_FIRST (else 1),
// so a long run can go on where the last one stopped.
std::vector<uint64_t> seeds_from_env(const std::string& name, uint64_t n) {
  n = env_u64((name + "_SEEDS").c_str(), n);
  uint64_t first = env_u64((name + "_FIRST").c_str(), 1);
  std::vector<uint64_t> seeds;
  for (uint64_t s = first; s < first + n; ++s) seeds.push_back(s);
  return seeds;
}

void run_seeds(const std::vector<uint64_t>& seeds, const Options& o = {}) {
  Report total;
  auto t0 = std::chrono::steady_clock::now();
  for (uint64_t seed : seeds) {
    Report r = run_simulation(seed, o);
    EXPECT_EQ(r.failure, "") << "seed " << seed << " (replay: DESKBILL_SIM_SEED=" << seed << ")";
    total.ops_made += r.ops_made, total.ops_saved += r.ops_saved, total.ops_confirmed += r.ops_confirmed;
    total.rejected += r.rejected, total.crashes += r.crashes, total.restarts += r.restarts;
    total.takeovers += r.takeovers, total.restores += r.restores, total.resends += r.resends;
    total.invoices_posted += r.invoices_posted, total.device_restores += r.device_restores;
    total.publishes += r.publishes;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "[ sim ] %zu seeds in %.1f s: %llu ops made, %llu shown Saved, %llu confirmed, %llu rejected by the fold, "
      "%llu invoices posted, %llu crashes (%llu taken over by the read-only tab), %llu server restarts, %llu "
      "restores from an older copy (%llu re-sends), %llu devices restored from an older copy, %llu "
      "publishes\n",
      seeds.size(), secs, (unsigned long long)total.ops_made, (unsigned long long)total.ops_saved,
      (unsigned long long)total.ops_confirmed, (unsigned long long)total.rejected,
      (unsigned long long)total.invoices_posted, (unsigned long long)total.crashes, (unsigned long long)total.takeovers,
      (unsigned long long)total.restarts, (unsigned long long)total.restores, (unsigned long long)total.resends,
      (unsigned long long)total.device_restores, (unsigned long long)total.publishes);
}
}  // namespace

TEST(Simulation, FixedSeedsKeepEveryPromise) {
  // CI runs seeds 1-200; more on demand, from any first seed (DESKBILL_SIM_FIRST), so a long run
  // can go on where the last one stopped.
  run_seeds(seeds_from_env("DESKBILL_SIM", 200));
}

// Requests of 3 ops: a backlog spans several requests, so a tab that crashed has often sent
// more than the next tab's first request carries. Seed 7 found the loss: the new tab sent seqs
// 5-7, the server held 8-10 from the crashed tab's last request and acknowledged up to 10, and
// the device took 8-10 for ops of another device under its id and numbered its own 8-13 again
// from its counter (14): nobody held 11-13, and the server, which takes a device's ops in order,
// took none of its later ops. (The app sends up to 500 ops a request: a day's work offline
// reaches that.) Seeds 1-100 here; more on demand (DESKBILL_SIM_SMALL_SEEDS, _FIRST).
TEST(Simulation, SmallRequestsAfterACrashKeepEveryPromise) {
  Options o;
  o.max_request_ops = 3;
  run_seeds(seeds_from_env("DESKBILL_SIM_SMALL", 100), o);
}

// A device's storage restored from an older copy of itself (a backup of the browser profile or
// the machine): the ops it makes next take seqs and ids that ops of its lost future hold on the
// server.
namespace {
Options devices_restored() {
  Options o;
  o.device_restore = 0.002;
  return o;
}
}  // namespace

// Seeds 1-60 here; more on demand (DESKBILL_SIM_RESTORED_SEEDS, _FIRST).
TEST(Simulation, ADeviceRestoredFromAnOlderCopyKeepsEveryPromise) {
  run_seeds(seeds_from_env("DESKBILL_SIM_RESTORED", 60), devices_restored());
}

// Seed 571 of the above (outside the seeds it runs): a device restored from an older copy sent,
// under fresh seqs 50-53 from cursor 87, the ops its lost future had sent as 46-49 at positions
// 125-128, and the server stored them again. It now skips them, and the device drops its copies
// when the first ones come back (docs/sync.md, "An op made once is stored once").
TEST(Simulation, ADeviceRestoredSendingWhatItsLostFutureSentIsStoredOnce) { run_seeds({571}, devices_restored()); }

// Seed 1100 of the restored-device runs (outside the seeds they run): a device restored from an
// older copy sent, under seqs a restore of the server had lost, other ops than its lost future.
// They took the same positions, and a chain of (client, seq) alone did not change there: another
// device that had received the lost ops kept showing them. The chains cover each op's content.
TEST(Simulation, ADeviceThatSawOpsARestoreLostUnderSeqsSentAgainWithOtherContentIsToldSo) {
  run_seeds({1100}, devices_restored());
}

// The same seed with the chain of before (client and seq only): the divergence.
TEST(Simulation, AChainOfClientsAndSeqsAloneLetsADeviceKeepOpsARestoreLost) {
  Options o = devices_restored();
  o.chains_cover_content = false;
  Report r = run_simulation(1100, o);
  std::printf("[ sim ] restored-device seed 1100, chains without content: %s\n", r.failure.c_str());
  EXPECT_NE(r.failure.find("shows a state other than the canonical fold"), std::string::npos) << r.failure;
}

// The workspace begins as device 0's local one, set up and worked on offline, then published
// into the server's empty workspace (journal/publish.h); the others join once the server holds it.
// Seeds 1-60 here; more on demand (DESKBILL_SIM_PUBLISH_SEEDS, _FIRST).
TEST(Simulation, PublishingALocalWorkspaceKeepsEveryPromise) {
  Options o;
  o.publish = true;
  run_seeds(seeds_from_env("DESKBILL_SIM_PUBLISH", 60), o);
}

TEST(Simulation, RandomSeedsKeepEveryPromise) {
  std::random_device rd;
  std::vector<uint64_t> seeds;
  for (int i = 0; i < 3; ++i) seeds.push_back((static_cast<uint64_t>(rd()) << 20) ^ rd());
  for (uint64_t s : seeds) std::printf("[ sim ] random seed %llu\n", (unsigned long long)s);
  run_seeds(seeds);
}

TEST(Simulation, OneSeed) {
  uint64_t seed = env_u64("DESKBILL_SIM_SEED", 0);
  if (seed == 0) GTEST_SKIP() << "set DESKBILL_SIM_SEED to replay one seed";
  run_seeds({seed});
}

// Why deskbill flushes with its own function rather than FS.syncfs (platform/web/library.js):
// FS.syncfs lists the changed files when asked and reads them only when IndexedDB has answered.
// In seed 6 a flush listed the pending ops alone (a sync had rewritten them), stored them as the
// next save rewrote them, and so left the counter out; the next flush listed only the counter
// and stored it past an op that was never stored. The tab crashed before the flush after, so
// seq 54 was in no file and on no server, and the server, which takes a device's ops in order,
// took none of the Saved ops after it. Since Workspace::close_gap the device numbers them again
// after the server's last and they go, so what is left to see is that they had to be numbered
// again. With the files listed and read at one moment, seed 6 passes (FixedSeedsKeepEveryPromise).
// Since read-only tabs read again by themselves after a failed read (WriterHandoff::tick), the
// runs draw differently: seed 6 no longer meets this, and seed 8, the first that does, shows a
// Saved op numbered again the same way (it passes with the files read at one moment too).
TEST(Simulation, FlushingAsFsSyncfsDoesLeavesASeqGapThatSavedOpsMustBeNumberedAgainToCross) {
  Options o;
  o.syncfs_reads = true;
  o.server_restore = 0;  // the run this test keeps was drawn before restores were simulated
  Report r = run_simulation(8, o);
  EXPECT_NE(r.failure.find("dev3: the op shown as Saved as seq 73 was confirmed under another seq"), std::string::npos)
      << r.failure;
}

// The gap the chains close (docs/sync.md, "Which positions a device shares with the server"):
// a server that compared only cursors told a device it was restored only while the device's
// cursor was past its head. Once other devices' ops filled those positions again, a device that
// saw the lost ones synced on as if nothing happened: it kept ops no server holds, and its own
// lost ops were never sent again. The fixed seeds run with chains (Options::server_compares_chains).
TEST(Simulation, AServerThatComparesOnlyCursorsAfterARestoreLetsDevicesDivergeSilently) {
  Options o;
  o.server_compares_chains = false;
  Report r = run_simulation(1, o);
  std::printf("[ sim ] seed 1, cursors only: %s\n", r.failure.c_str());
  // Device 0 synced on past positions the restore lost and other devices' ops filled again. When
  // it was told at last, the server held its ops up to seq 2 while it held 3-44 as confirmed at
  // positions the server gives to other ops: no one will send them again.
  EXPECT_NE(r.failure.find("do not follow what the server holds"), std::string::npos) << r.failure;
}
// Devices restored from older copies while a local workspace is published. Seeds 1-300 failed
// 10 times when first run together (2026-12-05): in 45 and 98 the simulation counted as Saved a
// local op of the publisher's lost future (a flush of the restored device reached its seq), and
// in 8 the publisher, restored to a copy from before it published, published a second time, which
// the publication's own checks did not allow for (docs/simulation.md). Seeds 1-60 here; more on
// demand (DESKBILL_SIM_RESTORED_PUBLISH_SEEDS, _FIRST).
TEST(Simulation, ADeviceRestoredWhileALocalWorkspaceIsPublishedKeepsEveryPromise) {
  Options o = devices_restored();
  o.publish = true;
  run_seeds(seeds_from_env("DESKBILL_SIM_RESTORED_PUBLISH", 60), o);
}

// A publication larger than a request goes in several; between them the workspace is half
// published, for as long as the publisher is offline. Run with requests of 3 ops, others joined
// and pushed between them: in 9 of seeds 1-20 their work came between the published ops, and in
// seeds 6 and 32 the publisher's posted INV/2026/00001 was gone from the shared books or had
// become INV/2026/00002 (another device had invoiced first, from half of the books). The server
// now stores no other device's work until it holds the whole publication (docs/sync.md).
// Seeds 1-60 here; more on demand (DESKBILL_SIM_PUBLISH_SMALL_SEEDS, _FIRST).
namespace {
Options published_in_small_requests() {
  Options o;
  o.publish = true;
  o.max_request_ops = 3;
  return o;
}
}  // namespace

TEST(Simulation, PublishingInRequestsOfAFewOpsKeepsEveryPromise) {
  run_seeds(seeds_from_env("DESKBILL_SIM_PUBLISH_SMALL", 60), published_in_small_requests());
}

TEST(Simulation, AServerThatStoresOthersWorkWhileAPublicationIsIncompleteChangesThePublishedInvoices) {
  Options o = published_in_small_requests();
  o.server_waits_for_publication = false;
  Report r6 = run_simulation(6, o), r32 = run_simulation(32, o);
  std::printf("[ sim ] publishing seeds 6 and 32, others' work stored meanwhile: %s; %s\n", r6.failure.c_str(),
              r32.failure.c_str());
  EXPECT_EQ(r6.failure, "the published invoice INV/2026/00001 is missing in the shared books");
  EXPECT_EQ(r32.failure, "the published invoice INV/2026/00001 is INV/2026/00002 in the shared books");
}

// After a restore of the server each device re-sends its own work, in whatever order they come
// back. Seed 4 (and 12 of seeds 1-30): dev0 re-sent its timesheet on dev2's ticket before dev2
// re-sent the ticket, and every fold refused the timesheet (unknown_ref): its user had to log it
// again. Re-sent work now waits for the records it names (docs/sync.md); the check fails a run
// where an op was refused for a record the server holds only after it.
TEST(Simulation, ReSentWorkSentBeforeTheRecordsItNamesIsRefused) {
  Options o;
  o.devices_wait_for_records = false;
  Report r = run_simulation(4, o);
  std::printf("[ sim ] seed 4, re-sent work not waiting for records: %s\n", r.failure.c_str());
  EXPECT_NE(
      r.failure.find("dev0: an op was refused for a record another device sent again only after it (dev2.4.tab1-4)"),
      std::string::npos)
      << r.failure;
}

// Seed 1244 of the every-fault runs (outside the seeds CI runs): the publisher's ticket, published
// without a stamp, was lost in a restore of the server and stored again as live work, stamped.
// Its chain, of (client, seq, content) alone, was the same, so dev2 kept the first copy and
// folded the ticket without its creation date. The chains cover the stamp's day.
namespace {
Options every_fault() {
  Options o = devices_restored();
  o.publish = true;
  o.max_request_ops = 3;
  o.crash = 0.02;
  o.steps = 750;
  return o;
}
}  // namespace

TEST(Simulation, ADeviceHoldingAnOpStampedOtherwiseThanTheServerIsToldSo) { run_seeds({1244}, every_fault()); }

TEST(Simulation, AChainWithoutTheStampLetsADeviceFoldAnOpToOtherDates) {
  Options o = every_fault();
  o.chains_cover_acceptance = false;
  Report r = run_simulation(1244, o);
  std::printf("[ sim ] every-fault seed 1244, chains without the stamp: %s\n", r.failure.c_str());
  EXPECT_EQ(r.failure, "dev2: shows a state other than the canonical fold");
}

// Every fault the simulation draws, at once: requests of 3 ops, devices restored from older
// copies, a local workspace published, with crashes twice as often and runs half again as long.
// Seeds 1-20 here; more on demand (DESKBILL_SIM_ALL_SEEDS, _FIRST).
TEST(Simulation, EveryFaultAtOnceKeepsEveryPromise) {
  run_seeds(seeds_from_env("DESKBILL_SIM_ALL", 20), every_fault());
}
