// The conflicts inbox: ops the fold rejected at their place in the canonical order, and this
// device's pending ops that would be rejected if confirmed now. Nothing disappears silently.
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

void draw_conflicts(Host& host, UiState& ui) {
  const State& s = host.state();
  title(tr("Conflicts"));
  const auto& pending = host.pending_conflicts();
  if (s.rejected.empty() && pending.empty()) {
    ImGui::TextWrapped("%s", "No conflicts. When an operation made offline can no longer apply (for example, two agents invoiced the same hours), it appears here with the reason.");
    return;
  }
  if (!pending.empty()) {
    ImGui::PushFont(bold_font()); ImGui::TextUnformatted("Not yet synced, would be refused"); ImGui::PopFont();
    for (auto& [seq, err] : pending) ImGui::BulletText("#%llu: %s", static_cast<unsigned long long>(seq), tr_error(err.code, err.message).c_str());
  }
  ImGui::PushFont(bold_font()); ImGui::TextUnformatted(tr("Rejected operations")); ImGui::PopFont();
  if (ImGui::BeginTable("##rejected", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* h : {"#", "Operation", "Device", "Reason"}) ImGui::TableSetupColumn(tr(h));
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(s.rejected.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const Rejected& r = s.rejected[s.rejected.size() - 1 - i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn(); ImGui::Text("%llu", static_cast<unsigned long long>(r.pos));
        ImGui::TableNextColumn(); ImGui::Text("%s %s", std::string(s.str(r.kind)).c_str(), std::string(s.str(r.op_id)).c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(std::string(s.str(r.client)).c_str());
        ImGui::TableNextColumn(); ImGui::TextWrapped("%s", tr_error(std::string(s.str(r.code)), std::string(s.str(r.message))).c_str());
      }
    ImGui::EndTable();
  }
}

}  // namespace deskbill::ui
