// Odoo's billing rules as pure functions of the state: delivered, invoiced and to-invoice
// quantities, statuses, remaining prepaid hours, amounts (odoo-rules.md R2–R8, R17, R21–R23).
#pragma once
#include <cstdint>

#include "core/state.h"

namespace deskbill {

enum class InvoiceStatus : uint8_t { No, ToInvoice, Invoiced, Upselling };
enum class PaymentState : uint8_t { NotPaid, Partial, Paid, Reversed };

// R22: conv(q, from → to). Different categories keep q unchanged (raise_if_failure = false).
Qty convert(const State& s, Qty q, uint32_t from, uint32_t to, Rounding mode, bool round = true);
bool same_uom_category(const State& s, uint32_t a, uint32_t b);
bool is_time_uom(const State& s, uint32_t uom);

uint32_t commercial_partner(const State& s, uint32_t partner);

// Policy of the product on an order line; down payments behave as delivered with nothing delivered.
bool line_is_display(const OrderLine& l);
bool line_is_delivery_policy(const State& s, const OrderLine& l);
bool line_is_delivered_timesheet(const State& s, const OrderLine& l);  // R1 is_delivered_timesheet
bool line_is_prepaid(const State& s, const OrderLine& l);

Qty qty_delivered(const State& s, uint32_t line);                           // R3
Qty qty_invoiced(const State& s, uint32_t line, bool posted_only = false);  // R4
Qty qty_to_invoice(const State& s, uint32_t line);                          // R5
InvoiceStatus line_status(const State& s, uint32_t line);                   // R6
InvoiceStatus order_status(const State& s, uint32_t order);                 // R7
bool remaining_hours_available(const State& s, uint32_t line);              // R8
Qty remaining_hours(const State& s, uint32_t line);                         // R8, may be negative
bool over_prepaid(const State& s, uint32_t line);                           // R21 as a warning
bool order_over_prepaid(const State& s, uint32_t order);

Money untaxed_amount_invoiced(const State& s, uint32_t line);    // R23, posted only
Money untaxed_amount_to_invoice(const State& s, uint32_t line);  // R23

// R17: linked to an invoice that is not cancelled (draft and posted both bill).
bool timesheet_billed(const State& s, uint32_t ts);
// Whether the timesheet's line bills delivered quantities (locks apply only then, E2).
bool timesheet_locked(const State& s, uint32_t ts);

// R8 live adjustment (H4): remaining hours of sale_line while a timesheet is being typed, as if
// timesheet ts (kNone: a new line) had `hours` on line `target` (kNone: non-billable).
Qty remaining_hours_preview(const State& s, uint32_t sale_line, uint32_t ts, uint32_t target, Qty hours);

// Ticket/task "remaining hours on SO": the SOL's remaining hours, 0 without SOL.
Qty ticket_remaining_hours(const State& s, uint32_t ticket);

// Odoo's timesheet_invoice_type of a timesheet ("billable_time", "non_billable", ...).
const char* timesheet_invoice_type(const State& s, const Timesheet& t);

// Effective customer of a timesheet: the invoice's once billed, else the ticket's or task's.
uint32_t timesheet_partner(const State& s, uint32_t ts);

PaymentState payment_state(const State& s, uint32_t invoice);

const char* to_string(InvoiceStatus st);
const char* to_string(PaymentState st);
const char* to_string(ServicePolicy p);
const char* to_string(OrderState st);
const char* to_string(MoveState st);
const char* to_string(Stage st);

}  // namespace deskbill
