// Helpdesk overview: one card per team with its open tickets, hours this week and prepaid hours
// left (core/team_overview); and the empty state that offers demo data.
#include <algorithm>

#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
void draw_helpdesk(Host& host, UiState& ui) {
  const State& s = host.state();
  title(tr("Helpdesk"));
  if (s.teams.size() == 0) {
    ImGui::Spacing();
    ImGui::TextWrapped(
        "%s", tr("No helpdesk team yet. Create one in Configuration, or load a demo workspace to try the whole flow."));
    ImGui::BeginDisabled(host.read_only());  // a read-only tab cannot write
    if (ImGui::Button(tr("Load demo data"))) host.load_demo();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button((std::string(tr("Configuration")) + "##empty").c_str())) navigate(ui, Screen::Config, "teams");
    return;
  }
  const TeamOverview& overview = ui.helpdesk.get(s, host.today(), team_overview);
  float card_w = px(300), card_h = px(150);
  int per_row = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / (card_w + px(12))));
  for (uint32_t t = 0; t < s.teams.size(); ++t) {
    const Team& team = s.teams.rows[t];
    if (t % per_row) ImGui::SameLine();
    ImGui::PushID(static_cast<int>(t));
    ImGui::BeginChild("##card", ImVec2(card_w, card_h), ImGuiChildFlags_Border);
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted(std::string(s.str(team.name)).c_str());
    ImGui::PopFont();
    if (team.use_billing) {
      ImGui::SameLine();
      badge(tr("Time Billing"), colors::kGreen);
    }
    value_text("%s: %d", tr("Open tickets"), overview.open[t]);
    // Read from the timesheets, which a start shows the workspace without for a moment.
    value_text("%s: %s", tr("Hours this week"), host.opening() ? "…" : hours_hhmm(overview.week_hours[t]).c_str());
    if (const std::optional<Qty>& left = overview.prepaid_left[t])
      value_text("%s: %s", tr("Prepaid hours left"), hours_hhmm(*left).c_str());
    std::string btn = std::string(tr("Tickets")) + "##" + std::string(s.str(team.name));
    if (ImGui::Button(btn.c_str())) navigate(ui, Screen::Pipeline, id_of(s, s.teams, t));
    ImGui::EndChild();
    ImGui::PopID();
  }
}

}  // namespace deskbill::ui
