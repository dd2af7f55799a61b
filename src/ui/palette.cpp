// The command palette (Ctrl+K): type to find any ticket, order, invoice or customer; arrows
// choose, Enter opens, Esc closes.
#include <cstring>

#include "core/names.h"
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

struct Hit {
  Screen screen;
  std::string id, label;
  uint32_t partner = kNone;  // a customer hit opens the timesheets filtered on them
};

bool matches(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return true;
  std::string h = hay, n = needle;
  for (auto& c : h) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return h.find(n) != std::string::npos;
}

std::vector<Hit> search(const Host& host, const std::string& q) {
  const State& s = host.state();
  std::vector<Hit> out;
  const size_t limit = 30;
  for (uint32_t k = s.tickets.size(); k-- > 0 && out.size() < limit;)
    if (matches(std::string(s.str(s.tickets.rows[k].title)) + " " + id_of(s, s.tickets, k), q))
      out.push_back({Screen::Ticket, id_of(s, s.tickets, k),
                     std::string(tr("Ticket")) + ": " + std::string(s.str(s.tickets.rows[k].title))});
  for (uint32_t o = s.orders.size(); o-- > 0 && out.size() < limit * 2;) {
    std::string label = order_name(s, o) + " " + std::string(s.str(s.partners.rows[s.orders.rows[o].partner].name));
    if (matches(label, q))
      out.push_back({Screen::Order, id_of(s, s.orders, o), std::string(tr("Sales Order")) + ": " + label});
  }
  for (uint32_t i = s.invoices.size(); i-- > 0 && out.size() < limit * 3;) {
    if (s.invoices.rows[i].deleted) continue;
    std::string label =
        shown_invoice_name(host, i) + " " + std::string(s.str(s.partners.rows[s.invoices.rows[i].partner].name));
    if (matches(label, q))
      out.push_back({Screen::Invoice, id_of(s, s.invoices, i), std::string(tr("Invoice")) + ": " + label});
  }
  for (uint32_t p = 0; p < s.partners.size() && out.size() < limit * 4; ++p)
    if (matches(std::string(s.str(s.partners.rows[p].name)), q))
      out.push_back({Screen::Timesheets, "",
                     std::string(tr("Customer")) + ": " + std::string(s.str(s.partners.rows[p].name)), p});
  return out;
}

}  // namespace

void draw_palette(Host& host, UiState& ui) {
  Palette& p = ui.palette;
  if (p.open && !ImGui::IsPopupOpen("##palette")) {
    ImGui::OpenPopup("##palette");
    p.query[0] = 0;
    p.selected = 0;
  }
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, px(90)), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(px(560), px(420)));
  if (!ImGui::BeginPopupModal("##palette", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) return;
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##palette-query", tr("Search…"), p.query, sizeof p.query)) p.selected = 0;
  std::vector<Hit> hits = search(host, p.query);
  if (ImGui::IsKeyPressed(ImGuiKey_DownArrow))
    p.selected = std::min<int>(p.selected + 1, static_cast<int>(hits.size()) - 1);
  if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) p.selected = std::max(p.selected - 1, 0);
  bool go = ImGui::IsKeyPressed(ImGuiKey_Enter);
  for (int i = 0; i < static_cast<int>(hits.size()); ++i) {
    ImGui::PushID(i);
    if (ImGui::Selectable(hits[i].label.c_str(), i == p.selected)) {
      p.selected = i;
      go = true;
    }
    ImGui::PopID();
  }
  if (go && p.selected < static_cast<int>(hits.size())) {
    if (hits[p.selected].partner != kNone) {
      ui.timesheets.partner = hits[p.selected].partner;
      ui.timesheets.view = 0;
    }
    navigate(ui, hits[p.selected].screen, hits[p.selected].id);
    p.open = false;
    ImGui::CloseCurrentPopup();
  }
  if (ImGui::IsKeyPressed(ImGuiKey_Escape)) {
    p.open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace deskbill::ui
