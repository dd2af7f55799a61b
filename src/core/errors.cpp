#include "core/errors.h"

namespace deskbill {

void refuse(std::string code, std::string message) { throw OpRefused{OpError{std::move(code), std::move(message)}}; }

namespace odoo {
// Odoo's first sentence (E1) kept as it is; the advice rewritten for deskbill's own screens (its
// products have no 'General Information' tab nor 'Ordered Quantities' policy).
const char* const kNothingToInvoice =
    "Cannot create an invoice. No items are available to invoice.\n\nTo resolve this issue, please ensure that:\n"
    "   \xE2\x80\xA2 Time has been logged on the order's lines (a ticket's Timesheets tab) before invoicing it, for "
    "products invoiced Based on Timesheets.\n"
    "   \xE2\x80\xA2 The product's invoicing policy is the one you mean (Configuration \xE2\x86\x92 Products: click "
    "the "
    "product).\n\n"
    "To invoice what was ordered rather than what was delivered, set the product's invoicing policy to "
    "'Prepaid/Fixed Price'.\n";
const char* const kTimesheetInvoiced = "You cannot modify timesheets that are already invoiced.";
const char* const kTimesheetRemoveInvoiced = "You cannot remove a timesheet that has already been invoiced.";
const char* const kDownPaymentPositive = "The value of the down payment amount must be positive.";
const char* const kModifyProduct = "You cannot modify the product of this order line.";
const char* const kRemoveConfirmedLine =
    "Once a sales order is confirmed, you can't remove one of its lines (we need to track if something gets "
    "invoiced or delivered).\n Set the quantity to 0 instead.";
const char* const kLockedFields = "It is forbidden to modify the following fields in a locked order:\n";
const char* const kUomCategory =
    "The unit of measure %(unit)s defined on the order line doesn't belong to the same category as the unit of "
    "measure %(product_unit)s defined on the product. Please correct the unit of measure defined on the order line "
    "or on the product. They should belong to the same category.";
const char* const kCancelLocked = "You cannot cancel a locked order. Please unlock it first.";
const char* const kChangeLineType =
    "You cannot change the type of a sale order line. Instead you should delete the current line and create a new "
    "line of the proper type.";
const char* const kTaskLineType =
    "You cannot link the order item %(order_id)s - %(product_id)s to this task because it is a re-invoiced expense.";
const char* const kInactiveEmployee = "Timesheets must be created with an active employee in the selected companies.";
}  // namespace odoo

}  // namespace deskbill
