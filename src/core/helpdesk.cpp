// Handlers for helpdesk tickets: customer, stage, assignee, task and Sales Order Item (R10, R13).
#include "core/billing.h"
#include "core/handlers.h"
#include "core/sale_line_defaults.h"
#include "core/text_limits.h"

namespace deskbill {

static Stage parse_stage(const OpArgs& a, Stage fallback) {
  if (!a.has("stage")) return fallback;
  std::string st = a.text("stage", true);
  for (int k = 0; k < kStageCount; ++k)
    if (st == to_string(static_cast<Stage>(k))) return static_cast<Stage>(k);
  refuse("bad_field", "Field 'stage' must be one of new, in_progress, solved, cancelled.");
}

// The explicit Sales Order Item of an op, validated; `given` tells whether the op set it.
static uint32_t explicit_sale_line(const State& s, const OpArgs& a, uint32_t team, uint32_t partner, bool& given) {
  given = a.has("sale_line");
  if (!given) return kNone;
  uint32_t sol = a.ref("sale_line", s.lines, "sales order item", false);
  if (sol == kNone) return kNone;
  if (!s.teams.rows[team].use_billing)
    refuse("team_no_billing", "Time Billing is not enabled on this ticket's team: its time cannot be billed.");
  if (partner == kNone) partner = s.orders.rows[s.lines.rows[sol].order].partner;
  check_sale_line_for(s, sol, partner);
  return sol;
}

void op_ticket_create(State& s, const OpArgs& a, const OpContext& ctx) {
  std::string id = new_id(s, a, s.tickets, "ticket");
  Ticket k;
  std::string title = a.text("title", true, kMaxTitle);
  k.team = a.ref("team", s.teams, "helpdesk team", true);
  k.partner = a.ref("partner", s.partners, "customer", false);
  k.assignee = a.ref("assignee", s.employees, "employee", false);
  k.task = a.ref("task", s.tasks, "task", false);
  k.stage = parse_stage(a, Stage::New);
  k.created = ctx.accepted_at != kNoDay ? ctx.accepted_at : a.day("date", false);
  bool given = false;
  uint32_t sol = explicit_sale_line(s, a, k.team, k.partner, given);
  if (given) {
    k.sale_line = sol;
    if (sol != kNone && k.partner == kNone) k.partner = s.orders.rows[s.lines.rows[sol].order].partner;
  } else {
    k.sale_line = new_ticket_default_sale_line(s, k.team, k.partner, k.task);
  }
  k.title = s.text.add(title);
  s.tickets.add(s.text, id, k);
}

void op_ticket_update(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.tickets, "ticket");
  Ticket k = s.tickets.rows[rec];
  std::string title = a.has("title") ? a.text("title", true, kMaxTitle) : "";
  bool partner_changed = false, team_changed = false, task_changed = false;
  if (a.has("partner")) {
    uint32_t p = a.ref("partner", s.partners, "customer", false);
    partner_changed = p != k.partner;
    k.partner = p;
  }
  if (a.has("team")) {
    uint32_t t = a.ref("team", s.teams, "helpdesk team", true);
    team_changed = t != k.team;
    k.team = t;
  }
  if (a.has("assignee")) k.assignee = a.ref("assignee", s.employees, "employee", false);
  if (a.has("task")) {
    uint32_t t = a.ref("task", s.tasks, "task", false);
    task_changed = t != k.task;
    k.task = t;
  }
  k.stage = parse_stage(a, k.stage);
  bool given = false;
  uint32_t sol = explicit_sale_line(s, a, k.team, k.partner, given);
  if (given) {
    k.sale_line = sol;
  } else if (partner_changed || team_changed) {
    k.sale_line = ticket_default_sale_line(s, k.team, k.partner, k.sale_line);
  }
  if (!given && k.sale_line == kNone && (task_changed || partner_changed || team_changed))
    k.sale_line = task_sale_line_for_ticket(s, k.task, k.team, k.partner);
  // Commit.
  if (a.has("title")) k.title = s.text.add(title);
  bool line_changed = k.sale_line != s.tickets.rows[rec].sale_line;
  s.tickets.rows[rec] = k;
  if (task_changed || team_changed)
    for (uint32_t ts = k.ts_head; ts != kNone; ts = s.timesheets.rows[ts].tk_next) {
      if (timesheet_billed(s, ts)) continue;  // billed timesheets keep task and project (R13)
      s.timesheets.rows[ts].task = k.task;
      if (team_changed && s.teams.rows[k.team].project != kNone)
        s.timesheets.rows[ts].project = s.teams.rows[k.team].project;
    }
  if (line_changed || team_changed) retarget_ticket_timesheets(s, rec);
}

}  // namespace deskbill
