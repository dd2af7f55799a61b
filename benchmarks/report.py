#!/usr/bin/env python3
"""Turns benchmarks/run.sh's figures.json into the table of docs/benchmarks.md: prints it and
writes it between the <!-- bench:begin --> and <!-- bench:end --> markers of the given file.
Every ratio is computed from figures of the same run."""
import json
import statistics
import sys


def instruction_row(f):
    """Instructions per op at both sizes (benchmarks/instructions.py), when valgrind was there."""
    small, big = f.get("instructions_small"), f.get("instructions")
    label = "instructions per op, the same journals (callgrind: a count, not a time)"
    if not small or not big:
        return (label, "valgrind not installed", "", "", "", "growth < 5 %")
    pct = lambda a, b: (b / a - 1) * 100
    return (label,
            f"{small['instructions_per_op']:,.0f} → {big['instructions_per_op']:,.0f} "
            f"({pct(small['instructions_per_op'], big['instructions_per_op']):+.1f} %)", "", "",
            f"one timesheet.log: {small['instructions_per_timesheet_log']:,.0f} → "
            f"{big['instructions_per_timesheet_log']:,.0f} "
            f"({pct(small['instructions_per_timesheet_log'], big['instructions_per_timesheet_log']):+.1f} %)",
            "growth < 5 %")


def in_turns(g):
    """The long replay against the short one, taken in turns in one process (--growth), over the
    pairs of all its runs: the ratio of their sums, and the median of the pairs' ratios (the pairs
    where an id index doubled or a month was invoiced weigh in the first and hardly move the
    second)."""
    if not g:
        return ""
    small, big = g["small_us_per_op"], g["large_us_per_op"]
    ratios = [b / s for b, s in zip(big, small)]
    pct = lambda r: (r - 1) * 100
    return f"{pct(sum(big) / sum(small)):+.0f} % (median pair {pct(statistics.median(ratios)):+.0f} %)"


def pairs_of(g):
    """How many pairs a pooled --growth figure holds, and from how many runs."""
    if not g:
        return "no pairs"
    return f"{len(g['large_us_per_op'])} pairs in {g.get('runs', 1)} runs"


def pairs_ops(g):
    """The long journal's op count, as --growth reports it."""
    return f"{g['large_ops']:,}" if g else "?"


def memory(m):
    """A dependent read's ns in 256 KB, 8 MB, 16 MB and 128 MB (--memory)."""
    if not m:
        return ""
    return " / ".join(f"{m[k]:.0f}" for k in ("read_ns_256kb", "read_ns_8mb", "read_ns_16mb", "read_ns_128mb"))


def kind_rows(native, wasm):
    """Where the growth is (--kinds): per kind of op, its share of the ops, its cost per op in the
    short replay and in the long one, and the points of growth its cost makes: the change of its
    cost per op, at its share of the long journal's ops, over the short replay's cost per op. With
    the reading's points and those of the mix (the change of the kinds' shares, at the short
    replay's costs), they add up to the growth of the "every op" row."""
    sides = [k for k in (native, wasm) if k]
    if not sides:
        return []
    zero = [0, 0.0, 0, 0.0]
    def every_op(k):
        small_all = (sum(v[1] for v in k["kinds"].values()) + k["small_read_us"]) / k["small_ops"]
        large_all = (sum(v[3] for v in k["kinds"].values()) + k["large_read_us"]) / k["large_ops"]
        return small_all, large_all
    def summed(k, kinds):
        return [sum(k["kinds"].get(x, zero)[i] for x in kinds) for i in range(4)]
    def cost_points(k, v):
        # A kind only one journal has has no change of cost: its ops are all mix.
        if not v[0] or not v[2]:
            return 0.0
        return v[2] / k["large_ops"] * (v[3] / v[2] - v[1] / v[0]) / every_op(k)[0] * 100
    ref = sides[0]
    # A row for each kind of at least 1 % of either journal's ops, or of half a point of growth
    # on either platform; the others are summed.
    def shown(kind):
        v = ref["kinds"][kind]
        return (v[0] / ref["small_ops"] >= 0.01 or v[2] / ref["large_ops"] >= 0.01 or
                any(abs(cost_points(k, k["kinds"].get(kind, zero))) >= 0.5 for k in sides))
    main = [kind for kind, v in sorted(ref["kinds"].items(), key=lambda kv: -kv[1][2]) if shown(kind)]
    others = [kind for kind in ref["kinds"] if kind not in main]
    def cells(k, kinds):
        if not k:
            return "", ""
        v = summed(k, kinds)
        c0, c1 = (v[1] / v[0] if v[0] else 0), (v[3] / v[2] if v[2] else 0)
        growth = f" ({(c1 / c0 - 1) * 100:+.0f} %)" if c0 and c1 else ""
        points = sum(cost_points(k, k["kinds"].get(x, zero)) for x in kinds)
        return f"{c0:.3f} → {c1:.3f}{growth}", f"{points:+.1f}"
    def shares(kinds):
        v = summed(ref, kinds)
        return f"{v[0] / ref['small_ops'] * 100:.1f} → {v[2] / ref['large_ops'] * 100:.1f} %"
    rows = [[f"`{kind}`", shares([kind]), *cells(native, [kind]), *cells(wasm, [kind])] for kind in main]
    if others:
        rows.append(["every other kind", shares(others), *cells(native, others), *cells(wasm, others)])
    def reading(k):
        if not k:
            return "", ""
        r0, r1 = k["small_read_us"] / k["small_ops"], k["large_read_us"] / k["large_ops"]
        return f"{r0:.3f} → {r1:.3f} ({(r1 / r0 - 1) * 100:+.0f} %)", f"{(r1 - r0) / every_op(k)[0] * 100:+.1f}"
    rows.append(["reading the lines (between two folds)", "every op", *reading(native), *reading(wasm)])
    def mix(k):
        if not k:
            return "", ""
        moved = sum((v[2] / k["large_ops"] - v[0] / k["small_ops"]) * (v[1] / v[0] if v[0] else v[3] / v[2])
                    for v in k["kinds"].values())
        return "", f"{moved / every_op(k)[0] * 100:+.1f}"
    rows.append(["the mix: the kinds' shares changed, at the short replay's costs", "", *mix(native), *mix(wasm)])
    def every(k):
        if not k:
            return "", ""
        a, b = every_op(k)
        return f"{a:.3f} → {b:.3f}", f"**{(b / a - 1) * 100:+.1f}**"
    rows.append(["**every op**, timers included", "", *every(native), *every(wasm)])
    return rows


def kind_table(title, native, wasm):
    rows = kind_rows(native, wasm)
    if not rows:
        return []
    return ["", title, "",
            "| kind of op | share of the ops | native µs per op | native points | wasm µs per op | wasm points |",
            "|---|---|---|---|---|---|"] + ["| " + " | ".join(r) + " |" for r in rows]


def wasm_against(theirs, ours):
    """How wasm's time compares with sql.js's: "N× faster", or "N× slower" when it is not."""
    if ours <= theirs:
        return f"wasm {theirs / max(ours, 1e-6):.1f}× faster"
    return f"wasm {ours / max(theirs, 1e-6):.1f}× slower"


def main(figures_path, doc_path):
    f = json.load(open(figures_path))
    n, nat, wasm, sql = f["timesheets"], f["native"], f["wasm"], f["sqljs"]
    ns, ws = f["native_small"], f["wasm_small"]
    ne, we, se = f["native_edits"], f["wasm_edits"], f["sqljs_edits"]
    cli = f["cli"]
    mb = lambda b: b / 1e6
    growth = lambda small, big: (big["us_per_op"] / small["us_per_op"] - 1) * 100

    def windows(r):
        # The long replay's own windows: the median cost of an op while the history was under
        # 125 000 ops against its last 125 000, in one process (no start-up cost on either side),
        # and the slowest window (a table or an id index growing).
        w = r.get("window_us_per_op") or []
        if len(w) < 20:
            return ""
        early, late = statistics.median(w[1:10]), statistics.median(w[-10:])
        return f"{early:.2f} → {late:.2f} ({(late / early - 1) * 100:+.0f} %), slowest {max(w):.2f}"
    rows = [
        ("replay of the journal, JSON parsing included (ops/s, CPU)",
         f"{nat['ops_per_s']:,.0f}", f"{wasm['ops_per_s']:,.0f}", f"{sql['ops_per_s']:,.0f} (rows stored)",
         f"wasm {wasm['ops_per_s'] / sql['ops_per_s']:.1f}× sql.js", "≥ 600 000 native, ≥ 400 000 wasm"),
        (f"cost per op, {ns['ops']:,} → {nat['ops']:,} ops (µs, best of {f.get('runs_small', 1)} and {f.get('runs', 1)} runs, "
         "each in a process of its own: in wasm the short one is mostly V8 compiling and optimising)",
         f"{ns['us_per_op']:.2f} → {nat['us_per_op']:.2f} ({growth(ns, nat):+.0f} %)",
         f"{ws['us_per_op']:.2f} → {wasm['us_per_op']:.2f} ({growth(ws, wasm):+.0f} %)", "", "", "growth < 5 %"),
        (f"cost per op, the {nat['ops']:,}-op replay against the {ns['ops']:,}-op one, in turns in one process "
         f"({pairs_of(f.get('native_growth'))}, one every 100 000 ops; in wasm after the long one once, untimed, "
         "as the short ones are warm)",
         in_turns(f.get("native_growth")), in_turns(f.get("wasm_growth")), "", "", "growth < 5 %"),
        (f"the same, history alone: a {pairs_ops(f.get('native_history'))}-op journal as wide as the "
         f"{ns['ops']:,}-op one (its customers and employees), against it, in turns in one process",
         in_turns(f.get("native_history")), in_turns(f.get("wasm_history")), "", "", "growth < 5 %"),
        ("this machine: a read that waits for the one before, at random in 256 KB / 8 MB / 16 MB / 128 MB (ns): what "
         "each cache miss of the growth rows costs on the VM the table was made on",
         memory(f.get("native_memory")), memory(f.get("wasm_memory")), "", "", ""),
        (f"page faults per op (first touches of memory), {ns['ops']:,} → {nat['ops']:,} ops",
         f"{ns.get('replay_page_faults', 0) / ns['ops']:.3f} → {nat.get('replay_page_faults', 0) / nat['ops']:.3f}",
         "", "", "", ""),
        (f"cost per op inside the {nat['ops']:,}-op replay, median of {nat.get('window_ops', 0):,}-op windows: "
         "history < 125 k ops → the last 125 k (µs)", windows(nat), windows(wasm), "", "", "growth < 5 %"),
        instruction_row(f),
        ("state hash (s, CPU)", f"{nat['hash_s']:.2f}", f"{wasm['hash_s']:.2f}", "",
         f"replay + hash = {1 + nat['hash_s'] / nat['replay_s']:.2f}× replay, "
         # load-snapshot hashes the state it loaded: that hash, not the replayed state's, is timed
         f"load + hash = {1 + nat['loaded_hash_s'] / nat['snapshot_load_s']:.2f}× load (native)",
         "≤ 1.5× replay or load"),
        ("snapshot write (s) / sql.js export", f"{nat['snapshot_write_s']:.3f}", f"{wasm['snapshot_write_s']:.3f}",
         f"{sql['export_s']:.3f}", wasm_against(sql['export_s'], wasm['snapshot_write_s']), ""),
        ("snapshot load (s) / sql.js open", f"{nat['snapshot_load_s']:.3f}", f"{wasm['snapshot_load_s']:.3f}",
         f"{sql['open_s']:.3f}", f"replay ÷ load = {nat['replay_s'] / max(nat['snapshot_load_s'], 1e-6):.0f}× (native)",
         ""),
        (f"one more timesheet + delivered and remaining, line with {ne['line_timesheets']:,} (µs, median of 7 runs; sql.js 3)",
         f"{ne['one_more_timesheet_us']:.2f}", f"{we['one_more_timesheet_us']:.2f}", f"{se['one_more_timesheet_us']:.0f}",
         f"wasm {se['one_more_timesheet_us'] / we['one_more_timesheet_us']:,.0f}× faster", "independent of the count"),
        (f"Create Invoice over {ne['line_timesheets']:,} uninvoiced timesheets (ms, the same runs)",
         f"{ne['create_invoice_ms']:.2f}", f"{we['create_invoice_ms']:.2f}", f"{se['create_invoice_ms']:.1f}",
         f"wasm {se['create_invoice_ms'] / we['create_invoice_ms']:,.0f}× faster", "< 50 ms"),
        (f"a task's / its project's new line, 10 timesheets move, {ne['line_timesheets']:,} others (µs, the same runs)",
         f"{ne['task_line_change_us']:.1f} / {ne['project_line_change_us']:.1f}",
         f"{we['task_line_change_us']:.1f} / {we['project_line_change_us']:.1f}", "", "",
         "independent of the count"),
        (f"a draft invoice of 3 timesheets deleted, {ne['line_timesheets']:,} others (µs, the same runs)",
         f"{ne['invoice_delete_us']:.1f}", f"{we['invoice_delete_us']:.1f}", "", "", "independent of the count"),
        ("state in memory / snapshot / SQLite database (MB)", f"{mb(nat['state_bytes']):.0f} / {mb(nat['snapshot_bytes']):.0f}",
         f"{mb(wasm['state_bytes']):.0f} / {mb(wasm['snapshot_bytes']):.0f}", f"{mb(sql['database_bytes']):.0f}",
         f"{nat['state_bytes'] / nat['timesheets']:.0f} bytes per timesheet", "≤ 128 bytes per timesheet"),
    ]
    replay_cpu = sum(cli["replay_summary_cpu_s"])
    load_cpu = sum(cli["load_snapshot_cpu_s"])
    state_mb = mb(nat["state_bytes"])
    cli_rows = [
        ("`deskbill-cli replay --summary`", f"{replay_cpu:.1f} s CPU", f"{cli['replay_summary_kb'] / 1e3:.0f} MB",
         f"{cli['replay_summary_kb'] / 1e3 / state_mb:.2f}× the state"),
        ("`deskbill-cli load-snapshot`", f"{load_cpu:.1f} s CPU", f"{cli['load_snapshot_kb'] / 1e3:.0f} MB",
         f"{cli['load_snapshot_kb'] / 1e3 / state_mb:.2f}× the state"),
    ]
    same = "the same" if nat["state_hash"] == wasm["state_hash"] else "**different** (a defect)"
    out = [
        f"Generated by `bash benchmarks/run.sh {n}` on {f['date']}, commit {f['commit']}, {f['cpus']} CPUs: "
        f"a journal of {nat['ops']:,} ops ({nat['timesheets']:,} timesheets). Native and wasm state hashes are "
        f"{same} ({nat['state_hash']}). sql.js stores the same ops as rows with prepared statements in one "
        "transaction and applies no billing rule, so its figures are a floor for an app built on it.",
        "",
        "| workload | native | wasm (Node) | sql.js (wasm, Node) | ratio | target |",
        "|---|---|---|---|---|---|",
    ] + ["| " + " | ".join(r) + " |" for r in rows] + [
        "",
        "| command, 1 run | CPU | peak memory | memory ÷ state |",
        "|---|---|---|---|",
    ] + ["| " + " | ".join(r) + " |" for r in cli_rows]
    small_ops = f"{ns['ops']:,}"
    out += kind_table(
        f"Where the growth is, by kind of op (`--kinds`: each op's fold timed on its own, in turns in one "
        f"process, 10 rounds of a {small_ops}-op replay and a {nat['ops']:,}-op one). Three clock reads per "
        "op are in every figure (about 0.2 µs in wasm), so the points say which kinds grow more than by how much:",
        f.get("native_kinds"), f.get("wasm_kinds"))
    out += kind_table(
        f"The same for history alone (the {pairs_ops(f.get('native_history'))}-op journal as wide as the "
        f"{small_ops}-op one):", f.get("native_history_kinds"), f.get("wasm_history_kinds"))
    table = "\n".join(out)
    print(table)
    doc = open(doc_path).read()
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    if begin not in doc or end not in doc:
        sys.exit(f"{doc_path}: the markers {begin} and {end} are missing")
    head, rest = doc.split(begin, 1)
    _, tail = rest.split(end, 1)
    open(doc_path, "w").write(head + begin + "\n" + table + "\n" + end + tail)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
