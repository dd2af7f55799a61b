#include "core/op_kinds.h"

#include <array>
#include <string_view>

namespace deskbill {

bool op_creates_record(std::string_view kind) {
  // Kept beside the handlers of apply.cpp: a kind added there that creates a record is added here,
  // to repeated_op.cpp's tables and to src/server/op_identity.py (tests check both).
  static constexpr std::array<std::string_view, 15> kCreate = {
      "uom.create",     "partner.create", "employee.create", "tax.create",      "product.create",
      "project.create", "task.create",    "team.create",     "ticket.create",   "timesheet.log",
      "order.create",   "order.add_line", "invoice.create",  "invoice.reverse", "invoice.pay"};
  for (std::string_view k : kCreate)
    if (k == kind) return true;
  return false;
}

}  // namespace deskbill
