// The save pipeline: what makes "Saved" a promise. Ops folded into a workspace are written to
// the journal store, then made durable through a Durability (IDBFS's syncfs in the browser, a
// fake that can fail, stall and crash in tests). A failed write or flush keeps the ops in memory
// and retries; "Saved" is reported only when a flush that covers every op has completed; the
// sync loop sends only ops that are durable here (save, then send: DESIGN §3).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/text_template.h"
#include "journal/store.h"
#include "journal/workspace.h"

namespace deskbill {

// Copies what was written to the store to durable storage. `done` gets "" when everything
// written before the call is durable, or an error; it may also never be called (a browser's
// quota error never answers), which the pipeline's timeout covers.
class Durability {
 public:
  virtual ~Durability() = default;
  virtual void flush(std::function<void(std::string error)> done) = 0;
};

enum class SaveState { Saved, Saving, NotSaved };

struct SaveStatus {
  SaveState state = SaveState::Saved;
  TextTemplate message;  // why it is not saved, when it is not: for the UI to translate
};

class SavePipeline {
 public:
  static constexpr double kFlushTimeoutMs = 10000;
  static constexpr double kRetryMs = 4000;

  // `now`: milliseconds on a monotonic clock (the browser's, or a simulation's).
  SavePipeline(JournalStore& store, StoredWorkspace& meta, Durability& durability, std::function<double()> now)
      : store_(store), meta_(meta), durability_(durability), now_(std::move(now)) {}

  // A tab that does not hold the workspace's lock never writes: record() and flush() refuse.
  void set_read_only(bool read_only) { read_only_ = read_only; }
  bool read_only() const { return read_only_; }

  // The workspace was loaded from the store: everything it holds is durable.
  void loaded(const Workspace& ws);
  // Persists what changed in ws: `confirmed_added` (ops confirmed since `total_before` confirmed
  // ops: a local op, or ops a sync brought), ws's pending ops and its seq counter; then flushes.
  void record(const Workspace& ws, const std::vector<Envelope>& confirmed_added, uint64_t total_before);
  // Pending ops from `seq` on changed content (a refused op replaced by its stand-in): they are
  // not durable again until a flush that began after the change completes (a flush in flight
  // may not cover it), so the old content is never sent under a seq the server then holds.
  void rewrote_from(uint64_t seq);
  // Flushes what was written (page hide, settings files written beside the journal).
  void flush();
  // Timeouts and retries; call often (every frame in the browser).
  void tick(const Workspace& ws);
  // The stored layout was replaced (publish_stored, resend_stored): nothing queued belongs to it
  // any more, and its pending ops from `first_seq` on count as durable only once the flush after
  // it completes (the relayout wrote the tab's files, not IndexedDB). Then records it.
  void layout_replaced(const Workspace& ws, uint64_t first_seq);

  const SaveStatus& status() const { return status_; }
  // Every pending op with a seq up to this one is durable: the only ones the sync loop may send.
  uint64_t durable_seq() const { return durable_seq_; }
  bool flushing() const { return flushing_; }
  // Milliseconds from the first unsaved record() to "Saved" (the last time it happened).
  double last_save_ms() const { return last_save_ms_; }
  // Called when a flush completes ("" when Saved, else the problem), for announcements.
  std::function<void(const std::string&)> on_saved;

 private:
  // Writes the queued confirmed ops, the pending ops and the counter; false (and status set) on error.
  [[nodiscard]] bool write_all(const Workspace& ws);
  void fail(TextTemplate message);

  JournalStore& store_;
  StoredWorkspace& meta_;
  Durability& durability_;
  std::function<double()> now_;
  bool read_only_ = false;
  SaveStatus status_;
  // Confirmed ops whose segment write failed, kept until a retry writes them.
  std::vector<Envelope> unwritten_;
  uint64_t unwritten_before_ = 0;
  // Highest pending seq the files hold, and the highest a completed flush made durable.
  uint64_t written_seq_ = 0, durable_seq_ = 0;
  bool flushing_ = false, flush_again_ = false;
  int flush_generation_ = 0;
  uint64_t flushing_seq_ = 0;
  double flush_started_ = 0, retry_at_ = 0, unsaved_since_ = 0, last_save_ms_ = 0;
};

}  // namespace deskbill
