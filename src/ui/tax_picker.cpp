// Taxes on a product or an order line: a picker with a check box per tax (at most three, as a
// line carries), shown as "VAT 19%, Eco 1%".
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/widgets.h"

namespace deskbill::ui {

std::string taxes_text(const State& s, const TaxSet& t) {
  std::string out;
  for (uint32_t id : t.ids)
    if (id != kNone) out += (out.empty() ? "" : ", ") + std::string(s.str(s.taxes.rows[id].name));
  return out;
}

nlohmann::json taxes_json(const State& s, const TaxSet& t) {
  nlohmann::json out = nlohmann::json::array();
  for (uint32_t id : t.ids)
    if (id != kNone) out.push_back(std::string(s.taxes.ids.id_of(s.text, id)));
  return out;
}

bool pick_taxes(const char* label, const State& s, TaxSet& taxes, float width) {
  std::string preview = taxes_text(s, taxes);
  if (preview.empty()) preview = tr("No taxes");
  ImGui::SetNextItemWidth(width > 0 ? width : px(200));
  label_next_combo(label);
  bool changed = false;
  if (ImGui::BeginCombo(label, preview.c_str())) {
    int used = 0;
    for (uint32_t id : taxes.ids) used += id != kNone;
    for (uint32_t t = 0; t < s.taxes.size(); ++t) {
      int slot = -1;
      for (int k = 0; k < kMaxTaxes; ++k)
        if (taxes.ids[k] == t) slot = k;
      bool on = slot >= 0;
      ImGui::PushID(static_cast<int>(t));
      ImGui::BeginDisabled(!on && used >= kMaxTaxes);
      if (ImGui::Checkbox(std::string(s.str(s.taxes.rows[t].name)).c_str(), &on)) {
        TaxSet next;
        int k = 0;
        for (uint32_t id : taxes.ids)
          if (id != kNone && id != t) next.ids[k++] = id;
        if (on && k < kMaxTaxes) next.ids[k] = t;
        taxes = next;
        changed = true;
      }
      ImGui::EndDisabled();
      ImGui::PopID();
    }
    if (s.taxes.size() == 0) ImGui::TextDisabled("%s", tr("No taxes yet: add them in Configuration, Taxes."));
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace deskbill::ui
