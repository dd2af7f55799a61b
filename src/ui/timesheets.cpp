// All timesheet entries with filters (employee, customer, billable, invoiced, period), rebuilt
// only when the state or a filter changes, plus a week grid for one employee and a CSV export.
#include <algorithm>
#include <cstdio>

#include "core/billing.h"
#include "core/dates.h"
#include "core/names.h"
#include "core/numeric.h"
#include "core/op_args.h"
#include "core/op_refs.h"
#include "core/search.h"
#include "core/update_op.h"
#include "core/week_cell.h"
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

// "Globex, Bob Smith", as the ticket names its customer: a contact's own name alone ("Bob
// Smith") read like the employee beside it.
std::string customer_of(const State& s, uint32_t t) {
  uint32_t p = timesheet_partner(s, t);
  return p == kNone ? "" : partner_display(s, p);
}

// What time was logged on: a ticket (a link to it), else a task or a project, named as such.
// Inside a row's PushID: the ticket's title may repeat down the table.
void logged_on_cell(const Host& host, UiState& ui, uint32_t ticket, uint32_t task, uint32_t project) {
  const State& s = host.state();
  if (ticket != kNone) {
    std::string name = shown_ticket_name(host, ticket);
    if (cell_selectable(name.c_str())) navigate(ui, Screen::Ticket, id_of(s, s.tickets, ticket));
  } else if (task != kNone) {
    ImGui::TextDisabled("%s: %s", tr("Task"), std::string(s.str(s.tasks.rows[task].name)).c_str());
  } else if (project != kNone) {
    ImGui::TextDisabled("%s: %s", tr("Project"), std::string(s.str(s.projects.rows[project].name)).c_str());
  }
}

void open_line(const State& s, TimesheetLineForm& f, uint32_t t) {
  const Timesheet& ts = s.timesheets.rows[t];
  f.rec = t;
  std::snprintf(f.date, sizeof f.date, "%s", format_day(ts.date).c_str());
  std::snprintf(f.description, sizeof f.description, "%s", std::string(s.str(ts.description)).c_str());
  std::snprintf(f.hours, sizeof f.hours, "%s", hours_hhmm(ts.hours).c_str());
  f.employee = ts.employee;
  f.sale_line = ts.sale_line;
}

// The line opened from the list, under it: a line logged on a task or a project (the week grid,
// a peer) has no ticket form to be changed or deleted from. Only what changed is sent (an
// invoiced line's description can still be corrected; the fold refuses the rest, T1).
void draw_line_editor(Host& host, UiState& ui) {
  const State& s = host.state();
  TimesheetLineForm& f = ui.timesheets.line;
  if (f.rec == kNone || f.rec >= s.timesheets.size() || s.timesheets.rows[f.rec].deleted) {
    f.rec = kNone;
    return;
  }
  const Timesheet& ts = s.timesheets.rows[f.rec];
  ImGui::Separator();
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(tr("Edit"));
  ImGui::PopFont();
  ImGui::SameLine();
  logged_on_cell(host, ui, ts.ticket, ts.task, ts.project);
  if (timesheet_locked(s, f.rec)) ImGui::TextDisabled("%s", tr("Invoiced: only the description can change."));
  line_fields(s, "tl", f.date, sizeof f.date, f.employee, f.description, sizeof f.description);
  // The line's Sales Order Item, as a ticket's Timesheets tab chooses it: any confirmed line of
  // the customer's orders (R12). A line of a project that bills nothing has none to choose.
  // An invoiced line keeps its item (T1): shown, not offered.
  if (s.projects.rows[ts.project].allow_billable) {
    ImGui::BeginDisabled(timesheet_locked(s, f.rec));
    pick("##tl-sol", sale_line_choices(s, timesheet_partner(s, f.rec), f.sale_line), f.sale_line, tr("Non-billable"),
         begin_field(tr("Sales Order Item"), px(240)));
    end_field();
    ImGui::EndDisabled();
  }
  // Enter in the hours saves, as it adds the line in a ticket's Timesheets tab.
  ImGui::SetNextItemWidth(begin_field(tr("Hours"), px(80)));
  bool enter = ImGui::InputText("##tl-hours", f.hours, sizeof f.hours, ImGuiInputTextFlags_EnterReturnsTrue);
  end_field();
  std::string id = id_of(s, s.timesheets, f.rec);
  bool save = row_action(host, "Save", "##tl-save", "timesheet.update");
  if (save || (enter && host.may_send("timesheet.update"))) {
    Qty hours = 0;
    if (!parse_hours(f.hours, hours)) {
      refuse_typed_hours(host, ui);
    } else {
      UpdateOp u("timesheet.update", id);
      u.text("date", f.date, format_day(ts.date))
          .value("employee", ref_json(s, s.employees, f.employee), ref_json(s, s.employees, ts.employee))
          .text("description", f.description, s.str(ts.description))
          .value("hours", format_qty(hours, 6), format_qty(ts.hours, 6))
          .value("sale_line", ref_json(s, s.lines, f.sale_line), ref_json(s, s.lines, ts.sale_line));
      if (u.empty())
        show_notice(host, ui, tr("Nothing changed"));
      else if (run_op(host, ui, u.op(), "Timesheet updated"))
        open_line(host.state(), f, f.rec);
    }
  }
  if (row_action(host, "Delete", "##tl-delete", "timesheet.delete") &&
      run_op(host, ui, {{"kind", "timesheet.delete"}, {"id", id}}, "Timesheet deleted"))
    f.rec = kNone;
  // Close, on the fields' line as Save and Delete are (it sends nothing: no role to check).
  begin_field("", button_width(tr("Close")));
  if (ImGui::Button((std::string(tr("Close")) + "##tl-close").c_str())) f.rec = kNone;
  end_field();
}

void draw_list(Host& host, UiState& ui) {
  const State& s = host.state();
  TimesheetFilters& f = ui.timesheets;
  pick("##f-employee", employee_choices(s), f.employee, tr("Everyone"), begin_field(tr("Employee"), px(170), true));
  end_field();
  pick("##f-customer", partner_choices(s, true), f.partner, tr("Every customer"), begin_field(tr("Customer"), px(170)));
  end_field();
  ImGui::SetNextItemWidth(begin_field(tr("Billable"), px(130)));
  const char* billable[] = {tr("All"), tr("Billable"), tr("Non-billable")};
  label_next_combo("##f-billable");
  ImGui::Combo("##f-billable", &f.billable, billable, 3);
  end_field();
  ImGui::SetNextItemWidth(begin_field(tr("Invoiced"), px(130)));
  const char* invoiced[] = {tr("All"), tr("Invoiced"), tr("Not invoiced")};
  label_next_combo("##f-invoiced");
  ImGui::Combo("##f-invoiced", &f.invoiced, invoiced, 3);
  end_field();
  DayRange period = period_fields("##f", f.period);
  TimesheetFilter q;
  q.employee = f.employee;
  q.partner = f.partner;
  q.billable = static_cast<BilledFilter>(f.billable);
  q.invoiced = static_cast<BilledFilter>(f.invoiced);
  q.period = period;
  const TimesheetSelection& sel = f.list.get(s, q, select_timesheets);
  ImGui::AlignTextToFramePadding();  // level with the Export button beside it
  ImGui::Text("%s, %s %s", count_text(sel.rows.size(), "entry", "entries").c_str(), hours_hhmm(sel.total).c_str(),
              tr("hours"));
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Export CSV")) + "##ts-csv").c_str())) {
    std::string out = timesheets_csv(s, sel.rows, [&](uint32_t k) { return shown_ticket_name(host, k); });
    host.download("timesheets.csv", "text/csv", out);
  }
  // A report's row opens this list filtered: one click back to every line.
  if (!(q == TimesheetFilter{}) || f.period.start[0] || f.period.end[0]) {
    ImGui::SameLine();
    if (ImGui::Button((std::string(tr("Clear filters")) + "##ts-clear").c_str())) {
      f.employee = f.partner = kNone;
      f.billable = f.invoiced = 0;
      f.period = PeriodText{};
    }
  }
  if (s.timesheets.size() == 0)
    empty_hint(tr("No time logged yet. Open a ticket and add a line in its Timesheets tab, or start its timer."));
  ListLayout layout = list_layout(sel.rows.size());
  if (ImGui::BeginTable(
          "##all-ts", 8,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | layout.scroll | ImGuiTableFlags_SizingStretchProp,
          layout.size)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    fixed_column(tr("Date"), "0000-00-00");
    // Shares of the width set here, not taken from the first rows' text: a long title or product
    // name made its column take most of the row and cut "Diagnose" to "Diag…".
    ImGui::TableSetupColumn(tr("Employee"), 0, 1.0f);
    ImGui::TableSetupColumn(tr("Customer"), 0, 1.3f);
    ImGui::TableSetupColumn(tr("Ticket, task or project"), 0, 1.8f);
    ImGui::TableSetupColumn(tr("Description"), 0, 1.8f);
    // As wide as the most a line can hold (OpArgs::qty's bound), negative or not.
    fixed_column(tr("Hours Spent"), hours_hhmm(-kMaxQtyUnits * kQtyOne).c_str());
    ImGui::TableSetupColumn(tr("Sales Order Item"), 0, 1.6f);
    ImGui::TableSetupColumn("##edit", ImGuiTableColumnFlags_WidthFixed, button_width(tr("Edit")));
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(sel.rows.size()));
    while (clip.Step())
      for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
        uint32_t t = sel.rows[r];
        const Timesheet& ts = s.timesheets.rows[t];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_day(ts.date).c_str());
        ImGui::TableNextColumn();
        cell_text(ts.employee == kNone ? "" : std::string(s.str(s.employees.rows[ts.employee].name)));
        ImGui::TableNextColumn();
        cell_text(customer_of(s, t));
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(t));
        logged_on_cell(host, ui, ts.ticket, ts.task, ts.project);
        ImGui::PopID();
        ImGui::TableNextColumn();
        cell_text(std::string(s.str(ts.description)));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(hours_hhmm(ts.hours).c_str());
        ImGui::TableNextColumn();
        if (ts.sale_line == kNone)
          ImGui::TextDisabled("%s", tr("Non-billable"));
        else
          cell_text(line_display_name(s, ts.sale_line));
        ImGui::TableNextColumn();
        // "Edit##ts-edit-w1": tests find a line's button by the line's id.
        if (ImGui::SmallButton((std::string(tr("Edit")) + "##ts-edit-" + id_of(s, s.timesheets, t)).c_str()))
          open_line(s, f.line, t);
      }
    ImGui::EndTable();
  }
  draw_line_editor(host, ui);
}

bool same_cell(const WeekCell& a, const WeekCell& b) {
  return a.day == b.day && a.employee == b.employee && a.ticket == b.ticket && a.task == b.task &&
         a.project == b.project;
}

// Hours typed over a cell, sent as Odoo's grid sends them (core/week_cell.h). Empty is 0 h.
void send_cell(Host& host, UiState& ui, const WeekCell& cell, const char* text) {
  Qty typed = 0;
  if (text[0] && !parse_hours(text, typed)) {
    refuse_typed_hours(host, ui);
    return;
  }
  if (std::optional<nlohmann::json> op =
          week_cell_op(host.state(), cell, typed, host.new_id(), tr("Timesheet Adjustment")))
    run_op(host, ui, *op, "Timesheet saved");
}

// One day of a row: its hours, typed over in place. Enter, Tab or a click elsewhere sends them;
// Esc takes the typing back. The cell's field has no fill, only its border, so the grid reads as
// a table of hours.
void week_cell(Host& host, UiState& ui, const WeekCell& here, Qty hours, const char* label) {
  TimesheetFilters& f = ui.timesheets;
  bool editing = same_cell(f.grid_cell, here);
  char shown[16];
  std::snprintf(shown, sizeof shown, "%s", hours ? hours_hhmm(hours).c_str() : "");
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
  ImGui::InputText(label, editing ? f.grid_text : shown, sizeof shown, ImGuiInputTextFlags_AutoSelectAll);
  ImGui::PopStyleColor();
  if (ImGui::IsItemActivated()) {
    // A cell drawn above the one being left (Shift+Tab, a click) takes the keyboard before the
    // one left sees it was left: the one left is sent here.
    if (f.grid_cell.day != kNoDay && !same_cell(f.grid_cell, here)) send_cell(host, ui, f.grid_cell, f.grid_text);
    f.grid_cell = here;  // the text ImGui edits from now on is the cell's own copy
    std::snprintf(f.grid_text, sizeof f.grid_text, "%s", shown);
  } else if (same_cell(f.grid_cell, here) && !ImGui::IsItemActive()) {
    // Left: by Enter, Tab, a click, Ctrl+K's palette or another screen (ImGui does not report
    // every one of these as a deactivation). Esc puts back what the cell showed: nothing to send.
    if (!ImGui::IsKeyPressed(ImGuiKey_Escape)) send_cell(host, ui, here, f.grid_text);
    f.grid_cell = WeekCell{};
  }
}

void draw_week(Host& host, UiState& ui) {
  const State& s = host.state();
  TimesheetFilters& f = ui.timesheets;
  // The week of whoever uses this device (Settings → "me"), as the ticket form's new lines are.
  if (f.grid_employee == kNone && !host.me().empty()) f.grid_employee = s.employees.find(s.text, host.me());
  pick("##grid-employee", employee_choices(s), f.grid_employee, tr("Employee"), px(200));
  ImGui::SameLine();
  if (!f.grid_week[0]) std::snprintf(f.grid_week, sizeof f.grid_week, "%s", format_day(host.today()).c_str());
  ImGui::SetNextItemWidth(px(120));
  ImGui::InputText(tr("Week"), f.grid_week, sizeof f.grid_week);
  auto d = parse_day(f.grid_week);
  if (f.grid_employee == kNone) {
    empty_hint(s.employees.size() == 0 ? tr("No employees yet: add them in Configuration → Employees.")
                                       : tr("Choose an employee to see their hours of the week, day by day."));
    return;
  }
  if (!d) {
    empty_hint(tr("The week is given by one of its days, as YYYY-MM-DD."));
    return;
  }
  Day monday = *d - weekday_of(*d);
  ImGui::SameLine();
  if (ImGui::ArrowButton("##prev-week", ImGuiDir_Left))
    std::snprintf(f.grid_week, sizeof f.grid_week, "%s", format_day(monday - 7).c_str());
  ImGui::SameLine();
  if (ImGui::ArrowButton("##next-week", ImGuiDir_Right))
    std::snprintf(f.grid_week, sizeof f.grid_week, "%s", format_day(monday + 7).c_str());
  const WeekGrid& grid =
      f.week.get(s, std::make_pair(f.grid_employee, monday),
                 [](const State& st, const std::pair<uint32_t, Day>& a) { return week_grid(st, a.first, a.second); });
  // Rows added by "Add a line" stay for this employee and week, after the rows with time.
  if (f.grid_added_for != std::make_pair(f.grid_employee, monday)) {
    f.grid_added.clear();
    f.grid_added_for = {f.grid_employee, monday};
  }
  std::vector<WeekRow> rows = grid.rows;
  for (const LogSubject& added : f.grid_added)
    if (std::none_of(rows.begin(), rows.end(), [&added](const WeekRow& r) { return subject_of(r) == added; }))
      rows.push_back(WeekRow{added.ticket, added.task, added.project, {}, 0});
  if (ImGui::BeginTable("##week", 9, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
    // What the time was logged on gets three day columns' width: "Password reset loop (#291)".
    ImGui::TableSetupColumn(tr("Ticket, task or project"), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    static const char* days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (int k = 0; k < 7; ++k)
      ImGui::TableSetupColumn((std::string(tr(days[k])) + " " + format_day(monday + k).substr(5)).c_str(),
                              ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(tr("Total"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (size_t r = 0; r < rows.size(); ++r) {
      const WeekRow& row = rows[r];
      ImGui::TableNextRow();
      ImGui::PushID(static_cast<int>(r));
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();  // on the line of the day cells' text
      logged_on_cell(host, ui, row.ticket, row.task, row.project);
      for (int k = 0; k < 7; ++k) {
        ImGui::TableNextColumn();
        char label[32];  // "##cell-r0-d2": the first row's Wednesday (tests find a cell by it)
        std::snprintf(label, sizeof label, "##cell-r%zu-d%d", r, k);
        week_cell(host, ui, WeekCell{f.grid_employee, row.ticket, row.task, row.project, monday + k}, row.hours[k],
                  label);
      }
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(hours_hhmm(row.total).c_str());
      ImGui::PopID();
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(tr("Total"));
    for (int k = 0; k < 7; ++k) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(hours_hhmm(grid.per_day[k]).c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(hours_hhmm(grid.total).c_str());
    ImGui::EndTable();
  }
  // A ticket, task or project with no time this week yet gets a row of its own, to type its hours
  // in. The choices were made from this state (memoised by its version): the place still holds.
  if (pick("##grid-add", log_subject_choices(s), f.grid_add, tr("Add a line"), px(420)) && f.grid_add != kNone) {
    std::vector<LogSubject> subjects = subjects_to_log_on(s);
    if (f.grid_add < subjects.size()) f.grid_added.push_back(subjects[f.grid_add]);
    f.grid_add = kNone;
  }
}

}  // namespace

void draw_timesheets(Host& host, UiState& ui) {
  title(tr("Timesheets"));
  if (host.opening()) {  // a start shows the workspace a moment before its timesheets are read
    text_colored(colors::kGrey, tr("The timesheets are being read…"));
    return;
  }
  // The tabs are addressed by the route as Configuration's are: #/timesheets/week opens the week
  // grid (from the palette, a link or a reload); choosing a tab puts it in the route.
  static const char* keys[] = {"list", "week"};
  if (ImGui::BeginTabBar("##ts-views")) {
    for (int t = 0; t < 2; ++t) {
      TimesheetFilters& f = ui.timesheets;
      ImGuiTabItemFlags flags = ui.route.id == keys[t] && f.tab != t ? ImGuiTabItemFlags_SetSelected : 0;
      std::string label =
          t == 0 ? std::string(tr("All entries")) + "###all-entries" : std::string(tr("Week")) + "###week";
      if (!ImGui::BeginTabItem(label.c_str(), nullptr, flags)) continue;
      if (f.tab != t) {
        f.tab = t;
        ui.route.id = keys[t];
      }
      if (t == 0)
        draw_list(host, ui);
      else
        draw_week(host, ui);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace deskbill::ui
