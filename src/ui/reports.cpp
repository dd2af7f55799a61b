// Reports: hours per customer / employee / month, billable vs non-billable, prepaid blocks
// with hours left, and delivered hours not yet invoiced — tables with simple bars.
#include <algorithm>
#include <cstdio>
#include <optional>

#include "core/dates.h"
#include "core/names.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

// The Timesheets list, filtered to the lines a report row adds up (core: timesheets_of_row).
void open_timesheets(UiState& ui, const TimesheetFilter& f) {
  TimesheetFilters& t = ui.timesheets;
  t.employee = f.employee;
  t.partner = f.partner;
  t.billable = static_cast<int>(f.billable);
  t.invoiced = static_cast<int>(f.invoiced);
  std::snprintf(t.period.start, sizeof t.period.start, "%s", format_day(f.period.start).c_str());
  std::snprintf(t.period.end, sizeof t.period.end, "%s", format_day(f.period.end).c_str());
  t.line.rec = kNone;  // a line opened before may not be one of these
  navigate(ui, Screen::Timesheets, "list");
}

// One row per name with its hours and a bar scaled to the largest. Names are made only for the
// rows on screen (a 1 M workspace has thousands of customers). A row's name opens the lines it
// adds up in the Timesheets list, when a filter there can list them (`lines_of`).
// `what`: the first column's header, what a row is (a customer, a month).
template <class HoursOf, class NameOf, class LinesOf>
void bar_table(UiState& ui, const char* id, const char* what, size_t count, HoursOf hours_of, NameOf name_of,
               LinesOf lines_of) {
  Qty max = 1;
  for (size_t i = 0; i < count; ++i) max = std::max(max, hours_of(i));
  ListLayout layout = list_layout(count);
  if (!ImGui::BeginTable(id, 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | layout.scroll, layout.size)) return;
  ImGui::TableSetupScrollFreeze(0, 1);  // a long list keeps its column names in view
  ImGui::TableSetupColumn(tr(what), ImGuiTableColumnFlags_WidthStretch, 1.f);
  ImGui::TableSetupColumn(tr("Hours Spent"), ImGuiTableColumnFlags_WidthFixed, px(90));
  ImGui::TableSetupColumn("##bar", ImGuiTableColumnFlags_WidthStretch, 2.f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(count));
  while (clip.Step())
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      Qty q = hours_of(static_cast<size_t>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      std::optional<TimesheetFilter> lines = lines_of(static_cast<size_t>(i));
      std::string name = name_of(static_cast<size_t>(i));
      if (!lines) {
        cell_text(name);
      } else {
        ImGui::PushID(i);
        if (cell_selectable(name.c_str())) open_timesheets(ui, *lines);
        ImGui::PopID();
      }
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

std::string partner_name(const State& s, uint32_t p) {
  return p == kNone ? "—" : std::string(s.str(s.partners.rows[p].name));
}
std::string employee_name(const State& s, uint32_t e) {
  return e == kNone ? "—" : std::string(s.str(s.employees.rows[e].name));
}
std::string month_name(uint32_t ym) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04u-%02u", ym / 100, ym % 100);
  return buf;
}

// The hour tables scan every timesheet (core/report_queries): built once per state version and
// table, not per frame.
void hours_tab(const State& s, UiState& ui, HoursBy by, const char* label, const char* id, const DayRange& period) {
  if (!ImGui::BeginTabItem(tr(label))) return;
  HoursQuery q{by, period};
  const std::vector<HoursRow>& rows = ui.report.hours.get(s, q, hours_by);
  const char* what = by == HoursBy::Customer ? "Customer" : by == HoursBy::Employee ? "Employee" : "Month";
  bar_table(
      ui, id, what, rows.size(), [&](size_t i) { return rows[i].hours; },
      [&](size_t i) {
        uint32_t key = rows[i].key;
        return by == HoursBy::Customer   ? partner_name(s, key)
               : by == HoursBy::Employee ? employee_name(s, key)
                                         : month_name(key);
      },
      [&](size_t i) { return timesheets_of_row(q, rows[i]); });
  ImGui::PushFont(bold_font());
  value_text("%s: %s", tr("Total"), hours_hhmm(hours_total(rows)).c_str());
  ImGui::PopFont();
  ImGui::EndTabItem();
}

void billable_tab(const State& s, UiState& ui, const DayRange& period) {
  if (!ImGui::BeginTabItem(tr("Billable vs non-billable"))) return;
  const BillableSplit& b =
      ui.report.split.get(s, period, [](const State& st, const DayRange& p) { return billable_split(st, p); });
  const Qty rows[] = {b.billable, b.non_billable, b.invoiced};
  const char* names[] = {tr("Billable"), tr("Non-billable"), tr("Invoiced (delivered timesheets)")};
  const SplitPart parts[] = {SplitPart::Billable, SplitPart::NonBillable, SplitPart::Invoiced};
  bar_table(
      ui, "##billable", "Timesheets", 3, [&](size_t i) { return rows[i]; },
      [&](size_t i) { return std::string(names[i]); },
      [&](size_t i) { return std::optional<TimesheetFilter>(timesheets_of_split(period, parts[i])); });
  ImGui::EndTabItem();
}

// A row's first two cells in the order-line reports: the line, which opens its order, and the
// order's customer.
void line_and_customer_cells(const State& s, UiState& ui, uint32_t l) {
  const OrderLine& line = s.lines.rows[l];
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(static_cast<int>(l));
  if (cell_selectable(line_display_name(s, l).c_str())) navigate(ui, Screen::Order, id_of(s, s.orders, line.order));
  ImGui::PopID();
  ImGui::TableNextColumn();
  cell_text(partner_name(s, s.orders.rows[line.order].partner));
}

}  // namespace

void draw_reports(Host& host, UiState& ui) {
  const State& s = host.state();
  title(tr("Reports"));
  if (s.timesheets.size() == 0)
    empty_hint(
        tr("No time logged yet. These reports add up the hours of the timesheets, and follow the prepaid "
           "blocks and the hours delivered but not yet invoiced on confirmed orders."));
  // The hours tabs add up the timesheets dated in this period (this month's hours per customer);
  // the prepaid blocks and what is left to invoice are as of now, whatever the period.
  DayRange period = period_fields("##rp", ui.report.period, true);
  if (!ImGui::BeginTabBar("##reports")) return;
  hours_tab(s, ui, HoursBy::Customer, "Hours per customer", "##per-customer", period);
  hours_tab(s, ui, HoursBy::Employee, "Hours per employee", "##per-employee", period);
  hours_tab(s, ui, HoursBy::Month, "Hours per month", "##per-month", period);
  billable_tab(s, ui, period);
  if (ImGui::BeginTabItem(tr("Prepaid blocks"))) {
    const std::vector<uint32_t>& blocks = ui.report.prepaid.get(s, prepaid_block_lines);
    ListLayout layout = list_layout(blocks.size());
    if (ImGui::BeginTable("##prepaid", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | layout.scroll,
                          layout.size)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      for (const char* h : {"Sales Order Item", "Customer", "Quantity", "Delivered", "Remaining hours on SO"})
        ImGui::TableSetupColumn(tr(h));
      ImGui::TableHeadersRow();
      ImGuiListClipper clip;  // a workspace's years of prepaid blocks: only the rows in view
      clip.Begin(static_cast<int>(blocks.size()));
      while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          uint32_t l = blocks[static_cast<size_t>(i)];
          Qty rem = remaining_hours(s, l);
          line_and_customer_cells(s, ui, l);
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(qty_text(s.lines.rows[l].qty).c_str());
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
    const std::vector<uint32_t>& to_invoice = ui.report.uninvoiced.get(s, delivered_not_invoiced_lines);
    ListLayout layout = list_layout(to_invoice.size());
    if (ImGui::BeginTable("##uninvoiced", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | layout.scroll,
                          layout.size)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      for (const char* h : {"Sales Order Item", "Customer", "To invoice", "Amount"}) ImGui::TableSetupColumn(tr(h));
      ImGui::TableHeadersRow();
      ImGuiListClipper clip;
      clip.Begin(static_cast<int>(to_invoice.size()));
      while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
          uint32_t l = to_invoice[static_cast<size_t>(i)];
          line_and_customer_cells(s, ui, l);
          ImGui::TableNextColumn();
          ImGui::TextUnformatted(qty_text(qty_to_invoice(s, l)).c_str());
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
