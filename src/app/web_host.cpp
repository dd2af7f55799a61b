#include "app/web_host.h"

#include <emscripten.h>

#include <cstdio>
#include <ctime>

#include "journal/generator.h"
#include "platform/web/web_platform.h"
#include "platform/web/web_services.h"
#include "sync/sync_client.h"

namespace deskbill::app {

namespace {
constexpr double kFlushTimeoutMs = 10000;  // quota errors never call back
constexpr double kRetryMs = 4000;
constexpr double kSyncEveryMs = 15000;
}  // namespace

WebHost::WebHost(std::string dir) : dir_(dir), store_(dir), ws_(std::make_unique<Workspace>("", false)) {}

std::string WebHost::open() {
  read_only_ = web_is_writer() == 0;
  char err[512];
  web_storage_error(err, sizeof err);
  std::string problem = err;
  // UI preferences and the sync token live beside the journal.
  std::string prefs;
  if (!read_file(dir_ + "/settings.json", prefs)) {
    nlohmann::json j = nlohmann::json::parse(prefs, nullptr, false);
    if (j.is_object()) {
      token_ = j.value("token", "");
      font_px_ = j.value("font_px", 16.f);
      lang_ = j.value("lang", "en");
    }
  }
  if (store_.exists()) {
    if (auto e = store_.load(*ws_, meta_)) problem = "The saved journal could not be read: " + *e;
    // Make the next start fast: a new snapshot once 20 000 ops were replayed past the last one.
    else if (!read_only_ && ws_->confirmed().size() > store_.snapshot_covered() + 20000)
      store_.write_snapshot(ws_->confirmed_state(), ws_->confirmed().size());
  }
  if (meta_.client_id.empty()) {
    char id[16];
    web_random_id(id, sizeof id);
    meta_.client_id = id;
    ws_ = std::make_unique<Workspace>(meta_.client_id, false);
    if (!read_only_) write_meta();
  }
  if (!problem.empty()) {
    save_.state = ui::SaveState::NotSaved;
    save_.message = problem;
  }
  if (meta_.shared) schedule_sync(500);
  return problem;
}

void WebHost::write_meta() {
  meta_.next_seq = ws_->next_seq();
  meta_.shared = ws_->shared();
  if (auto e = store_.write_meta(meta_)) {
    save_ = {ui::SaveState::NotSaved, *e};
  }
}

std::string WebHost::new_id() {
  return meta_.client_id + "." + std::to_string(ws_->next_seq()) + "." + std::to_string(++id_counter_);
}

Day WebHost::today() const {
  char buf[16];
  web_today(buf, sizeof buf);
  auto d = parse_day(buf);
  return d ? *d : 0;
}

double WebHost::now_ms() const { return web_now_ms(); }

ApplyResult WebHost::emit(const nlohmann::json& op) {
  if (read_only_) return OpError{"read_only", "This tab is read-only: deskbill is open in another tab. Close it or reload here."};
  uint64_t before = ws_->confirmed().size();
  std::vector<Envelope> added;
  ApplyResult r = ws_->submit(op, &added);
  if (r) return r;
  if (!bench_mode_) persist(added, before);
  web::request_redraw();
  if (ws_->shared()) schedule_sync(800);
  return std::nullopt;
}

void WebHost::persist(const std::vector<Envelope>& added, uint64_t total_before) {
  std::optional<std::string> e;
  if (!added.empty()) e = store_.append_confirmed(added, total_before);
  if (!e && ws_->shared()) e = store_.write_pending(ws_->pending());
  if (!e && meta_.next_seq != ws_->next_seq() && ws_->next_seq() % 64 == 0) write_meta();
  if (e) {
    save_ = {ui::SaveState::NotSaved, *e};
    retry_at_ = now_ms() + kRetryMs;
    return;
  }
  flush();
}

void WebHost::flush() {
  if (flushing_) {
    flush_again_ = true;  // one syncfs in flight, one queued
    return;
  }
  flushing_ = true;
  flush_again_ = false;
  flush_started_ = now_ms();
  if (save_.state != ui::SaveState::NotSaved) save_ = {ui::SaveState::Saving, ""};
  int gen = ++flush_generation_;
  web::syncfs([this, gen](std::string err) {
    if (gen != flush_generation_) return;  // a timed-out attempt answering late
    flushing_ = false;
    if (!err.empty()) {
      save_ = {ui::SaveState::NotSaved, "Browser storage refused to save: " + err + ". Your work is kept in this tab; retrying."};
      retry_at_ = now_ms() + kRetryMs;
      announce("Not saved");
      return;
    }
    if (flush_again_) {
      flush();
      return;
    }
    save_ = {ui::SaveState::Saved, ""};
    announce("Saved");
  });
}

void WebHost::tick() {
  double now = now_ms();
  if (flushing_ && now - flush_started_ > kFlushTimeoutMs) {
    flushing_ = false;
    ++flush_generation_;
    save_ = {ui::SaveState::NotSaved, "Browser storage did not answer (is it full?). Your work is kept in this tab; retrying."};
    retry_at_ = now + kRetryMs;
  }
  if (save_.state == ui::SaveState::NotSaved && retry_at_ > 0 && now >= retry_at_ && !flushing_ && !read_only_) {
    retry_at_ = 0;
    // Rewrite what this device holds, then flush again.
    auto e = store_.replace_all(ws_->confirmed(), meta_);
    if (!e && ws_->shared()) e = store_.write_pending(ws_->pending());
    if (e) { save_.message = *e; retry_at_ = now + kRetryMs; }
    else { save_.state = ui::SaveState::Saving; flush(); }
  }
  if (ws_->shared() && !sync_busy_ && next_sync_at_ > 0 && now >= next_sync_at_) sync_now();
}

ui::SyncStatus WebHost::sync_status() const {
  ui::SyncStatus s;
  s.configured = ws_->shared();
  s.online = web_online() != 0;
  s.busy = sync_busy_;
  s.url = meta_.server_url;
  s.workspace = meta_.workspace_name;
  s.token = token_;
  s.last_error = sync_error_;
  s.pending = ws_->pending().size();
  s.last_success = sync_success_;
  return s;
}

void WebHost::schedule_sync(double delay_ms) {
  double at = now_ms() + delay_ms;
  if (next_sync_at_ == 0 || at < next_sync_at_) next_sync_at_ = at;
}

void WebHost::configure_sync(const std::string& url, const std::string& workspace, const std::string& token) {
  if (read_only_) return;
  meta_.server_url = url;
  meta_.workspace_name = workspace;
  token_ = token;
  save_prefs(lang_, font_px_);
  if (!ws_->shared()) {
    // Publish: this device's confirmed ops become pending for the server, order and seqs kept.
    std::vector<PendingOp> pending;
    for (const Envelope& e : ws_->confirmed()) pending.push_back(PendingOp{e.seq, e.op});
    uint64_t next = ws_->next_seq();
    ws_ = std::make_unique<Workspace>(meta_.client_id, true);
    ws_->load({}, std::move(pending), next);
    meta_.shared = true;
    store_.replace_all({}, meta_);
    store_.write_pending(ws_->pending());
  }
  write_meta();
  flush();
  sync_now();
}

void WebHost::sync_now() {
  if (!ws_->shared() || sync_busy_) return;
  next_sync_at_ = now_ms() + kSyncEveryMs;
  if (!web_online()) {
    sync_error_ = "Offline: changes are kept and sent when the network is back.";
    return;
  }
  sync_busy_ = true;
  SyncRequest req = make_sync_request(*ws_, meta_.workspace_name);
  web::fetch_post(meta_.server_url, token_, req.body, [this](int status, std::string body) {
    sync_busy_ = false;
    uint64_t before = ws_->confirmed().size();
    SyncOutcome out;
    if (auto err = apply_sync_response(*ws_, status, body, out)) {
      sync_error_ = *err;
      return;
    }
    sync_error_.clear();
    time_t t = static_cast<time_t>(now_ms() / 1000);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", std::localtime(&t));
    sync_success_ = buf;
    if (!out.new_confirmed.empty() || out.acked_seq) {
      std::optional<std::string> e;
      if (!out.new_confirmed.empty()) e = store_.append_confirmed(out.new_confirmed, before);
      if (!e) e = store_.write_pending(ws_->pending());
      if (e) save_ = {ui::SaveState::NotSaved, *e};
      else flush();
    }
    if (!ws_->pending().empty() || out.received >= 2000) schedule_sync(200);  // more to send or fetch
  });
}

void WebHost::load_demo() {
  if (read_only_) return;
  if (ws_->state().applied != 0) {
    announce("Demo data can only be loaded into an empty workspace.");
    return;
  }
  std::string text;
  if (auto e = read_file("/demo/demo.jsonl", text)) {
    announce("The demo data is missing from this build: " + *e);
    return;
  }
  import_text("demo.jsonl", text);
}

void WebHost::export_journal() {
  std::string out;
  for (const Envelope& e : ws_->confirmed()) out += journal_line(e) + "\n";
  for (const PendingOp& p : ws_->pending()) out += nlohmann::json{{"seq", p.seq}, {"client_id", meta_.client_id}, {"op", p.op}}.dump() + "\n";
  download("deskbill-journal.jsonl", "application/x-ndjson", out);
}

void WebHost::import_journal() { web_open_file(); }

void WebHost::import_text(const std::string& name, const std::string& text) {
  if (read_only_) return;
  std::vector<Envelope> ops;
  if (auto err = parse_journal(text, ops)) {
    // Nothing is imported from a damaged file.
    announce(name + " line " + std::to_string(err->line) + ": " + err->message);
    return;
  }
  // An import goes through the same checks as typing: each op is submitted in order.
  size_t refused = 0;
  uint64_t before = ws_->confirmed().size();
  std::vector<Envelope> added;
  for (Envelope& e : ops)
    if (ws_->submit(e.op, &added)) ++refused;
  persist(added, before);
  announce("Imported " + std::to_string(ops.size() - refused) + " operations" + (refused ? ", " + std::to_string(refused) + " refused" : ""));
  web::request_redraw();
}

void WebHost::copy_text(const std::string& text) { web::set_clipboard(text); }
void WebHost::download(const std::string& name, const std::string& mime, const std::string& data) {
  web_download(name.c_str(), mime.c_str(), data.data(), data.size());
}
void WebHost::print_html(const std::string& html) { web_print_html(html.c_str()); }
void WebHost::announce(const std::string& text) { web_announce(text.c_str()); }
void WebHost::set_url_hash(const std::string& hash) { web_set_hash(hash.c_str()); }
void WebHost::set_font_size(float css_px) {
  web::set_font_size(css_px);
  save_prefs(lang_, css_px);
}
double WebHost::frame_ms() const { return web::last_frame_cpu_ms(); }

void WebHost::save_prefs(const std::string& lang, float font_px) {
  lang_ = lang;
  font_px_ = font_px;
  if (read_only_) return;
  nlohmann::json j = {{"lang", lang}, {"font_px", font_px}, {"token", token_}};
  if (!write_file_atomic(dir_ + "/settings.json", j.dump())) flush();
}

std::string WebHost::bench_generate(uint64_t timesheets) {
  bench_mode_ = true;
  read_only_ = false;
  ws_ = std::make_unique<Workspace>(meta_.client_id.empty() ? "bench" : meta_.client_id, false);
  GeneratorOptions o;
  o.timesheets = timesheets;
  double t0 = now_ms();
  uint64_t n = 0;
  generate_journal(o, [&](const nlohmann::json& op) { ws_->submit(op); ++n; });
  double ms = now_ms() - t0;
  char buf[160];
  std::snprintf(buf, sizeof buf, "{\"ops\":%llu,\"generate_and_fold_ms\":%.0f,\"state_bytes\":%zu}", static_cast<unsigned long long>(n), ms,
                state_memory_bytes(ws_->state()));
  return buf;
}

}  // namespace deskbill::app
