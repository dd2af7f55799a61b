// The running timer, shown in the side bar on every screen, so opening another ticket or another
// screen never hides or discards it; stopping it from anywhere logs the line on its own ticket.
#include <cstdio>

#include "imgui.h"
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

void draw_stop_timer(Host& host, UiState& ui, const char* id) {
  const std::optional<RunningTimer>& running = host.timer();
  if (!running) return;
  double elapsed = host.now_ms() - static_cast<double>(running->started_ms);
  if (elapsed < 0) elapsed = 0;  // the clock was set back
  long long secs = static_cast<long long>(elapsed / 1000);
  wake_at(ui, static_cast<double>(running->started_ms) + static_cast<double>(secs + 1) * 1000.0);  // next second
  // "###": the id stays the same while the time shown changes, so a click spanning a second's
  // tick is not lost.
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s  %02lld:%02lld:%02lld###%s", tr("Stop timer"), secs / 3600, secs / 60 % 60,
                secs % 60, id);
  ImGui::BeginDisabled(host.read_only());
  bool stop = ImGui::Button(buf);
  ImGui::EndDisabled();
  if (stop) stop_timer_now(host, ui);
}

void stop_timer_now(Host& host, UiState& ui) {
  if (!host.timer() || host.read_only()) return;
  // The line goes through run_op (undo, the notice); the order of writes and the flush that
  // stores both are journal/timer_store's (tested natively with crashes at each step).
  TextTemplate problem = host.stop_timer([&](const nlohmann::json& op) -> std::string {
    return run_op(host, ui, op, "Timer logged") ? "" : (ui.error.empty() ? tr("refused") : ui.error);
  });
  if (!problem.text.empty() && ui.error.empty()) {
    ui.error = tr(problem);
    host.announce(ui.error);
  }
}

void draw_timer_bar(Host& host, UiState& ui) {
  const std::optional<RunningTimer>& running = host.timer();
  if (!running) return;
  const State& s = host.state();
  uint32_t k = s.tickets.find(s.text, running->ticket);
  std::string name = k == kNone ? running->ticket : shown_ticket_name(host, k);
  ImGui::Separator();
  ImGui::TextDisabled("%s", tr("Timer"));
  if (cell_selectable((name + "##timer-ticket").c_str())) navigate(ui, Screen::Ticket, running->ticket);
  draw_stop_timer(host, ui, "nav-stop-timer");
}

}  // namespace deskbill::ui
