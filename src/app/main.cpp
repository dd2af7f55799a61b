// deskbill in the browser: wires the web platform, the workspace host and the UI.
#include <emscripten.h>

#include <cstdio>
#include <string>

#include "app/web_host.h"
#include "core/state_json.h"
#include "imgui.h"
#include "platform/web/web_platform.h"
#include "platform/web/web_services.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace {
// The app's objects live for the life of the page; the exported hooks below need them.
deskbill::app::WebHost* g_host = nullptr;
deskbill::ui::UiState* g_ui = nullptr;
std::string g_bench;
bool g_opened = false;           // the workspace is loaded (the UI emits nothing before)
bool g_previewed = false;        // show_preview was asked (once)
bool g_previewed_shown = false;  // and it showed one
}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE void deskbill_flush_now() {
  if (g_host && g_opened) g_host->flush();
}
// A read-only tab: the writer tab stored new work (a message, pre.js).
EMSCRIPTEN_KEEPALIVE void deskbill_storage_saved_elsewhere() {
  if (g_host) g_host->storage_saved_elsewhere();
}
// The writer tab went away and this one holds the lock now.
EMSCRIPTEN_KEEPALIVE void deskbill_lock_granted() {
  if (g_host) g_host->lock_granted();
  deskbill::web::request_redraw();
}
EMSCRIPTEN_KEEPALIVE const char* deskbill_generate_bench(int timesheets) {
  g_bench = g_host ? g_host->bench_generate(static_cast<uint64_t>(timesheets)) : "{}";
  deskbill::web::request_redraw();
  return g_bench.c_str();
}
// The English texts with a Romanian translation, one per line (the Romanian UI test).
EMSCRIPTEN_KEEPALIVE const char* deskbill_i18n_sources() {
  static std::string s;
  s.clear();
  for (const std::string& en : deskbill::ui::translated_sources()) s += en + "\n";
  return s.c_str();
}
// Turns on (1) or off the record of texts shown in English in the Romanian UI; the texts so far,
// one per line (ui/i18n.h).
EMSCRIPTEN_KEEPALIVE void deskbill_record_missing_translations(int on) {
  deskbill::ui::record_missing_translations(on != 0);
}
EMSCRIPTEN_KEEPALIVE const char* deskbill_missing_translations() {
  static std::string s;
  s.clear();
  for (const std::string& en : deskbill::ui::missing_translations()) s += en + "\n";
  return s.c_str();
}
// Tests check what the UI's actions produced through the same JSON as deskbill-cli.
EMSCRIPTEN_KEEPALIVE const char* deskbill_state_json() {
  static std::string s;
  s = g_host ? deskbill::state_to_json(g_host->state()).dump() : "{}";
  return s.c_str();
}
EMSCRIPTEN_KEEPALIVE int deskbill_frame_count() { return ImGui::GetCurrentContext() ? ImGui::GetFrameCount() : 0; }
EMSCRIPTEN_KEEPALIVE int deskbill_read_only() { return g_host && g_host->read_only() ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE double deskbill_last_frame_ms() { return deskbill::web::last_frame_cpu_ms(); }
// What the tests check about storage: counts, archive layout and the state hash.
EMSCRIPTEN_KEEPALIVE const char* deskbill_workspace_json() {
  static std::string s;
  s = g_host ? g_host->workspace_json() : "{}";
  return s.c_str();
}
// What the user was last told: the host's last message and the last import's outcome.
EMSCRIPTEN_KEEPALIVE const char* deskbill_told_json() {
  static std::string s;
  s = g_host ? g_host->told_json() : "{}";
  return s.c_str();
}
// When main() began, had its WebGL window, and had built its fonts (ms since navigation): the
// part of a start between the runtime being ready and the workspace opening.
double g_main_at = 0, g_window_at = 0, g_fonts_at = 0;
EMSCRIPTEN_KEEPALIVE const char* deskbill_open_timings() {
  static std::string out;
  if (!g_host) return "{}";
  char buf[128];
  std::snprintf(buf, sizeof buf, "{\"main_at\":%.0f,\"window_at\":%.0f,\"fonts_at\":%.0f,", g_main_at, g_window_at,
                g_fonts_at);
  const std::string& open = g_host->open_timings();  // a JSON object
  out = buf + (open.size() > 2 ? open.substr(1) : std::string("}"));
  return out.c_str();
}
// The confirmed state as a snapshot of an older format (read its size next): the browser test of
// a workspace that a build before snapshot format 6 archived.
std::string g_snapshot;
EMSCRIPTEN_KEEPALIVE const char* deskbill_snapshot_of_format(int format) {
  g_snapshot = g_host ? g_host->snapshot_bytes(static_cast<uint32_t>(format)) : "";
  return g_snapshot.data();
}
EMSCRIPTEN_KEEPALIVE double deskbill_snapshot_size() { return static_cast<double>(g_snapshot.size()); }
EMSCRIPTEN_KEEPALIVE double deskbill_last_save_ms() { return g_host ? g_host->last_save_ms() : 0; }
// The first frame with the loaded workspace (cold start): when it began, its CPU time and when
// it was drawn, in performance.now() time; drawn_at is 0 until then.
EMSCRIPTEN_KEEPALIVE const char* deskbill_first_frame_json() {
  static char buf[192];
  std::snprintf(
      buf, sizeof buf, "{\"started_at\":%.0f,\"cpu_ms\":%.1f,\"drawn_at\":%.0f,\"previewed\":%s,\"complete_at\":%.0f}",
      deskbill::web::first_frame_start_ms(), deskbill::web::first_frame_cpu_ms(), deskbill::web::first_frame_at_ms(),
      g_host && g_previewed_shown ? "true" : "false", deskbill::web::complete_frame_at_ms());
  return buf;
}
EMSCRIPTEN_KEEPALIVE const char* deskbill_save_state() {
  static std::string s;
  if (!g_host) return "";
  auto st = g_host->save_status();
  s = st.state == deskbill::ui::SaveState::Saved    ? "saved"
      : st.state == deskbill::ui::SaveState::Saving ? "saving"
                                                    : "not saved";
  return s.c_str();
}
}

// Language and font size from the settings stored beside the journal.
void apply_prefs() {
  using namespace deskbill;
  g_ui->font_px = g_host->saved_font_size();
  ui::set_lang(g_host->saved_lang() == "ro" ? ui::Lang::Ro : ui::Lang::En);
  web::set_font_size(g_ui->font_px);
  ui::set_ui_scale(g_ui->font_px);
  ui::apply_theme();
  const ImVec4 panel = ui::panel_colour();
  web::set_clear_colour(panel.x, panel.y, panel.z);
}

int main() {
  using namespace deskbill;
  static app::WebHost host("/data/workspace");
  static ui::UiState ui;
  g_host = &host;
  g_ui = &ui;
  g_main_at = emscripten_get_now();
  if (!web::init("#canvas")) {
    web_announce("deskbill needs WebGL2, which this browser does not offer.");
    return 1;
  }
  g_window_at = emscripten_get_now();
  // The window and fonts are made while IndexedDB is still read (default settings); the
  // workspace and the settings beside it open as soon as storage is ready (at 1M ~0.7 s).
  apply_prefs();
  char hash[256];
  web_get_hash(hash, sizeof hash);
  ui.route = ui::parse_route(hash);
  web::on_hash_change([](std::string h) {
    g_ui->route = ui::parse_route(h);
    g_ui->route_from_url = true;
  });
  web::on_file_loaded([](std::string name, std::string data) { g_host->import_text(name, data); });
  static ui::Route last_route = ui.route;
  static ui::Lang last_lang = ui::lang();
  static float last_scale = ui.font_px;
  web::build_fonts_now();  // while IndexedDB is still being read (the page shows "loading")
  g_fonts_at = emscripten_get_now();
  web::on_tick([] {
    if (!g_opened) {
      // A large workspace is drawn first without its timesheets (read-only), and loaded whole
      // only once that frame is on the screen and the rest is read (WebHost::show_preview).
      if (!g_previewed) {
        if (!web_preview_ready()) return;
        g_previewed = true;
        if (g_host->show_preview()) {
          g_previewed_shown = true;
          apply_prefs();
          last_lang = ui::lang();
          last_scale = g_ui->font_px;
          web::mark_interactive();
          web_shown();
          web::request_redraw();
          return;
        }
      }
      if (!web_storage_ready()) return;
      if (g_previewed_shown && (web::first_frame_at_ms() == 0 || web_preview_held())) return;  // not drawn yet
      if (!g_host->open_step()) return;
      apply_prefs();
      last_lang = ui::lang();
      last_scale = g_ui->font_px;
      g_opened = true;
      web::mark_interactive();
      web::mark_complete();
      web_opened();
      web::request_redraw();
    }
    g_host->tick();
    if (g_ui->wake_at > 0 && g_host->now_ms() >= g_ui->wake_at) {
      g_ui->wake_at = 0;
      web::request_redraw(1);
    }
  });
  web::run([] {
    if (!g_opened && !g_host->opening()) return;  // no frame before the workspace (or its preview) is shown
    if (last_scale != g_ui->font_px) {
      last_scale = g_ui->font_px;
      ui::set_ui_scale(last_scale);
      ui::apply_theme();
    }
    ui::draw_app(*g_host, *g_ui);
    if (!(g_ui->route == last_route)) {
      if (!g_ui->route_from_url) g_host->set_url_hash(ui::route_hash(g_ui->route));
      g_ui->route_from_url = false;
      last_route = g_ui->route;
      g_ui->list_filter[0] = 0;
      web::request_redraw();
    }
    if (ui::lang() != last_lang) {
      last_lang = ui::lang();
      g_host->save_prefs(last_lang == ui::Lang::Ro ? "ro" : "en", g_ui->font_px);
    }
  });
  return 0;
}
