// A customer's support hours as ops, for the sync tests: a timesheet product at 90.00, an order
// of 10 h confirmed on `day`, a ticket on its line and 3 h logged on `day` (3 × 90.00 = 270.00).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace deskbill::test {

inline std::vector<nlohmann::json> three_hours_on_an_order(const std::string& day) {
  return {{{"kind", "partner.create"}, {"id", "c"}, {"name", "Acme"}},
          {{"kind", "employee.create"}, {"id", "e"}, {"name", "Ema"}},
          {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}, {"use_billing", true}},
          {{"kind", "product.create"}, {"id", "p"}, {"name", "Hours"}, {"policy", "timesheet"}, {"price", "90"}},
          {{"kind", "order.create"}, {"id", "o"}, {"partner", "c"}},
          {{"kind", "order.add_line"}, {"id", "o.1"}, {"order", "o"}, {"product", "p"}, {"qty", "10"}},
          {{"kind", "order.confirm"}, {"id", "o"}, {"date", day}},
          {{"kind", "ticket.create"},
           {"id", "k"},
           {"team", "t"},
           {"title", "VPN drops every hour"},
           {"partner", "c"},
           {"sale_line", "o.1"}},
          {{"kind", "timesheet.log"}, {"id", "ts"}, {"ticket", "k"}, {"employee", "e"}, {"date", day}, {"hours", "3"}}};
}

}  // namespace deskbill::test
