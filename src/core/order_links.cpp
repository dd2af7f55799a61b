#include "core/order_links.h"

#include <algorithm>
#include <unordered_set>

namespace deskbill {

OrderLinks order_links(const State& s, uint32_t order) {
  OrderLinks out;
  std::unordered_set<uint32_t> lines;
  for (uint32_t l = s.orders.rows[order].line_head; l != kNone; l = s.lines.rows[l].next) {
    lines.insert(l);
    if (s.lines.rows[l].task != kNone) out.tasks.push_back(s.lines.rows[l].task);
    for (uint32_t il = s.lines.rows[l].il_head; il != kNone; il = s.invoice_lines.rows[il].sol_next) {
      uint32_t inv = s.invoice_lines.rows[il].invoice;
      if (!s.invoices.rows[inv].deleted) out.invoices.push_back(inv);
    }
  }
  std::sort(out.invoices.begin(), out.invoices.end());
  out.invoices.erase(std::unique(out.invoices.begin(), out.invoices.end()), out.invoices.end());
  for (uint32_t k = 0; k < s.tickets.size(); ++k)
    if (s.tickets.rows[k].sale_line != kNone && lines.count(s.tickets.rows[k].sale_line)) out.tickets.push_back(k);
  return out;
}

InvoiceLinks invoice_links(const State& s, uint32_t invoice) {
  InvoiceLinks out;
  for (uint32_t il = s.invoices.rows[invoice].line_head; il != kNone; il = s.invoice_lines.rows[il].next) {
    const InvoiceLine& x = s.invoice_lines.rows[il];
    if (x.deleted || x.sale_line == kNone) continue;
    uint32_t o = s.lines.rows[x.sale_line].order;
    if (std::find(out.orders.begin(), out.orders.end(), o) == out.orders.end()) out.orders.push_back(o);
  }
  for (uint32_t p = 0; p < s.payments.size(); ++p)
    if (s.payments.rows[p].invoice == invoice) out.payments.push_back(p);
  return out;
}

}  // namespace deskbill
