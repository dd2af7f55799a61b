// Helpdesk overview: one card per team with its open tickets, hours this week and prepaid hours
// left; and the empty state that offers demo data.
#include <algorithm>
#include <set>

#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

void rebuild(const State& s, HelpdeskCache& c, Day today) {
  c.version = s.applied;
  c.week_start = today - weekday_of(today);
  size_t n = s.teams.size();
  c.open.assign(n, 0);
  c.week_hours.assign(n, 0);
  c.prepaid_left.assign(n, 0);
  std::vector<std::set<uint32_t>> lines(n);
  for (uint32_t k = 0; k < s.tickets.size(); ++k) {
    const Ticket& t = s.tickets.rows[k];
    if (t.team == kNone) continue;
    if (t.stage == Stage::New || t.stage == Stage::InProgress) {
      ++c.open[t.team];
      if (t.sale_line != kNone && remaining_hours_available(s, t.sale_line)) lines[t.team].insert(t.sale_line);
    }
  }
  for (uint32_t i = 0; i < s.timesheets.size(); ++i) {
    const Timesheet& ts = s.timesheets.rows[i];
    if (ts.deleted || ts.ticket == kNone || ts.date < c.week_start || ts.date >= c.week_start + 7) continue;
    c.week_hours[s.tickets.rows[ts.ticket].team] += ts.hours;
  }
  for (size_t t = 0; t < n; ++t)
    for (uint32_t l : lines[t]) c.prepaid_left[t] += std::max<Qty>(0, remaining_hours(s, l));
}

}  // namespace

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
  if (ui.helpdesk.version != s.applied || ui.helpdesk.open.size() != s.teams.size())
    rebuild(s, ui.helpdesk, host.today());
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
    ImGui::Text("%s: %d", tr("Open tickets"), ui.helpdesk.open[t]);
    ImGui::Text("%s: %s", tr("Hours this week"), hours_hhmm(ui.helpdesk.week_hours[t]).c_str());
    ImGui::Text("%s: %s", tr("Prepaid hours left"), hours_hhmm(ui.helpdesk.prepaid_left[t]).c_str());
    std::string btn = std::string(tr("Tickets")) + "##" + std::string(s.str(team.name));
    if (ImGui::Button(btn.c_str())) navigate(ui, Screen::Pipeline, id_of(s, s.teams, t));
    ImGui::EndChild();
    ImGui::PopID();
  }
}

}  // namespace deskbill::ui
