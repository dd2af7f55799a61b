#include "core/search.h"

#include <cctype>

#include "core/names.h"

namespace deskbill {

namespace {
std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::string partner_display(const State& s, uint32_t partner) {
  if (partner == kNone) return "";
  const Partner& p = s.partners.rows[partner];
  std::string name(s.str(p.name));
  return p.parent == kNone ? name : std::string(s.str(s.partners.rows[p.parent].name)) + ", " + name;
}

std::vector<SearchHit> search_records(const State& s, std::string_view query, size_t per_kind) {
  std::string q = lower(query);
  auto hit = [&q](const std::string& hay) { return q.empty() || lower(hay).find(q) != std::string::npos; };
  std::vector<SearchHit> out;
  size_t n = 0;
  // "#12": the ticket with that reference comes first (core/names.h).
  uint32_t by_ref = !query.empty() && query[0] == '#' ? ticket_by_ref(s, query) : kNone;
  if (by_ref != kNone) {
    out.push_back({HitKind::Ticket, by_ref});
    ++n;
  }
  for (uint32_t k = s.tickets.size(); k-- > 0 && n < per_kind;) {
    if (k == by_ref) continue;
    const Ticket& t = s.tickets.rows[k];
    if (hit(std::string(s.str(t.title)) + " " + std::string(s.tickets.ids.id_of(s.text, k)) + " " +
            partner_display(s, t.partner))) {
      out.push_back({HitKind::Ticket, k});
      ++n;
    }
  }
  n = 0;
  for (uint32_t o = s.orders.size(); o-- > 0 && n < per_kind;)
    if (hit(order_name(s, o) + " " + partner_display(s, s.orders.rows[o].partner))) {
      out.push_back({HitKind::Order, o});
      ++n;
    }
  n = 0;
  for (uint32_t i = s.invoices.size(); i-- > 0 && n < per_kind;) {
    if (s.invoices.rows[i].deleted) continue;
    if (hit(invoice_name(s, i) + " " + partner_display(s, s.invoices.rows[i].partner))) {
      out.push_back({HitKind::Invoice, i});
      ++n;
    }
  }
  n = 0;
  for (uint32_t p = 0; p < s.partners.size() && n < per_kind; ++p)
    if (hit(partner_display(s, p))) {
      out.push_back({HitKind::Customer, p});
      ++n;
    }
  return out;
}

}  // namespace deskbill
