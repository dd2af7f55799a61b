// Reports: hours per customer / employee / month, billable vs non-billable, prepaid blocks
// with hours left, and delivered hours not yet invoiced — tables with simple bars.
#include <algorithm>
#include <map>

#include "core/names.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

void bar_table(const char* id, const std::vector<std::pair<std::string, Qty>>& rows) {
  Qty max = 1;
  for (auto& r : rows) max = std::max(max, r.second);
  if (!ImGui::BeginTable(id, 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY)) return;
  ImGui::TableSetupColumn(tr("Name"), ImGuiTableColumnFlags_WidthStretch, 1.f);
  ImGui::TableSetupColumn(tr("Hours Spent"), ImGuiTableColumnFlags_WidthFixed, px(90));
  ImGui::TableSetupColumn("##bar", ImGuiTableColumnFlags_WidthStretch, 2.f);
  ImGui::TableHeadersRow();
  for (auto& [name, q] : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(hours_hhmm(q).c_str());
    ImGui::TableNextColumn();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x *
              static_cast<float>(static_cast<double>(std::max<Qty>(q, 0)) / static_cast<double>(max));
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + ImGui::GetTextLineHeight()), colors::kAccent,
                                              px(2));
    ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
  }
  ImGui::EndTable();
}

template <class Key>
std::vector<std::pair<std::string, Qty>> sorted(const std::map<Key, Qty>& m, std::string (*name)(const State&, Key),
                                                const State& s) {
  std::vector<std::pair<std::string, Qty>> out;
  for (auto& [k, v] : m) out.push_back({name(s, k), v});
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second > b.second; });
  return out;
}

std::string partner_name(const State& s, uint32_t p) {
  return p == kNone ? "—" : std::string(s.str(s.partners.rows[p].name));
}
std::string employee_name(const State& s, uint32_t e) {
  return e == kNone ? "—" : std::string(s.str(s.employees.rows[e].name));
}
std::string month_name(const State&, int ym) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", ym / 100, ym % 100);
  return buf;
}

// The hour tables scan every timesheet: built once per state version and tab, not per frame.
std::vector<std::pair<std::string, Qty>> build_rows(const State& s, int tab) {
  if (tab == 0) {
    std::map<uint32_t, Qty> m;
    for (uint32_t t = 0; t < s.timesheets.size(); ++t)
      if (!s.timesheets.rows[t].deleted)
        m[commercial_partner(s, timesheet_partner(s, t))] += s.timesheets.rows[t].hours;
    return sorted<uint32_t>(m, partner_name, s);
  }
  if (tab == 1) {
    std::map<uint32_t, Qty> m;
    for (const Timesheet& t : s.timesheets.rows)
      if (!t.deleted) m[t.employee] += t.hours;
    return sorted<uint32_t>(m, employee_name, s);
  }
  if (tab == 2) {
    std::map<int, Qty> m;
    for (const Timesheet& t : s.timesheets.rows)
      if (!t.deleted) m[year_of(t.date) * 100 + month_of(t.date)] += t.hours;
    std::vector<std::pair<std::string, Qty>> rows;
    for (auto it = m.rbegin(); it != m.rend(); ++it) rows.push_back({month_name(s, it->first), it->second});
    return rows;
  }
  Qty billable = 0, non = 0, invoiced = 0;
  for (uint32_t t = 0; t < s.timesheets.size(); ++t) {
    const Timesheet& ts = s.timesheets.rows[t];
    if (ts.deleted) continue;
    (ts.sale_line == kNone ? non : billable) += ts.hours;
    if (timesheet_billed(s, t)) invoiced += ts.hours;
  }
  return {{tr("Billable"), billable}, {tr("Non-billable"), non}, {tr("Invoiced (delivered timesheets)"), invoiced}};
}

void hours_tab(const State& s, UiState& ui, int tab, const char* label, const char* id) {
  if (!ImGui::BeginTabItem(tr(label))) return;
  if (ui.report.version != s.applied || ui.report.tab != tab) {
    ui.report.rows = build_rows(s, tab);
    ui.report.version = s.applied;
    ui.report.tab = tab;
  }
  bar_table(id, ui.report.rows);
  ImGui::EndTabItem();
}

}  // namespace

void draw_reports(Host& host, UiState& ui) {
  const State& s = host.state();
  title(tr("Reports"));
  if (s.timesheets.size() == 0)
    empty_hint(
        tr("No time logged yet. These reports add up the hours of the timesheets, and follow the prepaid "
           "blocks and the hours delivered but not yet invoiced on confirmed orders."));
  if (!ImGui::BeginTabBar("##reports")) return;
  hours_tab(s, ui, 0, "Hours per customer", "##per-customer");
  hours_tab(s, ui, 1, "Hours per employee", "##per-employee");
  hours_tab(s, ui, 2, "Hours per month", "##per-month");
  hours_tab(s, ui, 3, "Billable vs non-billable", "##billable");
  if (ImGui::BeginTabItem(tr("Prepaid blocks"))) {
    if (ImGui::BeginTable("##prepaid", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY)) {
      for (const char* h : {"Sales Order Item", "Customer", "Quantity", "Delivered", "Remaining hours on SO"})
        ImGui::TableSetupColumn(tr(h));
      ImGui::TableHeadersRow();
      for (uint32_t l = 0; l < s.lines.size(); ++l) {
        const OrderLine& line = s.lines.rows[l];
        if (line.deleted || !remaining_hours_available(s, l) || s.orders.rows[line.order].state != OrderState::Sale)
          continue;
        Qty rem = remaining_hours(s, l);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(l));
        if (ImGui::Selectable(line_display_name(s, l).c_str()))
          navigate(ui, Screen::Order, id_of(s, s.orders, line.order));
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(partner_name(s, s.orders.rows[line.order].partner).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(qty_text(line.qty).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(qty_text(qty_delivered(s, l)).c_str());
        ImGui::TableNextColumn();
        text_colored(rem < 0 ? colors::kRed : colors::kGreen, hours_hhmm(rem).c_str());
      }
      ImGui::EndTable();
    }
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem(tr("Delivered, not invoiced"))) {
    if (ImGui::BeginTable("##uninvoiced", 4,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY)) {
      for (const char* h : {"Sales Order Item", "Customer", "To invoice", "Amount"}) ImGui::TableSetupColumn(tr(h));
      ImGui::TableHeadersRow();
      for (uint32_t l = 0; l < s.lines.size(); ++l) {
        const OrderLine& line = s.lines.rows[l];
        if (line.deleted || line.kind != LineKind::Product || !line_is_delivery_policy(s, line)) continue;
        Qty q = qty_to_invoice(s, l);
        if (qty_is_zero(q)) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(l));
        if (ImGui::Selectable(line_display_name(s, l).c_str()))
          navigate(ui, Screen::Order, id_of(s, s.orders, line.order));
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(partner_name(s, s.orders.rows[line.order].partner).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(qty_text(q).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money_text(untaxed_amount_to_invoice(s, l)).c_str());
      }
      ImGui::EndTable();
    }
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace deskbill::ui
