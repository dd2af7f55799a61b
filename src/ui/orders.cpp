// Quotations and sales orders: a sortable list that stays smooth at any size.
#include <algorithm>
#include <cstring>

#include "core/names.h"
#include "core/tax_math.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

void draw_orders(Host& host, UiState& ui) {
  const State& s = host.state();
  title(tr("Quotations and orders"));
  if (action_button(host, std::string(tr("New quotation")) + "##new-quotation", "order.create")) {
    ui.order = OrderForm{};
    navigate(ui, Screen::Order, "new");
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(px(260));
  ImGui::InputTextWithHint("##order-filter", tr("Search…"), ui.list_filter, sizeof ui.list_filter);
  std::string filter = ui.list_filter;
  std::vector<uint32_t> rows;
  for (uint32_t o = s.orders.size(); o-- > 0;) {
    if (!filter.empty()) {
      std::string hay = order_name(s, o) + " " + std::string(s.str(s.partners.rows[s.orders.rows[o].partner].name));
      if (hay.find(filter) == std::string::npos) continue;
    }
    rows.push_back(o);
  }
  if (s.orders.size() == 0)
    empty_hint(
        tr("No quotations yet. New quotation starts one for a customer; once confirmed, its service lines "
           "are what tickets' hours are billed on."));
  ListLayout layout = list_layout(rows.size(), true);
  if (ImGui::BeginTable(
          "##orders", 6,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | layout.scroll | ImGuiTableFlags_SizingStretchProp,
          layout.size)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"Number", "Customer"}) ImGui::TableSetupColumn(tr(h));
    fixed_column(tr("Date"), "0000-00-00");
    for (const char* h : {"Status", "Invoice status", "Total"}) ImGui::TableSetupColumn(tr(h));
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(rows.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        uint32_t o = rows[i];
        const Order& ord = s.orders.rows[o];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(o));
        if (ImGui::Selectable(order_name(s, o).c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
          navigate(ui, Screen::Order, id_of(s, s.orders, o));
        ImGui::PopID();
        ImGui::TableNextColumn();
        cell_text(std::string(s.str(s.partners.rows[ord.partner].name)));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_day(ord.date_order).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ord.state == OrderState::Draft  ? tr("Quotation")
                               : ord.state == OrderState::Sale ? tr("Sales Order")
                                                               : tr("Cancelled"));
        ImGui::TableNextColumn();
        status_badge(order_status(s, o));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money_text(order_totals(s, o).total).c_str());
      }
    ImGui::EndTable();
  }
}

}  // namespace deskbill::ui
