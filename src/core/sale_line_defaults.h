// Which order line a ticket and a timesheet bill to by default (R9, R10), and moving unbilled
// timesheets when a ticket's line changes (R13).
#pragma once
#include <vector>

#include "core/state.h"

namespace deskbill {

// R10 last_sol_of_customer: the customer's most recent confirmed prepaid line with hours left.
uint32_t last_sale_line_of_customer(const State& s, uint32_t partner, uint32_t project);
// R10: the ticket's default Sales Order Item given its team, customer and current item.
uint32_t ticket_default_sale_line(const State& s, uint32_t team, uint32_t partner, uint32_t current);
// A task sold with an order (seed 001) brings its line to a ticket that has none of its own,
// when the task's order is the ticket's customer's.
uint32_t task_sale_line_for_ticket(const State& s, uint32_t task, uint32_t team, uint32_t partner);
// R10 for a ticket being created without a Sales Order Item: the default above, else the line of
// its task (a task sold with an order, seed 001). The new-ticket form shows it before Create.
uint32_t new_ticket_default_sale_line(const State& s, uint32_t team, uint32_t partner, uint32_t task);
// R9 for a timesheet on a ticket, a task or a project.
uint32_t timesheet_default_sale_line(const State& s, uint32_t ticket, uint32_t task, uint32_t project);
// The lines a user may choose as Sales Order Item for this customer: product lines of confirmed
// orders of the same commercial partner, newest order first (what check_sale_line_for accepts).
std::vector<uint32_t> eligible_sale_lines(const State& s, uint32_t partner);
// What a Sales Order Item picker offers for a record whose item is `current`: the eligible lines,
// and `current` last when it is not among them (chosen before the customer changed, or its order
// was cancelled since). A picker shows what is saved, not "Non-billable", and keeping it sends
// nothing; choosing it again is refused by the fold only if it is sent as a change.
struct SaleLineOffer {
  std::vector<uint32_t> lines;
  bool current_not_eligible = false;  // the last of `lines` is `current`, kept only to be shown
};
SaleLineOffer sale_lines_offered(const State& s, uint32_t partner, uint32_t current);
// Refuses unless line is a confirmed service line of the same commercial partner as partner.
void check_sale_line_for(const State& s, uint32_t line, uint32_t partner);
// R13: unbilled, unedited timesheets of the ticket follow its (new) line.
void retarget_ticket_timesheets(State& s, uint32_t ticket);
// Same for a task's timesheets that are not on a ticket.
void retarget_task_timesheets(State& s, uint32_t task);
// Same for the timesheets logged on the project itself (neither ticket nor task): R9's default
// for them is the project's line, or none when the project is not billable.
void retarget_project_timesheets(State& s, uint32_t project);

}  // namespace deskbill
