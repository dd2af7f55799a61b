// The journal on a file system (native files, or the browser's IDBFS mount): small append-only
// segments of confirmed ops, one pending-ops file, a snapshot. Never one big file per change.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "journal/snapshot.h"
#include "journal/workspace.h"

namespace deskbill {

struct StoredWorkspace {
  std::string client_id;
  bool shared = false;
  uint64_t next_seq = 1;
  std::string server_url, workspace_name;
  // Cold storage (docs/journal.md): the first `archived_segments` segments were moved out of the
  // hot folder, and the cold snapshot covers the first `snapshot_covered` confirmed ops.
  uint64_t archived_segments = 0;
  uint64_t snapshot_covered = 0;
  // The server's chain at `snapshot_covered` (Workspace::cursor_chain): the cursor's chain when
  // a start finds no confirmed op after the snapshot. Empty: not known.
  std::string snapshot_chain;
  // A published local workspace: its ops up to this seq are sent marked "publish" (docs/sync.md).
  uint64_t publish_upto = 0;
  // Counts relayouts: a read-only tab that saw another one reads the journal whole again.
  uint64_t layout = 0;
  // The user chose to send the pending ops up to this seq as they are, though they wait for a
  // record another device has to send again (SyncLoop::send_held_anyway). It holds for the
  // layout it was chosen in: a relayout numbers the ops again.
  uint64_t released_upto = 0, released_layout = 0;
};

// What JournalStore::relayout did: `switched` once the new layout is the one a start reads (an
// error then only says that tidying the old one's files is left to the next write).
struct RelayoutResult {
  std::optional<std::string> error;
  bool switched = false;
};

class JournalStore {
 public:
  // dir: the hot folder (read whole at start: IDBFS). cold_dir: where archived segments can be
  // read from when they are needed (natively a folder; in the browser the host copies them
  // there from IndexedDB on demand). Empty: none.
  explicit JournalStore(std::string dir, std::string cold_dir = "")
      : dir_(std::move(dir)), cold_dir_(std::move(cold_dir)) {}
  static constexpr size_t kSegmentOps = 1024;

  // Reads the workspace into ws. `cold_snapshot` is the snapshot recorded in workspace.json
  // (the host fetched it from cold storage; empty if it has none). Hot segments wholly covered
  // by the snapshot are counted, not parsed. Returns an error message (nothing loaded) or nullopt.
  // `preview`: what preview() read from the same snapshot; the load then decodes only its
  // timesheets (finish_snapshot), or the whole snapshot when it is not the one the preview was
  // read from. The preview is spent either way.
  [[nodiscard]] std::optional<std::string> load(Workspace& ws, StoredWorkspace& meta,
                                                SnapshotSource* cold_snapshot = nullptr,
                                                SnapshotPreview* preview = nullptr);
  [[nodiscard]] std::optional<std::string> load(Workspace& ws, StoredWorkspace& meta, std::string_view cold_snapshot);
  // What a start shows before load() (at 1 M timesheets, most of a start): the cold snapshot's
  // records without the timesheets (load_snapshot_preview), when workspace.json names that
  // snapshot. Shown read-only until load() has read everything; an error means no preview.
  [[nodiscard]] std::optional<std::string> preview(SnapshotSource& cold_snapshot, SnapshotPreview& out) const;
  bool exists() const;
  // Reads workspace.json alone.
  [[nodiscard]] std::optional<std::string> read_meta(StoredWorkspace& meta) const;

  // Archiving, done by the host in three steps so that a crash between them loses nothing:
  // (1) store the snapshot and the segments of `archivable_segments` in cold storage,
  // (2) `mark_archived` records both in workspace.json, (3) the hot copies are removed.
  // Segments that are full and wholly covered by a snapshot of `covered` ops:
  std::vector<size_t> archivable_segments(const StoredWorkspace& meta, uint64_t covered) const;
  // `snapshot_chain`: the chain at `snapshot_covered`, taken when the snapshot was staged.
  [[nodiscard]] std::optional<std::string> mark_archived(StoredWorkspace& meta, uint64_t archived_segments,
                                                         uint64_t snapshot_covered, std::string snapshot_chain);
  [[nodiscard]] std::optional<std::string> read_segment(size_t index, std::string& bytes) const;
  static std::string segment_name(size_t index);
  // The hot part of the journal as JSONL (segments from `first`), for a backup file.
  std::string hot_journal_text(size_t first) const;
  // A read-only tab following the writer: the confirmed ops after the first `have` ones (from
  // the hot segments; an error if they were archived meanwhile), the pending ops and the meta.
  [[nodiscard]] std::optional<std::string> read_since(uint64_t have, StoredWorkspace& meta,
                                                      std::vector<Envelope>& confirmed,
                                                      std::vector<PendingOp>& pending) const;
  [[nodiscard]] std::optional<std::string> read_pending(std::vector<PendingOp>& out) const;
  // Every confirmed op, archived ones from cold_dir (publishing a local workspace).
  [[nodiscard]] std::optional<std::string> read_all_confirmed(const StoredWorkspace& meta,
                                                              std::vector<Envelope>& out) const;

  // Each write goes to a temporary file renamed over the target, so a failed write (a full
  // disk) leaves the previous file whole. Returns an error message or nullopt.
  [[nodiscard]] std::optional<std::string> append_confirmed(const std::vector<Envelope>& ops, uint64_t total_before);
  [[nodiscard]] std::optional<std::string> write_pending(const std::vector<PendingOp>& pending);
  [[nodiscard]] std::optional<std::string> write_meta(const StoredWorkspace& meta);
  // A snapshot in the hot folder, as builds before cold storage wrote it (still read by load;
  // kept so a test covers that older layout).
  [[nodiscard]] std::optional<std::string> write_snapshot(const State& s, uint64_t covered);
  // Replaces the stored layout in one step (publishing a local workspace, re-sending to a server
  // restored from an older copy; docs/journal.md "Replacing the layout"): the confirmed journal
  // is cut to its first `keep` ops, the pending ops become `pending` and workspace.json `meta`
  // (its archive fields and layout are set here). A start reads the old layout or the new one
  // whole after every write of the way and after any that fails.
  [[nodiscard]] RelayoutResult relayout(uint64_t keep, const std::vector<PendingOp>& pending, StoredWorkspace& meta);

  const std::string& dir() const { return dir_; }
  // The last load decoded only the timesheets, the rest being the preview's (finish_snapshot).
  bool finished_preview() const { return finished_preview_; }
  // How many confirmed ops the snapshot used by the last load covered (0: none).
  uint64_t snapshot_covered() const { return snapshot_covered_; }
  // A journal exists but the last load failed: every write is refused until a load succeeds.
  bool unreadable() const { return unreadable_; }
  // The last load found a snapshot of a format without a checksum (4 or 5), or could not use the
  // snapshot workspace.json names: archive again now, so that the next start reads a snapshot
  // whose damage would be seen, instead of replaying the whole journal again. Also after a
  // snapshot of another older format (6, 7), so that the next start reads the current one (format
  // 8: a preview without the timesheets' texts).
  bool snapshot_rewrite_due() const { return snapshot_rewrite_due_; }

 private:
  uint64_t snapshot_covered_ = 0;
  bool finished_preview_ = false;
  bool snapshot_rewrite_due_ = false;
  bool unreadable_ = false;
  [[nodiscard]] std::optional<std::string> refuse_if_unreadable() const;
  // Every write starts here: refused while the journal is unreadable, and a relayout that could
  // not be finished is finished first (its relayout.jsonl would otherwise stand over the write).
  [[nodiscard]] std::optional<std::string> ready_to_write();
  // relayout.jsonl: the new layout's keep count, workspace.json and pending ops, written whole
  // before any other file of the relayout changes.
  struct Relayout {
    uint64_t keep = 0;
    StoredWorkspace meta;
    std::vector<PendingOp> pending;
  };
  [[nodiscard]] std::optional<std::string> read_relayout(std::optional<Relayout>& out) const;
  // The stored layout: workspace.json and pending.jsonl, or what an unfinished relayout.jsonl
  // stands for them; `keep`: how many confirmed ops of the segments are that layout's (past
  // them they are the old one's; UINT64_MAX when nothing is unfinished).
  [[nodiscard]] std::optional<std::string> read_layout(StoredWorkspace& meta, std::vector<PendingOp>& pending,
                                                       uint64_t& keep, bool& unfinished) const;
  [[nodiscard]] std::optional<std::string> finish_relayout();
  bool relayout_due_ = false;
  std::string segment_path(size_t index) const;
  // Where segment `index` is read from: the cold folder below `archived`, the hot one above.
  std::string stored_segment_path(size_t index, uint64_t archived) const;
  std::string dir_, cold_dir_;
};

// workspace.json's and pending.jsonl's contents (relayout.jsonl holds both).
nlohmann::json meta_json(const StoredWorkspace& meta);
[[nodiscard]] std::optional<std::string> meta_from_json(const nlohmann::json& j, StoredWorkspace& meta);
std::string pending_text(const std::vector<PendingOp>& pending);
[[nodiscard]] std::optional<std::string> parse_pending(std::string_view text, std::vector<PendingOp>& out);

// Whole-file helpers with the mtime bump IDBFS needs (DESIGN §4).
[[nodiscard]] std::optional<std::string> write_file_atomic(const std::string& path, const std::string& bytes);
[[nodiscard]] std::optional<std::string> read_file(const std::string& path, std::string& out);

}  // namespace deskbill
