// Test helpers: a workspace built from ops, with Odoo's sale_timesheet test fixtures
// (sale_timesheet/tests/common.py): products priced 13, 90, 20, employees costing 15 and 45.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "core/apply.h"
#include "core/billing.h"
#include "core/names.h"
#include "core/state_json.h"
#include "core/tax_math.h"

namespace deskbill::test {

using nlohmann::json;

inline Qty Q(const char* text) { return *parse_decimal(text, 6); }
inline Money M(const char* text) { return *parse_decimal(text, 2); }

struct Ws {
  State s;

  void ok(const json& op) {
    ApplyResult r = deskbill::apply(s, op);
    ASSERT_FALSE(r.has_value()) << op.dump() << "\n refused: " << r->message;
  }
  OpError refused(const json& op) {
    ApplyResult r = deskbill::apply(s, op);
    EXPECT_TRUE(r.has_value()) << op.dump() << " was accepted";
    return r.value_or(OpError{});
  }
  uint32_t line(const char* id) const { return s.lines.find(s.text, id); }
  uint32_t order(const char* id) const { return s.orders.find(s.text, id); }
  uint32_t inv(const std::string& id) const { return s.invoices.find(s.text, id); }
  uint32_t ticket(const char* id) const { return s.tickets.find(s.text, id); }
  uint32_t ts(const char* id) const { return s.find(s.timesheets, id); }
  std::string sol_of_ticket(const char* id) const {
    uint32_t l = s.tickets.rows[ticket(id)].sale_line;
    return l == kNone ? "" : std::string(s.lines.ids.id_of(s.text, l));
  }
  std::string sol_of_ts(const char* id) const {
    uint32_t l = s.timesheets.rows[ts(id)].sale_line;
    return l == kNone ? "" : std::string(s.lines.ids.id_of(s.text, l));
  }
  Money total(const std::string& invoice) const { return invoice_totals(s, inv(invoice)).total; }
  Qty delivered(const char* l) const { return qty_delivered(s, line(l)); }
  Qty invoiced(const char* l) const { return qty_invoiced(s, line(l)); }
  Qty to_invoice(const char* l) const { return qty_to_invoice(s, line(l)); }
  InvoiceStatus status(const char* l) const { return line_status(s, line(l)); }
  InvoiceStatus ostatus(const char* o) const { return order_status(s, order(o)); }
  std::string invoice_of(const char* t) const {
    uint32_t i = s.timesheets.rows[ts(t)].invoice;
    return i == kNone ? "" : std::string(s.invoices.ids.id_of(s.text, i));
  }

  // Odoo's fixtures: customer partner_b (a company) with a contact, employees, products.
  void odoo_fixtures() {
    ok({{"kind", "partner.create"}, {"id", "partner_a"}, {"name", "Partner A"}});
    ok({{"kind", "partner.create"}, {"id", "partner_b"}, {"name", "Partner B"}});
    ok({{"kind", "partner.create"}, {"id", "bob"}, {"name", "Bob"}, {"parent", "partner_b"}});
    ok({{"kind", "employee.create"}, {"id", "employee_user"}, {"name", "User"}, {"hourly_cost", "15"}});
    ok({{"kind", "employee.create"}, {"id", "employee_manager"}, {"name", "Manager"}, {"hourly_cost", "45"}});
    const char* prices[] = {"13", "90", "20", "30", "34"};
    for (int i = 0; i < 5; ++i) {
      std::string n = std::to_string(i + 1);
      ok({{"kind", "product.create"},
          {"id", "dt" + n},
          {"name", "Delivered timesheet " + n},
          {"policy", "timesheet"},
          {"price", prices[i]}});
      ok({{"kind", "product.create"},
          {"id", "ot" + n},
          {"name", "Prepaid " + n},
          {"policy", "prepaid"},
          {"price", prices[i]}});
      ok({{"kind", "product.create"},
          {"id", "dm" + n},
          {"name", "Manual " + n},
          {"policy", "manual"},
          {"price", prices[i]}});
    }
    ok({{"kind", "team.create"}, {"id", "team"}, {"name", "Support"}, {"use_timesheets", true}, {"use_billing", true}});
  }

  void order_with(const char* id, const char* partner, std::initializer_list<std::pair<const char*, const char*>> lines,
                  const char* date = "2026-11-01") {
    ok({{"kind", "order.create"}, {"id", id}, {"partner", partner}});
    int n = 0;
    for (auto& [product, qty] : lines)
      ok({{"kind", "order.add_line"},
          {"id", std::string(id) + "." + std::to_string(++n)},
          {"order", id},
          {"product", product},
          {"qty", qty}});
    ok({{"kind", "order.confirm"}, {"id", id}, {"date", date}});
  }
  void ticket_on(const char* id, const char* partner, const char* sale_line = nullptr) {
    json op = {{"kind", "ticket.create"}, {"id", id}, {"team", "team"}, {"title", id}, {"partner", partner}};
    if (sale_line) op["sale_line"] = sale_line;
    ok(op);
  }
  void log(const char* id, const char* ticket, const char* hours, const char* date = "2026-11-20",
           const char* employee = "employee_user") {
    ok({{"kind", "timesheet.log"},
        {"id", id},
        {"ticket", ticket},
        {"employee", employee},
        {"date", date},
        {"hours", hours}});
  }
  void invoice(const char* id, std::initializer_list<const char*> orders, json extra = json::object()) {
    json op = {{"kind", "invoice.create"}, {"id", id}, {"orders", json::array()}};
    for (const char* o : orders) op["orders"].push_back(o);
    for (auto& [k, v] : extra.items()) op[k] = v;
    ok(op);
  }
  void post(const std::string& id, const char* date = "2026-11-21") {
    ok({{"kind", "invoice.post"}, {"id", id}, {"date", date}});
  }
};

}  // namespace deskbill::test
