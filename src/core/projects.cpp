// Handlers for projects, tasks and helpdesk teams (their Timesheets / Time Billing settings).
#include "core/billing.h"
#include "core/handlers.h"
#include "core/sale_line_defaults.h"
#include "core/text_limits.h"

namespace deskbill {

static uint32_t project_sale_line(const State& s, const OpArgs& a, uint32_t partner, uint32_t fallback) {
  if (!a.has("sale_line")) return fallback;
  uint32_t sol = a.ref("sale_line", s.lines, "sales order item", false);
  if (sol != kNone) check_sale_line_for(s, sol, partner);
  return sol;
}

void op_project_create(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.projects, "project");
  std::string name = a.text("name", true, kMaxName);
  Project p;
  p.partner = a.ref("partner", s.partners, "customer", false);
  p.allow_timesheets = a.flag("allow_timesheets", true);
  p.allow_billable = a.flag("allow_billable", false);
  p.sale_line = project_sale_line(s, a, p.partner, kNone);
  p.name = s.text.add(name);
  s.projects.add(s.text, id, p);
}

// R9 depends on the project's line and billable switch: every unbilled timesheet logged through
// the project (its teams' tickets, its tasks, the project itself) takes its default line again.
static void retarget_project(State& s, uint32_t project) {
  for (uint32_t k = 0; k < s.tickets.size(); ++k)
    if (s.tickets.rows[k].team != kNone && s.teams.rows[s.tickets.rows[k].team].project == project)
      retarget_ticket_timesheets(s, k);
  for (uint32_t t = 0; t < s.tasks.size(); ++t)
    if (s.tasks.rows[t].project == project) retarget_task_timesheets(s, t);
  retarget_project_timesheets(s, project);
}

void op_project_update(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.projects, "project");
  Project p = s.projects.rows[rec];
  std::string name = a.has("name") ? a.text("name", true, kMaxName) : "";
  if (a.has("partner")) p.partner = a.ref("partner", s.partners, "customer", false);
  p.allow_timesheets = a.flag("allow_timesheets", p.allow_timesheets);
  p.allow_billable = a.flag("allow_billable", p.allow_billable);
  p.sale_line = project_sale_line(s, a, p.partner, p.sale_line);
  for (const Team& t : s.teams.rows)
    if (t.project == rec && t.use_billing != p.allow_billable)
      refuse("team_project_billable",
             "A helpdesk team's project must be billable exactly when the team uses Time Billing.");
  if (a.has("name")) p.name = s.text.add(name);
  bool billing_changed =
      p.allow_billable != s.projects.rows[rec].allow_billable || p.sale_line != s.projects.rows[rec].sale_line;
  s.projects.rows[rec] = p;
  if (billing_changed) retarget_project(s, rec);  // R9/T32: non-billable clears unbilled lines
}

void op_task_create(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.tasks, "task");
  std::string name = a.text("name", true, kMaxName);
  Task t;
  t.project = a.ref("project", s.projects, "project", true);
  t.partner = a.ref("partner", s.partners, "customer", false);
  if (t.partner == kNone) t.partner = s.projects.rows[t.project].partner;
  if (a.has("sale_line")) {
    t.sale_line = a.ref("sale_line", s.lines, "sales order item", false);
    if (t.sale_line != kNone) check_sale_line_for(s, t.sale_line, t.partner);
  } else if (s.projects.rows[t.project].allow_billable) {
    // Tasks use the same search as tickets (S10): the customer's last prepaid line with hours left.
    const Project& pr = s.projects.rows[t.project];
    t.sale_line = pr.sale_line != kNone ? pr.sale_line : last_sale_line_of_customer(s, t.partner, t.project);
  }
  t.name = s.text.add(name);
  s.tasks.add(s.text, id, t);
}

void op_task_update(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.tasks, "task");
  Task t = s.tasks.rows[rec];
  std::string name = a.has("name") ? a.text("name", true, kMaxName) : "";
  if (a.has("partner")) t.partner = a.ref("partner", s.partners, "customer", false);
  if (a.has("sale_line")) {
    t.sale_line = a.ref("sale_line", s.lines, "sales order item", false);
    if (t.sale_line != kNone) check_sale_line_for(s, t.sale_line, t.partner);
  }
  if (a.has("name")) t.name = s.text.add(name);
  bool moved = t.sale_line != s.tasks.rows[rec].sale_line;
  s.tasks.rows[rec] = t;
  if (moved) retarget_task_timesheets(s, rec);  // R13
}

// Turning Time Billing on makes sure the default "Service on Timesheet" product exists.
static void ensure_timesheet_product(State& s) {
  for (const Product& p : s.products.rows)
    if (p.timesheet_default) return;
  Product p;
  p.name = s.text.add("Service on Timesheet");
  p.policy = ServicePolicy::Timesheet;
  p.uom = s.hours;
  p.price = 4000;  // Odoo's default list price for this product: 40.00
  p.timesheet_default = true;
  s.products.add(s.text, "service_on_timesheet", p);
}

void op_team_create(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.teams, "helpdesk team");
  std::string name = a.text("name", true, kMaxName);
  Team t;
  t.use_billing = a.flag("use_billing", false);
  t.use_timesheets = a.flag("use_timesheets", t.use_billing);
  if (t.use_billing && !t.use_timesheets)
    refuse("billing_needs_timesheets", "Time Billing needs Timesheets on the team.");
  t.project = a.ref("project", s.projects, "project", false);
  if (t.project != kNone) {
    const Project& p = s.projects.rows[t.project];
    if (!p.allow_timesheets) refuse("project_no_timesheets", "The team's project must allow timesheets.");
    if (p.allow_billable != t.use_billing)
      refuse("team_project_billable",
             "A helpdesk team's project must be billable exactly when the team uses Time Billing.");
  } else if (t.use_timesheets && s.projects.find(s.text, id + "/project") != kNone) {
    refuse("duplicate_id", "A project with id '" + id + "/project' already exists.");
  }
  // Commit.
  if (t.project == kNone && t.use_timesheets) {
    Project p;
    p.name = s.text.add(name);
    p.allow_timesheets = true;
    p.allow_billable = t.use_billing;
    t.project = s.projects.add(s.text, id + "/project", p);
  }
  if (t.use_billing) ensure_timesheet_product(s);
  t.name = s.text.add(name);
  s.teams.add(s.text, id, t);
}

void op_team_update(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.teams, "helpdesk team");
  Team t = s.teams.rows[rec];
  std::string id = a.id();
  std::string name = a.has("name") ? a.text("name", true, kMaxName) : "";
  t.use_timesheets = a.flag("use_timesheets", t.use_timesheets);
  t.use_billing = a.flag("use_billing", t.use_billing);
  if (!t.use_timesheets) t.use_billing = false;
  if (a.has("project")) {
    t.project = a.ref("project", s.projects, "project", false);
    if (t.project != kNone && !s.projects.rows[t.project].allow_timesheets)
      refuse("project_no_timesheets", "The team's project must allow timesheets.");
  }
  bool make_project = t.project == kNone && t.use_timesheets;
  if (make_project && s.projects.find(s.text, id + "/project") != kNone) {
    t.project = s.projects.find(s.text, id + "/project");
    make_project = false;
  }
  // Commit. The team's project follows the Time Billing switch (S11: billable iff billing).
  if (make_project) {
    Project p;
    p.name = s.text.add(a.has("name") ? name : std::string(s.str(t.name)));
    p.allow_timesheets = true;
    t.project = s.projects.add(s.text, id + "/project", p);
  }
  if (t.project != kNone) s.projects.rows[t.project].allow_billable = t.use_billing;
  if (t.use_billing) ensure_timesheet_product(s);
  if (a.has("name")) t.name = s.text.add(name);
  s.teams.rows[rec] = t;
  // R10: the team flag changed, recompute tickets' lines and move their unbilled timesheets.
  for (uint32_t k = 0; k < s.tickets.size(); ++k) {
    Ticket& tk = s.tickets.rows[k];
    if (tk.team != rec) continue;
    tk.sale_line = ticket_default_sale_line(s, rec, tk.partner, tk.sale_line);
    retarget_ticket_timesheets(s, k);
  }
}

}  // namespace deskbill
