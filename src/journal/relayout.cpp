// Replacing the stored layout in one step (docs/journal.md, "Replacing the layout"). The files
// of a layout are several (segments, pending.jsonl, workspace.json), and the old sequence wrote
// them one after the other: a write that failed half-way (a full disk) left the segments removed
// and the pending file emptied under a workspace.json that still named the old layout, and every
// op was gone after a reload. Now relayout.jsonl, written whole, switches from one layout to the
// other: before it, the old files are untouched; after it, a start reads the new layout from it
// and the confirmed journal cut to `keep`, whatever the other files hold by then.
#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "journal/store.h"

namespace deskbill {

namespace {
const char* kRelayoutFile = "/relayout.jsonl";
}

std::optional<std::string> JournalStore::read_relayout(std::optional<Relayout>& out) const {
  out.reset();
  std::string text;
  if (read_file(dir_ + kRelayoutFile, text)) return std::nullopt;  // none
  size_t end = text.find('\n');
  nlohmann::json head = nlohmann::json::parse(text.substr(0, end), nullptr, false);
  Relayout r;
  if (head.is_discarded() || !head.is_object() || !head.contains("keep") || !head["keep"].is_number_unsigned() ||
      !head.contains("meta"))
    return "relayout.jsonl is damaged";
  r.keep = head["keep"].get<uint64_t>();
  if (auto err = meta_from_json(head["meta"], r.meta)) return "relayout.jsonl's workspace " + *err;
  if (end != std::string::npos)
    if (auto err = parse_pending(std::string_view(text).substr(end + 1), r.pending))
      return "relayout.jsonl's pending ops " + *err;
  out = std::move(r);
  return std::nullopt;
}

std::optional<std::string> JournalStore::read_layout(StoredWorkspace& meta, std::vector<PendingOp>& pending,
                                                     uint64_t& keep, bool& unfinished) const {
  if (auto err = read_meta(meta)) return err;
  if (auto err = read_pending(pending)) return err;
  std::optional<Relayout> relayout;
  if (auto err = read_relayout(relayout)) return err;
  unfinished = relayout.has_value();
  keep = UINT64_MAX;
  if (relayout) {
    meta = std::move(relayout->meta);
    pending = std::move(relayout->pending);
    keep = relayout->keep;
  }
  return std::nullopt;
}

RelayoutResult JournalStore::relayout(uint64_t keep, const std::vector<PendingOp>& pending, StoredWorkspace& meta) {
  if (auto err = ready_to_write()) return {err, false};
  StoredWorkspace next = meta;
  next.layout = meta.layout + 1;
  // The archive stays while its snapshot covers no more than the kept ops. Otherwise the archived
  // segments that hold kept ops come back to the hot folder (the host read them into the cold
  // folder first) and the archive is forgotten: the old layout reads its own copies until the
  // switch, so these are written before it.
  std::vector<size_t> unarchived;
  if (keep < meta.snapshot_covered) {
    for (size_t seg = 0; seg < meta.archived_segments && seg * kSegmentOps < keep; ++seg) {
      std::string bytes;
      auto err = read_file(stored_segment_path(seg, meta.archived_segments), bytes);
      if (!err) err = write_file_atomic(segment_path(seg), bytes);
      if (err) {
        for (size_t done : unarchived) std::remove(segment_path(done).c_str());
        return {"an archived segment could not be brought back (" + *err + ")", false};
      }
      unarchived.push_back(seg);
    }
    next.archived_segments = 0;
    next.snapshot_covered = 0;
    next.snapshot_chain.clear();
  }
  // A layout that keeps more ops than the journal holds could never be finished, and every
  // later write would be refused behind it: it is refused here, before the switch.
  if (keep > 0) {
    size_t last = (keep - 1) / kSegmentOps, lines = 0;
    std::string bytes;
    if (!read_file(stored_segment_path(last, next.archived_segments), bytes))
      for (char c : bytes) lines += c == '\n';
    if (lines < (keep - 1) % kSegmentOps + 1) {
      for (size_t done : unarchived) std::remove(segment_path(done).c_str());
      return {"the journal holds fewer than the " + std::to_string(keep) + " operations to keep; nothing changed",
              false};
    }
  }
  std::string text = nlohmann::json{{"format", 1}, {"keep", keep}, {"meta", meta_json(next)}}.dump() + "\n";
  text += pending_text(pending);
  if (auto err = write_file_atomic(dir_ + kRelayoutFile, text)) {
    for (size_t done : unarchived) std::remove(segment_path(done).c_str());
    return {err, false};
  }
  meta = next;  // switched
  relayout_due_ = true;
  if (auto err = finish_relayout())
    return {"the new layout is stored, its old files are left to tidy (" + *err + ")", true};
  return {std::nullopt, true};
}

// Each step can run again after a crash or a failed write: relayout.jsonl goes last.
std::optional<std::string> JournalStore::finish_relayout() {
  std::optional<Relayout> r;
  if (auto err = read_relayout(r)) return err;
  if (!r) {
    relayout_due_ = false;
    return std::nullopt;
  }
  // The confirmed journal cut to `keep`: the segment holding its end keeps its first lines.
  size_t seg = r->keep / kSegmentOps;
  if (size_t lines = r->keep % kSegmentOps) {
    std::string bytes;
    if (auto err = read_file(segment_path(seg), bytes)) return "the segment to cut could not be read (" + *err + ")";
    size_t at = 0;
    for (size_t n = 0; n < lines; ++n) {
      at = bytes.find('\n', at);
      if (at == std::string::npos) return "the journal holds fewer ops than the new layout keeps";
      ++at;
    }
    if (at < bytes.size())
      if (auto err = write_file_atomic(segment_path(seg), bytes.substr(0, at))) return err;
    ++seg;
  }
  // Every segment after the cut goes, highest first, found by listing the folder: a crash
  // between two removes then leaves the ones from `seg` on contiguous, and a gap left by any
  // other cause cannot hide later ones. A segment kept past a gap would be read again once the
  // journal grows back into the gap, its old ops folded after the new ones.
  std::vector<size_t> later;
  if (DIR* d = opendir(dir_.c_str())) {
    while (dirent* e = readdir(d)) {
      unsigned long long index = 0;
      int end = 0;
      if (std::sscanf(e->d_name, "confirmed-%6llu.jsonl%n", &index, &end) == 1 && e->d_name[end] == '\0' &&
          segment_name(index) == e->d_name && index >= seg)
        later.push_back(index);
    }
    closedir(d);
  } else {
    return "the journal's folder could not be listed (" + std::string(std::strerror(errno)) + ")";
  }
  std::sort(later.rbegin(), later.rend());
  for (size_t index : later)
    if (std::remove(segment_path(index).c_str()) != 0 && errno != ENOENT)
      return "an old segment could not be removed (" + std::string(std::strerror(errno)) + ")";
  std::remove((dir_ + "/snapshot.bin").c_str());  // an old layout's
  if (auto err = write_file_atomic(dir_ + "/pending.jsonl", pending_text(r->pending))) return err;
  if (auto err = write_file_atomic(dir_ + "/workspace.json", meta_json(r->meta).dump(2))) return err;
  std::remove((dir_ + kRelayoutFile).c_str());
  relayout_due_ = false;
  return std::nullopt;
}

std::optional<std::string> JournalStore::ready_to_write() {
  if (auto err = refuse_if_unreadable()) return err;
  if (relayout_due_)
    if (auto err = finish_relayout())
      return "the journal's new layout could not be finished (" + *err + "), so nothing is written over it";
  return std::nullopt;
}

}  // namespace deskbill
