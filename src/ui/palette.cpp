// The command palette (Ctrl+K): type to find any ticket, order, invoice or customer (the query is
// core/search.h); arrows choose, Enter opens, Esc closes.
#include <cstdio>
#include <cstring>

#include "core/names.h"
#include "core/search.h"
#include "imgui_internal.h"  // ImTextCharToUtf8
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

// The hits as the palette lists them.
std::vector<Hit> labelled(const Host& host, const std::vector<SearchHit>& found) {
  const State& s = host.state();
  std::vector<Hit> out;
  for (const SearchHit& h : found) {
    switch (h.kind) {
      case HitKind::Ticket: {
        const Ticket& t = s.tickets.rows[h.rec];
        std::string who = partner_display(s, t.partner);
        out.push_back(
            {Screen::Ticket, id_of(s, s.tickets, h.rec),
             std::string(tr("Ticket")) + ": " + shown_ticket_name(host, h.rec) + (who.empty() ? "" : " — " + who)});
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
  ImGuiIO& io = ImGui::GetIO();
  if (p.open && !ImGui::IsPopupOpen("##palette")) {
    ImGui::OpenPopup("##palette");
    p.query[0] = 0;
    p.selected = 0;
    // What was typed in the frame that opened it ("#12" right after Ctrl+K, or while a slow
    // frame drew) has no text field to go to: ImGui would drop it at the end of this frame.
    // It starts the query instead.
    std::string typed;
    for (ImWchar c : io.InputQueueCharacters) {
      char utf8[5];
      typed += ImTextCharToUtf8(utf8, c);  // NUL-terminated
    }
    io.InputQueueCharacters.resize(0);
    std::snprintf(p.query, sizeof p.query, "%s", typed.c_str());
    p.cursor_to_end = !typed.empty();
  }
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, px(90)), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(px(560), px(420)));
  if (!ImGui::BeginPopupModal("##palette", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) return;
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  // Focusing a field selects its text: a query typed before the field took the keyboard would be
  // replaced by the next key. The cursor goes after it instead.
  auto after_typed = [](ImGuiInputTextCallbackData* data) {
    bool& to_end = *static_cast<bool*>(data->UserData);
    if (to_end) {  // called while the field is active only
      data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
      to_end = false;
    }
    return 0;
  };
  if (ImGui::InputTextWithHint("##palette-query", tr("Search…"), p.query, sizeof p.query,
                               ImGuiInputTextFlags_CallbackAlways, after_typed, &p.cursor_to_end))
    p.selected = 0;
  // Searched again when the query or the state changes, not each frame (a rare word scans every
  // ticket of a large workspace).
  std::vector<Hit> hits =
      labelled(host, p.hits.get(host.state(), std::string(p.query),
                                [](const State& st, const std::string& q) { return search_records(st, q); }));
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
