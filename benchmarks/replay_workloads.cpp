#include "replay_workloads.h"

#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <memory>
#include <random>
#include <sstream>

#include "core/apply.h"
#include "core/billing.h"
#include "core/state_hash.h"
#include "core/state_json.h"
#include "journal/envelope.h"
#include "journal/generator.h"
#include "journal/snapshot.h"

namespace deskbill::bench {

using Clock = std::chrono::steady_clock;

std::string make_journal(uint64_t timesheets) {
  std::string out;
  GeneratorOptions o;
  o.timesheets = timesheets;
  generate_journal(o, [&](const nlohmann::json& op) {
    out += op.dump();
    out += '\n';
  });
  return out;
}

// CPU time of this process: the figures the issue compares are CPU, not wall, time. WebAssembly
// has no CPU clock: Emscripten's clock() is Date.now(), whole milliseconds, and a 10 k replay
// lasts 12-20 ms there, so each of its figures was off by up to 8 % (the growth's pairs read 12,
// 13, 17 or 19 ms). There the time is the wall clock's, at performance.now()'s resolution.
static double cpu_seconds() {
#if defined(__EMSCRIPTEN__)
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
#else
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
#endif
}

struct KernelShare {
  uint64_t faults = 0;
  double sys_s = 0;
};
static KernelShare kernel_share() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return {static_cast<uint64_t>(u.ru_minflt + u.ru_majflt), u.ru_stime.tv_sec + u.ru_stime.tv_usec * 1e-6};
}

// Folds JSONL text into s, parsing included; returns the number of ops. With `marks`, the CPU
// time after every kWindowOps ops is appended to it.
static uint64_t fold_text(const std::string& text, State& s, std::vector<double>* marks = nullptr,
                          const std::function<void(uint64_t)>& every_window = {}) {
  uint64_t n = 0;
  JournalLineReader reader;  // as the app's replay reads (JournalStore::load)
  auto err = read_journal(text, reader, [&](const JournalLineReader& line) {
    ++n;
    apply_or_reject(s, line.op(), line.context());
    if (marks && n % kWindowOps == 0) marks->push_back(cpu_seconds());
    if (every_window && n % kWindowOps == 0) every_window(n);
  });
  return err ? 0 : n;  // a generated journal has no bad line: 0 ops says one was found
}

uint64_t replay_text(const std::string& text, uint64_t* hash_out, size_t* bytes, uint64_t* ts_count,
                     std::string* snap) {
  State s;
  uint64_t n = fold_text(text, s);
  if (hash_out) *hash_out = state_hash(s);
  if (bytes) *bytes = state_memory_bytes(s);
  if (ts_count) *ts_count = s.timesheets.size();
  if (snap) *snap = save_snapshot(s, n);
  return n;
}

ReplayFigures measure_replay(const std::string& text) {
  ReplayFigures f;
  auto s = std::make_unique<State>();
  std::vector<double> marks;
  // No allocation inside a timed window: a line holds at most one op, so the lines bound the marks.
  marks.reserve(static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) / kWindowOps + 2);
  KernelShare k0 = kernel_share();
  double t0 = cpu_seconds();
  marks.push_back(t0);
  f.ops = fold_text(text, *s, &marks);
  double t1 = cpu_seconds();
  KernelShare k1 = kernel_share();
  f.replay_page_faults = k1.faults - k0.faults;
  f.replay_sys_s = k1.sys_s - k0.sys_s;
  for (size_t i = 1; i < marks.size(); ++i) f.window_us_per_op.push_back((marks[i] - marks[i - 1]) * 1e6 / kWindowOps);
  f.state_hash = state_hash(*s);
  double t2 = cpu_seconds();
  std::string snap = save_snapshot(*s, f.ops);
  double t3 = cpu_seconds();
  f.replay_s = t1 - t0;
  f.hash_s = t2 - t1;
  f.snapshot_write_s = t3 - t2;
  f.timesheets = s->timesheets.size();
  f.state_bytes = state_memory_bytes(*s);
  f.snapshot_bytes = snap.size();
  s.reset();  // the loaded copy takes its place in memory
  auto loaded = std::make_unique<State>();
  uint64_t covered = 0;
  double t4 = cpu_seconds();
  bool ok = !load_snapshot(snap, *loaded, covered);
  double t5 = cpu_seconds();
  f.snapshot_load_s = t5 - t4;
  uint64_t loaded_hash = state_hash(*loaded);
  f.loaded_hash_s = cpu_seconds() - t5;
  f.snapshot_loaded = ok && covered == f.ops && loaded_hash == f.state_hash;
  return f;
}

GrowthFigures measure_growth(const std::string& small, const std::string& large, uint64_t every) {
  GrowthFigures g;
#if defined(__EMSCRIPTEN__)
  // In WebAssembly, the long journal once, untimed, its state then freed. The short replays run
  // many times, so they run code the engine has optimised, on memory touched before (WebAssembly's
  // memory is never given back). Without this the long replay alone met code not optimised yet
  // and pages touched for the first time, and its side of each pair was 6 % dearer per op
  // (docs/benchmarks.md, "Both sides warm in WebAssembly"). Natively both sides get new pages
  // instead (malloc_trim below), and no code is optimised as it runs.
  {
    State warm_up;
    fold_text(large, warm_up);
  }
#endif
  auto large_state = std::make_unique<State>();
  double resumed = cpu_seconds();
  uint64_t resumed_at = 0;
  auto pause = [&](uint64_t n) {
    double paused = cpu_seconds();
    g.large_us_per_op.push_back((paused - resumed) * 1e6 / static_cast<double>(n - resumed_at));
#if defined(__GLIBC__)
    // The memory the last short replay freed goes back to the system, so that this one touches
    // new pages, as the long replay does and as a short replay in a process of its own would.
    malloc_trim(0);
#endif
    double t0 = cpu_seconds();
    {
      State s;
      g.small_ops = fold_text(small, s);
    }
    g.small_us_per_op.push_back((cpu_seconds() - t0) * 1e6 / static_cast<double>(g.small_ops));
    resumed_at = n;
    resumed = cpu_seconds();
  };
  g.large_ops = fold_text(large, *large_state, nullptr, [&](uint64_t n) {
    if (n % every == 0) pause(n);
  });
  if (g.large_ops > resumed_at) pause(g.large_ops);
  return g;
}

// Folds text into a fresh state as fold_text does, adding each op's time to its kind's in `by_kind`
// and the time between folds to `read_us`. Returns the ops folded, 0 at a bad line.
static uint64_t fold_by_kind(const std::string& text, std::map<std::string, KindCost>& by_kind, double& read_us) {
  auto s = std::make_unique<State>();
  uint64_t n = 0;
  JournalLineReader reader;
  Clock::time_point folded = Clock::now();
  auto err = read_journal(text, reader, [&](const JournalLineReader& line) {
    const OpValue* kind = line.op().find("kind");
    Clock::time_point t0 = Clock::now();
    apply_or_reject(*s, line.op(), line.context());
    Clock::time_point t1 = Clock::now();
    KindCost& k = by_kind[kind && kind->is_string() ? std::string(kind->text) : "(no kind)"];
    ++k.ops;
    k.us += std::chrono::duration<double, std::micro>(t1 - t0).count();
    read_us += std::chrono::duration<double, std::micro>(t0 - folded).count();
    ++n;
    folded = Clock::now();
  });
  return err ? 0 : n;
}

KindFigures measure_kinds(const std::string& small, const std::string& large, int rounds) {
  KindFigures f;
  auto fresh_memory = [] {
#if defined(__GLIBC__)
    malloc_trim(0);  // as measure_growth: each replay touches new pages, as in a process of its own
#endif
  };
  // Untimed short replays for a second first: WebAssembly's code is compiled again, optimised,
  // while it runs, and without this the first short replays took 1.7 times as long per op.
  std::map<std::string, KindCost> warm_up;
  double warm_up_read = 0;
  for (Clock::time_point start = Clock::now(); Clock::now() - start < std::chrono::seconds(1);)
    if (!fold_by_kind(small, warm_up, warm_up_read)) break;
#if defined(__EMSCRIPTEN__)
  fold_by_kind(large, warm_up, warm_up_read);  // and the long one once, as measure_growth does
#endif
  for (int r = 0; r < rounds; ++r) {
    fresh_memory();
    f.small_ops += fold_by_kind(small, f.small, f.small_read_us);
    fresh_memory();
    f.large_ops += fold_by_kind(large, f.large, f.large_read_us);
  }
  return f;
}

// A set-up or timed op that is refused would leave a workload measuring something else: it
// stops the benchmark with the refusal instead.
static void must(const deskbill::ApplyResult& refused) {
  if (!refused) return;
  std::fprintf(stderr, "benchmark op refused: %s\n", refused->message.c_str());
  std::abort();
}

uint64_t load_snapshot_bytes(const std::string& snapshot) {
  State s;
  uint64_t covered = 0;
  // A benchmark of a snapshot that does not load would measure nothing: 0 says so.
  if (load_snapshot(snapshot, s, covered)) return 0;
  return s.timesheets.size();
}

static void setup_line(State& s, const char* product_policy) {
  must(deskbill::apply(s, {{"kind", "partner.create"}, {"id", "c"}, {"name", "C"}}));
  must(deskbill::apply(s, {{"kind", "employee.create"}, {"id", "e"}, {"name", "E"}}));
  must(deskbill::apply(s, {{"kind", "team.create"}, {"id", "t"}, {"name", "T"}, {"use_billing", true}}));
  must(deskbill::apply(
      s, {{"kind", "product.create"}, {"id", "p"}, {"name", "P"}, {"policy", product_policy}, {"price", "90"}}));
  must(deskbill::apply(s, {{"kind", "order.create"}, {"id", "o"}, {"partner", "c"}}));
  must(deskbill::apply(
      s, {{"kind", "order.add_line"}, {"id", "l"}, {"order", "o"}, {"product", "p"}, {"qty", "1000000"}}));
  must(deskbill::apply(s, {{"kind", "order.confirm"}, {"id", "o"}, {"date", "2026-01-01"}}));
  must(deskbill::apply(
      s,
      {{"kind", "ticket.create"}, {"id", "k"}, {"team", "t"}, {"title", "K"}, {"partner", "c"}, {"sale_line", "l"}}));
}

static void add_timesheets(State& s, uint64_t n) {
  nlohmann::json op = {
      {"kind", "timesheet.log"}, {"ticket", "k"}, {"employee", "e"}, {"date", "2026-01-02"}, {"hours", "1"}};
  for (uint64_t i = 0; i < n; ++i) {
    op["id"] = "t" + std::to_string(i);
    must(deskbill::apply(s, op));
  }
}

double one_more_timesheet_seconds(uint64_t n, int repeats) {
  State s;
  setup_line(s, "prepaid");
  add_timesheets(s, n);
  uint32_t line = s.lines.find(s.text, "l");
  volatile int64_t sink = 0;
  auto t0 = Clock::now();
  for (int r = 0; r < repeats; ++r) {
    must(deskbill::apply(s, {{"kind", "timesheet.log"},
                             {"id", "x" + std::to_string(r)},
                             {"ticket", "k"},
                             {"employee", "e"},
                             {"date", "2026-01-03"},
                             {"hours", "0.5"}}));
    sink = sink + qty_delivered(s, line) + remaining_hours(s, line);
  }
  return std::chrono::duration<double>(Clock::now() - t0).count() / repeats;
}

double create_invoice_seconds(uint64_t n) {
  State s;
  setup_line(s, "timesheet");
  add_timesheets(s, n);
  auto t0 = Clock::now();
  auto r = deskbill::apply(s, {{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"o"}}});
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  return r ? -1 : secs;
}

// A project with 20 tasks, each with 10 timesheets of its own, and 10 timesheets on the project
// itself, in a workspace whose line "l" has n timesheets on a ticket: the history a task's or the
// project's new line must not walk (R9, R13).
static void setup_project(State& s, uint64_t n) {
  setup_line(s, "timesheet");
  must(deskbill::apply(s, {{"kind", "order.add_line"}, {"id", "l2"}, {"order", "o"}, {"product", "p"}, {"qty", "1"}}));
  must(deskbill::apply(s, {{"kind", "project.create"},
                           {"id", "pr"},
                           {"name", "Pr"},
                           {"partner", "c"},
                           {"allow_billable", true},
                           {"sale_line", "l"}}));
  nlohmann::json log = {{"kind", "timesheet.log"}, {"employee", "e"}, {"date", "2026-01-02"}, {"hours", "1"}};
  for (int k = 0; k < 20; ++k) {
    std::string task = "task" + std::to_string(k);
    must(deskbill::apply(
        s, {{"kind", "task.create"}, {"id", task}, {"project", "pr"}, {"name", "T"}, {"sale_line", "l"}}));
    for (int j = 0; j < 10; ++j) {
      log["id"] = task + "." + std::to_string(j);
      log["task"] = task;
      must(deskbill::apply(s, log));
    }
  }
  log.erase("task");
  log["project"] = "pr";
  for (int j = 0; j < 10; ++j) {
    log["id"] = "pr." + std::to_string(j);
    must(deskbill::apply(s, log));
  }
  add_timesheets(s, n);
}

LineChangeFigures line_change_seconds(uint64_t n) {
  State s;
  setup_project(s, n);
  // Back and forth between the two lines, ending on the second: an odd number of changes.
  constexpr int kChanges = 101;
  auto seconds_per_change = [&](const char* kind, const char* id) {
    bool ok = true;
    auto t0 = Clock::now();
    for (int r = 0; r < kChanges; ++r)
      ok = ok && !deskbill::apply(s, {{"kind", kind}, {"id", id}, {"sale_line", r % 2 == 0 ? "l2" : "l"}});
    return ok ? std::chrono::duration<double>(Clock::now() - t0).count() / kChanges : -1.0;
  };
  LineChangeFigures f;
  f.task_s = seconds_per_change("task.update", "task0");
  f.project_s = seconds_per_change("project.update", "pr");
  // Each moved what it should: the task's 10 timesheets, then the project's own 10.
  if (s.lines.rows[s.lines.find(s.text, "l2")].ts_hours != 20 * kQtyOne) f.task_s = f.project_s = -1;
  return f;
}

double delete_draft_invoice_seconds(uint64_t n) {
  State s;
  setup_line(s, "timesheet");
  add_timesheets(s, n);
  for (const nlohmann::json& op : std::vector<nlohmann::json>{
           {{"kind", "order.create"}, {"id", "o2"}, {"partner", "c"}},
           {{"kind", "order.add_line"}, {"id", "m"}, {"order", "o2"}, {"product", "p"}, {"qty", "1"}},
           {{"kind", "order.confirm"}, {"id", "o2"}, {"date", "2026-01-01"}},
           {{"kind", "ticket.create"},
            {"id", "k2"},
            {"team", "t"},
            {"title", "K2"},
            {"partner", "c"},
            {"sale_line", "m"}},
       })
    must(deskbill::apply(s, op));
  nlohmann::json log = {
      {"kind", "timesheet.log"}, {"ticket", "k2"}, {"employee", "e"}, {"date", "2026-01-02"}, {"hours", "1"}};
  for (int j = 0; j < 3; ++j) {
    log["id"] = "m" + std::to_string(j);
    must(deskbill::apply(s, log));
  }
  // A draft invoice of the 3 timesheets made and deleted again: only the deletes are timed.
  constexpr int kRounds = 101;
  double seconds = 0;
  for (int r = 0; r < kRounds; ++r) {
    std::string id = "inv" + std::to_string(r);
    if (deskbill::apply(s, {{"kind", "invoice.create"}, {"id", id}, {"orders", {"o2"}}})) return -1;
    auto t0 = Clock::now();
    bool ok = !deskbill::apply(s, {{"kind", "invoice.delete"}, {"id", id}});
    seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    if (!ok || s.timesheets.rows[s.find(s.timesheets, "m0")].invoice != kNone) return -1;
  }
  return seconds / kRounds;
}

double dependent_read_ns(uint64_t bytes, uint64_t reads) {
  struct alignas(64) Line {
    uint32_t next;
  };
  const uint32_t n = static_cast<uint32_t>(std::max<uint64_t>(2, bytes / sizeof(Line)));
  std::vector<Line> lines(n);
  // One cycle through every line in a random order (Sattolo's shuffle; mt19937_64's numbers are
  // fixed by the standard, so the order is the same on every platform), so the chain meets each
  // line once per lap and no prefetcher can guess the next.
  std::vector<uint32_t> order(n);
  for (uint32_t i = 0; i < n; ++i) order[i] = i;
  std::mt19937_64 random(42);
  for (uint32_t i = n - 1; i > 0; --i) std::swap(order[i], order[random() % i]);
  for (uint32_t i = 0; i < n; ++i) lines[order[i]].next = order[(i + 1) % n];
  uint32_t at = order[0];
  for (uint32_t i = 0; i < n; ++i) at = lines[at].next;  // a lap untimed: pages touched, caches filled
  const double t0 = cpu_seconds();
  for (uint64_t i = 0; i < reads; ++i) at = lines[at].next;
  const double seconds = cpu_seconds() - t0;
  // The chain's end is used, so the reads cannot be left out.
  volatile uint32_t end = at;
  (void)end;
  return seconds * 1e9 / static_cast<double>(reads);
}

}  // namespace deskbill::bench
