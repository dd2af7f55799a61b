// The command palette (Ctrl+K): type to find any ticket, order, invoice or customer (the query is
// core/search.h); arrows choose, Enter opens, Esc closes.
#include <cstring>

#include "core/names.h"
#include "core/search.h"
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

std::vector<Hit> search(const Host& host, const std::string& q) {
  const State& s = host.state();
  std::vector<Hit> out;
  for (const SearchHit& h : search_records(s, q)) {
    switch (h.kind) {
      case HitKind::Ticket: {
        const Ticket& t = s.tickets.rows[h.rec];
        std::string who = partner_display(s, t.partner);
        out.push_back(
            {Screen::Ticket, id_of(s, s.tickets, h.rec),
             std::string(tr("Ticket")) + ": " + std::string(s.str(t.title)) + (who.empty() ? "" : " — " + who)});
        break;
      }
      case HitKind::Order:
        out.push_back({Screen::Order, id_of(s, s.orders, h.rec),
                       std::string(tr("Sales Order")) + ": " + order_name(s, h.rec) + " " +
                           partner_display(s, s.orders.rows[h.rec].partner)});
        break;
      case HitKind::Invoice:
        out.push_back({Screen::Invoice, id_of(s, s.invoices, h.rec),
                       std::string(tr("Invoice")) + ": " + shown_invoice_name(host, h.rec) + " " +
                           partner_display(s, s.invoices.rows[h.rec].partner)});
        break;
      case HitKind::Customer:
        out.push_back({Screen::Timesheets, "", std::string(tr("Customer")) + ": " + partner_display(s, h.rec), h.rec});
        break;
    }
  }
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
