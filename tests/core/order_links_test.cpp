// An order's form lists what it led to (core/order_links.h): its invoices once each, the tickets
// billed on its lines (a contact's ticket included), the tasks its lines created.
#include "core/order_links.h"

#include <gtest/gtest.h>

#include "core/apply.h"

using namespace deskbill;
using nlohmann::json;

TEST(OrderLinks, InvoicesOnceTicketsOnItsLinesAndItsTasks) {
  State s;
  for (const json& op : std::vector<json>{
           {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}},
           {{"kind", "project.create"}, {"id", "pr"}, {"name", "Onboarding"}},
           {{"kind", "product.create"},
            {"id", "p"},
            {"name", "Setup"},
            {"policy", "prepaid"},
            {"price", "600"},
            {"creates_task", true},
            {"project", "pr"}},
           {{"kind", "product.create"}, {"id", "h"}, {"name", "Hours"}, {"policy", "prepaid"}, {"price", "90"}},
           {{"kind", "order.create"}, {"id", "so"}, {"partner", "acme"}},
           {{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "p"}, {"qty", "1"}},
           {{"kind", "order.add_line"}, {"id", "so.2"}, {"order", "so"}, {"product", "h"}, {"qty", "10"}},
           {{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-01"}},
           {{"kind", "order.create"}, {"id", "other"}, {"partner", "acme"}},
           {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}, {"use_billing", true}},
           {{"kind", "ticket.create"}, {"id", "k1"}, {"title", "VPN"}, {"team", "t"}, {"sale_line", "so.2"}},
           {{"kind", "ticket.create"}, {"id", "k2"}, {"title", "Mail"}, {"team", "t"}},
           {{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"so"}}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  OrderLinks l = order_links(s, s.orders.find(s.text, "so"));
  EXPECT_EQ(l.invoices, std::vector<uint32_t>{s.invoices.find(s.text, "inv")});  // two lines, one invoice
  EXPECT_EQ(l.tickets, std::vector<uint32_t>{s.tickets.find(s.text, "k1")});
  ASSERT_EQ(l.tasks.size(), 1u);
  EXPECT_EQ(s.str(s.tasks.rows[l.tasks[0]].name), "S00001 - Setup");
  OrderLinks none = order_links(s, s.orders.find(s.text, "other"));
  EXPECT_TRUE(none.invoices.empty() && none.tickets.empty() && none.tasks.empty());
}
