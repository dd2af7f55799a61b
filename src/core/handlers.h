// The op handlers, one group per file. Each validates everything first (refusing via refuse())
// and only then writes, so a refusal never leaves a half-applied op.
#pragma once
#include "core/apply.h"
#include "core/op_args.h"

namespace deskbill {

using Handler = void (*)(State&, const OpArgs&, const OpContext&);

#define DESKBILL_HANDLER(name) void name(State& s, const OpArgs& a, const OpContext& ctx)
// catalog.cpp
DESKBILL_HANDLER(op_uom_create);
DESKBILL_HANDLER(op_partner_create);
DESKBILL_HANDLER(op_partner_update);
DESKBILL_HANDLER(op_company_update);
DESKBILL_HANDLER(op_employee_create);
DESKBILL_HANDLER(op_employee_update);
DESKBILL_HANDLER(op_tax_create);
DESKBILL_HANDLER(op_product_create);
DESKBILL_HANDLER(op_product_update);
// projects.cpp
DESKBILL_HANDLER(op_project_create);
DESKBILL_HANDLER(op_project_update);
DESKBILL_HANDLER(op_task_create);
DESKBILL_HANDLER(op_task_update);
DESKBILL_HANDLER(op_team_create);
DESKBILL_HANDLER(op_team_update);
// helpdesk.cpp
DESKBILL_HANDLER(op_ticket_create);
DESKBILL_HANDLER(op_ticket_update);
// timesheets.cpp
DESKBILL_HANDLER(op_timesheet_log);
DESKBILL_HANDLER(op_timesheet_update);
DESKBILL_HANDLER(op_timesheet_delete);
// sales.cpp
DESKBILL_HANDLER(op_order_create);
DESKBILL_HANDLER(op_order_update);
DESKBILL_HANDLER(op_order_add_line);
DESKBILL_HANDLER(op_order_update_line);
DESKBILL_HANDLER(op_order_remove_line);
DESKBILL_HANDLER(op_order_confirm);
DESKBILL_HANDLER(op_order_cancel);
DESKBILL_HANDLER(op_order_to_quotation);
DESKBILL_HANDLER(op_order_lock);
DESKBILL_HANDLER(op_order_unlock);
// invoice_wizard.cpp
DESKBILL_HANDLER(op_invoice_create);
// invoices.cpp
DESKBILL_HANDLER(op_invoice_update_line);
DESKBILL_HANDLER(op_invoice_remove_line);
DESKBILL_HANDLER(op_invoice_delete);
DESKBILL_HANDLER(op_invoice_post);
DESKBILL_HANDLER(op_invoice_cancel);
DESKBILL_HANDLER(op_invoice_reset_to_draft);
DESKBILL_HANDLER(op_invoice_reverse);
DESKBILL_HANDLER(op_invoice_pay);
// refused.cpp
DESKBILL_HANDLER(op_refused);
#undef DESKBILL_HANDLER

// Shared by handlers: the id must be new in the table.
template <class T, class TRows, class TPool>
std::string new_id(const State& s, const OpArgs& a, const Table<T, TRows, TPool>& table, const char* what) {
  std::string id = a.id();
  if (s.find(table, id) != kNone)
    refuse("duplicate_id", std::string("A ") + what + " with id '" + id + "' already exists.");
  return id;
}
template <class T, class TRows, class TPool>
uint32_t existing(const State& s, const OpArgs& a, const Table<T, TRows, TPool>& table, const char* what) {
  std::string id = a.id();
  uint32_t rec = s.find(table, id);
  if (rec == kNone) refuse("unknown_ref", std::string("Unknown ") + what + " '" + id + "'.");
  return rec;
}
// The date an op takes effect: the server's acceptance date when sequenced by a server, else the op's.
Day effective_date(const OpArgs& a, const OpContext& ctx, const char* key = "date");

}  // namespace deskbill
