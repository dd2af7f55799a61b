#!/usr/bin/env python3
"""Every text the UI translates has a Romanian translation.

`tr("…")` returns the English text itself when the table in src/ui/i18n.cpp has no entry for it,
so a missing entry shows English in the Romanian UI without any error (the "Read-only" badge of a
second tab did). The browser test of the Romanian UI finds English only on the screens it visits,
and only for texts that have a translation. This reads every `tr("literal")` in src/ui, and the
texts run_op and row_action translate (their success notice and button text), and checks each is
a key of the table.

Usage: check_translations.py [ROOT]   (exit 1 and a line per missing text)
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
LITERAL = r'"((?:[^"\\]|\\.)*)"'
LITERALS = r"((?:" + LITERAL + r"\s*)+)"  # "a" "b": one text, split over lines
# Where a literal is translated: tr("…"), run_op(…, "notice"), row_action(host, "text", …), and
# the headers of `for (const char* h : {"A", "B"}) … tr(h)`.
USES = [
    re.compile(r"\btr\(\s*" + LITERALS + r"\)"),
    re.compile(r"\btell\(\{\s*" + LITERALS + r","),
    re.compile(r"\berror_ = \{\s*" + LITERALS + r","),
    # Why work is not saved or not sent (TextTemplate): the host's, the save pipeline's, a
    # re-send's, a publication's.
    re.compile(r"\b(?:report_problem|finish_open|fail)\(\{\s*" + LITERALS + r","),
    re.compile(r"\b(?:problem_?|error|message) = \{\s*" + LITERALS + r","),
    re.compile(r"\b(?:say_follow_retry|with_whole_journal)\(\s*" + LITERALS + r","),
    re.compile(r"\bTextTemplate\{\s*" + LITERALS + r","),
    re.compile(r"\bSaveState::NotSaved, \{\s*" + LITERALS + r","),
    # Why an import took nothing, and the write refusals it shows (WebHost::write_refusal).
    re.compile(r"\bnot_imported\([^,]*,\s*\{\s*" + LITERALS + r","),
    re.compile(r"\bOpError\{\"(?:opening|read_only)\",\s*" + LITERALS + r"\}"),
    # A damaged import's line, as told (JournalError::told), and a refused sync (told_refusal).
    re.compile(r"\breturn \{\s*" + LITERALS + r",\s*\{"),
    # Why a timer was not stopped (TimerStopResult{logged, write_failed, problem}).
    re.compile(r"\{(?:true|false), (?:true|false), \{\s*" + LITERALS + r","),
    re.compile(r"\brun_op\([^;]*?,\s*" + LITERALS + r"\)"),
    re.compile(r"\brow_action\(\s*\w+\s*,\s*" + LITERALS),
]
LOOP = re.compile(r"for \(const char\* (\w+) : \{([^}]*)\}\)([^;]*;)")


def main():
    table = (ROOT / "src/ui/i18n.cpp").read_text()
    # The table's entries: {"English", "Română"}, the English possibly split over lines.
    keys = set()
    for m in re.finditer(r"\{\s*((?:" + LITERAL + r"\s*)+),\s*\"", table):
        keys.add("".join(re.findall(LITERAL, m.group(1))))
    missing = {}
    # src/ui, what the web host tells the user (WebHost::tell, report_problem), what the sync
    # status says (SyncLoop::error_) and why work is not saved or sent: templates the UI translates.
    shown = ["src/app/web_host.cpp", "src/sync/sync_loop.cpp", "src/journal/save_pipeline.cpp",
             "src/journal/resend.cpp", "src/journal/publish.cpp", "src/journal/envelope.cpp",
             "src/sync/sync_client.cpp", "src/journal/timer_store.cpp",
             "src/journal/open_problem.cpp", "src/journal/provisional.cpp"]
    for src in sorted((ROOT / "src/ui").glob("*.cpp")) + [ROOT / f for f in shown]:
        if src.name == "i18n.cpp":
            continue
        text = src.read_text()
        found = []  # (English, offset)
        for use in USES:
            found += [("".join(re.findall(LITERAL, m.group(1))), m.start()) for m in use.finditer(text)]
        for m in LOOP.finditer(text):
            if re.search(r"\btr\(" + m.group(1) + r"\)", m.group(3)):
                found += [(english, m.start()) for english in re.findall(LITERAL, m.group(2))]
        for english, at in found:
            if english and english not in keys:
                line = text.count("\n", 0, at) + 1
                missing.setdefault(english, "%s:%d" % (src.relative_to(ROOT), line))
    for english, where in sorted(missing.items(), key=lambda kv: kv[1]):
        print('%s: no Romanian for "%s"' % (where, english))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
