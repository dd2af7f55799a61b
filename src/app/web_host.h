// The app's implementation of ui::Host in the browser: the workspace and its journal store on
// the IDBFS mount, the "saved" state (only after syncfs completed), the sync loop, backups.
#pragma once
#include <memory>
#include <string>

#include "journal/store.h"
#include "journal/workspace.h"
#include "ui/host.h"

namespace deskbill::app {

class WebHost : public ui::Host {
 public:
  explicit WebHost(std::string dir);
  // Loads the journal from storage (after IDBFS populated). Returns an error to show, or "".
  std::string open();
  void tick();  // called every frame: timeouts, retries, periodic sync

  const State& state() const override { return ws_->state(); }
  ApplyResult emit(const nlohmann::json& op) override;
  std::string new_id() override;
  Day today() const override;
  double now_ms() const override;
  bool read_only() const override { return read_only_; }
  ui::SaveStatus save_status() const override { return save_; }
  ui::SyncStatus sync_status() const override;
  void configure_sync(const std::string& url, const std::string& workspace, const std::string& token) override;
  void sync_now() override;
  bool shared() const override { return ws_->shared(); }
  const std::vector<std::pair<uint64_t, OpError>>& pending_conflicts() const override { return ws_->pending_conflicts(); }
  size_t pending_count() const override { return ws_->pending().size(); }
  void load_demo() override;
  void export_journal() override;
  void import_journal() override;
  void copy_text(const std::string& text) override;
  void download(const std::string& name, const std::string& mime, const std::string& data) override;
  void print_html(const std::string& html) override;
  void announce(const std::string& text) override;
  void set_url_hash(const std::string& hash) override;
  void set_font_size(float css_px) override;
  double frame_ms() const override;

  void flush();  // copy the changed files to IndexedDB (also on page hide)
  void import_text(const std::string& name, const std::string& text);
  float saved_font_size() const { return font_px_; }
  std::string saved_lang() const { return lang_; }
  void save_prefs(const std::string& lang, float font_px);
  // Benchmark: replace the in-memory workspace by a generated one (never persisted).
  std::string bench_generate(uint64_t timesheets);

 private:
  void persist(const std::vector<Envelope>& added, uint64_t total_before);
  void write_meta();
  void schedule_sync(double delay_ms);

  std::string dir_;
  JournalStore store_;
  StoredWorkspace meta_;
  std::unique_ptr<Workspace> ws_;
  bool read_only_ = false;
  bool bench_mode_ = false;
  ui::SaveStatus save_;
  bool flushing_ = false, flush_again_ = false;
  int flush_generation_ = 0;
  double flush_started_ = 0, retry_at_ = 0;
  uint64_t id_counter_ = 0;
  // sync
  std::string token_;
  bool sync_busy_ = false;
  double next_sync_at_ = 0;
  std::string sync_error_, sync_success_;
  float font_px_ = 16.f;
  std::string lang_ = "en";
};

}  // namespace deskbill::app
