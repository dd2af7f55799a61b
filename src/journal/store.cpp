#include "journal/store.h"

#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "journal/snapshot.h"

namespace deskbill {

namespace {
// IDBFS skips a file whose mtime did not move since the last sync: make every write's mtime
// strictly later than the previous one, even within one millisecond.
void bump_mtime(const std::string& path) {
  static int64_t last_ms = 0;
  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  last_ms = now > last_ms ? now : last_ms + 1;
  struct timeval tv[2];
  tv[0].tv_sec = tv[1].tv_sec = last_ms / 1000;
  tv[0].tv_usec = tv[1].tv_usec = (last_ms % 1000) * 1000;
  utimes(path.c_str(), tv);
}
}  // namespace

std::optional<std::string> write_file_atomic(const std::string& path, const std::string& bytes) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return "cannot open " + tmp + " for writing";
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.flush();
    if (!f) {
      f.close();
      std::remove(tmp.c_str());
      return "cannot write " + path + " (disk full?)";
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return "cannot replace " + path;
  }
  bump_mtime(path);
  return std::nullopt;
}

std::optional<std::string> read_file(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return "cannot open " + path;
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return std::nullopt;
}

std::string JournalStore::segment_path(size_t index) const {
  char name[40];
  std::snprintf(name, sizeof name, "/confirmed-%06zu.jsonl", index);
  return dir_ + name;
}

bool JournalStore::exists() const {
  struct stat st;
  return stat((dir_ + "/workspace.json").c_str(), &st) == 0;
}

std::optional<std::string> JournalStore::write_meta(const StoredWorkspace& m) {
  mkdir(dir_.c_str(), 0755);
  nlohmann::json j = {{"format", 1}, {"client_id", m.client_id}, {"shared", m.shared}, {"next_seq", m.next_seq},
                      {"server_url", m.server_url}, {"workspace", m.workspace_name}};
  return write_file_atomic(dir_ + "/workspace.json", j.dump(2));
}

std::optional<std::string> JournalStore::append_confirmed(const std::vector<Envelope>& ops, uint64_t total_before) {
  mkdir(dir_.c_str(), 0755);
  // Segments hold kSegmentOps ops each; only the last, small one is rewritten.
  size_t i = 0;
  uint64_t n = total_before;
  while (i < ops.size()) {
    size_t seg = n / kSegmentOps;
    std::string path = segment_path(seg);
    std::string bytes;
    if (n % kSegmentOps != 0) read_file(path, bytes);
    while (i < ops.size() && n / kSegmentOps == seg) {
      bytes += journal_line(ops[i]);
      bytes += '\n';
      ++i;
      ++n;
    }
    if (auto err = write_file_atomic(path, bytes)) return err;
  }
  return std::nullopt;
}

std::optional<std::string> JournalStore::write_pending(const std::vector<PendingOp>& pending) {
  mkdir(dir_.c_str(), 0755);
  std::string bytes;
  for (const PendingOp& p : pending) bytes += nlohmann::json{{"seq", p.seq}, {"op", p.op}}.dump() + "\n";
  return write_file_atomic(dir_ + "/pending.jsonl", bytes);
}

std::optional<std::string> JournalStore::write_snapshot(const State& s, uint64_t covered) {
  mkdir(dir_.c_str(), 0755);
  return write_file_atomic(dir_ + "/snapshot.bin", save_snapshot(s, covered));
}

std::optional<std::string> JournalStore::replace_all(const std::vector<Envelope>& ops, const StoredWorkspace& meta) {
  // Each segment is replaced atomically; leftover segments of a longer journal are removed only
  // after the new ones are written, and the snapshot (of the old journal) is dropped.
  std::remove((dir_ + "/snapshot.bin").c_str());
  if (auto err = append_confirmed(ops, 0)) return err;
  for (size_t seg = (ops.size() + kSegmentOps - 1) / kSegmentOps;; ++seg) {
    struct stat st;
    if (stat(segment_path(seg).c_str(), &st) != 0) break;
    std::remove(segment_path(seg).c_str());
  }
  if (auto err = write_pending({})) return err;
  return write_meta(meta);
}

std::optional<std::string> JournalStore::load(Workspace& ws, StoredWorkspace& meta) {
  std::string text;
  if (auto err = read_file(dir_ + "/workspace.json", text)) return err;
  nlohmann::json m = nlohmann::json::parse(text, nullptr, false);
  if (m.is_discarded() || !m.is_object()) return "workspace.json is damaged";
  meta.client_id = m.value("client_id", "");
  meta.shared = m.value("shared", false);
  meta.next_seq = m.value("next_seq", static_cast<uint64_t>(1));
  meta.server_url = m.value("server_url", "");
  meta.workspace_name = m.value("workspace", "");
  std::vector<Envelope> confirmed;
  for (size_t seg = 0;; ++seg) {
    std::string bytes;
    if (read_file(segment_path(seg), bytes)) break;
    std::vector<Envelope> part;
    if (auto err = parse_journal(bytes, part))
      return segment_path(seg) + " line " + std::to_string(err->line) + ": " + err->message;
    for (Envelope& e : part) confirmed.push_back(std::move(e));
  }
  std::vector<PendingOp> pending;
  std::string pbytes;
  if (!read_file(dir_ + "/pending.jsonl", pbytes)) {
    std::istringstream in(pbytes);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("op")) return "pending.jsonl is damaged";
      pending.push_back(PendingOp{j.value("seq", static_cast<uint64_t>(0)), j["op"]});
    }
  }
  for (const PendingOp& p : pending)
    if (p.seq >= meta.next_seq) meta.next_seq = p.seq + 1;
  for (const Envelope& e : confirmed)
    if (e.client == meta.client_id && e.seq >= meta.next_seq) meta.next_seq = e.seq + 1;
  // A snapshot that covers a prefix of the journal saves replaying it.
  std::string snap;
  State snap_state;
  uint64_t covered = 0;
  if (!read_file(dir_ + "/snapshot.bin", snap) && !load_snapshot(snap, snap_state, covered) && covered <= confirmed.size() &&
      covered > 0) {
    ws = Workspace(meta.client_id, meta.shared);
    snapshot_covered_ = covered;
    ws.load_from(std::move(snap_state), std::move(confirmed), covered, std::move(pending), meta.next_seq);
    return std::nullopt;
  }
  ws = Workspace(meta.client_id, meta.shared);
  snapshot_covered_ = 0;
  ws.load(std::move(confirmed), std::move(pending), meta.next_seq);
  return std::nullopt;
}

}  // namespace deskbill
