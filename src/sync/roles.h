// Roles, as the server enforces them by op kind (docs/sync.md): agent (tickets, timesheets,
// tasks, customers), billing (+ orders, invoices, payments), admin (+ configuration, publishing,
// kinds the table does not know). The app uses the same table to disable what a user's role may
// not do; src/server/roles.py is its twin, and a server test compares the two.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace deskbill {

enum class Role { Agent = 0, Billing = 1, Admin = 2 };

std::optional<Role> parse_role(std::string_view name);
const char* role_name(Role r);
// The least role that may send ops of this kind.
Role required_role(std::string_view kind);
bool may_send(Role r, std::string_view kind);

}  // namespace deskbill
