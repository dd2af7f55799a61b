// The benchmark workloads, shared by the native (Google Benchmark) and wasm (Node) runners.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace deskbill::bench {

// A generated journal of about `timesheets` timesheets, as JSONL text.
std::string make_journal(uint64_t timesheets);
// Replays JSONL text (parsing included); returns the number of ops.
uint64_t replay_text(const std::string& text, uint64_t* state_hash_out = nullptr, size_t* state_bytes = nullptr,
                     uint64_t* timesheet_count = nullptr, std::string* snapshot_out = nullptr);
uint64_t load_snapshot_bytes(const std::string& snapshot);

// The replay's time per op is also taken in windows of this many ops (the size of the 10 k
// journal), so that one run of a long journal gives the cost of an op at each size of history,
// in one process: the early windows of a 1 M journal against its last ones.
constexpr uint64_t kWindowOps = 12500;

// Replay of JSONL text with each stage timed on its own (CPU seconds): the fold with JSON
// parsing, the state hash, writing the snapshot and loading it back.
struct ReplayFigures {
  uint64_t ops = 0;
  uint64_t timesheets = 0;
  uint64_t state_hash = 0;
  size_t state_bytes = 0;
  size_t snapshot_bytes = 0;
  double replay_s = 0, hash_s = 0, snapshot_write_s = 0, snapshot_load_s = 0;
  double loaded_hash_s = 0;              // the state hash of the loaded snapshot: what `load-snapshot` adds to the load
  bool snapshot_loaded = false;          // the snapshot loaded and gave the same state hash
  std::vector<double> window_us_per_op;  // CPU µs per op in each whole window of kWindowOps ops
  // Of the replay: page faults (each a first touch of 4 KB the kernel gives the state) and the CPU
  // time spent in the kernel, which replay_s includes.
  uint64_t replay_page_faults = 0;
  double replay_sys_s = 0;
};
ReplayFigures measure_replay(const std::string& text);

// The cost per op of the long journal's replay against the short one's, taken in turns in one
// process: every `every` ops the long replay pauses and the short journal is replayed whole into
// a state of its own, so each stretch of the long replay has a short replay beside it. On a
// shared VM the speed of the CPU changes by up to 1.7x from one second to the next (several
// times within one 1 M replay), which two runs in separate processes compare at random; two
// measurements a few hundred ms apart see the same speed. The paused time is not counted. In
// WebAssembly the long journal is first replayed once, untimed, so that both sides run warm code
// on warm memory; natively each short replay gets new pages, as the long one's growth does.
struct GrowthFigures {
  uint64_t small_ops = 0, large_ops = 0;
  // Per stretch: the long replay's CPU µs per op since the last pause, and the short replay's.
  std::vector<double> large_us_per_op, small_us_per_op;
};
GrowthFigures measure_growth(const std::string& small, const std::string& large, uint64_t every);
// Where the growth is: the cost of each kind of op in the short replay and in the long one. Each
// op's fold is timed on its own, and the time between two folds (reading the next line) is the
// reading's. The three clock reads per op cost tens of ns natively and about 0.2 µs in
// WebAssembly, which every figure here includes: these say which kinds grow, the in-turns figures
// above say by how much.
// The rounds take turns, a short replay then a long one, so that both see the CPU's speed of the
// same minutes; natively each replay starts on memory given back to the system, and in
// WebAssembly the warm-up replays the long journal once as measure_growth does. One short replay
// a round, as measure_growth has: a second would read a text the first left in the cache, which
// the long one never does.
struct KindCost {
  uint64_t ops = 0;
  double us = 0;
};
struct KindFigures {
  uint64_t small_ops = 0, large_ops = 0;  // over all rounds
  double small_read_us = 0, large_read_us = 0;
  std::map<std::string, KindCost> small, large;  // by the op's kind
};
KindFigures measure_kinds(const std::string& small, const std::string& large, int rounds);
// One more timesheet on a line that already has n, then reading delivered/remaining: seconds per op.
double one_more_timesheet_seconds(uint64_t n, int repeats);
// Create Invoice on an order whose line has n uninvoiced timesheets: seconds.
double create_invoice_seconds(uint64_t n);
// A task's new line (10 timesheets move), then its project's (the project's own 10 move), in a
// workspace with n other timesheets: seconds per change (the mean of 101 back and forth), -1 if
// they did not move what they should.
struct LineChangeFigures {
  double task_s = 0, project_s = 0;
};
LineChangeFigures line_change_seconds(uint64_t n);
// Deleting a draft invoice of 3 timesheets in a workspace with n other timesheets: seconds (the
// mean of 101), -1 if its timesheets were not unlinked.
double delete_draft_invoice_seconds(uint64_t n);

// What a cache miss costs on this machine: ns per read in a chain of reads at random through
// `bytes` (one read per 64-byte line), each read's address taken from the one before, so that no
// two reads overlap. The growth rows are cache misses of a larger state; the same build grew by
// +5 % on one VM and by +13 to +16 % on another (history alone, docs/benchmarks.md), and this
// says which kind of VM a table was made on.
double dependent_read_ns(uint64_t bytes, uint64_t reads);

}  // namespace deskbill::bench
