#!/usr/bin/env bash
# One command for the figures of docs/benchmarks.md: builds what is missing, generates the
# journals, runs deskbill natively and in wasm (Node) and the sql.js anchor on the same files in
# the same run, prints the table with its ratios and writes it into docs/benchmarks.md (between
# the "bench:begin" and "bench:end" markers), replacing hand-copied numbers.
#   bash benchmarks/run.sh [TIMESHEETS]    default 1000000; the growth row also runs 10 000
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs
N=${1:-1000000}
SMALL=10000
EDITS=100000
OUT=build/bench
mkdir -p "$OUT"
bash scripts/build.sh all > /dev/null
cmake --build build/native --target deskbill_bench_report > /dev/null
cmake --build build/wasm --target deskbill_bench_wasm > /dev/null
# SQLite compiled to wasm: a dependency of the benchmarks only.
[ -d benchmarks/node_modules/sql.js ] || (cd benchmarks && npm install --no-audit --no-fund > /dev/null)
NODE="node --no-experimental-fetch"
# A journal made by an older generator is made again: figures of a journal the generator no
# longer makes would not be the ones a fresh checkout measures.
for n in "$SMALL" "$N"; do
  j="$OUT/journal-$n.jsonl"
  if [ ! -s "$j" ] || [ src/journal/generator.cpp -nt "$j" ]; then
    build/native/deskbill-cli gen --timesheets "$n" --out "$j"
  fi
done
J="$OUT/journal-$N.jsonl"
# The long journal at the short one's width (its 10 customers and 8 employees, not 1 000 and 200):
# against the short one, it differs by its history alone.
H="$OUT/journal-$N-width-$SMALL.jsonl"
if [ ! -s "$H" ] || [ src/journal/generator.cpp -nt "$H" ]; then
  build/native/deskbill-cli gen --timesheets "$N" --width "$SMALL" --out "$H"
fi
run() { echo "  $1" >&2; shift; "$@"; }
# The run with the lowest cost per op of K: on a shared VM a replay's time varies by half from run
# to run (the 10 000-timesheet one lasts 15 ms), and the growth compares one run with another.
RUNS_SMALL=5 RUNS=3
# The growth rows pool this many runs of --growth: a single run's 13 pairs gave a median pair of
# +3 % one time and +10 % the next for the same wasm build (docs/benchmarks.md).
GROWTH_RUNS=5
# Runs a command k times: its JSON figures, a line a run.
repeat() {
  local k=$1
  shift
  for _ in $(seq "$k"); do
    "$@"
    echo
  done
}
best() {
  repeat "$@" | python3 -c 'import json,sys; print(json.dumps(min((json.loads(l) for l in sys.stdin if l.strip()), key=lambda r: r["us_per_op"])))'
}
# The median of each figure of k runs: an edit's figure is one timing of a few µs or ms, and in
# wasm one run gave 2.9 µs for one more timesheet and the next 6.1.
medians() {
  repeat "$@" | python3 -c '
import json, statistics, sys
runs = [json.loads(l) for l in sys.stdin if l.strip()]
print(json.dumps({key: statistics.median(r[key] for r in runs) for key in runs[0]}))'
}
# One figure of all the pairs of k runs of --growth, in the order run.
pooled() {
  repeat "$@" | python3 -c '
import json, sys
runs = [json.loads(l) for l in sys.stdin if l.strip()]
out = dict(runs[0], runs=len(runs))
for key in ("small_us_per_op", "large_us_per_op"):
    out[key] = [x for r in runs for x in r[key]]
print(json.dumps(out))'
}
{
  echo "{"
  echo "\"timesheets\": $N, \"date\": \"$(date -u +%Y-%m-%d)\", \"commit\": \"$(git rev-parse --short HEAD)\","
  echo "\"cpus\": $(nproc), \"runs_small\": $RUNS_SMALL, \"runs\": $RUNS,"
  echo "\"native_small\": $(run "native replay, $SMALL, best of $RUNS_SMALL" best $RUNS_SMALL build/native/deskbill_bench_report "$OUT/journal-$SMALL.jsonl"),"
  echo "\"native\": $(run "native replay, $N, best of $RUNS" best $RUNS build/native/deskbill_bench_report "$J"),"
  echo "\"wasm_small\": $(run "wasm replay, $SMALL, best of $RUNS_SMALL" best $RUNS_SMALL $NODE build/wasm/deskbill_bench_wasm.js "$OUT/journal-$SMALL.jsonl"),"
  echo "\"wasm\": $(run "wasm replay, $N, best of $RUNS" best $RUNS $NODE build/wasm/deskbill_bench_wasm.js "$J"),"
  echo "\"sqljs\": $(run "sql.js load, $N" $NODE benchmarks/sqljs_anchor.js "$J"),"
  # The growth again, with the two replays in turns in one process: on this kind of shared VM
  # the CPU's speed changes during a run, and the two separate runs above meet it at random.
  echo "\"native_growth\": $(run "native, $SMALL and $N in turns, $GROWTH_RUNS runs" pooled $GROWTH_RUNS build/native/deskbill_bench_report --growth "$OUT/journal-$SMALL.jsonl" "$J"),"
  echo "\"wasm_growth\": $(run "wasm, $SMALL and $N in turns, $GROWTH_RUNS runs" pooled $GROWTH_RUNS $NODE build/wasm/deskbill_bench_wasm.js --growth "$OUT/journal-$SMALL.jsonl" "$J"),"
  echo "\"native_history\": $(run "native, $SMALL and $N at $SMALL's width, in turns, $GROWTH_RUNS runs" pooled $GROWTH_RUNS build/native/deskbill_bench_report --growth "$OUT/journal-$SMALL.jsonl" "$H"),"
  echo "\"wasm_history\": $(run "wasm, $SMALL and $N at $SMALL's width, in turns, $GROWTH_RUNS runs" pooled $GROWTH_RUNS $NODE build/wasm/deskbill_bench_wasm.js --growth "$OUT/journal-$SMALL.jsonl" "$H"),"
  # What a miss costs on this VM: the growth rows above are misses of a larger state, and the
  # same build's growth (history alone) was +5 % on one VM and +13 to +16 % on another.
  echo "\"native_memory\": $(run "native, a read at random in 256 KB, 8, 16 and 128 MB" build/native/deskbill_bench_report --memory),"
  echo "\"wasm_memory\": $(run "wasm, a read at random in 256 KB, 8, 16 and 128 MB" $NODE build/wasm/deskbill_bench_wasm.js --memory),"
  # Where the growth is: each op's fold timed by its kind, the same two journals in turns.
  echo "\"native_kinds\": $(run "native, $SMALL and $N in turns, by kind of op" build/native/deskbill_bench_report --kinds "$OUT/journal-$SMALL.jsonl" "$J"),"
  echo "\"wasm_kinds\": $(run "wasm, $SMALL and $N in turns, by kind of op" $NODE build/wasm/deskbill_bench_wasm.js --kinds "$OUT/journal-$SMALL.jsonl" "$J"),"
  echo "\"native_history_kinds\": $(run "native, $SMALL and $N at $SMALL's width, by kind of op" build/native/deskbill_bench_report --kinds "$OUT/journal-$SMALL.jsonl" "$H"),"
  echo "\"wasm_history_kinds\": $(run "wasm, $SMALL and $N at $SMALL's width, by kind of op" $NODE build/wasm/deskbill_bench_wasm.js --kinds "$OUT/journal-$SMALL.jsonl" "$H"),"
  echo "\"native_edits\": $(run "native edits, $EDITS, median of 7" medians 7 build/native/deskbill_bench_report --edits $EDITS),"
  echo "\"wasm_edits\": $(run "wasm edits, $EDITS, median of 7" medians 7 $NODE build/wasm/deskbill_bench_wasm.js --edits $EDITS),"
  echo "\"sqljs_edits\": $(run "sql.js edits, $EDITS, median of 3" medians 3 $NODE benchmarks/sqljs_anchor.js --edits $EDITS),"
  # Instructions per op (valgrind's callgrind): the work an op does, apart from what memory
  # makes it wait for, which the time per op above mixes in. About 2 minutes at 1 M.
  for n in "$SMALL" "$N"; do
    key=$([ "$n" = "$SMALL" ] && echo instructions_small || echo instructions)
    if command -v valgrind > /dev/null; then
      echo "\"$key\": $(run "instructions per op (callgrind), $n" python3 benchmarks/instructions.py build/native/deskbill_bench_report "$OUT/journal-$n.jsonl"),"
    else
      echo "  valgrind is not installed: no instruction counts" >&2
      echo "\"$key\": null,"
    fi
  done
  # The command-line tool as a user runs it: peak memory (KB) of replay + hash and of load + hash.
  echo "  deskbill-cli replay --summary / load-snapshot, $N" >&2
  /usr/bin/time -f '%M %U %S' -o "$OUT/replay.time" build/native/deskbill-cli replay "$J" --summary > /dev/null
  # The snapshot to load, made apart: holding its bytes is not the replay's memory.
  build/native/deskbill-cli replay "$J" --summary --snapshot "$OUT/snap.bin" > /dev/null
  /usr/bin/time -f '%M %U %S' -o "$OUT/load.time" build/native/deskbill-cli load-snapshot "$OUT/snap.bin" > /dev/null
  read -r rk ru rs < "$OUT/replay.time"; read -r lk lu ls < "$OUT/load.time"
  echo "\"cli\": {\"replay_summary_kb\": $rk, \"replay_summary_cpu_s\": [$ru, $rs], \"load_snapshot_kb\": $lk, \"load_snapshot_cpu_s\": [$lu, $ls]}"
  echo "}"
} > "$OUT/figures.json"
python3 benchmarks/report.py "$OUT/figures.json" docs/benchmarks.md
