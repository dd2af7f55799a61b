// The same workloads compiled to wasm and run under Node; prints one JSON line of figures.
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "replay_workloads.h"

using namespace deskbill::bench;

int main(int argc, char** argv) {
  uint64_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  std::string j = make_journal(n);
  std::string snap;
  size_t bytes = 0;
  uint64_t ts = 0, hash = 0;
  auto t0 = std::chrono::steady_clock::now();
  uint64_t ops = replay_text(j, &hash, &bytes, &ts, &snap);
  double replay = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  t0 = std::chrono::steady_clock::now();
  load_snapshot_bytes(snap);
  double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double one = one_more_timesheet_seconds(100000, 1000);
  double inv = create_invoice_seconds(100000);
  std::printf(
      "{\"ops\":%llu,\"replay_s\":%.3f,\"ops_per_s\":%.0f,\"snapshot_load_s\":%.3f,\"bytes_per_timesheet\":%.1f,"
      "\"one_more_timesheet_us\":%.2f,\"create_invoice_100k_ms\":%.2f}\n",
      static_cast<unsigned long long>(ops), replay, ops / replay, load, double(bytes) / double(ts), one * 1e6,
      inv * 1e3);
  return 0;
}
