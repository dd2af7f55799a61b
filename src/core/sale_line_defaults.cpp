#include "core/sale_line_defaults.h"

#include "core/billing.h"
#include "core/errors.h"
#include "core/links.h"

namespace deskbill {

uint32_t last_sale_line_of_customer(const State& s, uint32_t partner, uint32_t project) {
  if (partner == kNone || project == kNone || !s.projects.rows[project].allow_billable) return kNone;
  uint32_t cp = commercial_partner(s, partner);
  const Project& pr = s.projects.rows[project];
  uint32_t only_order = kNone;
  if (pr.sale_line != kNone && pr.partner != kNone && commercial_partner(s, pr.partner) == cp)
    only_order = s.lines.rows[pr.sale_line].order;
  // ORDER BY date_order DESC, order id DESC, line sequence ASC, line id ASC
  uint32_t best_order = kNone, best_line = kNone;
  for (uint32_t o = s.partners.rows[cp].order_head; o != kNone; o = s.orders.rows[o].next_of_customer) {
    const Order& ord = s.orders.rows[o];
    if (ord.state != OrderState::Sale || (only_order != kNone && o != only_order)) continue;
    if (best_order != kNone) {
      const Order& b = s.orders.rows[best_order];
      if (ord.date_order < b.date_order || (ord.date_order == b.date_order && o < best_order)) continue;
    }
    for (uint32_t l = ord.line_head; l != kNone; l = s.lines.rows[l].next) {
      const OrderLine& line = s.lines.rows[l];
      if (line.deleted || line.kind != LineKind::Product) continue;
      if (remaining_hours(s, l) > 0) {
        best_order = o;
        best_line = l;
        break;
      }
    }
  }
  return best_line;
}

uint32_t ticket_default_sale_line(const State& s, uint32_t team, uint32_t partner, uint32_t current) {
  if (team == kNone || !s.teams.rows[team].use_billing) return kNone;
  uint32_t project = s.teams.rows[team].project;
  uint32_t sol = current;
  if (project != kNone && s.projects.rows[project].sale_line != kNone) sol = s.projects.rows[project].sale_line;
  if (sol != kNone && (partner == kNone || commercial_partner(s, s.orders.rows[s.lines.rows[sol].order].partner) !=
                                               commercial_partner(s, partner)))
    sol = kNone;
  if (sol == kNone) sol = last_sale_line_of_customer(s, partner, project);
  return sol;
}

uint32_t task_sale_line_for_ticket(const State& s, uint32_t task, uint32_t team, uint32_t partner) {
  if (task == kNone || team == kNone || !s.teams.rows[team].use_billing) return kNone;
  uint32_t sol = s.tasks.rows[task].sale_line;
  if (sol == kNone || partner == kNone) return kNone;
  if (commercial_partner(s, s.orders.rows[s.lines.rows[sol].order].partner) != commercial_partner(s, partner))
    return kNone;
  return sol;
}

uint32_t new_ticket_default_sale_line(const State& s, uint32_t team, uint32_t partner, uint32_t task) {
  uint32_t sol = ticket_default_sale_line(s, team, partner, kNone);
  return sol != kNone ? sol : task_sale_line_for_ticket(s, task, team, partner);
}

uint32_t timesheet_default_sale_line(const State& s, uint32_t ticket, uint32_t task, uint32_t project) {
  if (project == kNone || !s.projects.rows[project].allow_billable) return kNone;
  if (ticket != kNone) return s.tickets.rows[ticket].sale_line;
  if (task == kNone) return s.projects.rows[project].sale_line;
  return s.tasks.rows[task].sale_line;
}

std::vector<uint32_t> eligible_sale_lines(const State& s, uint32_t partner) {
  std::vector<uint32_t> out;
  if (partner == kNone) return out;
  uint32_t cp = commercial_partner(s, partner);
  for (uint32_t o = s.partners.rows[cp].order_head; o != kNone; o = s.orders.rows[o].next_of_customer) {
    if (s.orders.rows[o].state != OrderState::Sale) continue;
    for (uint32_t l = s.orders.rows[o].line_head; l != kNone; l = s.lines.rows[l].next)
      if (!s.lines.rows[l].deleted && s.lines.rows[l].kind == LineKind::Product) out.push_back(l);
  }
  return out;
}

SaleLineOffer sale_lines_offered(const State& s, uint32_t partner, uint32_t current) {
  SaleLineOffer offer{eligible_sale_lines(s, partner), false};
  if (current == kNone || current >= s.lines.size()) return offer;
  for (uint32_t l : offer.lines)
    if (l == current) return offer;
  offer.lines.push_back(current);
  offer.current_not_eligible = true;
  return offer;
}

void check_sale_line_for(const State& s, uint32_t line, uint32_t partner) {
  const OrderLine& l = s.lines.rows[line];
  const Order& o = s.orders.rows[l.order];
  if (l.deleted || l.kind != LineKind::Product)
    refuse("bad_sale_line", "Only a product line of a sales order can be a Sales Order Item.");
  if (o.state != OrderState::Sale)
    refuse("bad_sale_line", "The Sales Order Item must belong to a confirmed sales order.");
  if (partner == kNone || commercial_partner(s, o.partner) != commercial_partner(s, partner))
    refuse("bad_sale_line", "The Sales Order Item must belong to an order of the same customer.");
}

static void retarget(State& s, uint32_t ts, uint32_t target) {
  const Timesheet& t = s.timesheets.rows[ts];
  if (t.deleted || t.sol_edited || timesheet_billed(s, ts)) return;
  set_timesheet_line(s, ts, target);
}

void retarget_ticket_timesheets(State& s, uint32_t ticket) {
  const Ticket& k = s.tickets.rows[ticket];
  for (uint32_t ts = k.ts_head; ts != kNone;) {
    uint32_t next = s.timesheets.rows[ts].tk_next;
    const Timesheet& t = s.timesheets.rows[ts];
    retarget(s, ts, timesheet_default_sale_line(s, ticket, t.task, t.project));
    ts = next;
  }
}

void retarget_task_timesheets(State& s, uint32_t task) {
  for (uint32_t ts : ticketless_timesheets_of_task(s, task))
    retarget(s, ts, timesheet_default_sale_line(s, kNone, task, s.timesheets.rows[ts].project));
}

void retarget_project_timesheets(State& s, uint32_t project) {
  for (uint32_t ts : ticketless_timesheets_of_project(s, project))
    retarget(s, ts, timesheet_default_sale_line(s, kNone, kNone, project));
}

}  // namespace deskbill
