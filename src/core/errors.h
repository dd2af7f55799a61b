// Why an op was refused: a stable code (the translation key) and Odoo's English message.
#pragma once
#include <optional>
#include <string>

namespace deskbill {

struct OpError {
  std::string code;
  std::string message;
};

// The outcome of applying one op: nothing, or the reason nothing changed.
using ApplyResult = std::optional<OpError>;

// Thrown only inside core's validation phase and turned into an ApplyResult at core's border.
struct OpRefused {
  OpError error;
};
[[noreturn]] void refuse(std::string code, std::string message);

// Odoo's exact user errors (odoo-rules.md §4).
namespace odoo {
extern const char* const kNothingToInvoice;         // E1
extern const char* const kTimesheetInvoiced;        // E2
extern const char* const kTimesheetRemoveInvoiced;  // E3
extern const char* const kDownPaymentPositive;      // E4
extern const char* const kModifyProduct;            // E5
extern const char* const kRemoveConfirmedLine;      // E6
extern const char* const kLockedFields;             // E7 (followed by the field list)
extern const char* const kUomCategory;              // E8 (with %(unit)s / %(product_unit)s filled)
extern const char* const kCancelLocked;             // E9
extern const char* const kChangeLineType;           // E10
extern const char* const kTaskLineType;             // E11
extern const char* const kInactiveEmployee;         // E13
}  // namespace odoo

}  // namespace deskbill
