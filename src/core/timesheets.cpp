// Handlers for timesheet lines: logging time on a ticket, task or project, editing it under the
// invoiced-line locks (E2, E3), and its Sales Order Item (R9, R12).
#include "core/billing.h"
#include "core/handlers.h"
#include "core/links.h"
#include "core/sale_line_defaults.h"
#include "core/text_limits.h"

namespace deskbill {

static uint32_t active_employee(const State& s, const OpArgs& a, bool required) {
  uint32_t e = a.ref("employee", s.employees, "employee", required);
  if (e != kNone && !s.employees.rows[e].active) refuse("inactive_employee", odoo::kInactiveEmployee);
  return e;
}

static uint32_t context_partner(const State& s, const Timesheet& t) {
  if (t.ticket != kNone) return s.tickets.rows[t.ticket].partner;
  if (t.task != kNone) return s.tasks.rows[t.task].partner;
  return s.projects.rows[t.project].partner;
}

static uint32_t chosen_sale_line(const State& s, const OpArgs& a, const Timesheet& t) {
  uint32_t sol = a.ref("sale_line", s.lines, "sales order item", false);
  if (sol == kNone) return kNone;
  if (!s.projects.rows[t.project].allow_billable)
    refuse("project_not_billable",
           "This timesheet's project is not billable: its time cannot be linked to a Sales Order Item.");
  check_sale_line_for(s, sol, context_partner(s, t));
  return sol;
}

void op_timesheet_log(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.timesheets, "timesheet");
  Timesheet t;
  t.date = a.day("date", true);
  t.employee = active_employee(s, a, true);
  t.hours = a.qty("hours", true);
  std::string desc = a.text("description", false, kMaxDescription);
  t.ticket = a.ref("ticket", s.tickets, "ticket", false);
  t.task = a.ref("task", s.tasks, "task", false);
  t.project = a.ref("project", s.projects, "project", false);
  if (t.ticket != kNone) {
    const Ticket& k = s.tickets.rows[t.ticket];
    const Team& team = s.teams.rows[k.team];
    if (!team.use_timesheets || team.project == kNone)
      refuse("team_no_timesheets", "Timesheets are not enabled on this ticket's team.");
    t.project = team.project;
    t.task = k.task;
  } else if (t.task != kNone) {
    t.project = s.tasks.rows[t.task].project;
  }
  if (t.project == kNone) refuse("missing_field", "A timesheet needs a ticket, a task or a project.");
  if (!s.projects.rows[t.project].allow_timesheets)
    refuse("project_no_timesheets", "This project does not allow timesheets.");
  uint32_t sol;
  if (a.has("sale_line")) {
    sol = chosen_sale_line(s, a, t);
    t.sol_edited = true;
  } else {
    sol = timesheet_default_sale_line(s, t.ticket, t.task, t.project);
  }
  // Commit.
  t.description = s.ts_text.add(desc);
  uint32_t ticket = t.ticket;
  uint32_t rec = s.timesheets.add(s.ts_text, id, t);
  if (ticket != kNone)
    attach_to_ticket(s, rec, ticket);
  else
    index_ticketless_timesheet(s, rec);
  set_timesheet_line(s, rec, sol);
}

static uint32_t live_timesheet(const State& s, const OpArgs& a) {
  uint32_t rec = existing(s, a, s.timesheets, "timesheet");
  if (s.timesheets.rows[rec].deleted) refuse("deleted", "This timesheet was deleted.");
  return rec;
}

void op_timesheet_update(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = live_timesheet(s, a);
  const Timesheet& cur = s.timesheets.rows[rec];
  bool touches_locked = a.has("date") || a.has("employee") || a.has("hours") || a.has("sale_line");
  if (touches_locked && timesheet_locked(s, rec)) refuse("timesheet_invoiced", odoo::kTimesheetInvoiced);
  Day date = a.day("date", false, cur.date);
  uint32_t employee = a.has("employee") ? active_employee(s, a, true) : cur.employee;
  Qty hours = a.qty("hours", false, cur.hours);
  std::string desc = a.text("description", false, kMaxDescription);
  uint32_t sol = cur.sale_line;
  bool edited = cur.sol_edited;
  if (a.has("sale_line")) {
    sol = chosen_sale_line(s, a, cur);
    edited = true;
  }
  // Commit.
  Timesheet& t = s.timesheets.rows[rec];
  t.date = date;
  t.employee = employee;
  if (a.has("description")) t.description = s.ts_text.add(desc);
  t.sol_edited = edited;
  set_timesheet_hours(s, rec, hours);
  set_timesheet_line(s, rec, sol);
}

void op_timesheet_delete(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = live_timesheet(s, a);
  uint32_t inv = s.timesheets.rows[rec].invoice;
  if (inv != kNone && s.invoices.rows[inv].state == MoveState::Posted && !s.invoices.rows[inv].deleted)
    refuse("timesheet_remove_invoiced", odoo::kTimesheetRemoveInvoiced);
  set_timesheet_line(s, rec, kNone);
  detach_from_ticket(s, rec);
  set_timesheet_invoice(s, rec, kNone);
  s.timesheets.rows[rec].deleted = true;
}

}  // namespace deskbill
