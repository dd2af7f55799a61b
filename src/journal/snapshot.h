// A binary image of a State that loads far faster than replaying its journal. Versioned: a
// snapshot of another format is refused and the journal is replayed instead. Its last 8 bytes are
// a checksum of the rest, so a damaged snapshot is refused too, never loaded into a state whose
// records point past their tables.
#pragma once
#include <array>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "core/state.h"

namespace deskbill {

constexpr uint32_t kSnapshotFormat = 9;        // 2: id hash slots stored; 3: rejected ops keep agent, summary, op;
                                               // 4: company profile, customer address/tax id/terms, due dates;
                                               // 5: table rows and id keys delta-varint packed (docs/journal.md);
                                               // 6: columns packed by the transform that takes fewest bytes,
                                               //    and an XXH64 of every byte before it ends the snapshot;
                                               // 7: the timesheets last, after the counters (a preview),
                                               //    their offset a u64 after `covered` (byte 24)
                                               // 8: the timesheets' ids and descriptions in their own text
                                               //    pool, written just before their table
                                               // 9: each id hash slot carries its key's hash tag above
                                               //    the record number (core/id_index.h)
constexpr uint32_t kOldestSnapshotFormat = 4;  // still read: 4 unpacked, 5 packed, both without the checksum

// `covered` is the journal position the state includes. `format` other than the current one is
// for tests that need an older snapshot.
std::string save_snapshot(const State& s, uint64_t covered, uint32_t format = kSnapshotFormat);
// Where a snapshot is read from: bytes in memory, or (in the browser) the copy IndexedDB gave
// JavaScript. A load reads it front to back through a window of 256 kB (a packed table twice:
// checked, then decoded), so that no table's bytes are held whole beside the state they decode to.
class SnapshotSource {
 public:
  virtual ~SnapshotSource() = default;
  virtual size_t size() const = 0;
  // Copies n bytes at offset `at` to dst; the caller checked the range.
  virtual void read(size_t at, void* dst, size_t n) = 0;
};

class MemorySnapshotSource : public SnapshotSource {
 public:
  explicit MemorySnapshotSource(std::string_view b) : b_(b) {}
  size_t size() const override { return b_.size(); }
  void read(size_t at, void* dst, size_t n) override;

 private:
  std::string_view b_;
};

// A snapshot read from a file piece by piece, through the load's window: loading never
// holds the file's bytes and the state at once (deskbill-cli load-snapshot at 1 M).
class FileSnapshotSource : public SnapshotSource {
 public:
  explicit FileSnapshotSource(const std::string& path);
  ~FileSnapshotSource() override;
  FileSnapshotSource(const FileSnapshotSource&) = delete;
  FileSnapshotSource& operator=(const FileSnapshotSource&) = delete;
  [[nodiscard]] bool opened() const { return f_ != nullptr; }
  // A read came back short (the file changed or the disk failed): what was loaded is not to be used.
  [[nodiscard]] bool failed() const { return failed_; }
  size_t size() const override { return size_; }
  void read(size_t at, void* dst, size_t n) override;

 private:
  std::FILE* f_ = nullptr;
  size_t size_ = 0;
  bool failed_ = false;
};

// Format 6 and later end with a checksum; formats 4 and 5 do not, so a load of theirs checks the
// records' links and texts instead (core/state_check.h), and a store prefers to replay the journal
// such a snapshot stands for (JournalStore::load). False for what is not a snapshot.
[[nodiscard]] bool snapshot_has_checksum(SnapshotSource& src);
[[nodiscard]] bool snapshot_has_checksum(std::string_view bytes);

// The format a snapshot's header names; nullopt for bytes that are not a snapshot. A store writes
// a snapshot of an older format again at once (JournalStore::snapshot_rewrite_due).
[[nodiscard]] std::optional<uint32_t> snapshot_format(SnapshotSource& src);

// Returns an error, or fills s and covered.
[[nodiscard]] std::optional<std::string> load_snapshot(std::string_view bytes, State& s, uint64_t& covered);
[[nodiscard]] std::optional<std::string> load_snapshot(SnapshotSource& src, State& s, uint64_t& covered);
// Only for tests of the packing, whose rows no fold could make: the records as the bytes hold
// them, the checksum checked but not the links, nothing derived. Never a state to show or fold.
[[nodiscard]] std::optional<std::string> read_snapshot_records(std::string_view bytes, State& s);

// A start's first frame before the timesheets are read (format 7 and later): everything before
// them, with the links into them kept aside and cleared and `applied` set to kPreviewVersion. For
// showing only, never for folding: the checksum is not checked (it covers the timesheets too),
// the records' links and texts are. An error for an older format or damaged bytes; then there is
// no preview. finish_snapshot then reads only the timesheets.
constexpr uint64_t kPreviewVersion = ~0ull;
struct SnapshotPreview {
  State state;
  uint64_t covered = 0;
  uint64_t timesheets_at = 0;                         // where the bytes it was read from end
  uint64_t head_hash = 0;                             // their XXH64
  uint64_t applied = 0;                               // the state's own version
  std::vector<std::array<uint32_t, 2>> ticket_links;  // each ticket's ts_head, ts_tail
  std::vector<std::array<uint32_t, 3>> line_links;    // each order line's ts_head, ts_tail, ts_billed_upto
};
[[nodiscard]] std::optional<std::string> load_snapshot_preview(SnapshotSource& src, SnapshotPreview& out);
// The load after a preview: checks that src's bytes before the timesheets are the ones the
// preview was read from (their XXH64), reads the timesheets and checks the checksum, then gives
// the preview's records their links back. Fills out and covered; an error when src is another
// snapshot or damaged, and the preview is spent either way (a load of src whole is the fallback).
[[nodiscard]] std::optional<std::string> finish_snapshot(SnapshotSource& src, SnapshotPreview& preview, State& out,
                                                         uint64_t& covered);

}  // namespace deskbill
