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
// What the fold keeps about timesheets and a snapshot does not hold, made again from the timesheet
// table as the fold made it (after a load): the lists of timesheets without a ticket, in row
// order, and each invoice's count of timesheets.
void derive_timesheet_indexes(State& s);
// The timesheets on a task's or project's list (empty for one with none).
const std::vector<uint32_t>& ticketless_timesheets_of_task(const State& s, uint32_t task);
const std::vector<uint32_t>& ticketless_timesheets_of_project(const State& s, uint32_t project);
// Links a timesheet to the invoice that bills it (R16), or to none (kNone); the only writer of
// Timesheet::invoice, so that each invoice's count of timesheets stays true.
void set_timesheet_invoice(State& s, uint32_t ts, uint32_t invoice);
uint32_t timesheets_of_invoice_count(const State& s, uint32_t invoice);
// Every timesheet the invoice bills is linked to none (the invoice is deleted): they are looked
// for on its order lines' lists first, then, only if the count says some moved to another line
// since (while the invoice was cancelled, or after its product's policy changed), in the table.
void unlink_invoice_timesheets(State& s, uint32_t invoice);
// Changes a timesheet's hours, keeping its line's total current.
void set_timesheet_hours(State& s, uint32_t ts, Qty hours);

// The line's timesheets still to look at when invoicing: after OrderLine::ts_billed_upto.
uint32_t first_unsettled_timesheet(const State& s, uint32_t line);
// Billed by a live invoice that is not cancelled and has no posted credit note: it cannot be
// billed again until one of those changes.
bool timesheet_billed_for_good(const State& s, uint32_t ts);
// The line's timesheets after ts_billed_upto, in the line's order (State::line_open), made again
// from sol_next first if the list is stale. Reading them costs what is open, not the line's
// history; the reference holds until the next change of the line's timesheets or of line_open.
const std::vector<uint32_t>& open_timesheets(State& s, uint32_t line);
// Moves ts_billed_upto past the line's timesheets now billed for good (after invoicing).
void advance_billed_upto(State& s, uint32_t line);
// The line's timesheets may have been freed: its next invoice looks at every one again.
void reset_billed_upto(State& s, uint32_t line);
// The lines of this invoice may have freed timesheets (cancel, delete, a credit note posted):
// their next invoice looks at every timesheet again.
void forget_billed_upto(State& s, uint32_t invoice);

void append_order_line(State& s, uint32_t order, uint32_t line);
void append_invoice_line(State& s, uint32_t invoice, uint32_t il);
void add_order_to_customer(State& s, uint32_t order);
void add_reversal(State& s, uint32_t original, uint32_t credit_note);

}  // namespace deskbill
