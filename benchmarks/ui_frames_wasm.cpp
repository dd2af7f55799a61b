// Frame CPU time of the real UI code, compiled to wasm and run headless under Node: ImGui builds
// every frame (NewFrame → draw data) exactly as in the browser, without a GPU or a browser
// competing for the two cores, so the figures are the UI's own cost. Workloads: scrolling the
// timesheet list and typing a description in a ticket, on a generated workspace.
// Run: node --no-experimental-fetch deskbill_ui_bench_wasm.js [timesheets]; prints one JSON line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"
#include "journal/generator.h"
#include "journal/prefs.h"
#include "journal/workspace.h"
#include "ui/host.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/ui_state.h"
#include "ui/widgets.h"

using namespace deskbill;

namespace {

// The items' boxes by label, through ImGui's test-engine hooks (as the browser tests do).
std::unordered_map<ImGuiID, ImRect> g_boxes;
std::unordered_map<std::string, ImGuiID> g_labels;

// A host that keeps the workspace in memory: the UI's frame cost without storage.
class BenchHost : public ui::Host {
 public:
  Workspace ws{"bench", false};
  uint64_t ids = 0;
  std::vector<std::pair<uint64_t, OpError>> none;
  const State& state() const override { return ws.state(); }
  ApplyResult emit(const nlohmann::json& op) override { return ws.submit(op); }
  std::string new_id() override { return "b." + std::to_string(++ids); }
  Day today() const override { return *parse_day("2026-11-20"); }
  double now_ms() const override { return 0; }
  bool read_only() const override { return false; }
  bool opening() const override { return false; }
  ui::SaveStatus save_status() const override { return {}; }
  ui::SyncStatus sync_status() const override { return {}; }
  void configure_sync(const std::string&, const std::string&, const std::string&) override {}
  void sync_now() override {}
  bool may_send(const std::string&) const override { return true; }
  void resend_work() override {}
  void send_held_anyway() override {}
  const std::optional<RunningTimer>& timer() const override { return timer_; }
  bool start_timer(RunningTimer t) override {
    timer_ = std::move(t);
    return true;
  }
  TextTemplate stop_timer(const std::function<std::string(const nlohmann::json&)>&) override {
    timer_.reset();
    return {};
  }
  std::string me() const override { return ""; }
  void set_me(const std::string&) override {}
  std::optional<RunningTimer> timer_;
  bool shared() const override { return false; }
  const std::vector<std::pair<uint64_t, OpError>>& pending_conflicts() const override { return none; }
  size_t pending_count() const override { return 0; }
  bool invoice_provisional(uint32_t) const override { return false; }
  bool ticket_provisional(uint32_t) const override { return false; }
  const std::vector<SyncNotice>& sync_notices() const override { return no_notices; }
  ImportOutcome no_import;
  void dismiss_notice(size_t) override {}
  bool rejection_dismissed(uint64_t) const override { return false; }
  void dismiss_rejection(uint64_t) override {}
  std::string client_id() const override { return "b"; }
  void load_demo() override {}
  void export_journal() override {}
  void import_journal() override {}
  const ImportOutcome& last_import() const override { return no_import; }
  const Message& message() const override { return no_message; }
  Message no_message;
  void copy_text(const std::string&) override {}
  void download(const std::string&, const std::string&, const std::string&) override {}
  void print_html(const std::string&) override {}
  void announce(const std::string&) override {}
  void set_url_hash(const std::string&) override {}
  FontSizes font_sizes() const override { return {kMinFontPx, kMaxFontPx}; }
  void set_font_size(float) override {}
  double frame_ms() const override { return 0; }
  std::vector<SyncNotice> no_notices;
};

double frame(BenchHost& host, ui::UiState& ui) {
  auto t0 = std::chrono::steady_clock::now();
  ImGui::NewFrame();
  ui::draw_app(host, ui);
  ImGui::Render();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

struct Stats {
  double median, p95, max;
};
Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back()};
}

// Clicks the item drawn with `label` in the last frame; false if there was none.
bool click(BenchHost& host, ui::UiState& ui, const char* label) {
  auto it = g_labels.find(label);
  if (it == g_labels.end()) return false;
  ImGuiIO& io = ImGui::GetIO();
  ImVec2 c = g_boxes[it->second].GetCenter();
  io.AddMousePosEvent(c.x, c.y);
  frame(host, ui);
  io.AddMouseButtonEvent(0, true);
  frame(host, ui);
  io.AddMouseButtonEvent(0, false);
  frame(host, ui);
  return true;
}

// A report's tab opened, then 120 frames with the pointer moving over its table (each frame
// draws the whole screen, as a frame after any input does).
bool report_frames(BenchHost& host, ui::UiState& ui, const char* tab, std::vector<double>& out) {
  if (!click(host, ui, tab)) return false;
  for (int i = 0; i < 3; ++i) frame(host, ui);
  for (int i = 0; i < 120; ++i) {
    ImGui::GetIO().AddMousePosEvent(600.f + static_cast<float>(i % 40), 400.f);
    out.push_back(frame(host, ui));
  }
  return true;
}

// Every screen at this size of workspace: its median frame over 40 frames with the pointer
// moving (after 3 frames that build what the screen keeps per state version), as "name": ms.
std::string screen_frames(BenchHost& host, ui::UiState& ui) {
  const State& st = host.state();
  auto first = [&](const auto& table) {
    return table.size() ? std::string(table.ids.id_of(st.text, 0)) : std::string();
  };
  auto last = [&](const auto& table) {
    return table.size() ? std::string(table.ids.id_of(st.text, static_cast<uint32_t>(table.size() - 1)))
                        : std::string();
  };
  using ui::Screen;
  const std::vector<std::pair<const char*, ui::Route>> screens = {
      {"helpdesk", {Screen::Helpdesk, ""}},
      {"team", {Screen::Pipeline, first(st.teams)}},
      {"ticket", {Screen::Ticket, last(st.tickets)}},
      {"orders", {Screen::Orders, ""}},
      {"order", {Screen::Order, last(st.orders)}},
      {"invoices", {Screen::Invoices, ""}},
      {"invoice", {Screen::Invoice, last(st.invoices)}},
      {"timesheets_week", {Screen::Timesheets, "week"}},
      {"reports", {Screen::Reports, ""}},
      {"config_teams", {Screen::Config, "teams"}},
      {"config_products", {Screen::Config, "products"}},
      {"config_customers", {Screen::Config, "customers"}},
      {"config_employees", {Screen::Config, "employees"}},
      {"config_projects", {Screen::Config, "projects"}},
      {"conflicts", {Screen::Conflicts, ""}},
      {"settings", {Screen::Settings, ""}},
  };
  std::string out;
  for (const auto& [name, route] : screens) {
    ui.route = route;
    for (int i = 0; i < 3; ++i) frame(host, ui);
    std::vector<double> ms;
    for (int i = 0; i < 40; ++i) {
      ImGui::GetIO().AddMousePosEvent(600.f + static_cast<float>(i % 20), 420.f);
      ms.push_back(frame(host, ui));
    }
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s\"%s\":%.3f", out.empty() ? "" : ",", name, stats(ms).median);
    out += buf;
  }
  return "{" + out + "}";
}

}  // namespace

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
  ImRect r = bb;
  if (ctx->CurrentWindow) r.ClipWithFull(ctx->CurrentWindow->ClipRect);
  g_boxes[id] = r;
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  if (label) g_labels[label] = id;
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

int main(int argc, char** argv) {
  uint64_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  BenchHost host;
  GeneratorOptions o;
  o.timesheets = n;
  // The generator emits only ops the fold accepts: a refusal would leave frames of another state.
  generate_journal(o, [&](const nlohmann::json& op) {
    if (auto refused = host.ws.submit(op)) {
      std::fprintf(stderr, "generated op refused: %s\n", refused->message.c_str());
      std::exit(1);
    }
  });

  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1400, 900);
  io.Fonts->AddFontFromFileTTF("third_party/fonts/NotoSans-Regular.ttf", 16.f);
  io.Fonts->AddFontFromFileTTF("third_party/fonts/NotoSans-Bold.ttf", 16.f);
  io.Fonts->AddFontFromFileTTF("third_party/fonts/NotoSans-Bold.ttf", 22.4f);
  unsigned char* pixels;
  int w, h;
  io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  ImGui::GetCurrentContext()->TestEngineHookItems = true;
  ui::UiState ui;
  ui::set_ui_scale(ui.font_px);
  ui::apply_theme();

  // Scrolling the timesheet list: the first frame builds the list; then one wheel step a frame.
  ui.route = ui::Route{ui::Screen::Timesheets, ""};
  for (int i = 0; i < 3; ++i) frame(host, ui);
  // V8 first runs wasm from its baseline compiler and swaps in optimised code as functions get
  // hot: the first seconds of a tab have frames of up to ~10 ms that a warm tab never has. So a
  // first pass (reported apart) warms up, then the measured pass scrolls down and back up.
  std::vector<double> scroll, first_pass;
  io.AddMousePosEvent(700, 500);
  for (int i = 0; i < 600; ++i) {
    io.DeltaTime = 1.f / 60;
    io.AddMouseWheelEvent(0, i < 300 || i >= 450 ? -3.f : 6.f);
    (i < 300 ? first_pass : scroll).push_back(frame(host, ui));
  }
  // The wheel really scrolled the list (not an idle frame measured 300 times).
  ImGuiWindow* list = ImGui::GetCurrentContext()->HoveredWindow;
  float scrolled = list ? list->Scroll.y : 0;
  if (scrolled < 1000) {
    std::fprintf(stderr, "ui bench: the timesheet list did not scroll (%.0f px)\n", scrolled);
    return 1;
  }

  // Typing in a ticket's new timesheet line: click the description, then a character a frame.
  ui.route = ui::Route{ui::Screen::Ticket, "k" + std::to_string(std::max<uint64_t>(4, n / 10) / 2)};
  for (int i = 0; i < 3; ++i) frame(host, ui);
  if (!click(host, ui, "##ts-desc")) {
    std::fprintf(stderr, "ui bench: the ticket form has no ##ts-desc field\n");
    return 1;
  }
  std::vector<double> typing;
  std::string text = "Investigated the VPN logs and restarted the tunnel on the customer's firewall. ";
  for (int round = 0; round < 4; ++round)
    for (char ch : text) {
      io.AddInputCharacter(static_cast<unsigned>(ch));
      typing.push_back(frame(host, ui));
    }
  if (!ImGui::GetIO().WantTextInput) {
    std::fprintf(stderr, "ui bench: the description field did not take the typing\n");
    return 1;
  }
  // The order-line reports, which list every prepaid block and every line with time to invoice.
  ui.route = ui::Route{ui::Screen::Reports, ""};
  for (int i = 0; i < 3; ++i) frame(host, ui);
  std::vector<double> prepaid, uninvoiced;
  if (!report_frames(host, ui, "Prepaid blocks", prepaid) ||
      !report_frames(host, ui, "Delivered, not invoiced", uninvoiced)) {
    std::fprintf(stderr, "ui bench: the Reports screen has no Prepaid blocks or Delivered, not invoiced tab\n");
    return 1;
  }
  std::string screens = screen_frames(host, ui);
  if (argc > 2 && std::string(argv[2]) == "--trace") {
    for (double d : scroll) std::fprintf(stderr, "%.2f ", d);
    std::fprintf(stderr, "\n");
  }
  Stats s = stats(scroll), t = stats(typing), f = stats(first_pass), p = stats(prepaid), u = stats(uninvoiced);
  std::printf(
      "{\"timesheets\":%zu,\"scrolled_px\":%.0f,\"first_pass_scroll_ms\":{\"median\":%.3f,\"p95\":%.3f,\"max\":%.3f},"
      "\"scroll_ms\":{\"median\":%.3f,\"p95\":%.3f,\"max\":%.3f},"
      "\"typing_ms\":{\"median\":%.3f,\"p95\":%.3f,\"max\":%.3f},"
      "\"prepaid_report_ms\":{\"median\":%.3f,\"p95\":%.3f,\"max\":%.3f},"
      "\"uninvoiced_report_ms\":{\"median\":%.3f,\"p95\":%.3f,\"max\":%.3f},\"screens_median_ms\":%s,"
      "\"frames\":%zu}\n",
      static_cast<size_t>(host.state().timesheets.size()), scrolled, f.median, f.p95, f.max, s.median, s.p95, s.max,
      t.median, t.p95, t.max, p.median, p.p95, p.max, u.median, u.p95, u.max, screens.c_str(),
      first_pass.size() + scroll.size() + typing.size() + prepaid.size() + uninvoiced.size());
  return 0;
}
