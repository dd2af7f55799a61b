// deskbill-cli: replay a journal and print the state as JSON, generate demo journals, and
// convert a journal to a snapshot. The same fold as the app, natively.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

#include "core/op_kinds.h"
#include "core/state_hash.h"
#include "core/state_json.h"
#include "journal/envelope.h"
#include "journal/generator.h"
#include "journal/snapshot.h"
#include "journal/store.h"
#include "sync/roles.h"

using namespace deskbill;

static const char* kHelp = R"(deskbill-cli — the deskbill billing core on the command line

Usage:
  deskbill-cli replay FILE.jsonl [--summary] [--snapshot OUT.bin]
      Replays the journal (one op or op envelope per line, see docs/ops.md) and prints the
      resulting state as JSON, on one line: orders and lines (delivered, invoiced, to invoice, status,
      remaining hours), tickets (remaining hours on SO), invoices (lines, taxes, totals, number,
      state), timesheets (billing state) and rejected ops with their reasons.
      --summary   print counts, the state hash and replay speed instead of the whole state
      --snapshot  also write a binary snapshot of the state to OUT.bin
  deskbill-cli load-snapshot FILE.bin
      Loads a snapshot and prints the same summary as replay --summary.
  deskbill-cli roles
      Prints, as JSON, the least role (agent, billing, admin) that may send each op kind the
      core knows: the table the app disables actions by, which the server enforces.
  deskbill-cli creating-kinds
      Prints, as a JSON array, the op kinds that create a record under the op's own id: the
      list the server mirrors to tell an op made once (src/server/op_identity.py).
  deskbill-cli gen [--timesheets N] [--width W] [--seed S] [--last-day YYYY-MM-DD] [--no-invoices] [--out FILE.jsonl]
      Writes a realistic journal: customers and contacts, helpdesk teams, prepaid and
      timesheet products, orders, N timesheets on tickets over three years, monthly invoices
      and payments. The three years end on --last-day (by default 2026-11-22: the journal in
      assets/demo/ is gen --timesheets 3000); the app's demo ends on the day it is loaded.
      --width W: the customers and employees of a journal of W timesheets (by default N's),
      so that a long journal differs from a short one by its history alone.
  deskbill-cli --help

A line that is not JSON stops the replay with its line number (exit 2). An op this version
does not know (a newer version's) or that breaks a billing rule is kept as rejected, with the
reason; ops of a newer version are reported on stderr with their line number, and the replay
goes on.
)";

static int fail(const std::string& msg, int code = 2) {
  std::fprintf(stderr, "deskbill-cli: %s\n", msg.c_str());
  return code;
}

static void print_summary(const State& s, double seconds, uint64_t ops) {
  nlohmann::json j = {{"ops", ops},
                      {"timesheets", s.timesheets.size()},
                      {"tickets", s.tickets.size()},
                      {"orders", s.orders.size()},
                      {"invoices", s.invoices.size()},
                      {"rejected", s.rejected.size()},
                      {"state_hash", std::to_string(state_hash(s))},
                      {"seconds", seconds},
                      {"state_bytes", state_memory_bytes(s)}};
  if (seconds > 0) j["ops_per_second"] = static_cast<uint64_t>(ops / seconds);
  std::cout << j.dump(2) << "\n";
}

static int cmd_replay(int argc, char** argv) {
  std::string file, snapshot_out;
  bool summary = false;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--summary"))
      summary = true;
    else if (!std::strcmp(argv[i], "--snapshot") && i + 1 < argc)
      snapshot_out = argv[++i];
    else if (argv[i][0] == '-')
      return fail(std::string("unknown option ") + argv[i]);
    else
      file = argv[i];
  }
  if (file.empty()) return fail("replay needs a journal file (see --help)");
  std::ifstream in(file);
  if (!in) return fail("cannot open " + file);
  auto t0 = std::chrono::steady_clock::now();
  State s;
  uint64_t ops = 0;
  auto fold = [&](const JournalLineReader& reader) {
    size_t rejected_before = s.rejected.size();
    apply_or_reject(s, reader.op(), reader.context());
    ops = reader.pos();
    if (s.rejected.size() > rejected_before) {
      std::string code(s.str(s.rejected.back().code));
      if (code == "unknown_kind" || code == "unsupported_version")
        std::fprintf(stderr, "deskbill-cli: %s:%llu: %s (kept as rejected)\n", file.c_str(),
                     static_cast<unsigned long long>(reader.line_no()),
                     std::string(s.str(s.rejected.back().message)).c_str());
    }
  };
  // The file is read a line at a time, never whole.
  JournalLineReader line_reader;
  if (auto err = read_journal(in, line_reader, fold))
    return fail(file + ":" + std::to_string(err->line) + ": " + err->message);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!snapshot_out.empty())
    if (auto err = write_file_atomic(snapshot_out, save_snapshot(s, ops))) return fail(*err);
  if (summary) {
    print_summary(s, secs, ops);
  } else {
    // Written record by record: a 1 M-timesheet state is never held as a tree (that took 4 GB).
    write_state_json(s, [](std::string_view chunk) { std::cout.write(chunk.data(), chunk.size()); });
    std::cout << "\n";
  }
  return 0;
}

static int cmd_load_snapshot(int argc, char** argv) {
  if (argc < 3) return fail("load-snapshot needs a file");
  auto t0 = std::chrono::steady_clock::now();
  FileSnapshotSource src(argv[2]);
  if (!src.opened()) return fail(std::string("cannot open ") + argv[2]);
  State s;
  uint64_t covered = 0;
  if (auto err = load_snapshot(src, s, covered)) return fail(*err);
  if (src.failed()) return fail(std::string("reading ") + argv[2] + " failed");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  print_summary(s, secs, covered);
  return 0;
}

static int cmd_gen(int argc, char** argv) {
  GeneratorOptions o;
  std::string out;
  for (int i = 2; i < argc; ++i) {
    // Digits only: strtoull takes "-5" as 2^64 - 5, and a journal of that many timesheets (or
    // customers) was written until the disk was full.
    auto num = [&](uint64_t& v) -> bool {
      if (i + 1 >= argc) return false;
      const char* text = argv[++i];
      if (*text < '0' || *text > '9') return false;
      char* end = nullptr;
      errno = 0;
      v = std::strtoull(text, &end, 10);
      return errno == 0 && end && *end == 0;
    };
    if (!std::strcmp(argv[i], "--timesheets")) {
      if (!num(o.timesheets)) return fail("--timesheets needs a number");
    } else if (!std::strcmp(argv[i], "--width")) {
      uint64_t w = 0;
      if (!num(w)) return fail("--width needs a number");
      o.width = w;
    } else if (!std::strcmp(argv[i], "--seed")) {
      if (!num(o.seed)) return fail("--seed needs a number");
    } else if (!std::strcmp(argv[i], "--last-day")) {
      std::optional<Day> d = i + 1 < argc ? parse_day(argv[++i]) : std::nullopt;
      if (!d) return fail("--last-day needs a date, YYYY-MM-DD");
      o.last_day = d;
    } else if (!std::strcmp(argv[i], "--no-invoices"))
      o.invoices = false;
    else if (!std::strcmp(argv[i], "--out") && i + 1 < argc)
      out = argv[++i];
    else
      return fail(std::string("unknown option ") + argv[i]);
  }
  std::ofstream file;
  if (!out.empty()) {
    file.open(out);
    if (!file) return fail("cannot write " + out);
  }
  std::ostream& os = out.empty() ? std::cout : file;
  generate_journal(o, [&](const nlohmann::json& op) { os << op.dump() << '\n'; });
  os.flush();
  return os ? 0 : fail("write failed");
}

static int cmd_roles() {
  nlohmann::json out = nlohmann::json::object();
  for (const std::string& kind : op_kinds()) out[kind] = role_name(required_role(kind));
  std::cout << out.dump() << '\n';
  return 0;
}

static int cmd_creating_kinds() {
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& kind : op_kinds())
    if (op_creates_record(kind)) out.push_back(kind);
  std::cout << out.dump() << '\n';
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    std::fputs(kHelp, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  std::string cmd = argv[1];
  if (cmd == "replay") return cmd_replay(argc, argv);
  if (cmd == "load-snapshot") return cmd_load_snapshot(argc, argv);
  if (cmd == "gen") return cmd_gen(argc, argv);
  if (cmd == "roles") return cmd_roles();
  if (cmd == "creating-kinds") return cmd_creating_kinds();
  return fail("unknown command '" + cmd + "' (see --help)");
}
