// The ticket form: its fields (each change saved at once as an op), the Timesheets tab with
// the invoiced-line locks, "remaining hours on SO" updated as hours are typed (R8, red below
// zero), the Sales Order button and a start/stop timer that becomes a timesheet line.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "core/names.h"
#include "core/record_walk.h"
#include "core/sale_line_defaults.h"
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

const char* kStages[] = {"New", "In Progress", "Solved", "Cancelled"};

void load(const State& s, TicketForm& f, uint32_t k, const std::string& id, Host& host) {
  const Ticket& t = s.tickets.rows[k];
  std::snprintf(f.title, sizeof f.title, "%s", std::string(s.str(t.title)).c_str());
  f.partner = t.partner;
  f.team = t.team;
  f.assignee = t.assignee;
  f.sale_line = t.sale_line;
  f.task = t.task;
  f.stage = static_cast<int>(t.stage);
  f.loaded = id;
  f.version = s.applied;
  if (!f.ts_date[0]) std::snprintf(f.ts_date, sizeof f.ts_date, "%s", format_day(host.today()).c_str());
  if (f.ts_employee == kNone && !host.me().empty()) f.ts_employee = s.employees.find(s.text, host.me());
  if (f.ts_employee == kNone) f.ts_employee = t.assignee;
}

void reset_line(TicketForm& f, Host& host) {
  f.editing_ts.clear();
  f.ts_desc[0] = 0;
  f.ts_hours[0] = 0;
  f.ts_billable = true;
  f.ts_sale_line = kNone;
  std::snprintf(f.ts_date, sizeof f.ts_date, "%s", format_day(host.today()).c_str());
}

void update(Host& host, UiState& ui, const std::string& id, nlohmann::json fields) {
  fields["kind"] = "ticket.update";
  fields["id"] = id;
  run_op(host, ui, fields, "Ticket saved");  // fields save as they change: say so
}

void draw_fields(Host& host, UiState& ui, bool is_new) {
  const State& s = host.state();
  TicketForm& f = ui.ticket;
  const std::string& id = ui.route.id;
  ImGui::SetNextItemWidth(px(420));
  // New Ticket, from its pipeline or Ctrl+K: the title is typed first.
  focus_next_field(f.focus_title);
  bool title_done = ImGui::InputText(tr("Title"), f.title, sizeof f.title, ImGuiInputTextFlags_EnterReturnsTrue);
  after_focused_field(host, ui, f.focus_title);
  if (!is_new && (title_done || ImGui::IsItemDeactivatedAfterEdit()) &&
      std::string(f.title) != s.str(s.tickets.rows[s.tickets.find(s.text, id)].title))
    update(host, ui, id, {{"title", f.title}});
  if (pick(tr("Customer"), partner_choices(s), f.partner, "—") && !is_new)
    update(host, ui, id, {{"partner", id_of(s, s.partners, f.partner)}});
  if (pick(tr("Team"), team_choices(s), f.team) && !is_new) update(host, ui, id, {{"team", id_of(s, s.teams, f.team)}});
  ImGui::SetNextItemWidth(px(280));
  int stage = f.stage;
  label_next_combo(tr("Stage"));
  if (ImGui::BeginCombo(tr("Stage"), tr(kStages[stage]))) {
    for (int i = 0; i < kStageCount; ++i)
      if (ImGui::Selectable(tr(kStages[i]), i == stage)) f.stage = i;
    ImGui::EndCombo();
  }
  if (f.stage != stage && !is_new) update(host, ui, id, {{"stage", to_string(static_cast<Stage>(f.stage))}});
  if (pick(tr("Assigned to"), employee_choices(s), f.assignee, "—") && !is_new)
    update(host, ui, id,
           {{"assignee",
             f.assignee == kNone ? nlohmann::json(nullptr) : nlohmann::json(id_of(s, s.employees, f.assignee))}});
  bool billing = f.team != kNone && s.teams.rows[f.team].use_billing;
  if (billing && is_new) {
    // Before Create the form shows the line R10 will choose, as the customer and team are picked.
    if (!f.sale_line_chosen) f.sale_line = new_ticket_default_sale_line(s, f.team, f.partner, f.task);
    if (pick(tr("Sales Order Item"), sale_line_choices(s, f.partner, f.sale_line), f.sale_line, tr("Non-billable"),
             px(420)))
      f.sale_line_chosen = true;
  } else if (billing) {
    // Only a change is sent: the item kept from before (not offered now) chosen again sends nothing.
    const uint32_t before = f.sale_line;
    if (pick(tr("Sales Order Item"), sale_line_choices(s, f.partner, f.sale_line), f.sale_line, tr("Non-billable"),
             px(420)) &&
        f.sale_line != before)
      update(host, ui, id,
             {{"sale_line",
               f.sale_line == kNone ? nlohmann::json(nullptr) : nlohmann::json(id_of(s, s.lines, f.sale_line))}});
  }
  if (pick(tr("Task"), task_choices(s, f.partner), f.task, "—") && !is_new)
    update(host, ui, id,
           {{"task", f.task == kNone ? nlohmann::json(nullptr) : nlohmann::json(id_of(s, s.tasks, f.task))}});
}

// "Remaining hours on SO" with the line being typed taken into account (R8 live adjustment).
void draw_remaining(const State& s, const TicketForm& f, uint32_t k) {
  uint32_t sol = s.tickets.rows[k].sale_line;
  if (sol == kNone || !remaining_hours_available(s, sol)) return;
  Qty rem = remaining_hours(s, sol);
  Qty typed = 0;
  if (parse_hours(f.ts_hours, typed)) {
    uint32_t ts = f.editing_ts.empty() ? kNone : s.find(s.timesheets, f.editing_ts);
    uint32_t target = !f.ts_billable ? kNone : f.ts_sale_line == kNone ? sol : f.ts_sale_line;
    rem = remaining_hours_preview(s, sol, ts, target, typed);
  }
  ImGui::PushFont(bold_font());
  std::string text = std::string(tr("Remaining hours on SO")) + ": " + hours_hhmm(rem);
  text_colored(rem < 0 ? colors::kRed : colors::kGreen, text.c_str());
  ImGui::PopFont();
  if (over_prepaid(s, sol)) {
    ImGui::SameLine();
    badge(tr("Over the prepaid hours"), colors::kRed);
  }
}

void submit_line(Host& host, UiState& ui, uint32_t k) {
  const State& s = host.state();
  TicketForm& f = ui.ticket;
  Qty hours = 0;
  if (!parse_hours(f.ts_hours, hours)) {
    refuse_typed_hours(host, ui);
    return;
  }
  nlohmann::json op = {{"date", f.ts_date},
                       {"hours", format_qty(hours, 6)},
                       {"description", f.ts_desc},
                       {"employee", id_of(s, s.employees, f.ts_employee)}};
  // The Billable box and the line picker are shown on a team with Time Billing only; elsewhere
  // the fold makes every line non-billable (R12) and the form sends no line.
  const Ticket& ticket = s.tickets.rows[k];
  bool billing = ticket.team != kNone && s.teams.rows[ticket.team].use_billing;
  if (billing && !f.ts_billable)
    op["sale_line"] = nullptr;
  else if (billing && f.ts_sale_line != kNone && f.ts_sale_line != ticket.sale_line)
    op["sale_line"] = id_of(s, s.lines, f.ts_sale_line);
  if (f.ts_employee == kNone) op.erase("employee");
  if (f.editing_ts.empty()) {
    op["kind"] = "timesheet.log";
    op["id"] = host.new_id();
    op["ticket"] = ui.route.id;
  } else {
    op["kind"] = "timesheet.update";
    op["id"] = f.editing_ts;
    const Timesheet& t = s.timesheets.rows[s.find(s.timesheets, f.editing_ts)];
    // only what changed, so an invoiced line can still get a new description
    if (format_day(t.date) == f.ts_date) op.erase("date");
    if (t.hours == hours) op.erase("hours");
    if (t.employee == f.ts_employee) op.erase("employee");
    // The line as well: the form shows the line the entry has, which an invoiced entry keeps when
    // its ticket moves to another (R13). Sending it back would be refused (T1) or would mark an
    // unbilled entry's line as chosen by hand (R9). The picker shows the entry's line, or the
    // ticket's when the entry had none.
    uint32_t shown = f.ts_sale_line == kNone ? ticket.sale_line : f.ts_sale_line;
    uint32_t wanted = !billing ? t.sale_line : !f.ts_billable ? kNone : shown;
    if (wanted == t.sale_line)
      op.erase("sale_line");
    else
      op["sale_line"] = wanted == kNone ? nlohmann::json(nullptr) : nlohmann::json(id_of(s, s.lines, wanted));
  }
  if (run_op(host, ui, op, f.editing_ts.empty() ? "Timesheet saved" : "Timesheet updated")) reset_line(f, host);
}

void draw_timesheets_tab(Host& host, UiState& ui, uint32_t k) {
  const State& s = host.state();
  TicketForm& f = ui.ticket;
  const Ticket& t = s.tickets.rows[k];
  // The ticket's lines in their order: the table draws only the rows in view.
  std::vector<uint32_t> lines;
  for (uint32_t ts = t.ts_head; ts != kNone; ts = s.timesheets.rows[ts].tk_next) lines.push_back(ts);
  // The rows fill the window down to the add row; a line more than that scrolls. Until the first
  // frame has measured what follows, about four rows of fields are kept for it.
  float below = f.below_table > 0 ? f.below_table : px(160);
  ListLayout layout = list_layout(lines.size(), true, std::max(ImGui::GetContentRegionAvail().y - below, px(120)));
  float table_end = ImGui::GetCursorPosY();  // where the table ends (its top, if it is not drawn)
  // A start shows the workspace for a moment before its timesheets are read (Host::opening):
  // no lines and a total of 0 would be wrong.
  if (host.opening()) {
    text_colored(colors::kGrey, tr("The timesheets are being read…"));
    table_end = ImGui::GetCursorPosY();
  } else if (ImGui::BeginTable(
                 "##ts", 7,
                 ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp | layout.scroll,
                 layout.size)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    fixed_column(tr("Date"), "0000-00-00");
    ImGui::TableSetupColumn(tr("Employee"), 0, 1.2f);
    ImGui::TableSetupColumn(tr("Description"), 0, 2.0f);
    ImGui::TableSetupColumn(tr("Hours Spent"), 0, 0.7f);
    ImGui::TableSetupColumn(tr("Sales Order Item"), 0, 1.6f);
    ImGui::TableSetupColumn(tr("Status"), 0, 0.9f);
    // Wide enough for its two buttons in any language and font size.
    ImGui::TableSetupColumn(
        "##actions", ImGuiTableColumnFlags_WidthFixed,
        button_width(tr("Edit")) + button_width(tr("Delete")) + ImGui::GetStyle().ItemSpacing.x * 2);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(lines.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        uint32_t ts = lines[static_cast<size_t>(i)];
        const Timesheet& r = s.timesheets.rows[ts];
        ImGui::PushID(static_cast<int>(ts));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_day(r.date).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.employee == kNone ? ""
                                                   : std::string(s.str(s.employees.rows[r.employee].name)).c_str());
        ImGui::TableNextColumn();
        cell_text(std::string(s.str(r.description)));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(hours_hhmm(r.hours).c_str());
        ImGui::TableNextColumn();
        cell_text(r.sale_line == kNone ? tr("Non-billable") : line_display_name(s, r.sale_line));
        ImGui::TableNextColumn();
        if (timesheet_billed(s, ts)) badge(tr("Invoiced"), colors::kGreen);
        ImGui::TableNextColumn();
        bool locked = timesheet_locked(s, ts);
        if (ImGui::SmallButton(tr("Edit"))) {
          f.editing_ts = id_of(s, s.timesheets, ts);
          std::snprintf(f.ts_date, sizeof f.ts_date, "%s", format_day(r.date).c_str());
          std::snprintf(f.ts_desc, sizeof f.ts_desc, "%s", std::string(s.str(r.description)).c_str());
          std::snprintf(f.ts_hours, sizeof f.ts_hours, "%s", hours_hhmm(r.hours).c_str());
          f.ts_employee = r.employee;
          f.ts_billable = r.sale_line != kNone;
          f.ts_sale_line = r.sale_line;
        }
        if (locked && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Invoiced: only the description can change."));
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("Delete")))
          run_op(host, ui, {{"kind", "timesheet.delete"}, {"id", id_of(s, s.timesheets, ts)}}, "Timesheet deleted");
        ImGui::PopID();
      }
    ImGui::EndTable();
    table_end = ImGui::GetCursorPosY();
    value_text("%s: %s", tr("Total"), hours_hhmm(ticket_hours_spent(s, k)).c_str());
  }
  // The add / edit row.
  ImGui::Spacing();
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(f.editing_ts.empty() ? tr("Add a line") : tr("Edit"));
  ImGui::PopFont();
  line_fields(s, "ts", f.ts_date, sizeof f.ts_date, f.ts_employee, f.ts_desc, sizeof f.ts_desc);
  // "0:00" is the format's example, not the field's name.
  ImGui::SetNextItemWidth(begin_field(tr("Hours"), px(80)));
  bool enter = ImGui::InputTextWithHint("##ts-hours", "0:00", f.ts_hours, sizeof f.ts_hours,
                                        ImGuiInputTextFlags_EnterReturnsTrue);
  end_field();
  bool billing = t.team != kNone && s.teams.rows[t.team].use_billing;
  if (billing) row_checkbox("Billable", "", &f.ts_billable);
  if (billing && f.ts_billable) {
    uint32_t shown = f.ts_sale_line == kNone ? t.sale_line : f.ts_sale_line;
    if (pick("##ts-sol", sale_line_choices(s, t.partner, shown), shown, tr("Non-billable"),
             begin_field(tr("Sales Order Item"), px(240))))
      f.ts_sale_line = shown;
    end_field();
  }
  const std::string submit =
      f.editing_ts.empty() ? std::string(tr("Add a line")) + "##add-line" : std::string(tr("Save")) + "##save-line";
  float buttons = button_width(submit.c_str());
  if (!f.editing_ts.empty()) buttons += ImGui::GetStyle().ItemSpacing.x + button_width(tr("Cancel"));
  begin_field("", buttons);
  if (ImGui::Button(submit.c_str()) || enter) submit_line(host, ui, k);
  if (!f.editing_ts.empty()) {
    ImGui::SameLine();
    if (ImGui::Button(tr("Cancel")) || ImGui::IsKeyPressed(ImGuiKey_Escape)) reset_line(f, host);
  }
  end_field();
  draw_remaining(s, f, k);
  f.below_table = ImGui::GetCursorPosY() - table_end;
}

// Start here, or stop the timer running here. A timer running on another ticket is never
// discarded by opening this one: it is shown (and stopped) from the side bar on every screen.
void draw_timer(Host& host, UiState& ui, uint32_t k) {
  const std::optional<RunningTimer>& running = host.timer();
  if (running && running->ticket == ui.route.id) {
    draw_stop_timer(host, ui, "stop-timer");
    return;
  }
  ImGui::BeginDisabled(running.has_value() || host.read_only());
  bool start = ImGui::Button((std::string(tr("Start timer")) + "##start-timer").c_str());
  ImGui::EndDisabled();
  if (running && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", tr("A timer is already running: stop it from the side bar first."));
  if (start) start_timer_on(host, ui, k);
}

}  // namespace

void start_timer_on(Host& host, UiState& ui, uint32_t k) {
  const State& s = host.state();
  if (host.timer() || host.read_only()) return;
  TicketForm& f = ui.ticket;
  // The employee of the Timesheets tab's new line (this device's user by default), else the
  // ticket's assignee.
  uint32_t who = f.ts_employee != kNone ? f.ts_employee : s.tickets.rows[k].assignee;
  if (who == kNone) {
    ui.error = tr("Choose who you are (Settings, This is me) or an employee in the Timesheets tab first.");
    host.announce(ui.error);
    return;
  }
  if (host.start_timer(RunningTimer{id_of(s, s.tickets, k), id_of(s, s.employees, who), f.ts_desc,
                                    static_cast<int64_t>(host.now_ms()), host.today()}))
    show_notice(host, ui, tr("Timer started"));
}

// The Sales Order smart button's id: the form draws the action so named in its header.
constexpr const char* kSalesOrderButton = "##so-button";

std::vector<RecordAction> ticket_actions(const Host& host, uint32_t k) {
  const State& s = host.state();
  const Ticket& t = s.tickets.rows[k];
  std::vector<RecordAction> out;
  if (t.sale_line != kNone) {
    std::string order = id_of(s, s.orders, s.lines.rows[t.sale_line].order);
    out.push_back({std::string(tr("Sales Order")) + " " + order_name(s, s.lines.rows[t.sale_line].order),
                   kSalesOrderButton, nullptr, [order](Host&, UiState& u) { navigate(u, Screen::Order, order); }});
  }
  std::string id = id_of(s, s.tickets, k);
  for (int st = 0; st < kStageCount; ++st) {
    if (st == static_cast<int>(t.stage)) continue;
    std::string stage = to_string(static_cast<Stage>(st));
    out.push_back({std::string(tr("Stage")) + ": " + tr(kStages[st]), "##stage-" + stage, "ticket.update",
                   [id, stage](Host& h, UiState& u) {
                     update(h, u, id, {{"stage", stage}});
                   }});
  }
  return out;
}

void draw_ticket_form(Host& host, UiState& ui) {
  const State& s = host.state();
  TicketForm& f = ui.ticket;
  bool is_new = ui.route.id == "new";
  uint32_t k = is_new ? kNone : s.tickets.find(s.text, ui.route.id);
  if (!is_new && k == kNone) {
    ImGui::TextUnformatted(tr("This ticket does not exist."));
    return;
  }
  if (!is_new && (f.loaded != ui.route.id || f.version != s.applied)) {
    if (f.loaded != ui.route.id) {
      f = TicketForm{};
    }
    load(s, f, k, ui.route.id, host);
  }
  uint32_t team = is_new ? f.team : s.tickets.rows[k].team;
  if (team != kNone) {
    if (ImGui::SmallButton((std::string(s.str(s.teams.rows[team].name)) + "##crumb").c_str()))
      navigate(ui, Screen::Pipeline, id_of(s, s.teams, team));
    ImGui::SameLine();
    ImGui::TextDisabled("/");
    ImGui::SameLine();
  }
  title(is_new ? tr("New") : shown_ticket_name(host, k).c_str());
  if (!is_new) {
    // Right-aligned from their measured widths, so no language or font size makes them overlap.
    float spacing = ImGui::GetStyle().ItemSpacing.x;
    float timer_w =
        std::max(button_width(tr("Start timer")), button_width((std::string(tr("Stop timer")) + "  00:00:00").c_str()));
    float timer_x = ImGui::GetContentRegionMax().x - timer_w;
    // The Sales Order smart button: the first of the ticket's actions, when it has a line.
    std::vector<RecordAction> actions = ticket_actions(host, k);
    auto so_action = std::find_if(actions.begin(), actions.end(),
                                  [](const RecordAction& a) { return a.widget == kSalesOrderButton; });
    if (so_action != actions.end()) {
      std::string so = so_action->label + so_action->widget;
      ImGui::SameLine(timer_x - spacing - button_width(so.c_str()));
      if (ImGui::Button(so.c_str())) so_action->run(host, ui);
    }
    ImGui::SameLine(timer_x);
    draw_timer(host, ui, k);
  }
  ImGui::Separator();
  draw_fields(host, ui, is_new);
  if (is_new) {
    if (action_button(host, std::string(tr("Create")) + "##create-ticket", "ticket.create")) {
      nlohmann::json op = {{"kind", "ticket.create"},
                           {"id", host.new_id()},
                           {"title", f.title},
                           {"team", id_of(s, s.teams, f.team)},
                           {"date", format_day(host.today())},
                           {"stage", to_string(static_cast<Stage>(f.stage))}};
      if (f.partner != kNone) op["partner"] = id_of(s, s.partners, f.partner);
      if (f.assignee != kNone) op["assignee"] = id_of(s, s.employees, f.assignee);
      // A line the user chose (Non-billable included) is sent; else the fold applies R10 itself.
      if (f.sale_line_chosen)
        op["sale_line"] =
            f.sale_line == kNone ? nlohmann::json(nullptr) : nlohmann::json(id_of(s, s.lines, f.sale_line));
      if (f.task != kNone) op["task"] = id_of(s, s.tasks, f.task);
      std::string id = op["id"];
      if (run_op(host, ui, op, "Ticket created")) {
        f = TicketForm{};
        navigate(ui, Screen::Ticket, id);
      }
    }
    return;
  }
  ImGui::Spacing();
  if (ImGui::BeginTabBar("##ticket-tabs")) {
    const Team* tm = team == kNone ? nullptr : &s.teams.rows[team];
    if (tm && tm->use_timesheets && ImGui::BeginTabItem(tr("Timesheets"))) {
      draw_timesheets_tab(host, ui, k);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace deskbill::ui
