// The app's implementation of ui::Host in the browser: wires the workspace, its journal store on
// the IDBFS mount, the save pipeline (IDBFS's syncfs as its durability), the sync loop (fetch as
// its transport), cold storage and backups. The rules of saving and syncing live in
// journal/save_pipeline and sync/sync_loop, where native tests reach them.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "journal/inbox.h"
#include "journal/prefs.h"
#include "journal/record_ids.h"
#include "journal/save_pipeline.h"
#include "journal/store.h"
#include "journal/timer_store.h"
#include "journal/workspace.h"
#include "journal/writer_handoff.h"
#include "sync/sync_loop.h"
#include "ui/host.h"

namespace deskbill::app {

// IDBFS's syncfs: everything written to the mount so far goes to IndexedDB in one transaction.
class IdbfsDurability : public Durability {
 public:
  void flush(std::function<void(std::string error)> done) override;
};

class FetchTransport : public SyncTransport {
 public:
  void post(const std::string& url, const std::string& token, const std::string& body,
            std::function<void(int, std::string)> done) override;
};

class WebHost : public ui::Host {
 public:
  explicit WebHost(std::string dir);
  // Settings (language, font size, token) and whether this tab may write: before the first frame.
  void read_prefs();
  // Opens the workspace once IDBFS is populated and the cold snapshot read: true when open
  // (a problem, if any, is in save_status()); false while archived segments are being read back
  // because the snapshot could not be used. Called every tick until it returns true.
  [[nodiscard]] bool open_step();
  // Before open_step, once storage is ready: reads the cold snapshot's records without the
  // timesheets (JournalStore::preview), which the UI shows, read-only, until open_step has
  // loaded everything. False when there is none (a new workspace, an older snapshot format).
  [[nodiscard]] bool show_preview();
  bool opening() const override { return preview_ != nullptr; }
  void tick();  // called every frame: timeouts, retries, periodic sync

  const State& state() const override { return preview_ ? preview_->state : ws_->state(); }
  [[nodiscard]] ApplyResult emit(const nlohmann::json& op) override;
  std::string new_id() override;
  Day today() const override;
  double now_ms() const override;
  bool read_only() const override { return read_only_; }
  ui::SaveStatus save_status() const override;
  ui::SyncStatus sync_status() const override;
  void configure_sync(const std::string& url, const std::string& workspace, const std::string& token) override;
  void sync_now() override;
  bool may_send(const std::string& kind) const override;
  void resend_work() override;
  void send_held_anyway() override;
  const std::optional<RunningTimer>& timer() const override { return timers_.running(); }
  [[nodiscard]] bool start_timer(RunningTimer t) override;
  [[nodiscard]] TextTemplate stop_timer(const std::function<std::string(const nlohmann::json&)>& log) override;
  std::string me() const override { return me_; }
  void set_me(const std::string& employee_id) override;
  bool shared() const override { return ws_->shared(); }
  const std::vector<std::pair<uint64_t, OpError>>& pending_conflicts() const override {
    return ws_->pending_conflicts();
  }
  size_t pending_count() const override { return ws_->pending().size(); }
  bool invoice_provisional(uint32_t invoice) const override { return deskbill::invoice_provisional(*ws_, invoice); }
  bool ticket_provisional(uint32_t ticket) const override { return deskbill::ticket_provisional(*ws_, ticket); }
  const std::vector<SyncNotice>& sync_notices() const override { return inbox_.notices; }
  void dismiss_notice(size_t index) override;
  bool rejection_dismissed(uint64_t pos) const override { return inbox_.dismissed.count(pos) != 0; }
  void dismiss_rejection(uint64_t pos) override;
  std::string client_id() const override { return meta_.client_id; }
  void load_demo() override;
  void export_journal() override;
  void import_journal() override;
  const ImportOutcome& last_import() const override { return last_import_; }
  const Message& message() const override { return message_; }
  void copy_text(const std::string& text) override;
  void download(const std::string& name, const std::string& mime, const std::string& data) override;
  void print_html(const std::string& html) override;
  void announce(const std::string& text) override;
  void set_url_hash(const std::string& hash) override;
  FontSizes font_sizes() const override { return {kMinFontPx, kMaxFontPx}; }
  void set_font_size(float css_px) override;
  double frame_ms() const override;

  void flush();  // copy the changed files to IndexedDB (also on page hide)
  // A read-only tab: the writer saved (a message). Storage is read again, then followed.
  void storage_saved_elsewhere();
  // The writer tab went away and this tab got the lock: read the latest, then write and sync.
  void lock_granted();
  void import_text(const std::string& name, const std::string& text);
  // Submits ops as typed ones are, saves them, and says how many were taken and refused.
  void submit_imported(const std::string& name, const std::vector<nlohmann::json>& ops);
  float saved_font_size() const { return font_px_; }
  std::string saved_lang() const { return lang_; }
  void save_prefs(const std::string& lang, float font_px);
  // Benchmark: fills an empty workspace with a generated journal, stored like typed ops.
  std::string bench_generate(uint64_t timesheets);
  // Milliseconds from the last op emitted to "Saved" (0 until one was saved).
  double last_save_ms() const { return pipeline_.last_save_ms(); }
  // Counts, archive layout and state hash (JSON, for the tests).
  std::string workspace_json() const;
  // What the user was last told (Host::message, Host::last_import), for the tests.
  std::string told_json() const;
  // The confirmed state as a snapshot of `format`: how a test stores what an older build archived.
  std::string snapshot_bytes(uint32_t format) const;
  // How long opening the stored workspace took (JSON, for the benchmark).
  const std::string& open_timings() const { return open_timings_; }

 private:
  // Why this tab may not write now: it is still opening the workspace, or another tab writes.
  // Every path that writes asks it (emit, import, timer, settings, sync setup, inbox).
  [[nodiscard]] std::optional<OpError> write_refusal() const;
  bool writable() const { return !write_refusal(); }
  // Persists what changed (see SavePipeline::record) and asks the sync loop to send it.
  void persist(const std::vector<Envelope>& added, uint64_t total_before);
  // ws_ was replaced: the pipeline and the sync loop follow it.
  void attach_workspace();
  // Snapshot + covered segments to cold storage once 20 000 ops were folded past the last one.
  void compact(bool force = false);
  void publish();
  void resend();
  // Runs `then` once every segment is readable (archived ones read back from cold storage);
  // otherwise says that nothing was `undone`.
  // `unread`: what the user is told if the archive cannot be read (a template of the reason).
  void with_whole_journal(const char* unread, std::function<void()> then);
  // Copies the archived segments from cold storage to kColdDir for JournalStore, calls `use`
  // ('' = copied), then removes the copies.
  void with_archived_segments(std::function<void(std::string error)> use);
  // Loads the stored workspace (open_step); `err` is a storage problem met before, to report.
  [[nodiscard]] bool open_from_store(const std::string& err);
  void finish_open(const TextTemplate& problem);
  void report_problem(TextTemplate problem);
  ImportOutcome last_import_;
  Message message_;
  // Says `text` (an English template whose "%s" take `args`) to the user: announced, and shown
  // once as a notice, translated (red when a problem).
  void tell(TextTemplate text, bool problem);
  // The inbox's own file (inbox.json): notices, dismissed rejections, posts being watched.
  void read_inbox();
  void write_inbox();
  // Reads IndexedDB again for the handoff, then does what is due (follow, take over).
  void read_storage_for_handoff();
  void do_handoff_due();
  // Folds what the writer tab stored since this tab last read (a read-only tab).
  // Says that following the writer failed and when this tab tries again.
  // `text`: a template of the reason and the seconds until the next try.
  void say_follow_retry(const char* text, const std::string& why);
  void follow();
  // This tab holds the lock: fold the last writer's work, then write and sync from here on.
  void become_writer();

  static std::string random_tag();

  std::string dir_;
  JournalStore store_;
  StoredWorkspace meta_;
  std::unique_ptr<Workspace> ws_;
  IdbfsDurability durability_;
  FetchTransport transport_;
  SavePipeline pipeline_;
  SyncLoop sync_;
  bool read_only_ = false;
  WriterHandoff handoff_;
  std::string read_error_;  // the last failed read of storage for the handoff
  // A problem the pipeline does not know about (opening, archiving), shown until the next save.
  TextTemplate problem_;
  bool compacting_ = false;
  enum class OpenState { NotStarted, WaitingForCold, Open } open_state_ = OpenState::NotStarted;
  bool prefs_read_ = false;
  std::unique_ptr<SnapshotPreview> preview_;  // shown until the load, which finishes from it (show_preview)
  double preview_ms_ = 0;
  int journal_generation_ = 0;  // bumped when the journal is replaced (publish)
  std::string open_timings_ = "{}";
  RecordIds ids_{random_tag()};  // a tag drawn for this tab
  std::string token_;
  Inbox inbox_;
  float font_px_ = 16.f;
  std::string lang_ = "en";
  std::string me_;     // settings.json "me"
  TimerStore timers_;  // timer.json
};

}  // namespace deskbill::app
