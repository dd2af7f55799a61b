// The figures of docs/benchmarks.md for one journal, as one JSON line: built natively
// (deskbill_bench_report) and in wasm (deskbill_bench_wasm, run under Node), so both runtimes
// measure the same code on the same file. benchmarks/run.sh drives it.
//   deskbill_bench_report FILE.jsonl        replay, state hash, snapshot write and load
//   deskbill_bench_report --growth SHORT.jsonl LONG.jsonl
//                                           the long journal's replay and the short one's in
//                                           turns, in one process (measure_growth)
//   deskbill_bench_report --kinds SHORT.jsonl LONG.jsonl
//                                           the same two replays in turns, each op's fold timed
//                                           by its kind (measure_kinds): where the growth is
//   deskbill_bench_report --edits N         one more timesheet and Create Invoice on a line with N,
//                                           a task's and a project's new line and a draft
//                                           invoice deleted, beside N timesheets
//   deskbill_bench_report --load SNAPSHOT   a start's load in a fresh process: the first load (code
//                                           never run, memory never touched) and a second one
//   deskbill_bench_report --screens SNAPSHOT the queries a screen runs once per state version:
//                                           the Helpdesk's team cards (a start's first frame),
//                                           the Timesheets list and an employee's week grid,
//                                           and Ctrl+K's search for a customer's name (found
//                                           through every ticket of theirs) and for a word in
//                                           no record (each scans every record)
//   deskbill_bench_report --memory          this machine's wait for a read at random in 256 KB,
//                                           8 MB, 16 MB and 128 MB (dependent_read_ns)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/search.h"
#include "core/team_overview.h"
#include "core/timesheet_queries.h"
#include "journal/snapshot.h"
#include "journal/store.h"
#include "replay_workloads.h"

using namespace deskbill::bench;

// The short and the long journal of --growth and --kinds; false (and why, on stderr) when one
// cannot be read.
static bool read_both(const char* small_path, std::string& small, const char* large_path, std::string& large) {
  for (auto [path, text] : {std::pair{small_path, &small}, std::pair{large_path, &large}})
    if (auto err = deskbill::read_file(path, *text)) {
      std::fprintf(stderr, "%s\n", err->c_str());
      return false;
    }
  return true;
}

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--memory") == 0) {
    // 256 KB fits a core's L2 cache, 8 MB is the 1 M timesheets' id index, 16 MB is past the
    // cache one process got on the first VM measured (docs/benchmarks.md), 128 MB about the 1 M
    // state.
    std::printf("{\"read_ns_256kb\":%.1f,\"read_ns_8mb\":%.1f,\"read_ns_16mb\":%.1f,\"read_ns_128mb\":%.1f}\n",
                dependent_read_ns(256u << 10, 10'000'000), dependent_read_ns(8u << 20, 10'000'000),
                dependent_read_ns(16u << 20, 10'000'000), dependent_read_ns(128u << 20, 10'000'000));
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--edits") == 0) {
    uint64_t n = std::strtoull(argv[2], nullptr, 10);
    LineChangeFigures lc = line_change_seconds(n);
    std::printf(
        "{\"line_timesheets\":%llu,\"one_more_timesheet_us\":%.3f,\"create_invoice_ms\":%.3f,"
        "\"task_line_change_us\":%.1f,\"project_line_change_us\":%.1f,\"invoice_delete_us\":%.1f}\n",
        static_cast<unsigned long long>(n), one_more_timesheet_seconds(n, 1000) * 1e6, create_invoice_seconds(n) * 1e3,
        lc.task_s * 1e6, lc.project_s * 1e6, delete_draft_invoice_seconds(n) * 1e6);
    return 0;
  }
  if (argc == 4 && std::strcmp(argv[1], "--growth") == 0) {
    std::string small, large;
    if (!read_both(argv[2], small, argv[3], large)) return 2;
    // A pause every 8 windows (100 000 ops, about a tenth of a second): 12 pairs at 1 M.
    GrowthFigures g = measure_growth(small, large, 8 * deskbill::bench::kWindowOps);
    if (g.small_ops == 0 || g.large_ops == 0) {
      std::fprintf(stderr, "a journal did not replay\n");
      return 1;
    }
    auto list = [](const std::vector<double>& v) {
      std::string out;
      for (double x : v) {
        char one[32];
        std::snprintf(one, sizeof one, "%s%.4f", out.empty() ? "" : ",", x);
        out += one;
      }
      return out;
    };
    std::printf("{\"small_ops\":%llu,\"large_ops\":%llu,\"small_us_per_op\":[%s],\"large_us_per_op\":[%s]}\n",
                static_cast<unsigned long long>(g.small_ops), static_cast<unsigned long long>(g.large_ops),
                list(g.small_us_per_op).c_str(), list(g.large_us_per_op).c_str());
    return 0;
  }
  if (argc == 4 && std::strcmp(argv[1], "--kinds") == 0) {
    std::string small, large;
    if (!read_both(argv[2], small, argv[3], large)) return 2;
    // Ten rounds of a short replay and a long one: about 12 million timed ops of the long one at 1 M.
    KindFigures k = measure_kinds(small, large, 10);
    if (k.small_ops == 0 || k.large_ops == 0) {
      std::fprintf(stderr, "a journal did not replay\n");
      return 1;
    }
    // Each kind: [short ops, short µs, long ops, long µs], over all rounds. A kind is the journal's
    // text: nlohmann writes it, quotes and all.
    nlohmann::json kinds = nlohmann::json::object();
    auto row = [&](const std::string& kind) {
      KindCost before = k.small.count(kind) ? k.small.at(kind) : KindCost{};
      KindCost after = k.large.count(kind) ? k.large.at(kind) : KindCost{};
      kinds[kind] = {before.ops, before.us, after.ops, after.us};
    };
    for (const auto& entry : k.small) row(entry.first);
    for (const auto& entry : k.large)
      if (!k.small.count(entry.first)) row(entry.first);  // a kind only the long journal has
    nlohmann::json out = {{"small_ops", k.small_ops},
                          {"large_ops", k.large_ops},
                          {"small_read_us", k.small_read_us},
                          {"large_read_us", k.large_read_us},
                          {"kinds", kinds}};
    std::printf("%s\n", out.dump().c_str());
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--load") == 0) {
    std::string b;
    if (auto err = deskbill::read_file(argv[2], b)) {
      std::fprintf(stderr, "%s\n", err->c_str());
      return 2;
    }
    double ms[2] = {0, 0};
    size_t timesheets = 0;
    for (double& m : ms) {
      deskbill::State s;
      uint64_t covered = 0;
      auto t0 = std::chrono::steady_clock::now();
      if (auto err = deskbill::load_snapshot(b, s, covered)) {
        std::fprintf(stderr, "%s: %s\n", argv[2], err->c_str());
        return 1;
      }
      m = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      timesheets = s.timesheets.size();
    }
    std::printf("{\"snapshot_bytes\":%zu,\"timesheets\":%zu,\"first_load_ms\":%.1f,\"second_load_ms\":%.1f}\n",
                b.size(), timesheets, ms[0], ms[1]);
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--screens") == 0) {
    std::string b;
    deskbill::State s;
    uint64_t covered = 0;
    if (auto err = deskbill::read_file(argv[2], b)) {
      std::fprintf(stderr, "%s\n", err->c_str());
      return 2;
    }
    if (auto err = deskbill::load_snapshot(b, s, covered)) {
      std::fprintf(stderr, "%s: %s\n", argv[2], err->c_str());
      return 1;
    }
    // Best of 5: each query runs once per state version on its screen.
    auto best_ms = [](auto&& run) {
      double best = 1e18;
      for (int i = 0; i < 5; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        run();
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      }
      return best;
    };
    deskbill::Day today = s.timesheets.rows[s.timesheets.size() - 1].date;
    size_t sink = 0;
    double teams = best_ms([&] { sink += deskbill::team_overview(s, today).open.size(); });
    double list = best_ms([&] { sink += deskbill::select_timesheets(s, {}).rows.size(); });
    double week = best_ms([&] { sink += deskbill::week_grid(s, 0, today).rows.size(); });
    // The newest ticket's customer, as typed: no record is named so, so every ticket is looked at.
    std::string customer;
    for (uint32_t k = s.tickets.size(); k-- > 0 && customer.empty();)
      if (uint32_t p = s.tickets.rows[k].partner; p != deskbill::kNone)
        customer = std::string(s.str(s.partners.rows[p].name));
    double by_customer = best_ms([&] { sink += deskbill::search_records(s, customer).size(); });
    double nothing = best_ms([&] { sink += deskbill::search_records(s, "zqxj").size(); });
    std::printf(
        "{\"timesheets\":%zu,\"tickets\":%zu,\"team_cards_ms\":%.2f,\"timesheet_list_ms\":%.2f,"
        "\"week_grid_ms\":%.2f,\"search_customer_ms\":%.2f,\"search_no_match_ms\":%.2f,\"sink\":%zu}\n",
        static_cast<size_t>(s.timesheets.size()), static_cast<size_t>(s.tickets.size()), teams, list, week, by_customer,
        nothing, sink);
    return 0;
  }
  if (argc != 2) {
    std::fprintf(stderr,
                 "usage: %s FILE.jsonl | --growth SHORT.jsonl LONG.jsonl | --kinds SHORT.jsonl LONG.jsonl | --edits N "
                 "| --load SNAPSHOT | --screens SNAPSHOT | --memory\n",
                 argv[0]);
    return 2;
  }
  std::string text;
  if (auto err = deskbill::read_file(argv[1], text)) {
    std::fprintf(stderr, "%s\n", err->c_str());
    return 2;
  }
  ReplayFigures f = measure_replay(text);
  std::string windows;
  for (double w : f.window_us_per_op) {
    char one[32];
    std::snprintf(one, sizeof one, "%s%.4f", windows.empty() ? "" : ",", w);
    windows += one;
  }
  if (!f.snapshot_loaded) {
    std::fprintf(stderr, "the snapshot did not load back to the same state\n");
    return 1;
  }
  std::printf(
      "{\"ops\":%llu,\"timesheets\":%llu,\"state_hash\":\"%llu\",\"replay_s\":%.3f,\"ops_per_s\":%.0f,"
      "\"us_per_op\":%.4f,\"hash_s\":%.3f,\"snapshot_write_s\":%.3f,\"snapshot_load_s\":%.3f,\"loaded_hash_s\":%.3f,"
      "\"replay_page_faults\":%llu,\"replay_sys_s\":%.3f,\"state_bytes\":%zu,\"snapshot_bytes\":%zu,\"window_ops\":%"
      "llu,\"window_us_per_op\":[%s]}\n",
      static_cast<unsigned long long>(f.ops), static_cast<unsigned long long>(f.timesheets),
      static_cast<unsigned long long>(f.state_hash), f.replay_s, f.ops / f.replay_s, f.replay_s * 1e6 / f.ops, f.hash_s,
      f.snapshot_write_s, f.snapshot_load_s, f.loaded_hash_s, static_cast<unsigned long long>(f.replay_page_faults),
      f.replay_sys_s, f.state_bytes, f.snapshot_bytes, static_cast<unsigned long long>(deskbill::bench::kWindowOps),
      windows.c_str());
  return 0;
}
