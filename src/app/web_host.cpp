#include "app/web_host.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

#include "core/state_hash.h"
#include "core/state_json.h"
#include "journal/archiving.h"
#include "journal/follow.h"
#include "journal/generator.h"
#include "journal/open_problem.h"
#include "journal/prefs.h"
#include "journal/publish.h"
#include "journal/resend.h"
#include "journal/snapshot.h"
#include "platform/web/web_platform.h"
#include "platform/web/web_services.h"
#include "sync/roles.h"
#include "sync/stored_release.h"
#include "sync/sync_client.h"
#include "ui/i18n.h"
#include "ui/outcome_words.h"

namespace deskbill::app {

namespace {
constexpr double kHoldFramesMs = 60;           // settling frames wait this long at most for a save
constexpr const char* kColdDir = "/tmp/cold";  // archived segments copied back on demand
// The cold snapshot pre.js fetched from IndexedDB, read a window at a time (journal/snapshot.h).
class JsSnapshotSource : public SnapshotSource {
 public:
  size_t size() const override { return size_; }
  void read(size_t at, void* dst, size_t n) override {
    double t0 = emscripten_get_now();
    if (first_read_at_ == 0) first_read_at_ = t0;
    web_cold_snapshot_read(at, dst, n);
    last_read_end_ = emscripten_get_now();
    copy_ms_ += last_read_end_ - t0;
  }
  // For the start's timings (docs/benchmarks.md): the time copying from JavaScript, and the span
  // from the first read to the last (copying plus decoding and allocating between reads).
  double copy_ms() const { return copy_ms_; }
  double span_ms() const { return last_read_end_ - first_read_at_; }

 private:
  size_t size_ = web_cold_snapshot_size();
  double first_read_at_ = 0, last_read_end_ = 0, copy_ms_ = 0;
};
}  // namespace

void IdbfsDurability::flush(std::function<void(std::string)> done) {
  web::hold_frames(kHoldFramesMs);
  web::syncfs([done = std::move(done)](std::string err) {
    web::release_frames();
    done(err);
  });
}

void FetchTransport::post(const std::string& url, const std::string& token, const std::string& body,
                          std::function<void(int, std::string)> done) {
  web::fetch_post(url, token, body, std::move(done));
}

WebHost::WebHost(std::string dir)
    : dir_(dir),
      store_(dir, kColdDir),
      ws_(std::make_unique<Workspace>("", false)),
      pipeline_(store_, meta_, durability_, [] { return web_now_ms(); }),
      sync_(transport_, [] { return web_now_ms(); }),
      timers_(dir) {
  pipeline_.on_saved = [this](const std::string& err) {
    if (!err.empty()) {
      announce(ui::tr("Not saved"));
      return;
    }
    problem_ = {};
    announce(ui::tr("Saved"));
    web_broadcast_saved();  // read-only tabs follow
    sync_.durable_changed();
    web::request_redraw();
  };
  sync_.on_applied = [this](const SyncOutcome& out) {
    size_t watched = inbox_.watch.watched().size();
    std::vector<SyncNotice> fresh = inbox_.watch.settle(*ws_, out.new_confirmed);
    if (fresh.empty() && inbox_.watch.watched().size() == watched) return;  // nothing in the inbox changed
    for (SyncNotice& n : fresh) {
      announce(ui::tr(n.sentences));
      inbox_.notices.push_back(std::move(n));
    }
    write_inbox();
  };
  attach_workspace();
}

void WebHost::read_inbox() {
  std::string text;
  if (read_file(dir_ + "/inbox.json", text)) return;  // none yet
  if (auto in = parse_inbox(text)) inbox_ = std::move(*in);
}

void WebHost::write_inbox() {
  if (!writable()) return;
  if (auto e = write_file_atomic(dir_ + "/inbox.json", inbox_json(inbox_))) {
    report_problem({"The conflicts inbox could not be saved: %s", {*e}});
    return;
  }
  flush();
}

// A tab that may not write (a read-only tab) dismisses nothing: write_inbox would not store it,
// and the inbox in memory would differ from the file until the next read.
void WebHost::dismiss_notice(size_t index) {
  if (!writable() || index >= inbox_.notices.size()) return;
  inbox_.notices.erase(inbox_.notices.begin() + static_cast<long>(index));
  write_inbox();
}

void WebHost::dismiss_rejection(uint64_t pos) {
  if (!writable()) return;
  inbox_.dismissed.insert(pos);
  write_inbox();
}

void WebHost::attach_workspace() {
  sync_.attach(ws_.get(), &pipeline_);
  // What the user sent as it is stays sent so after a reload, in the layout it was chosen in.
  restore_release(sync_, meta_);
}

ui::SaveStatus WebHost::save_status() const {
  if (!problem_.empty()) return {ui::SaveState::NotSaved, problem_};
  const SaveStatus& s = pipeline_.status();
  ui::SaveState st = s.state == SaveState::Saved    ? ui::SaveState::Saved
                     : s.state == SaveState::Saving ? ui::SaveState::Saving
                                                    : ui::SaveState::NotSaved;
  return {st, s.message};
}

void WebHost::report_problem(TextTemplate problem) {
  announce(ui::tr(problem));
  problem_ = std::move(problem);
}

void WebHost::read_prefs() {
  if (prefs_read_) return;  // once: it takes what came before the program ran
  prefs_read_ = true;
  read_only_ = web_is_writer() == 0;
  if (!read_only_) handoff_.started_as_writer();
  // What came before the program ran: a save announced (it may be newer than what the open
  // reads), the lock granted. Answered with a read once the workspace is open.
  if (web_take_missed_save() && read_only_) (void)handoff_.writer_saved();
  if (web_take_lock_granted() && read_only_) (void)handoff_.lock_granted();
  // Only the tab holding the workspace's lock writes or syncs (DESIGN §3).
  pipeline_.set_read_only(read_only_);
  sync_.set_enabled(!read_only_);
  // UI preferences and the sync token live beside the journal.
  std::string prefs;
  if (!read_file(dir_ + "/settings.json", prefs)) {
    Prefs p = parse_prefs(prefs);
    token_ = p.token;
    font_px_ = p.font_px;
    lang_ = p.lang;
    me_ = p.me;
  }
  timers_.load();
}

bool WebHost::start_timer(RunningTimer t) {
  if (!writable()) return false;
  if (auto e = timers_.write(std::move(t))) {
    report_problem({"The timer could not be saved: %s", {*e}});
    return false;
  }
  flush();
  return true;
}

TextTemplate WebHost::stop_timer(const std::function<std::string(const nlohmann::json&)>& log) {
  if (auto refused = write_refusal()) return {refused->message, {}};
  TimerStopResult r = deskbill::stop_timer(timers_, static_cast<int64_t>(now_ms()), new_id(), log);
  if (r.write_failed) report_problem(r.problem);
  return r.problem;
}

void WebHost::set_me(const std::string& employee_id) {
  me_ = employee_id;
  save_prefs(lang_, font_px_);
}

bool WebHost::show_preview() {
  read_prefs();
  if (!store_.exists()) return false;
  JsSnapshotSource snapshot;
  auto p = std::make_unique<SnapshotPreview>();
  double t0 = emscripten_get_now();
  if (store_.preview(snapshot, *p)) return false;  // no preview: the load shows the workspace
  preview_ms_ = emscripten_get_now() - t0;
  preview_ = std::move(p);
  return true;
}

bool WebHost::open_step() {
  if (open_state_ == OpenState::Open) return true;
  if (open_state_ == OpenState::WaitingForCold) return false;
  read_prefs();
  char err[512];
  web_storage_error(err, sizeof err);
  if (!store_.exists()) {
    finish_open(told_open_problem(err, std::nullopt));
    return true;
  }
  // A snapshot of format 4 or 5 has no checksum: the archived journal it stands for is read back
  // from cold storage first, so that the load replays that instead (JournalStore::load).
  JsSnapshotSource peek;
  StoredWorkspace stored;
  bool unchecked = peek.size() > 0 && !snapshot_has_checksum(peek);
  if (unchecked && !store_.read_meta(stored) && stored.archived_segments > 0) {
    meta_ = stored;
    open_state_ = OpenState::WaitingForCold;
    // When the archive cannot be read back, the load finds it missing and uses the snapshot.
    // Its outcome is kept in open_state_, which the next open_step() returns.
    with_archived_segments([this, problem = std::string(err)](std::string) { (void)open_from_store(problem); });
    return false;
  }
  return open_from_store(err);
}

bool WebHost::open_from_store(const std::string& err) {
  // The cold snapshot pre.js fetched, read a window at a time and dropped after the load.
  // After a preview the load decodes only the timesheets: the rest is the preview's records.
  // Nothing draws until the load is done.
  double t0 = emscripten_get_now();
  JsSnapshotSource snapshot;
  auto e = store_.load(*ws_, meta_, &snapshot, preview_.get());
  preview_.reset();
  web_cold_snapshot_drop();
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "{\"snapshot_bytes\":%zu,\"open_at\":%.0f,\"load_ms\":%.0f,\"snapshot_copy_ms\":%.0f,"
                "\"snapshot_span_ms\":%.0f,\"preview_ms\":%.0f,\"finished_preview\":%s}",
                snapshot.size(), t0, emscripten_get_now() - t0, snapshot.copy_ms(), snapshot.span_ms(), preview_ms_,
                store_.finished_preview() ? "true" : "false");
  open_timings_ = buf;
  if (!e) {
    pipeline_.loaded(*ws_);
    finish_open(told_open_problem(err, std::nullopt));
    compact(store_.snapshot_rewrite_due());
    return true;
  }
  if (meta_.archived_segments == 0) {
    finish_open(told_open_problem(err, *e));
    return true;
  }
  // The snapshot that stands for the archived segments is missing or damaged: read them back
  // from cold storage and replay everything (slow, but nothing is lost), then snapshot again.
  open_state_ = OpenState::WaitingForCold;
  with_archived_segments([this](std::string cold_err) {
    std::optional<std::string> e2;
    if (cold_err.empty())
      e2 = store_.load(*ws_, meta_);
    else
      e2 = "the archived part of the journal could not be read (" + cold_err + ")";
    if (!e2) pipeline_.loaded(*ws_);
    finish_open(told_open_problem("", e2));
    if (!e2) compact(true);
  });
  return false;
}

void WebHost::with_archived_segments(std::function<void(std::string error)> use) {
  uint32_t count = static_cast<uint32_t>(meta_.archived_segments);
  web::storage_call([count](int t) { web_cold_materialize(t, count); },
                    [count, use = std::move(use)](std::string err) {
                      use(err);
                      // The copies were only for this: memory is what cold storage saves.
                      for (uint32_t seg = 0; seg < count; ++seg)
                        std::remove((std::string(kColdDir) + "/" + JournalStore::segment_name(seg)).c_str());
                    });
}

void WebHost::finish_open(const TextTemplate& problem) {
  open_state_ = OpenState::Open;
  if (handoff_.workspace_opened()) read_storage_for_handoff();
  read_inbox();
  if (!problem.empty()) report_problem(problem);
  if (meta_.client_id.empty()) {
    char id[16];
    web_random_id(id, sizeof id);
    meta_.client_id = id;
    ws_ = std::make_unique<Workspace>(meta_.client_id, false);
    // Stored at once, not with the first op: a second tab opened now follows this workspace.
    if (!read_only_ && !store_.unreadable()) {
      if (auto e = store_.write_meta(meta_))
        report_problem({"Could not write to browser storage: %s", {*e}});
      else
        flush();
    }
  }
  attach_workspace();
  sync_.configure(meta_.server_url, meta_.workspace_name, token_);
  sync_.set_publish_upto(meta_.publish_upto);
  if (meta_.shared) sync_.schedule(500);
}

std::string WebHost::random_tag() {
  char tag[16];
  web_random_id(tag, sizeof tag);
  return tag;
}

std::string WebHost::new_id() { return ids_.next(meta_.client_id, ws_->next_seq()); }

Day WebHost::today() const {
  char buf[16];
  web_today(buf, sizeof buf);
  auto d = parse_day(buf);
  return d ? *d : 0;
}

double WebHost::now_ms() const { return web_now_ms(); }

std::optional<OpError> WebHost::write_refusal() const {
  // Until the load, the workspace is not this tab's to write (a preview is shown, or nothing):
  // a write then would go beside the stored journal, not after it.
  if (open_state_ != OpenState::Open)
    return OpError{"opening", "The workspace is still opening; try again in a moment."};
  if (read_only_)
    return OpError{"read_only", "This tab is read-only: deskbill is open in another tab. Close it or reload here."};
  return std::nullopt;
}

ApplyResult WebHost::emit(const nlohmann::json& made) {
  if (auto refused = write_refusal()) return *refused;
  // The store refuses to write over a journal it could not read; refuse the op before it shows.
  if (store_.unreadable())
    return OpError{"storage",
                   "The saved journal could not be read, so nothing is written over it: " + problem_.filled()};
  // A change carries a mark of this tab (journal/record_ids.h): made twice, it is two ops.
  nlohmann::json op = made;
  ids_.mark_change(op);
  uint64_t before = ws_->confirmed_count();
  std::vector<Envelope> added;
  ApplyResult r = ws_->submit(op, &added);
  if (r) return r;
  // What the user sees of an invoice posted offline, to compare once the server ordered it.
  if (ws_->shared() && op.value("kind", "") == "invoice.post" && !ws_->pending().empty()) {
    inbox_.watch.posted(ws_->pending().back().seq, ws_->state(), op.value("id", ""));
    write_inbox();
  }
  persist(added, before);
  web::request_redraw();
  return std::nullopt;
}

void WebHost::persist(const std::vector<Envelope>& added, uint64_t total_before) {
  pipeline_.record(*ws_, added, total_before);
  if (ws_->shared()) sync_.local_change();
}

void WebHost::flush() { pipeline_.flush(); }

void WebHost::tick() {
  pipeline_.tick(*ws_);
  sync_.tick(web_online() != 0);
  // A renumbering gave the ops the user sent as they are new numbers (SyncLoop::renumber): the
  // next start must release those numbers, not the old ones.
  if (writable())
    if (auto e = store_moved_release(sync_, meta_, store_, pipeline_))
      report_problem({"Could not write to browser storage: %s", {*e}});
  if (handoff_.tick(now_ms())) read_storage_for_handoff();  // a failed follow read, tried again
}

void WebHost::storage_saved_elsewhere() {
  if (handoff_.writer_saved()) read_storage_for_handoff();
}

void WebHost::lock_granted() {
  if (handoff_.lock_granted()) read_storage_for_handoff();
}

void WebHost::read_storage_for_handoff() {
  web::storage_call(web_read_storage, [this](std::string err) {
    if (!err.empty()) read_error_ = err;
    if (handoff_.read_finished(err.empty())) {
      read_storage_for_handoff();
      return;
    }
    do_handoff_due();
  });
}

void WebHost::do_handoff_due() {
  switch (handoff_.take_due()) {
    case WriterHandoff::Due::Nothing:
      return;
    case WriterHandoff::Due::Follow:
      follow();
      return;
    case WriterHandoff::Due::BecomeWriter:
      become_writer();
      return;
    case WriterHandoff::Due::FollowFailed:
      say_follow_retry(
          "This tab could not read the other tab's work (%s); it tries again in %s s, or reload to see it now.",
          read_error_);
      return;
    case WriterHandoff::Due::ReloadToTakeOver:
      // This tab's copy of the files may be older than the last writer's saves: writing on top
      // of it would lose them. A reload reads everything again before writing.
      web_reload();
      return;
  }
}

void WebHost::say_follow_retry(const char* text, const std::string& why) {
  problem_ = {text, {why, std::to_string(static_cast<int>(handoff_.retry_delay_ms() / 1000))}};
  web::request_redraw();
}

void WebHost::follow() {
  if (!read_only_ || open_state_ != OpenState::Open) return;
  FollowResult r = follow_stored(store_, ws_, meta_);
  if (r.error && r.lasting) {
    problem_ = {"This tab could not follow the other tab's work (%s); reload to see it.", {*r.error}};
    return;
  }
  handoff_.follow_done(!r.error);
  if (r.error) {
    say_follow_retry(
        "This tab could not follow the other tab's work (%s); it tries again in %s s, or reload to see it now.",
        *r.error);
    return;
  }
  if (r.reopened) {
    attach_workspace();
    sync_.configure(meta_.server_url, meta_.workspace_name, token_);
    sync_.set_publish_upto(meta_.publish_upto);
  }
  problem_ = {};
  read_inbox();
  web::request_redraw();
}

void WebHost::become_writer() {
  if (!read_only_) return;
  follow();  // what the last writer stored, before this tab writes a byte
  if (!problem_.empty()) {
    // Writing on top of a journal this tab could not follow would overwrite the other tab's
    // work: start afresh instead (the lock is taken again by the reloaded page).
    web_reload();
    return;
  }
  read_only_ = false;
  pipeline_.set_read_only(false);
  pipeline_.loaded(*ws_);
  sync_.set_enabled(true);
  if (ws_->shared()) sync_.schedule(0);
  tell({"This tab now saves your work (the other tab was closed).", {}}, false);
  web::request_redraw();
}

ui::SyncStatus WebHost::sync_status() const {
  ui::SyncStatus s;
  s.configured = ws_->shared();
  s.online = web_online() != 0;
  s.busy = sync_.busy();
  s.url = meta_.server_url;
  s.workspace = meta_.workspace_name;
  s.token = token_;
  s.error = sync_.error();
  s.pending = ws_->pending().size();
  if (auto r = sync_.role()) s.role = role_name(*r);
  s.cursor = ws_->cursor();
  s.head = std::max(sync_.server_head(), s.cursor);
  s.server_behind = sync_.server_behind();
  if (const auto& p = sync_.publication()) {
    s.publication_held = p->held;
    s.publication_upto = p->upto;
    s.publication_by_this_device = p->client_id == ws_->client_id();
  }
  if (auto h = sync_.held()) {
    s.held_record = h->record;
    s.held_ops = h->waiting;
  }
  if (sync_.last_success_ms() > 0) {
    time_t t = static_cast<time_t>(sync_.last_success_ms() / 1000);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", std::localtime(&t));
    s.last_success = buf;
  }
  return s;
}

void WebHost::configure_sync(const std::string& url, const std::string& workspace, const std::string& token) {
  if (!writable()) return;
  meta_.server_url = url;
  meta_.workspace_name = workspace;
  token_ = token;
  save_prefs(lang_, font_px_);
  sync_.configure(url, workspace, token);
  if (ws_->shared()) {
    if (auto e = store_.write_meta(meta_)) report_problem({"Could not write to browser storage: %s", {*e}});
    flush();
    sync_now();
    return;
  }
  with_whole_journal("The archived part of the journal could not be read (%s); nothing was published.",
                     [this] { publish(); });
}

void WebHost::with_whole_journal(const char* unread, std::function<void()> then) {
  if (compacting_) {
    tell({"Storage is busy archiving; try again in a moment.", {}}, true);
    return;
  }
  if (meta_.archived_segments == 0) {
    then();
    return;
  }
  // Archived segments are read back from cold storage first.
  compacting_ = true;
  with_archived_segments([this, unread, then](std::string err) {
    compacting_ = false;
    if (!err.empty()) {
      report_problem({unread, {err}});
      return;
    }
    then();
  });
}

void WebHost::publish() {
  // One step from the local layout to the shared one (journal/publish.h); until it is taken the
  // local workspace stays in place (the sync loop and the pipeline hold it).
  Published p = publish_stored(store_, meta_, *ws_);
  if (!p.ws) {
    report_problem(p.problem);
    return;
  }
  sync_.set_publish_upto(meta_.publish_upto);
  ws_ = std::move(p.ws);
  attach_workspace();
  ++journal_generation_;
  // Stored, then flushed; only then does the loop send (every op was written anew).
  pipeline_.layout_replaced(*ws_, 1);
  if (p.tidy) report_problem({"Could not write to browser storage: %s", {*p.tidy}});
  sync_.schedule(0);
}

void WebHost::sync_now() { sync_.sync_now(web_online() != 0); }

bool WebHost::may_send(const std::string& kind) const {
  if (!ws_->shared()) return true;
  auto r = sync_.role();
  return !r || deskbill::may_send(*r, kind);
}

void WebHost::send_held_anyway() {
  if (!writable()) return;
  sync_.send_held_anyway();
  record_release(sync_, meta_);
  if (auto e = store_.write_meta(meta_))
    report_problem({"Could not write to browser storage: %s", {*e}});
  else
    flush();
  web::request_redraw();
}

void WebHost::resend_work() {
  if (!writable() || !sync_.server_behind()) return;
  // This device's older ops may be archived.
  with_whole_journal("The archived part of the journal could not be read (%s); nothing was re-sent.",
                     [this] { resend(); });
}

void WebHost::resend() {
  const SyncRefusal& behind = sync_.behind();
  Resent r = resend_stored(store_, meta_, *ws_, ServerBehind{behind.head, behind.acked_seq, behind.chains});
  if (r.wait_for_publisher) {
    // Saved here; the sync status says what it waits for.
    sync_.ask_again(SyncLoop::kAskAgainMs, r.problem);
    announce(ui::tr(r.problem));
    return;
  }
  if (!r.ws) {
    report_problem(r.problem);
    return;
  }
  ws_ = std::move(r.ws);
  attach_workspace();
  ++journal_generation_;
  pipeline_.layout_replaced(*ws_, r.first_seq);
  // The new layout is stored; old files left to tidy are tidied by the pipeline's next write.
  if (r.tidy) report_problem({"Could not write to browser storage: %s", {*r.tidy}});
  sync_.configure(meta_.server_url, meta_.workspace_name, token_);  // clears "server behind"
  sync_.schedule(0);
  size_t n = ws_->pending().size();
  std::vector<std::string> counts = {std::to_string(n), std::to_string(r.resent)};
  if (n == 1)
    tell({"%s operation of this device is sent again (%s the server had lost).", counts}, false);
  else
    tell({"%s operations of this device are sent again (%s the server had lost).", counts}, false);
}

// An import's outcome before anything is counted: with a problem, nothing was imported.
static ui::Host::ImportOutcome not_imported(const std::string& file, TextTemplate problem) {
  ui::Host::ImportOutcome out;
  out.done = true;
  out.file = file;
  out.problem = std::move(problem);
  return out;
}

void WebHost::load_demo() {
  if (!writable()) return;
  if (ws_->state().applied != 0) {
    last_import_ = not_imported("", {"Demo data can only be loaded into an empty workspace.", {}});
    announce(ui::import_outcome_text(last_import_));
    return;
  }
  // The journal of assets/demo/ (three years of a small helpdesk), made here to end today, so
  // that its time reaches this week and this month is still to invoice (journal/generator.h).
  GeneratorOptions o;
  o.timesheets = 3000;
  o.last_day = today();
  std::vector<nlohmann::json> ops;
  generate_journal(o, [&](const nlohmann::json& op) { ops.push_back(op); });
  submit_imported("", ops);
}

void WebHost::export_journal() {
  // Archived segments go from IndexedDB to the file without passing through wasm memory.
  std::string out = store_.hot_journal_text(meta_.archived_segments);
  for (const PendingOp& p : ws_->pending())
    out += nlohmann::json{{"seq", p.seq}, {"client_id", meta_.client_id}, {"op", p.op}}.dump() + "\n";
  uint32_t count = static_cast<uint32_t>(meta_.archived_segments);
  web::storage_call(
      [&](int t) {
        web_export_with_cold(t, "deskbill-journal.jsonl", "application/x-ndjson", count, out.data(), out.size());
      },
      [this](std::string err) {
        if (!err.empty())
          tell({"The backup could not be made: the archived part of the journal could not be read (%s).", {err}}, true);
      });
}

void WebHost::import_journal() { web_open_file(); }

void WebHost::import_text(const std::string& name, const std::string& text) {
  if (auto refused = write_refusal()) {
    last_import_ = not_imported(name, {refused->message, {}});  // a sentence of the table (write_refusal)
    announce(ui::import_outcome_text(last_import_));
    web::request_redraw();
    return;
  }
  std::vector<Envelope> ops;
  if (auto err = parse_journal(text, ops)) {
    // Nothing is imported from a damaged file.
    last_import_ = not_imported(name, err->told());
    announce(ui::import_outcome_text(last_import_));
    web::request_redraw();
    return;
  }
  std::vector<nlohmann::json> bare;
  bare.reserve(ops.size());
  for (Envelope& e : ops) bare.push_back(std::move(e.op));
  submit_imported(name, bare);
}

void WebHost::submit_imported(const std::string& name, const std::vector<nlohmann::json>& ops) {
  // An import goes through the same checks as typing: each op is submitted in order.
  ImportOutcome out = not_imported(name, {});
  uint64_t before = ws_->confirmed_count();
  std::vector<Envelope> added;
  for (size_t i = 0; i < ops.size(); ++i) {
    ApplyResult r = ws_->submit(ops[i], &added);
    if (!r) continue;
    if (++out.refused == 1) {  // which, and why: a count alone leaves the user guessing
      out.first_refused = i + 1;
      out.first_refusal = *r;
    }
  }
  out.imported = ops.size() - out.refused;
  persist(added, before);
  compact();
  last_import_ = out;
  announce(ui::import_outcome_text(last_import_));
  web::request_redraw();
}

void WebHost::copy_text(const std::string& text) { web::set_clipboard(text); }
void WebHost::download(const std::string& name, const std::string& mime, const std::string& data) {
  web_download(name.c_str(), mime.c_str(), data.data(), data.size());
}
void WebHost::print_html(const std::string& html) { web_print_html(html.c_str()); }
void WebHost::announce(const std::string& text) { web_announce(text.c_str()); }
void WebHost::tell(TextTemplate text, bool problem) {
  announce(ui::tr(text));  // in the UI's language, as the notice shows it
  message_ = {message_.seq + 1, std::move(text), problem};
  web::request_redraw();
}
void WebHost::set_url_hash(const std::string& hash) { web_set_hash(hash.c_str()); }
void WebHost::set_font_size(float css_px) {
  web::set_font_size(css_px);
  save_prefs(lang_, css_px);
}
double WebHost::frame_ms() const { return web::last_frame_cpu_ms(); }

void WebHost::save_prefs(const std::string& lang, float font_px) {
  lang_ = lang;
  font_px_ = clamp_font_px(font_px);
  if (!writable()) return;
  Prefs p;
  p.lang = lang_;
  p.font_px = font_px_;
  p.token = token_;
  p.me = me_;
  if (auto e = write_file_atomic(dir_ + "/settings.json", prefs_json(p)))
    report_problem({"Settings could not be saved: %s", {*e}});
  else
    flush();
}

std::string WebHost::workspace_json() const {
  nlohmann::json j = {{"confirmed", ws_->confirmed_count()},          {"pending", ws_->pending().size()},
                      {"archived_segments", meta_.archived_segments}, {"snapshot_covered", meta_.snapshot_covered},
                      {"timesheets", ws_->state().timesheets.size()}, {"role", sync_status().role}};
  // The hash goes through the whole state as JSON: only for test-sized workspaces.
  if (ws_->state().timesheets.size() <= 100000) j["state_hash"] = std::to_string(state_hash(ws_->state()));
  ui::SyncStatus sy = sync_status();
  if (sy.publication_upto > 0)
    j["publication"] = {{"held", sy.publication_held},
                        {"upto", sy.publication_upto},
                        {"by_this_device", sy.publication_by_this_device}};
  if (sy.held_ops > 0) j["held"] = {{"record", sy.held_record}, {"ops", sy.held_ops}};
  return j.dump();
}

std::string WebHost::told_json() const {
  nlohmann::json j = nlohmann::json::object();
  if (message_.seq > 0)
    j["message"] = {{"seq", message_.seq}, {"text", message_.text.filled()}, {"problem", message_.problem}};
  if (last_import_.done)
    j["last_import"] = {{"file", last_import_.file},
                        {"problem", last_import_.problem.filled()},
                        {"imported", last_import_.imported},
                        {"refused", last_import_.refused},
                        {"first_refused", last_import_.first_refused},
                        {"code", last_import_.first_refusal.code},
                        {"message", last_import_.first_refusal.message}};
  // The "Changed on sync" notices as Conflicts shows them, in the UI's language.
  if (!inbox_.notices.empty()) {
    j["notices"] = nlohmann::json::array();
    for (const SyncNotice& n : inbox_.notices) j["notices"].push_back(ui::tr(n.sentences));
  }
  return j.dump();
}

std::string WebHost::snapshot_bytes(uint32_t format) const {
  return save_snapshot(ws_->confirmed_state(), ws_->confirmed_count(), format);
}

void WebHost::compact(bool force) {
  uint64_t n = ws_->confirmed_count();
  if (!writable() || compacting_ ||
      !archiving_due(n, std::max(meta_.snapshot_covered, store_.snapshot_covered()), force))
    return;
  // Staged now, stored in one IndexedDB transaction; workspace.json names them only once they
  // are stored (journal/archiving.h). Ops typed meanwhile land in later segments.
  uint64_t archived = 0;
  std::string chain = ws_->cursor_chain();  // the chain at n, for a start that reads no op after it
  {
    std::string snap = save_snapshot(ws_->confirmed_state(), n);
    archived = stage_archive(store_, meta_, n, snap, [](const std::string& name, std::string_view bytes) {
      web_cold_stage(name.c_str(), bytes.data(), bytes.size());
    });
  }
  compacting_ = true;
  int generation = journal_generation_;
  web::storage_call(web_cold_commit, [this, n, archived, chain, generation](std::string err) {
    compacting_ = false;
    if (generation != journal_generation_) return;  // the journal was replaced meanwhile
    if (!err.empty()) {
      // Nothing is lost: the journal stays whole in the hot folder; the next start tries again.
      tell({"Could not archive the journal (%s); it stays in the working storage.", {err}}, true);
      flush();
      return;
    }
    // The meta names the archive only now; if it cannot be written the hot copies stay.
    if (auto e = store_.mark_archived(meta_, archived, n, chain))
      tell({"Could not archive the journal (%s); it stays in the working storage.", {*e}}, true);
    flush();
  });
}

std::string WebHost::bench_generate(uint64_t timesheets) {
  if (!writable() || ws_->state().applied != 0)
    return "{\"error\":\"the generator fills an empty, writable workspace only\"}";
  GeneratorOptions o;
  o.timesheets = timesheets;
  double t0 = now_ms();
  uint64_t n = 0, refused = 0;
  std::vector<Envelope> batch;
  std::optional<std::string> err;
  // Stored like typed ops, a segment at a time (not one file write per op).
  generate_journal(o, [&](const nlohmann::json& op) {
    ++n;
    // The generator emits only ops the fold accepts (it folds them itself): a refused one would be
    // its bug, counted in the answer (scale_bench.js expects 0) rather than lost without a word.
    if (ws_->submit(op, &batch)) ++refused;
    if (batch.size() == JournalStore::kSegmentOps) {
      if (!err) err = store_.append_confirmed(batch, ws_->confirmed_count() - batch.size());
      batch.clear();
    }
  });
  if (!err && !batch.empty()) err = store_.append_confirmed(batch, ws_->confirmed_count() - batch.size());
  meta_.next_seq = ws_->next_seq();
  if (!err) err = store_.write_meta(meta_);
  double ms = now_ms() - t0;
  if (err) {
    report_problem({*err, {}});
  } else {
    flush();        // "Saving" until the generated journal is stored
    compact(true);  // then archived, and flushed again
  }
  char buf[200];
  std::snprintf(buf, sizeof buf, "{\"ops\":%llu,\"refused\":%llu,\"generate_and_fold_ms\":%.0f,\"state_bytes\":%zu}",
                static_cast<unsigned long long>(n), static_cast<unsigned long long>(refused), ms,
                state_memory_bytes(ws_->state()));
  return buf;
}

}  // namespace deskbill::app
