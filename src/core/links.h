// Intrusive lists that tie records together (a line's timesheets, an invoice's lines, ...),
// kept as record numbers so the state stays plain data.
#pragma once
#include "core/state.h"

namespace deskbill {

// Puts a timesheet on an order line (or none) and keeps the line's hour total (R3) current.
void set_timesheet_line(State& s, uint32_t ts, uint32_t line);
void attach_to_ticket(State& s, uint32_t ts, uint32_t ticket);
void detach_from_ticket(State& s, uint32_t ts);
// A timesheet just logged without a ticket goes on its task's list, or its project's
// (State::task_timesheets, project_timesheets); one on a ticket goes on neither.
void index_ticketless_timesheet(State& s, uint32_t ts);
// Both lists made again from the timesheet table, in row order, as the fold made them (after a
// snapshot load).
void index_ticketless_timesheets(State& s);
// The timesheets on a task's or project's list (empty for one with none).
const std::vector<uint32_t>& ticketless_timesheets_of_task(const State& s, uint32_t task);
const std::vector<uint32_t>& ticketless_timesheets_of_project(const State& s, uint32_t project);
// Changes a timesheet's hours, keeping its line's total current.
void set_timesheet_hours(State& s, uint32_t ts, Qty hours);

// The line's timesheets still to look at when invoicing: after OrderLine::ts_billed_upto.
uint32_t first_unsettled_timesheet(const State& s, uint32_t line);
// Billed by a live invoice that is not cancelled and has no posted credit note: it cannot be
// billed again until one of those changes.
bool timesheet_billed_for_good(const State& s, uint32_t ts);
// Moves ts_billed_upto past the line's timesheets now billed for good (after invoicing).
void advance_billed_upto(State& s, uint32_t line);
// The lines of this invoice may have freed timesheets (cancel, delete, a credit note posted):
// their next invoice looks at every timesheet again.
void forget_billed_upto(State& s, uint32_t invoice);

void append_order_line(State& s, uint32_t order, uint32_t line);
void append_invoice_line(State& s, uint32_t invoice, uint32_t il);
void add_order_to_customer(State& s, uint32_t order);
void add_reversal(State& s, uint32_t original, uint32_t credit_note);

}  // namespace deskbill
