// The running timer, shown in the side bar on every screen, so opening another ticket or another
// screen never hides or discards it; stopping it from anywhere logs the line on its own ticket.
#include <cstdio>

#include "imgui.h"
#include "ui/i18n.h"
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
  if (!stop) return;
  RunningTimer t = *running;
  // Cleared first without a flush: the line's own flush stores both, so a crash keeps either the
  // running timer or the logged line, never both and never neither (host.h).
  // If the clear cannot be written, nothing is logged: the line would be logged twice otherwise.
  if (!host.set_timer(std::nullopt, false)) return;
  if (!run_op(host, ui, timer_log_op(t, static_cast<int64_t>(host.now_ms()), host.new_id()), "Timer logged"))
    (void)host.set_timer(t);  // refused (the ticket was deleted): the timer goes on; a failed write is reported
}

void draw_timer_bar(Host& host, UiState& ui) {
  const std::optional<RunningTimer>& running = host.timer();
  if (!running) return;
  const State& s = host.state();
  uint32_t k = s.tickets.find(s.text, running->ticket);
  std::string name = k == kNone ? running->ticket : std::string(s.str(s.tickets.rows[k].title));
  ImGui::Separator();
  ImGui::TextDisabled("%s", tr("Timer"));
  if (ImGui::Selectable((name + "##timer-ticket").c_str())) navigate(ui, Screen::Ticket, running->ticket);
  draw_stop_timer(host, ui, "nav-stop-timer");
}

}  // namespace deskbill::ui
