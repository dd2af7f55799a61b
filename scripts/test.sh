#!/usr/bin/env bash
# The second README command: install what is missing, build everything (native and wasm) and run
# every suite — core/journal/sync natively and compiled to wasm under Node, the sync server, and
# the browser end-to-end flows — then print one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export NODE_PATH=/usr/share/nodejs
bash scripts/setup.sh || exit 1
bash scripts/build.sh all || { echo "0 passed, 1 failed"; exit 1; }
echo "== built native and wasm (at ${SECONDS} s)"
OUT="$ROOT/build/test-results"
rm -rf "$OUT" && mkdir -p "$OUT"
passed=0
failed=0
# Each stage's line ends with the seconds since the start, to see where the run's time goes.
add() { passed=$((passed + $1)); failed=$((failed + $2)); echo "== $3: $1 passed, $2 failed (at ${SECONDS} s)"; }

gtest_counts() {  # file.json → "passed failed"
  python3 - "$1" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    # A disabled test (a known failure kept for replay) is listed but not run: not a pass.
    t, f = d.get("tests", 0) - d.get("disabled", 0), d.get("failures", 0) + d.get("errors", 0)
    print(t - f, f)
except Exception:
    print(0, 1)
PY
}

echo "== native: core, journal, sync (GoogleTest)"
build/native/deskbill_tests --gtest_output=json:"$OUT/native.json" > "$OUT/native.log" 2>&1
tail -3 "$OUT/native.log"
read -r p f < <(gtest_counts "$OUT/native.json"); add "$p" "$f" native

# The simulation and the sanitizer runs are single-threaded: each runs as two processes, one per
# core, and both are counted. run_halves NAME BASE FIRST COMMAND…: the tests COMMAND's filter BASE
# selects, in two processes: those FIRST matches, and the rest (each with its own log and JSON).
run_halves() {
  local name=$1 base=$2 first=$3; shift 3
  "$@" --gtest_filter="$first" --gtest_output=json:"$OUT/$name-1.json" > "$OUT/$name-1.log" 2>&1 &
  local one=$!
  "$@" --gtest_filter="$base-$first" --gtest_output=json:"$OUT/$name-2.json" > "$OUT/$name-2.log" 2>&1
  wait "$one"
  local p1 f1 p2 f2
  read -r p1 f1 < <(gtest_counts "$OUT/$name-1.json")
  read -r p2 f2 < <(gtest_counts "$OUT/$name-2.json")
  grep -hE '^\[ sim \]|seed [0-9]+ \(replay|ERROR: AddressSanitizer|runtime error' "$OUT/$name-1.log" "$OUT/$name-2.log" | head -20
  add $((p1 + p2)) $((f1 + f2)) "$name"
}

echo "== sim: seeded fault simulation (200 fixed seeds, 3 random; DESKBILL_SIM_SEEDS=N for more)"
run_halves sim '*' 'Simulation.FixedSeeds*:Simulation.AServerThatComparesOnlyCursors*:Simulation.Publishing*' \
  build/native/deskbill_sim_tests

echo "== sanitizers: native suites and the simulation under AddressSanitizer + UBSan"
# Built with clang (about a fifth faster to build than with GCC here), file by file: GCC
# instruments and optimises a unity batch of test files for many minutes.
if CC=clang CXX=clang++ cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DDESKBILL_SANITIZE=ON -DDESKBILL_UNITY=OFF > "$OUT/asan-build.log" 2>&1 \
   && cmake --build build/asan -j"$(nproc)" --target deskbill_tests deskbill_sim_tests >> "$OUT/asan-build.log" 2>&1; then
  # The 100 000-timesheet golden hash is the slow part under ASan and checks no memory path the
  # other tests miss; the simulation runs fewer seeds than the plain build. The native suites run
  # beside the simulation's two halves.
  ASAN_OPTIONS=detect_leaks=1 build/asan/deskbill_tests --gtest_filter=-Determinism.* --gtest_output=json:"$OUT/asan.json" > "$OUT/asan.log" 2>&1 &
  native_asan=$!
  run_halves asan-sim 'Simulation.Fixed*:Simulation.ADeviceRestored*:Simulation.Publishing*:TimerStop.*' \
    'Simulation.ADeviceRestoredWhile*:Simulation.ADeviceRestoredFromAnOlder*' \
    env ASAN_OPTIONS=detect_leaks=1 DESKBILL_SIM_SEEDS=30 DESKBILL_SIM_RESTORED_SEEDS=10 DESKBILL_SIM_PUBLISH_SEEDS=10 build/asan/deskbill_sim_tests
  wait "$native_asan"
  read -r p f < <(gtest_counts "$OUT/asan.json"); add "$p" "$f" asan-native
else
  tail -20 "$OUT/asan-build.log"; add 0 1 asan-build
fi

echo "== format: clang-format applied to every C++ file"
unformatted=$(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'benchmarks/*.cpp' 'benchmarks/*.h' | xargs clang-format --dry-run 2>&1 | grep -c 'warning:' || true)
if [ "$unformatted" = 0 ]; then add 1 0 format; else echo "clang-format: $unformatted places differ (clang-format -i the files)"; add 0 1 format; fi

echo "== wasm: the same suites compiled with em++, under Node"
(cd "$OUT" && node --no-experimental-fetch "$ROOT/build/wasm/deskbill_tests_wasm.js" --gtest_output=json:"$OUT/wasm.json" > "$OUT/wasm.log" 2>&1)
tail -3 "$OUT/wasm.log"
read -r p f < <(gtest_counts "$OUT/wasm.json"); add "$p" "$f" wasm

# Debian's python sees Debian's python3-psycopg2 (a python3 of another origin earlier on PATH may not).
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
echo "== server: serve.py sync endpoint, on SQLite and on a throwaway PostgreSQL cluster"
PGDIR=$(mktemp -d /tmp/deskbill-pg.XXXXXX) && rmdir "$PGDIR"
trap 'bash scripts/pg_throwaway.sh stop "$PGDIR"' EXIT
if DESKBILL_TEST_PG=$(bash scripts/pg_throwaway.sh start "$PGDIR"); then
  export DESKBILL_TEST_PG; add 1 0 postgresql-cluster
else
  unset DESKBILL_TEST_PG; add 0 1 postgresql-cluster
fi
DESKBILL_SERVE_QUIET=1 $PY - > "$OUT/server.log" 2>&1 <<'PY'
import sys, unittest
sys.path.insert(0, "tests/server")
suite = unittest.defaultTestLoader.discover("tests/server", pattern="test_*.py")
r = unittest.TextTestRunner(stream=sys.stdout, verbosity=1).run(suite)
# A skipped test is a failure here: this script always gives the PostgreSQL cluster.
bad = len(r.failures) + len(r.errors) + len(r.skipped)
open("build/test-results/server.counts", "w").write("%d %d" % (r.testsRun - bad, bad))
PY
tail -3 "$OUT/server.log"
if [ -s "$OUT/server.counts" ]; then read -r p f < <(cat "$OUT/server.counts"; echo); else p=0; f=1; fi
add "$p" "$f" server
bash scripts/pg_throwaway.sh stop "$PGDIR"; unset DESKBILL_TEST_PG

echo "== cli: malformed journals are refused with their line number"
cli_p=0; cli_f=0
printf '{"kind":"partner.create","id":"a","name":"A"}\nnot json\n' > "$OUT/bad.jsonl"
if build/native/deskbill-cli replay "$OUT/bad.jsonl" > /dev/null 2> "$OUT/cli.err"; then cli_f=$((cli_f+1)); elif grep -q ':2: not valid JSON' "$OUT/cli.err"; then cli_p=$((cli_p+1)); else cli_f=$((cli_f+1)); fi
if build/native/deskbill-cli replay assets/demo/demo.jsonl --summary | grep -q '"rejected": 0'; then cli_p=$((cli_p+1)); else cli_f=$((cli_f+1)); fi
# The whole state, streamed: JSON that parses, with the demo's tickets in it.
if build/native/deskbill-cli replay assets/demo/demo.jsonl | $PY -c 'import json,sys; assert len(json.load(sys.stdin)["tickets"]) > 0'; then cli_p=$((cli_p+1)); else cli_f=$((cli_f+1)); fi
# An op of a newer version is reported with its line and the replay goes on past it.
printf '{"kind":"partner.create","id":"a","name":"A"}\n{"kind":"ticket.explode"}\n{"kind":"partner.create","id":"b","name":"B"}\n' > "$OUT/newer.jsonl"
if build/native/deskbill-cli replay "$OUT/newer.jsonl" --summary > "$OUT/newer.out" 2> "$OUT/newer.err" \
   && grep -q ':2: .*newer version of deskbill' "$OUT/newer.err" && grep -q '"rejected": 1' "$OUT/newer.out"; then cli_p=$((cli_p+1)); else cli_f=$((cli_f+1)); fi
# The replay reads each line before folding the one before it (prefetching what it will look up):
# the state it reaches is the golden one every platform reaches (CMakeLists.txt, docs/journal.md).
golden=$(sed -n 's/^set(DESKBILL_GOLDEN_HASH "\([0-9]*\)").*/\1/p' CMakeLists.txt)
build/native/deskbill-cli gen --timesheets 100000 > "$OUT/golden.jsonl"
if build/native/deskbill-cli replay "$OUT/golden.jsonl" --summary | grep -q "\"state_hash\": \"$golden\""; then cli_p=$((cli_p+1)); else cli_f=$((cli_f+1)); fi
# The demo in assets/ is what the generator makes by default (the app makes it to end today).
if build/native/deskbill-cli gen --timesheets 3000 | cmp -s - assets/demo/demo.jsonl; then cli_p=$((cli_p+1)); else cli_f=$((cli_f+1)); fi
# A last day that is not a date is refused, and nothing is written.
if build/native/deskbill-cli gen --timesheets 10 --last-day 2026-02-30 > "$OUT/gen.out" 2> "$OUT/gen.err"; then cli_f=$((cli_f+1)); elif grep -q 'last-day needs a date' "$OUT/gen.err" && [ ! -s "$OUT/gen.out" ]; then cli_p=$((cli_p+1)); else cli_f=$((cli_f+1)); fi
# A long journal given a short one's width has the short one's customers (benchmarks/run.sh's
# "history alone"); a width that is not a number is refused, and nothing is written.
partners() { grep -c '"kind":"partner.create"'; }
if [ "$(build/native/deskbill-cli gen --timesheets 20000 --width 10000 | partners)" = "$(build/native/deskbill-cli gen --timesheets 10000 | partners)" ] \
   && [ "$(build/native/deskbill-cli gen --timesheets 20000 | partners)" != "$(build/native/deskbill-cli gen --timesheets 10000 | partners)" ]; then cli_p=$((cli_p+1)); else cli_f=$((cli_f+1)); fi
for bad in "--width ten" "--width -5" "--timesheets -5" "--seed 99999999999999999999"; do
  read -r opt val <<< "$bad"
  if timeout 10 build/native/deskbill-cli gen --timesheets 10 "$opt" "$val" > "$OUT/gen.out" 2> "$OUT/gen.err"; then cli_f=$((cli_f+1)); elif grep -q -- "${opt#--} needs a number" "$OUT/gen.err" && [ ! -s "$OUT/gen.out" ]; then cli_p=$((cli_p+1)); else cli_f=$((cli_f+1)); echo "gen $bad: not refused as it should be" >&2; fi
done
add $cli_p $cli_f cli

echo "== layering: core, journal and sync never include ImGui or Emscripten; each layer only what is below it"
# core is pure; journal and sync build on core; ui draws from core's state and emits ops through
# its Host (src/app wires the rest in).
if grep -rlE '#include .(imgui|emscripten)' src/core src/journal src/sync \
  || grep -rlE '#include "(journal|sync|ui|app|platform)/' src/core \
  || grep -rlE '#include "(sync|ui|app|platform)/' src/journal \
  || grep -rlE '#include "(ui|app|platform)/' src/sync \
  || grep -rlE '#include "(journal|sync|app|platform)/' src/ui; then add 0 1 layering; else add 1 0 layering; fi

echo "== labels: a field is named by a label, not by a placeholder that vanishes once typed in"
# Hints are allowed only for search boxes and format examples (dates, hours).
if grep -rn 'InputTextWithHint' src/ui | grep -vE '"(Search…|YYYY-MM-DD|0:00)"|tr\("Search…"\)'; then add 0 1 labels; else add 1 0 labels; fi

echo "== glyphs: every character the screens write is in the font atlas (ImGui draws '?' for one it lacks)"
if python3 scripts/check_glyphs.py; then add 1 0 glyphs; else add 0 1 glyphs; fi

echo "== translations: every text the UI translates has its Romanian (tr() shows English for one it lacks)"
if python3 scripts/check_translations.py; then add 1 0 translations; else add 0 1 translations; fi

echo "== browser: end-to-end flows in Debian's chromium"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# A second agent with an empty workspace of its own, for the publishing test.
DESKBILL_PUBLISH_TOKEN=$($PY serve.py --db "$OUT/e2e.sqlite3" --add-token e2e-publisher publish --role admin)
export DESKBILL_PUBLISH_TOKEN
# An agent on a workspace of its own, for the roles test.
DESKBILL_AGENT_TOKEN=$($PY serve.py --db "$OUT/e2e.sqlite3" --add-token e2e-agent roles --role agent)
export DESKBILL_AGENT_TOKEN DESKBILL_PYTHON=$PY
DESKBILL_SERVE_QUIET=1 $PY serve.py --host 127.0.0.1 --port "$PORT" --site build/site --db "$OUT/e2e.sqlite3" --dev-token e2e-token > "$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/health" > /dev/null && break; sleep 0.2; done
(cd tests/browser && DESKBILL_URL="http://127.0.0.1:$PORT/" node --test --test-concurrency=1 --test-reporter=tap *.test.js > "$OUT/browser.tap" 2>&1)
grep -E '^(not )?ok ' "$OUT/browser.tap"
# A failed test's where and why (its error, and the line of the test file it stopped at): a CI
# log that only names the test leaves the step that failed to be guessed.
awk '/^not ok /{f=1; print; next} f && /^  \.\.\.$/{f=0} f && (/^  (location|error|expected|actual):/ || /^    [^ ]/ && !/node:/)' "$OUT/browser.tap" | head -60
bp=$(grep -E '^# pass ' "$OUT/browser.tap" | awk '{print $3}'); bf=$(grep -E '^# fail ' "$OUT/browser.tap" | awk '{print $3}')
[ -n "$bp" ] || { bp=0; bf=1; tail -20 "$OUT/browser.tap"; }
add "${bp:-0}" "${bf:-0}" browser
echo "Screenshots: tests/browser/artifacts/"

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
