#include "sync/roles.h"

#include <cstring>

#include "core/refused.h"

namespace deskbill {

std::optional<Role> parse_role(std::string_view name) {
  if (name == "agent") return Role::Agent;
  if (name == "billing") return Role::Billing;
  if (name == "admin") return Role::Admin;
  return std::nullopt;
}

const char* role_name(Role r) {
  switch (r) {
    case Role::Agent:
      return "agent";
    case Role::Billing:
      return "billing";
    case Role::Admin:
      return "admin";
  }
  return "admin";
}

namespace {
bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
}  // namespace

Role required_role(std::string_view kind) {
  // Customers and tasks are made while working a ticket; a refused op's stand-in is sent by
  // whoever made the op.
  if (starts(kind, "ticket.") || starts(kind, "timesheet.") || starts(kind, "task.") || starts(kind, "partner.") ||
      kind == kRefusedKind)
    return Role::Agent;
  if (starts(kind, "order.") || starts(kind, "invoice.")) return Role::Billing;
  return Role::Admin;  // configuration, and any kind this table does not know
}

bool may_send(Role r, std::string_view kind) { return static_cast<int>(r) >= static_cast<int>(required_role(kind)); }

}  // namespace deskbill
