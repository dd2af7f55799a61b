// A team's ticket pipeline: one column per stage; cards move by drag and drop or with
// Alt+Left / Alt+Right on the selected card; Enter opens it.
#include "core/names.h"
#include "core/search.h"
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

const char* stage_label(int st) {
  static const char* labels[] = {"New", "In Progress", "Solved", "Cancelled"};
  return tr(labels[st]);
}

void move_ticket(Host& host, UiState& ui, uint32_t k, int stage) {
  const State& s = host.state();
  if (stage < 0 || stage >= kStageCount) return;
  run_op(host, ui,
         {{"kind", "ticket.update"}, {"id", id_of(s, s.tickets, k)}, {"stage", to_string(static_cast<Stage>(stage))}},
         "Ticket moved");
}

}  // namespace

void draw_pipeline(Host& host, UiState& ui) {
  const State& s = host.state();
  uint32_t team = s.teams.find(s.text, ui.route.id);
  if (team == kNone) {
    ImGui::TextUnformatted(tr("This team does not exist."));
    return;
  }
  PipelineCache& c = ui.pipeline;
  if (c.version != s.applied || c.team != team) {
    c.version = s.applied;
    c.team = team;
    for (auto& v : c.by_stage) v.clear();
    for (uint32_t k = s.tickets.size(); k-- > 0;)  // newest first
      if (s.tickets.rows[k].team == team) c.by_stage[static_cast<int>(s.tickets.rows[k].stage)].push_back(k);
  }
  if (ImGui::SmallButton(tr("Helpdesk"))) navigate(ui, Screen::Helpdesk);
  ImGui::SameLine();
  ImGui::TextDisabled("/");
  ImGui::SameLine();
  title(std::string(s.str(s.teams.rows[team].name)).c_str());
  if (ImGui::Button((std::string(tr("New Ticket")) + "##new-ticket").c_str())) {
    ui.ticket = TicketForm{};
    ui.ticket.team = team;
    ask_focus(ui.ticket.focus_title);
    navigate(ui, Screen::Ticket, "new");
  }
  float col_w = (ImGui::GetContentRegionAvail().x - px(30)) / kStageCount;
  for (int st = 0; st < kStageCount; ++st) {
    if (st) ImGui::SameLine();
    ImGui::PushID(st);
    ImGui::BeginChild("##col", ImVec2(col_w, 0), ImGuiChildFlags_Border);
    ImGui::PushFont(bold_font());
    ImGui::Text("%s (%zu)", stage_label(st), c.by_stage[st].size());
    ImGui::PopFont();
    ImGui::Separator();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(c.by_stage[st].size()), px(74));
    while (clip.Step()) {
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        uint32_t k = c.by_stage[st][i];
        const Ticket& t = s.tickets.rows[k];
        ImGui::PushID(static_cast<int>(k));
        ImVec2 p0 = ImGui::GetCursorScreenPos();
        std::string label = std::string(s.str(t.title)) + "##card";
        bool selected = ui.selected_ticket == k;
        if (ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick, ImVec2(0, px(66)))) {
          ui.selected_ticket = k;
          if (ImGui::IsMouseDoubleClicked(0)) navigate(ui, Screen::Ticket, id_of(s, s.tickets, k));
        }
        if (ImGui::IsItemFocused()) {
          ui.selected_ticket = k;
          if (ImGui::IsKeyPressed(ImGuiKey_Enter)) navigate(ui, Screen::Ticket, id_of(s, s.tickets, k));
          if (ImGui::GetIO().KeyAlt && ImGui::IsKeyPressed(ImGuiKey_RightArrow)) move_ticket(host, ui, k, st + 1);
          if (ImGui::GetIO().KeyAlt && ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) move_ticket(host, ui, k, st - 1);
        }
        if (ImGui::BeginDragDropSource()) {
          ImGui::SetDragDropPayload("TICKET", &k, sizeof k);
          ImGui::TextUnformatted(std::string(s.str(t.title)).c_str());
          ImGui::EndDragDropSource();
        }
        ImDrawList* dl = ImGui::GetWindowDrawList();
        float y = p0.y + px(24);
        // The ticket's reference, then its customer: two tickets with one title stay apart. A
        // contact is named with its company ("Globex, Bob Smith"), as on the ticket.
        std::string customer =
            shown_ticket_ref(host, k) + (t.partner == kNone ? "" : "  " + partner_display(s, t.partner));
        dl->AddText(ImVec2(p0.x + px(4), y), IM_COL32(90, 90, 100, 255), customer.c_str());
        if (t.sale_line != kNone && remaining_hours_available(s, t.sale_line)) {
          Qty rem = remaining_hours(s, t.sale_line);
          std::string r = hours_hhmm(rem) + " " + tr("left");
          dl->AddText(ImVec2(p0.x + px(4), y + px(20)), rem < 0 ? colors::kRed : colors::kGreen, r.c_str());
        } else if (t.sale_line == kNone) {
          dl->AddText(ImVec2(p0.x + px(4), y + px(20)), colors::kGrey, tr("Non-billable"));
        }
        ImGui::PopID();
      }
    }
    ImGui::EndChild();
    if (ImGui::BeginDragDropTarget()) {
      if (const ImGuiPayload* p = ImGui::AcceptDragDropPayload("TICKET"))
        move_ticket(host, ui, *static_cast<const uint32_t*>(p->Data), st);
      ImGui::EndDragDropTarget();
    }
    ImGui::PopID();
  }
}

}  // namespace deskbill::ui
