// Native benchmarks (Google Benchmark): replay with JSON parsing, snapshot load, one more
// timesheet on a busy line, Create Invoice on 100 000 timesheets, bytes per timesheet.
#include <benchmark/benchmark.h>

#include "replay_workloads.h"

using namespace deskbill::bench;

static const std::string& journal() {
  static std::string j = make_journal(
      std::getenv("DESKBILL_BENCH_TS") ? std::strtoull(std::getenv("DESKBILL_BENCH_TS"), nullptr, 10) : 1000000);
  return j;
}

static void BM_ReplayJournal(benchmark::State& st) {
  journal();  // generated outside the measured loop
  uint64_t ops = 0;
  size_t bytes = 0;
  uint64_t ts = 0;
  for (auto _ : st) ops = replay_text(journal(), nullptr, &bytes, &ts);
  st.counters["ops"] = static_cast<double>(ops);
  st.counters["ops_per_s"] =
      benchmark::Counter(static_cast<double>(ops), benchmark::Counter::kIsIterationInvariantRate);
  st.counters["timesheets"] = static_cast<double>(ts);
  st.counters["state_bytes_per_timesheet"] = static_cast<double>(bytes) / static_cast<double>(ts);
}
BENCHMARK(BM_ReplayJournal)->Unit(benchmark::kMillisecond)->Iterations(1);

static void BM_LoadSnapshot(benchmark::State& st) {
  std::string snap;
  replay_text(journal(), nullptr, nullptr, nullptr, &snap);
  for (auto _ : st) benchmark::DoNotOptimize(load_snapshot_bytes(snap));
  st.counters["snapshot_mb"] = static_cast<double>(snap.size()) / 1e6;
}
BENCHMARK(BM_LoadSnapshot)->Unit(benchmark::kMillisecond)->Iterations(3);

static void BM_OneMoreTimesheet(benchmark::State& st) {
  double secs = 0;
  for (auto _ : st) secs = one_more_timesheet_seconds(static_cast<uint64_t>(st.range(0)), 1000);
  st.counters["us_per_timesheet"] = secs * 1e6;
}
BENCHMARK(BM_OneMoreTimesheet)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(1);

static void BM_CreateInvoice100k(benchmark::State& st) {
  double secs = 0;
  for (auto _ : st) secs = create_invoice_seconds(100000);
  st.counters["create_invoice_ms"] = secs * 1e3;
}
BENCHMARK(BM_CreateInvoice100k)->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
