// The journal on a file system (native files, or the browser's IDBFS mount): small append-only
// segments of confirmed ops, one pending-ops file, a snapshot. Never one big file per change.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "journal/workspace.h"

namespace deskbill {

struct StoredWorkspace {
  std::string client_id;
  bool shared = false;
  uint64_t next_seq = 1;
  std::string server_url, workspace_name;
};

class JournalStore {
 public:
  explicit JournalStore(std::string dir) : dir_(std::move(dir)) {}
  static constexpr size_t kSegmentOps = 1024;

  // Reads everything into ws. Returns an error message (nothing loaded) or nullopt.
  std::optional<std::string> load(Workspace& ws, StoredWorkspace& meta);
  bool exists() const;

  // Each write goes to a temporary file renamed over the target, so a failed write (a full
  // disk) leaves the previous file whole. Returns an error message or nullopt.
  std::optional<std::string> append_confirmed(const std::vector<Envelope>& ops, uint64_t total_before);
  std::optional<std::string> write_pending(const std::vector<PendingOp>& pending);
  std::optional<std::string> write_meta(const StoredWorkspace& meta);
  std::optional<std::string> write_snapshot(const State& s, uint64_t covered);
  // Replaces the whole journal (import of a backup).
  std::optional<std::string> replace_all(const std::vector<Envelope>& ops, const StoredWorkspace& meta);

  const std::string& dir() const { return dir_; }
  // How many confirmed ops the snapshot used by the last load covered (0: none).
  uint64_t snapshot_covered() const { return snapshot_covered_; }

 private:
  uint64_t snapshot_covered_ = 0;
  std::string segment_path(size_t index) const;
  std::string dir_;
};

// Whole-file helpers with the mtime bump IDBFS needs (DESIGN §4).
std::optional<std::string> write_file_atomic(const std::string& path, const std::string& bytes);
std::optional<std::string> read_file(const std::string& path, std::string& out);

}  // namespace deskbill
