#!/usr/bin/env python3
"""Counts the instructions a replay executes per op, with valgrind's callgrind: a count, not a
time, so it is the same from run to run whatever else the machine does, and it separates the
work an op does from what memory makes it wait for (cache misses, page faults), which a time
per op mixes. Only the fold with its JSON reading is counted (deskbill::bench::fold_text of
deskbill_bench_report), not the hash or the snapshot.

  python3 benchmarks/instructions.py BENCH_REPORT FILE.jsonl
prints one JSON line: ops, instructions per op, and per timesheet.log op the instructions of
the op's handler (op_timesheet_log with what it calls)."""
import json
import os
import re
import subprocess
import sys
import tempfile


def inclusive_per_call(path, name):
    """Calls of the function whose name starts with `name`, and their instructions (callees
    included), summed over its callers from callgrind's call records."""
    names, target, calls, cost, pending = {}, None, 0, 0, None
    for line in open(path):
        if line.startswith(("fn=", "cfn=")):
            m = re.match(r"c?fn=\((\d+)\)(?: (.*))?", line.strip())
            if m.group(2):
                names[m.group(1)] = m.group(2)
            if line.startswith("cfn="):
                target = names.get(m.group(1), "")
        elif line.startswith("calls="):
            pending = int(line.split("=")[1].split()[0])
        elif pending is not None:
            if target.startswith(name):
                calls += pending
                cost += int(line.split()[1])
            pending = None
    return calls, cost


def main(bench, journal):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", "--toggle-collect=deskbill::bench::fold_text*",
             f"--callgrind-out-file={out}", bench, journal],
            capture_output=True, text=True, check=True)
        figures = json.loads(run.stdout.strip().splitlines()[-1])
        total = int(re.search(r"Collected : (\d+)", run.stderr).group(1))
        calls, cost = inclusive_per_call(out, "deskbill::op_timesheet_log(")
    print(json.dumps({
        "ops": figures["ops"],
        "timesheets": figures["timesheets"],
        "instructions_per_op": total / figures["ops"],
        "timesheet_log_calls": calls,
        "instructions_per_timesheet_log": cost / calls if calls else 0,
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
