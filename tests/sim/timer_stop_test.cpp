// Stopping the timer (journal/timer_store.h) under crashes: the running timer and the line it
// logs are stored by the same flush, so whichever flushes complete before the tab dies, the
// device comes back with exactly one of them: the timer still running, or the line logged.
#include <gtest/gtest.h>

#include <filesystem>

#include "journal/timer_store.h"
#include "journal/workspace.h"
#include "sim/fake_durability.h"

using namespace deskbill;
using namespace deskbill::sim;
using nlohmann::json;

namespace {

class TimerStop : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = (std::filesystem::temp_directory_path() /
           ("deskbill-timer-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name()))
              .string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    durability = std::make_unique<FakeDurability>(dir);
    // Every flush stores, and stores the folder as it was when asked (a draw below one half): a
    // crash between two flushes asked together then loses what the second one was for.
    durability->uniform = [] { return 0.25; };
    durability->now = [this] { return now; };
    open(true);
    for (const json& op : {json{{"kind", "employee.create"}, {"id", "ana"}, {"name", "Ana"}},
                           json{{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}, {"use_timesheets", true}},
                           json{{"kind", "ticket.create"}, {"id", "k"}, {"title", "VPN"}, {"team", "t"}}})
      ASSERT_EQ(log(op), "") << op.dump();
    ASSERT_FALSE(timers->write(RunningTimer{"k", "ana", "", 1'000'000, 20'000}));
    pipeline->flush();
    durability->run_due();
    ASSERT_EQ(pipeline->status().state, SaveState::Saved);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  void open(bool fresh) {
    store = std::make_unique<JournalStore>(dir);
    ws = std::make_unique<Workspace>("c", false);
    meta = StoredWorkspace{};
    if (fresh) {
      meta.client_id = "c";
      ASSERT_FALSE(store->write_meta(meta));
    } else {
      ASSERT_FALSE(store->load(*ws, meta));
    }
    pipeline = std::make_unique<SavePipeline>(*store, meta, *durability, [this] { return now; });
    pipeline->loaded(*ws);
    timers = std::make_unique<TimerStore>(dir);
    timers->load();
  }
  // What the app's run_op does through WebHost::emit: submit, then persist (which flushes).
  std::string log(const json& op) {
    uint64_t before = ws->confirmed_count();
    std::vector<Envelope> added;
    if (auto r = ws->submit(op, &added)) return r->message;
    pipeline->record(*ws, added, before);
    return "";
  }
  size_t lines() const { return ws->state().timesheets.size(); }
  TimerStopResult stop() {
    return stop_timer(*timers, 1'000'000 + 20 * 60'000, "line", [this](const json& op) { return log(op); });
  }
  void crash_and_reopen() {
    durability->crash();
    open(false);
  }

  std::string dir;
  double now = 0;
  std::unique_ptr<FakeDurability> durability;
  std::unique_ptr<JournalStore> store;
  StoredWorkspace meta;
  std::unique_ptr<Workspace> ws;
  std::unique_ptr<SavePipeline> pipeline;
  std::unique_ptr<TimerStore> timers;
};

TEST_F(TimerStop, LogsTheLineByOdoosRoundingAndClearsTheTimer) {
  TimerStopResult r = stop();
  EXPECT_TRUE(r.logged) << r.problem.filled();
  ASSERT_EQ(lines(), 1u);
  EXPECT_EQ(ws->state().timesheets.rows[0].hours, 500'000);  // 20 minutes → 30 (rounded up to 15)
  EXPECT_FALSE(timers->running());
}

TEST_F(TimerStop, ACrashBeforeTheFlushKeepsTheRunningTimerAndNoLine) {
  ASSERT_TRUE(stop().logged);
  crash_and_reopen();
  EXPECT_TRUE(timers->running());
  EXPECT_EQ(lines(), 0u);
}

TEST_F(TimerStop, OnceFlushedTheLineIsKeptAndTheTimerIsGone) {
  ASSERT_TRUE(stop().logged);
  durability->run_due();
  crash_and_reopen();
  EXPECT_FALSE(timers->running());
  EXPECT_EQ(lines(), 1u);
}

// Whichever of the flushes the stop asked for complete before the crash, exactly one of the two
// survives. (Clearing the timer with its own flush before logging would lose both at the crash
// between the two flushes; logging first would keep both once the line's flush completed.)
TEST_F(TimerStop, AtEveryCrashPointExactlyOneOfTimerAndLineSurvives) {
  uint64_t asked_before = durability->flushes();
  ASSERT_TRUE(stop().logged);
  uint64_t asked = durability->flushes() - asked_before;
  ASSERT_GE(asked, 1u);
  // Each prefix of the flushes, replayed on a copy of the folder as it was before the stop.
  for (uint64_t complete = 0; complete <= asked; ++complete) {
    SCOPED_TRACE("flushes completed before the crash: " + std::to_string(complete));
    TearDown();
    SetUp();
    asked_before = durability->flushes();
    ASSERT_TRUE(stop().logged);
    for (uint64_t k = 0; k < complete; ++k) ASSERT_TRUE(durability->run_one());
    crash_and_reopen();
    EXPECT_NE(timers->running().has_value(), lines() == 1u);
    EXPECT_LE(lines(), 1u);
  }
}

TEST_F(TimerStop, ARefusedLineKeepsTheTimerRunning) {
  ASSERT_FALSE(timers->write(RunningTimer{"deleted-ticket", "ana", "", 1'000'000, 20'000}));
  TimerStopResult r = stop();
  EXPECT_FALSE(r.logged);
  EXPECT_FALSE(r.write_failed);  // refused by the fold: not a storage problem
  EXPECT_NE(r.problem.text, "");
  EXPECT_TRUE(timers->running());
  pipeline->flush();
  durability->run_due();
  crash_and_reopen();
  EXPECT_TRUE(timers->running());
  EXPECT_EQ(lines(), 0u);
}

TEST_F(TimerStop, WhenTheClearCannotBeWrittenNothingIsLogged) {
  // timer.json is written through timer.json.tmp: a folder there makes the write fail.
  std::filesystem::create_directories(dir + "/timer.json.tmp/x");
  TimerStopResult r = stop();
  EXPECT_FALSE(r.logged);
  EXPECT_TRUE(r.write_failed);
  EXPECT_NE(r.problem.filled().find("could not be stopped"), std::string::npos) << r.problem.filled();
  EXPECT_EQ(lines(), 0u);
  EXPECT_TRUE(timers->running());
}

}  // namespace
