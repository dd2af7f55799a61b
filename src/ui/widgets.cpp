// Layout helpers (rows that wrap, measured buttons, empty-list hints), the frame scheduler's
// wake-up, and navigation. The rest of widgets.h lives in theme.cpp, pickers.cpp, formats.cpp
// and actions.cpp.
#include "ui/widgets.h"

namespace deskbill::ui {

void same_line_if_fits(float width) {
  float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

void wake_at(UiState& ui, double ms) {
  if (ui.wake_at == 0 || ms < ui.wake_at) ui.wake_at = ms;
}

void empty_hint(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void navigate(UiState& ui, Screen s, const std::string& id) {
  ui.route = Route{s, id};
  ui.route_from_url = false;
}
}  // namespace deskbill::ui
