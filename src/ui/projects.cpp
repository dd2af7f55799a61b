// Configuration → Projects (seeds 001, 002, 004): projects with their customer, whether time is
// logged and billed on them and their Sales Order Item; each project's tasks with their customer,
// Sales Order Item, linked tickets and the hours logged on them (tickets' hours included).
#include <cstdio>

#include "core/names.h"
#include "core/op_refs.h"
#include "core/search.h"
#include "core/task_hours.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

namespace {
void load_project(const State& s, ProjectsForm& f, uint32_t p) {
  const Project& r = s.projects.rows[p];
  f.project = p;
  std::snprintf(f.name, sizeof f.name, "%s", std::string(s.str(r.name)).c_str());
  f.partner = r.partner;
  f.sale_line = r.sale_line;
  f.timesheets = r.allow_timesheets;
  f.billable = r.allow_billable;
  f.task = kNone;
}

void load_task(const State& s, ProjectsForm& f, uint32_t t) {
  const Task& r = s.tasks.rows[t];
  f.task = t;
  std::snprintf(f.task_name, sizeof f.task_name, "%s", std::string(s.str(r.name)).c_str());
  f.task_partner = r.partner;
  f.task_sale_line = r.sale_line;
}

}  // namespace

void open_project(const State& s, UiState& ui, uint32_t project) { load_project(s, ui.projects, project); }
void open_task(const State& s, UiState& ui, uint32_t task) {
  load_project(s, ui.projects, s.tasks.rows[task].project);
  load_task(s, ui.projects, task);
}

namespace {

void draw_project_form(Host& host, UiState& ui) {
  const State& s = host.state();
  ProjectsForm& f = ui.projects;
  const Project& p = s.projects.rows[f.project];
  ImGui::Separator();
  ImGui::PushFont(bold_font());
  ImGui::Text("%s: %s", tr("Project"), std::string(s.str(p.name)).c_str());
  ImGui::PopFont();
  ImGui::SetNextItemWidth(px(300));
  ImGui::InputText((std::string(tr("Name")) + "##pr-name").c_str(), f.name, sizeof f.name);
  pick((std::string(tr("Customer")) + "##pr-partner").c_str(), partner_choices(s), f.partner, "—", px(300));
  ImGui::Checkbox((std::string(tr("Timesheets")) + "##pr-ts").c_str(), &f.timesheets);
  ImGui::SameLine();
  ImGui::Checkbox((std::string(tr("Billable")) + "##pr-billable").c_str(), &f.billable);
  if (f.billable)
    pick((std::string(tr("Sales Order Item")) + "##pr-sol").c_str(), sale_line_choices(s, f.partner, f.sale_line),
         f.sale_line, tr("Non-billable"), px(420));
  if (action_button(host, std::string(tr("Save")) + "##save-project", "project.update")) {
    nlohmann::json op = {{"kind", "project.update"}, {"id", id_of(s, s.projects, f.project)}};
    if (std::string(f.name) != std::string(s.str(p.name))) op["name"] = f.name;
    if (f.partner != p.partner) op["partner"] = ref_json(s, s.partners, f.partner);
    if (f.timesheets != p.allow_timesheets) op["allow_timesheets"] = f.timesheets;
    if (f.billable != p.allow_billable) op["allow_billable"] = f.billable;
    if (f.sale_line != p.sale_line) op["sale_line"] = ref_json(s, s.lines, f.sale_line);
    if (op.size() == 2)
      show_notice(host, ui, tr("Nothing changed"));
    else
      run_op(host, ui, op, "Project saved");
  }
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Close")) + "##close-project").c_str())) f.project = kNone;
}

void draw_tasks(Host& host, UiState& ui) {
  const State& s = host.state();
  ProjectsForm& f = ui.projects;
  if (f.hours_version != s.applied) {
    f.hours = hours_by_task(s);
    f.hours_version = s.applied;
  }
  ImGui::Spacing();
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(tr("Tasks"));
  ImGui::PopFont();
  if (ImGui::BeginTable("##tasks", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
    for (const char* h : {"Task", "Customer", "Sales Order Item", "Hours Spent"}) ImGui::TableSetupColumn(tr(h));
    ImGui::TableHeadersRow();
    for (uint32_t t = 0; t < s.tasks.size(); ++t) {
      const Task& r = s.tasks.rows[t];
      if (r.project != f.project) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (cell_selectable((std::string(s.str(r.name)) + "##task-" + id_of(s, s.tasks, t)).c_str(), f.task == t,
                          ImGuiSelectableFlags_SpanAllColumns))
        load_task(s, f, t);
      ImGui::TableNextColumn();
      cell_text(partner_display(s, r.partner));
      ImGui::TableNextColumn();
      cell_text(r.sale_line == kNone ? "" : line_display_name(s, r.sale_line));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(hours_hhmm(t < f.hours.size() ? f.hours[t] : 0).c_str());
    }
    ImGui::EndTable();
  }
  if (f.task != kNone && f.task < s.tasks.size()) {
    const Task& r = s.tasks.rows[f.task];
    ImGui::SetNextItemWidth(px(300));
    ImGui::InputText((std::string(tr("Task")) + "##tk-name").c_str(), f.task_name, sizeof f.task_name);
    pick((std::string(tr("Customer")) + "##tk-partner").c_str(), partner_choices(s), f.task_partner, "—", px(300));
    pick((std::string(tr("Sales Order Item")) + "##tk-sol").c_str(),
         sale_line_choices(s, f.task_partner, f.task_sale_line), f.task_sale_line, tr("Non-billable"), px(420));
    if (action_button(host, std::string(tr("Save")) + "##save-task", "task.update")) {
      nlohmann::json op = {{"kind", "task.update"}, {"id", id_of(s, s.tasks, f.task)}};
      if (std::string(f.task_name) != std::string(s.str(r.name))) op["name"] = f.task_name;
      if (f.task_partner != r.partner) op["partner"] = ref_json(s, s.partners, f.task_partner);
      if (f.task_sale_line != r.sale_line) op["sale_line"] = ref_json(s, s.lines, f.task_sale_line);
      if (op.size() == 2)
        show_notice(host, ui, tr("Nothing changed"));
      else
        run_op(host, ui, op, "Task saved");
    }
    // The tickets linked to it: their hours count on the task.
    for (uint32_t k : tickets_of_task(s, f.task)) {
      if (ImGui::SmallButton((std::string(tr("Ticket")) + ": " + shown_ticket_name(host, k) + "##task-ticket-" +
                              id_of(s, s.tickets, k))
                                 .c_str()))
        navigate(ui, Screen::Ticket, id_of(s, s.tickets, k));
    }
  }
  text_field("##new-task-name", f.new_task, sizeof f.new_task, tr("New task"), px(240), true);
  bool add = row_action(host, "Add a task", "##add-task", "task.create");
  if (add) {
    const Project& p = s.projects.rows[f.project];
    nlohmann::json op = {{"kind", "task.create"},
                         {"id", host.new_id()},
                         {"project", id_of(s, s.projects, f.project)},
                         {"name", f.new_task}};
    if (p.partner != kNone) op["partner"] = id_of(s, s.partners, p.partner);
    if (run_op(host, ui, op, "Task created")) f.new_task[0] = 0;
  }
}
}  // namespace

void projects_tab(Host& host, UiState& ui) {
  const State& s = host.state();
  ProjectsForm& f = ui.projects;
  if (s.projects.size() == 0)
    empty_hint(
        tr("No projects yet. A team with Time Billing gets one; a project of your own can hold tasks that "
           "products create when their order is confirmed."));
  if (ImGui::BeginTable("##projects", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
    for (const char* h : {"Name", "Customer", "Timesheets", "Billable", "Sales Order Item"})
      ImGui::TableSetupColumn(tr(h));
    ImGui::TableHeadersRow();
    for (uint32_t p = 0; p < s.projects.size(); ++p) {
      const Project& r = s.projects.rows[p];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (cell_selectable((std::string(s.str(r.name)) + "##project-" + id_of(s, s.projects, p)).c_str(), f.project == p,
                          ImGuiSelectableFlags_SpanAllColumns))
        load_project(s, f, p);
      ImGui::TableNextColumn();
      cell_text(partner_display(s, r.partner));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.allow_timesheets ? tr("Yes") : tr("No"));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.allow_billable ? tr("Yes") : tr("No"));
      ImGui::TableNextColumn();
      cell_text(r.sale_line == kNone ? "" : line_display_name(s, r.sale_line));
    }
    ImGui::EndTable();
  }
  if (f.project != kNone && f.project < s.projects.size()) {
    draw_project_form(host, ui);
    draw_tasks(host, ui);
  }
  ImGui::Separator();
  ImGui::TextDisabled("%s", tr("New project"));
  text_field("##new-project-name", f.new_name, sizeof f.new_name, tr("Name"), px(220), true);
  pick("##new-project-partner", partner_choices(s), f.new_partner, tr("None"), begin_field(tr("Customer"), px(220)));
  end_field();
  row_checkbox("Billable", "##new-project-billable", &f.new_billable);
  bool create = row_action(host, "Create", "##create-project", "project.create");
  if (create) {
    std::string id = host.new_id();
    nlohmann::json op = {{"kind", "project.create"},
                         {"id", id},
                         {"name", f.new_name},
                         {"allow_timesheets", true},
                         {"allow_billable", f.new_billable}};
    if (f.new_partner != kNone) op["partner"] = id_of(s, s.partners, f.new_partner);
    if (run_op(host, ui, op, "Project created")) {
      f.new_name[0] = 0;
      f.new_partner = kNone;
      uint32_t p = host.state().projects.find(host.state().text, id);
      if (p != kNone) load_project(host.state(), f, p);
    }
  }
}

}  // namespace deskbill::ui
