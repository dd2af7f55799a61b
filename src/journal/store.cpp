#include "journal/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/json_guard.h"
#include "core/json_member.h"
#include "journal/snapshot.h"

namespace deskbill {

namespace {
// IDBFS skips a file whose mtime did not move since the last sync: make every write's mtime
// strictly later than the previous one, even within one millisecond.
void bump_mtime(const std::string& path) {
  static int64_t last_ms = 0;
  int64_t now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
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
  // A read that fails half-way is an error, never a shorter file: archiving would store the
  // shorter copy as the cold one and then drop the whole hot one.
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return "cannot open " + path;
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return "cannot read " + path + ": not a file";
  }
  std::string bytes;
  bytes.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return "cannot read " + path + ": " + std::strerror(errno);
    }
    bytes.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  out = std::move(bytes);
  return std::nullopt;
}

std::string JournalStore::segment_name(size_t index) {
  char name[40];
  std::snprintf(name, sizeof name, "confirmed-%06zu.jsonl", index);
  return name;
}

std::string JournalStore::segment_path(size_t index) const { return dir_ + "/" + segment_name(index); }

std::string JournalStore::stored_segment_path(size_t index, uint64_t archived) const {
  return index < archived ? cold_dir_ + "/" + segment_name(index) : segment_path(index);
}

std::optional<std::string> JournalStore::refuse_if_unreadable() const {
  if (unreadable_) return "the saved journal could not be read, so nothing is written over it";
  return std::nullopt;
}

std::optional<std::string> JournalStore::read_segment(size_t index, std::string& bytes) const {
  return read_file(segment_path(index), bytes);
}

bool JournalStore::exists() const {
  struct stat st;
  return stat((dir_ + "/workspace.json").c_str(), &st) == 0;
}

nlohmann::json meta_json(const StoredWorkspace& m) {
  return {{"format", 1},
          {"client_id", m.client_id},
          {"shared", m.shared},
          {"next_seq", m.next_seq},
          {"server_url", m.server_url},
          {"workspace", m.workspace_name},
          {"archived_segments", m.archived_segments},
          {"snapshot_covered", m.snapshot_covered},
          {"snapshot_chain", m.snapshot_chain},
          {"publish_upto", m.publish_upto},
          {"layout", m.layout},
          {"released_upto", m.released_upto},
          {"released_layout", m.released_layout}};
}

std::optional<std::string> meta_from_json(const nlohmann::json& m, StoredWorkspace& meta) {
  if (!m.is_object()) return "is damaged";
  // A member of another type is damage too, reported rather than thrown (nlohmann's value()
  // throws) and not replaced by its default: a default next_seq would reuse seqs already sent.
  std::string wrong;
  auto member = [&](const char* key, auto& out, auto fallback) {
    MemberRead r = read_member(m, key, out);
    if (r == MemberRead::Missing) out = fallback;
    if (r == MemberRead::OtherType && wrong.empty()) wrong = key;
  };
  StoredWorkspace read;
  member("client_id", read.client_id, std::string());
  member("shared", read.shared, false);
  member("next_seq", read.next_seq, uint64_t{1});
  member("server_url", read.server_url, std::string());
  member("workspace", read.workspace_name, std::string());
  // Absent in files written before cold storage: nothing archived.
  member("archived_segments", read.archived_segments, uint64_t{0});
  member("snapshot_covered", read.snapshot_covered, uint64_t{0});
  member("snapshot_chain", read.snapshot_chain, std::string());  // absent before chains: not known
  member("publish_upto", read.publish_upto, uint64_t{0});        // absent before publishing kept dates
  member("layout", read.layout, uint64_t{0});                    // absent before relayouts were counted
  member("released_upto", read.released_upto, uint64_t{0});      // absent before it was kept: none
  member("released_layout", read.released_layout, uint64_t{0});
  if (!wrong.empty()) return "is damaged ('" + wrong + "' is not what it should be)";
  meta = std::move(read);
  return std::nullopt;
}

std::string pending_text(const std::vector<PendingOp>& pending) {
  std::string bytes;
  for (const PendingOp& p : pending) bytes += nlohmann::json{{"seq", p.seq}, {"op", p.op}}.dump() + "\n";
  return bytes;
}

std::optional<std::string> parse_pending(std::string_view text, std::vector<PendingOp>& out) {
  out.clear();
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (line.empty()) continue;
    if (auto refused = journal_line_refusal(line)) return "is damaged (a line " + *refused + ")";
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("op") || !j.contains("seq") || !j["seq"].is_number_unsigned())
      return "is damaged";
    out.push_back(PendingOp{j["seq"].get<uint64_t>(), j["op"]});
  }
  return std::nullopt;
}

std::optional<std::string> JournalStore::write_meta(const StoredWorkspace& m) {
  if (auto err = ready_to_write()) return err;
  mkdir(dir_.c_str(), 0755);
  return write_file_atomic(dir_ + "/workspace.json", meta_json(m).dump(2));
}

std::optional<std::string> JournalStore::read_meta(StoredWorkspace& meta) const {
  std::string text;
  if (auto err = read_file(dir_ + "/workspace.json", text)) return err;
  if (auto err = meta_from_json(nlohmann::json::parse(text, nullptr, false), meta)) return "workspace.json " + *err;
  return std::nullopt;
}

std::optional<std::string> JournalStore::append_confirmed(const std::vector<Envelope>& ops, uint64_t total_before) {
  if (auto err = ready_to_write()) return err;
  mkdir(dir_.c_str(), 0755);
  // Segments hold kSegmentOps ops each; only the last, small one is rewritten.
  size_t i = 0;
  uint64_t n = total_before;
  while (i < ops.size()) {
    size_t seg = n / kSegmentOps;
    std::string path = segment_path(seg);
    std::string bytes;
    // The segment's earlier ops are kept: if they cannot be read, writing would lose them.
    if (n % kSegmentOps != 0)
      if (auto err = read_file(path, bytes)) return "the journal segment to append to could not be read (" + *err + ")";
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
  if (auto err = ready_to_write()) return err;
  mkdir(dir_.c_str(), 0755);
  return write_file_atomic(dir_ + "/pending.jsonl", pending_text(pending));
}

std::optional<std::string> JournalStore::write_snapshot(const State& s, uint64_t covered) {
  if (auto err = ready_to_write()) return err;
  mkdir(dir_.c_str(), 0755);
  return write_file_atomic(dir_ + "/snapshot.bin", save_snapshot(s, covered));
}

std::vector<size_t> JournalStore::archivable_segments(const StoredWorkspace& meta, uint64_t covered) const {
  std::vector<size_t> out;
  for (size_t seg = meta.archived_segments; (seg + 1) * kSegmentOps <= covered; ++seg) {
    struct stat st;
    if (stat(segment_path(seg).c_str(), &st) != 0) break;
    out.push_back(seg);
  }
  return out;
}

std::optional<std::string> JournalStore::mark_archived(StoredWorkspace& meta, uint64_t archived_segments,
                                                       uint64_t snapshot_covered, std::string snapshot_chain) {
  uint64_t before = meta.archived_segments;
  meta.archived_segments = archived_segments;
  meta.snapshot_covered = snapshot_covered;
  meta.snapshot_chain = std::move(snapshot_chain);
  if (auto err = write_meta(meta)) return err;
  // Only now, with workspace.json naming the cold copies, do the hot ones go.
  for (uint64_t seg = before; seg < archived_segments; ++seg) std::remove(segment_path(seg).c_str());
  std::remove((dir_ + "/snapshot.bin").c_str());
  return std::nullopt;
}

std::string JournalStore::hot_journal_text(size_t first) const {
  std::string out, bytes;
  for (size_t seg = first; !read_file(segment_path(seg), bytes); ++seg) out += bytes;
  return out;
}

std::optional<std::string> JournalStore::read_all_confirmed(const StoredWorkspace& meta,
                                                            std::vector<Envelope>& out) const {
  for (size_t seg = 0;; ++seg) {
    std::string bytes;
    bool cold = seg < meta.archived_segments;
    std::string path = stored_segment_path(seg, meta.archived_segments);
    if (read_file(path, bytes)) {
      if (cold) return "archived segment " + segment_name(seg) + " could not be read";
      return std::nullopt;
    }
    if (auto err = parse_journal(bytes, out)) return path + " line " + std::to_string(err->line) + ": " + err->message;
  }
}

std::optional<std::string> JournalStore::read_pending(std::vector<PendingOp>& out) const {
  out.clear();
  std::string pbytes;
  if (read_file(dir_ + "/pending.jsonl", pbytes)) return std::nullopt;  // none yet
  if (auto err = parse_pending(pbytes, out)) return "pending.jsonl " + *err;
  return std::nullopt;
}

std::optional<std::string> JournalStore::read_since(uint64_t have, StoredWorkspace& meta,
                                                    std::vector<Envelope>& confirmed,
                                                    std::vector<PendingOp>& pending) const {
  uint64_t limit = 0;
  bool unfinished = false;
  if (auto err = read_layout(meta, pending, limit, unfinished)) return err;
  confirmed.clear();
  size_t first = have / kSegmentOps;
  if (first < meta.archived_segments) return "the part of the journal this tab has not seen yet was archived";
  uint64_t end = first * kSegmentOps;  // the positions the stored segments hold
  for (size_t seg = first;; ++seg) {
    std::string bytes;
    if (read_file(segment_path(seg), bytes)) break;
    std::vector<Envelope> part;
    if (auto err = parse_journal(bytes, part))
      return segment_name(seg) + " line " + std::to_string(err->line) + ": " + err->message;
    uint64_t pos = seg * kSegmentOps;
    for (Envelope& e : part)
      if (++pos > have && pos <= limit) {
        e.pos = pos;
        confirmed.push_back(std::move(e));
      }
    end = pos;
  }
  // Fewer than this tab has: the journal was cut (a relayout this tab took for a tail, with a
  // read that paired files of two saves, as builds before one-transaction reads could): the
  // caller reads it whole.
  if (std::min(end, limit) < have) return "the stored journal holds fewer operations than this tab has";
  return std::nullopt;
}

namespace {
size_t count_lines(std::string_view bytes) {
  size_t n = 0;
  bool content = false;
  for (char c : bytes) {
    if (c == '\n') {
      n += content;
      content = false;
    } else if (c != ' ' && c != '\r' && c != '\t')
      content = true;
  }
  return n + content;
}
}  // namespace

std::optional<std::string> JournalStore::preview(SnapshotSource& cold_snapshot, SnapshotPreview& out) const {
  // The layout load() reads: an unfinished relayout's meta stands over workspace.json.
  StoredWorkspace meta;
  std::vector<PendingOp> pending;
  uint64_t keep = 0;
  bool unfinished = false;
  if (auto e = read_layout(meta, pending, keep, unfinished)) return e;
  if (meta.snapshot_covered == 0 || cold_snapshot.size() == 0) return "workspace.json names no snapshot";
  SnapshotPreview p;
  if (auto e = load_snapshot_preview(cold_snapshot, p)) return e;
  // Another snapshot than the one load() will use (an archive whose meta was not written).
  if (p.covered != meta.snapshot_covered) return "the snapshot is not the one workspace.json names";
  out = std::move(p);
  return std::nullopt;
}

std::optional<std::string> JournalStore::load(Workspace& ws, StoredWorkspace& meta, std::string_view cold_snapshot) {
  MemorySnapshotSource src(cold_snapshot);
  return load(ws, meta, cold_snapshot.empty() ? nullptr : &src);
}

std::optional<std::string> JournalStore::load(Workspace& ws, StoredWorkspace& meta, SnapshotSource* cold_snapshot,
                                              SnapshotPreview* preview) {
  // Until a load succeeds, a journal that exists is not written over: the first new op would
  // otherwise rewrite segment 0 of the journal that could not be read.
  unreadable_ = exists();
  snapshot_rewrite_due_ = false;
  finished_preview_ = false;
  std::vector<PendingOp> pending;
  uint64_t limit = 0;
  if (auto err = read_layout(meta, pending, limit, relayout_due_)) return err;
  for (const PendingOp& p : pending)
    if (p.seq >= meta.next_seq) meta.next_seq = p.seq + 1;

  // The snapshot: the cold one workspace.json names, else a hot snapshot.bin (older builds).
  State snap;
  uint64_t covered = 0;
  bool checksummed = false, current = false;
  auto current_format = [](SnapshotSource& src) { return snapshot_format(src) == kSnapshotFormat; };
  if (meta.snapshot_covered > 0 && cold_snapshot && cold_snapshot->size() > 0) {
    checksummed = snapshot_has_checksum(*cold_snapshot);
    current = current_format(*cold_snapshot);
    // After a preview only the timesheets are decoded; the whole is read when that fails.
    bool finished =
        preview && !finish_snapshot(*cold_snapshot, *preview, snap, covered) && covered == meta.snapshot_covered;
    finished_preview_ = finished;
    if (!finished && (load_snapshot(*cold_snapshot, snap, covered) || covered != meta.snapshot_covered)) covered = 0;
  }
  if (covered == 0) {
    std::string hot;
    if (read_file(dir_ + "/snapshot.bin", hot) || load_snapshot(hot, snap, covered))
      covered = 0;
    else {
      MemorySnapshotSource src(hot);
      checksummed = snapshot_has_checksum(src);
      current = current_format(src);
    }
  }
  const uint64_t archived = meta.archived_segments;
  if (covered < archived * kSegmentOps) covered = 0;  // cannot stand in for the archived segments
  if (covered > limit) covered = 0;                   // an old layout's snapshot.bin

  // Segments wholly before `from` are counted; the one holding `from` and later ones are parsed
  // (their seqs matter for next_seq) and the ops from `from` on are replayed.
  // With `sink`, ops from `from` on go to it one segment at a time instead of into `tail`.
  auto collect = [&](uint64_t from, uint64_t& total, std::vector<Envelope>& tail,
                     Workspace* sink = nullptr) -> std::optional<std::string> {
    JournalLineReader reader;
    total = 0;
    tail.clear();
    for (size_t seg = 0;; ++seg) {
      if (seg * kSegmentOps >= limit) return std::nullopt;
      if (seg < archived && from >= (seg + 1) * kSegmentOps) {
        total += kSegmentOps;
        continue;
      }
      bool cold = seg < archived;
      std::string path = stored_segment_path(seg, archived);
      std::string bytes;
      if (read_file(path, bytes)) {
        if (cold)
          return std::to_string(archived) +
                 " archived segments of the journal are needed and could not be read "
                 "(the snapshot that stands for them is missing or damaged)";
        return std::nullopt;
      }
      if ((seg + 1) * kSegmentOps <= from) {
        total += count_lines(bytes);
        continue;
      }
      if (sink) {  // the full replay: each line folded as it is read, without a DOM
        auto err = read_journal(bytes, reader, [&](const JournalLineReader& line) {
          if (total >= limit) return;
          if (line.client() == meta.client_id && line.seq() >= meta.next_seq) meta.next_seq = line.seq() + 1;
          if (total++ >= from) sink->replay_confirmed(line);
        });
        if (err) return path + " line " + std::to_string(err->line) + ": " + err->message;
        continue;
      }
      std::vector<Envelope> part;
      if (auto err = parse_journal(bytes, part))
        return path + " line " + std::to_string(err->line) + ": " + err->message;
      for (Envelope& e : part) {
        if (total >= limit) break;
        if (e.client == meta.client_id && e.seq >= meta.next_seq) meta.next_seq = e.seq + 1;
        if (total++ < from) continue;
        tail.push_back(std::move(e));
      }
    }
  };
  // Every op from the first, folded as read (a 1M journal is never held parsed in memory).
  // next_seq is known only at the end, from the ops' seqs.
  auto replay_all = [&]() -> std::optional<std::string> {
    Workspace fresh(meta.client_id, meta.shared);
    uint64_t total = 0;
    std::vector<Envelope> none;
    if (auto err = collect(0, total, none, &fresh)) return err;
    fresh.finish_load(std::move(pending), meta.next_seq);
    ws = std::move(fresh);
    snapshot_covered_ = 0;
    unreadable_ = false;
    return std::nullopt;
  };
  // A snapshot without a checksum (formats 4 and 5) may hold damage that still decodes, such as
  // a changed letter: the journal it stands for is replayed instead whenever it can be read, and
  // the snapshot is used only when it cannot. Either way the next archiving writes the current
  // format. So does a named snapshot that could not be used, and one of an older format, so that
  // the next start reads the current format's preview (snapshot_rewrite_due).
  snapshot_rewrite_due_ = (covered > 0 && (!checksummed || !current)) || (covered == 0 && meta.snapshot_covered > 0);
  if (covered > 0 && !checksummed && !replay_all()) return std::nullopt;
  uint64_t total = 0;
  std::vector<Envelope> tail;
  if (covered > 0) {
    if (auto err = collect(covered, total, tail)) return err;
    if (covered <= total) {
      ws = Workspace(meta.client_id, meta.shared);
      snapshot_covered_ = covered;
      ws.load_from(std::move(snap), covered, tail, std::move(pending), meta.next_seq,
                   covered == meta.snapshot_covered ? meta.snapshot_chain : std::string());
      unreadable_ = false;
      return std::nullopt;
    }
  }
  // No usable snapshot: replay everything.
  return replay_all();
}

}  // namespace deskbill
