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

// An invoice's form names the orders it bills (Odoo's Source Document), each once, and lists the
// payments registered on it, not another invoice's.
TEST(InvoiceLinks, TheOrdersItBillsOnceAndItsOwnPayments) {
  State s;
  for (const json& op : std::vector<json>{
           {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}},
           {{"kind", "product.create"}, {"id", "h"}, {"name", "Hours"}, {"policy", "prepaid"}, {"price", "90"}},
           {{"kind", "order.create"}, {"id", "so1"}, {"partner", "acme"}},
           {{"kind", "order.add_line"}, {"id", "so1.1"}, {"order", "so1"}, {"product", "h"}, {"qty", "1"}},
           {{"kind", "order.add_line"}, {"id", "so1.2"}, {"order", "so1"}, {"product", "h"}, {"qty", "2"}},
           {{"kind", "order.confirm"}, {"id", "so1"}, {"date", "2026-11-01"}},
           {{"kind", "order.create"}, {"id", "so2"}, {"partner", "acme"}},
           {{"kind", "order.add_line"}, {"id", "so2.1"}, {"order", "so2"}, {"product", "h"}, {"qty", "3"}},
           {{"kind", "order.confirm"}, {"id", "so2"}, {"date", "2026-11-01"}},
           {{"kind", "invoice.create"}, {"id", "both"}, {"orders", {"so1", "so2"}}},
           {{"kind", "invoice.post"}, {"id", "both"}, {"date", "2026-11-02"}},
           {{"kind", "invoice.pay"}, {"id", "pay1"}, {"invoice", "both"}, {"amount", "100"}, {"date", "2026-11-03"}},
           {{"kind", "invoice.pay"}, {"id", "pay2"}, {"invoice", "both"}, {"amount", "50"}, {"date", "2026-11-04"}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  InvoiceLinks l = invoice_links(s, s.invoices.find(s.text, "both"));
  EXPECT_EQ(l.orders, (std::vector<uint32_t>{s.orders.find(s.text, "so1"), s.orders.find(s.text, "so2")}));
  EXPECT_EQ(l.payments, (std::vector<uint32_t>{s.payments.find(s.text, "pay1"), s.payments.find(s.text, "pay2")}));
}
