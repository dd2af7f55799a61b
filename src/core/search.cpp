#include "core/search.h"

#include <algorithm>
#include <cctype>

#include "core/names.h"

namespace deskbill {

namespace {
// The accented letters search_folded takes to their base letter: two-byte UTF-8 sequences only
// (U+00C0–U+021B), upper and lower case.
struct Fold {
  unsigned char b0, b1;
  char to;
};
constexpr Fold kFolds[] = {
    // Latin-1: À Á Â Ã Ä Å Ç È É Ê Ë Ì Í Î Ï Ñ Ò Ó Ô Õ Ö Ù Ú Û Ü Ý and their lower case
    {0xC3, 0x80, 'a'},
    {0xC3, 0x81, 'a'},
    {0xC3, 0x82, 'a'},
    {0xC3, 0x83, 'a'},
    {0xC3, 0x84, 'a'},
    {0xC3, 0x85, 'a'},
    {0xC3, 0x87, 'c'},
    {0xC3, 0x88, 'e'},
    {0xC3, 0x89, 'e'},
    {0xC3, 0x8A, 'e'},
    {0xC3, 0x8B, 'e'},
    {0xC3, 0x8C, 'i'},
    {0xC3, 0x8D, 'i'},
    {0xC3, 0x8E, 'i'},
    {0xC3, 0x8F, 'i'},
    {0xC3, 0x91, 'n'},
    {0xC3, 0x92, 'o'},
    {0xC3, 0x93, 'o'},
    {0xC3, 0x94, 'o'},
    {0xC3, 0x95, 'o'},
    {0xC3, 0x96, 'o'},
    {0xC3, 0x99, 'u'},
    {0xC3, 0x9A, 'u'},
    {0xC3, 0x9B, 'u'},
    {0xC3, 0x9C, 'u'},
    {0xC3, 0x9D, 'y'},
    {0xC3, 0xA0, 'a'},
    {0xC3, 0xA1, 'a'},
    {0xC3, 0xA2, 'a'},
    {0xC3, 0xA3, 'a'},
    {0xC3, 0xA4, 'a'},
    {0xC3, 0xA5, 'a'},
    {0xC3, 0xA7, 'c'},
    {0xC3, 0xA8, 'e'},
    {0xC3, 0xA9, 'e'},
    {0xC3, 0xAA, 'e'},
    {0xC3, 0xAB, 'e'},
    {0xC3, 0xAC, 'i'},
    {0xC3, 0xAD, 'i'},
    {0xC3, 0xAE, 'i'},
    {0xC3, 0xAF, 'i'},
    {0xC3, 0xB1, 'n'},
    {0xC3, 0xB2, 'o'},
    {0xC3, 0xB3, 'o'},
    {0xC3, 0xB4, 'o'},
    {0xC3, 0xB5, 'o'},
    {0xC3, 0xB6, 'o'},
    {0xC3, 0xB9, 'u'},
    {0xC3, 0xBA, 'u'},
    {0xC3, 0xBB, 'u'},
    {0xC3, 0xBC, 'u'},
    {0xC3, 0xBD, 'y'},
    {0xC3, 0xBF, 'y'},
    // Romanian: Ă ă, Ş ş Ţ ţ (cedilla), Ș ș Ț ț (comma below)
    {0xC4, 0x82, 'a'},
    {0xC4, 0x83, 'a'},
    {0xC5, 0x9E, 's'},
    {0xC5, 0x9F, 's'},
    {0xC5, 0xA2, 't'},
    {0xC5, 0xA3, 't'},
    {0xC8, 0x98, 's'},
    {0xC8, 0x99, 's'},
    {0xC8, 0x9A, 't'},
    {0xC8, 0x9B, 't'}};

char folded_pair(unsigned char b0, unsigned char b1) {
  for (const Fold& f : kFolds)
    if (f.b0 == b0 && f.b1 == b1) return f.to;
  return 0;
}
}  // namespace

// search_folded into `out` (cleared first): the search reuses one buffer for every record.
static void fold_into(std::string_view text, std::string& out) {
  out.resize(text.size());  // folding never lengthens: a pair becomes one letter
  char* o = out.data();
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      *o++ = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      continue;
    }
    if (i + 1 < text.size()) {
      if (char base = folded_pair(c, static_cast<unsigned char>(text[i + 1]))) {
        *o++ = base;
        ++i;
        continue;
      }
    }
    *o++ = static_cast<char>(c);
  }
  out.resize(static_cast<size_t>(o - out.data()));
}

std::string search_folded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  fold_into(text, out);
  return out;
}

bool holds_folded(std::string_view text, std::string_view folded_query) {
  return folded_query.empty() || search_folded(text).find(folded_query) != std::string::npos;
}

bool words_match(std::string_view label, std::string_view query) {
  std::string hay = search_folded(label), q = search_folded(query);
  size_t at = 0;
  while (at < q.size()) {
    size_t end = q.find(' ', at);
    if (end == std::string::npos) end = q.size();
    if (end > at && hay.find(q.substr(at, end - at)) == std::string::npos) return false;
    at = end + 1;
  }
  return true;
}

std::string partner_display(const State& s, uint32_t partner) {
  if (partner == kNone) return "";
  const Partner& p = s.partners.rows[partner];
  std::string name(s.str(p.name));
  return p.parent == kNone ? name : std::string(s.str(s.partners.rows[p.parent].name)) + ", " + name;
}

std::vector<SearchHit> search_records(const State& s, std::string_view query, size_t per_kind) {
  std::string q = search_folded(query), folded;
  // Each record's text is folded into one buffer: no allocation per record (a rare word looks at
  // every ticket).
  auto hit = [&q, &folded](std::string_view hay) {
    if (q.empty()) return true;
    fold_into(hay, folded);
    return folded.find(q) != std::string::npos;
  };
  // Each customer is matched once: a ticket, order or invoice found through its customer asks here.
  std::vector<char> customer_hit(s.partners.size());
  for (uint32_t p = 0; p < s.partners.size(); ++p) customer_hit[p] = hit(partner_display(s, p));
  auto through = [&customer_hit](uint32_t partner) { return partner != kNone && customer_hit[partner]; };
  // Two tiers: what is named like the query (a ticket by its title or id, an order or invoice by
  // its number, a customer), then what is found only through its customer. "umbrella" lists the
  // customer Umbrella before the hundreds of Umbrella's tickets; "printer" a ticket so titled
  // before any ticket of a customer "Printers Ltd". Each tier newest first, tickets first.
  std::vector<SearchHit> named, via_customer;
  // "#12": the ticket with that reference comes first (core/names.h).
  uint32_t by_ref = !query.empty() && query[0] == '#' ? ticket_by_ref(s, query) : kNone;
  if (by_ref != kNone) named.push_back({HitKind::Ticket, by_ref});
  // One kind, newest first: at most per_kind of it in all, those named first. The scan ends when
  // per_kind are named; one found through its customer only fills what the named leave.
  auto scan = [&](HitKind kind, uint32_t count, auto&& own, auto&& partner_of, size_t already) {
    size_t n_named = already, first_via = via_customer.size();
    for (uint32_t r = count; r-- > 0 && n_named < per_kind;) {
      if (kind == HitKind::Ticket && r == by_ref) continue;
      int m = own(r);  // 1 named, 0 not, -1 not a record to list (a deleted draft)
      if (m < 0) continue;
      if (m) {
        named.push_back({kind, r});
        ++n_named;
      } else if (via_customer.size() - first_via < per_kind && through(partner_of(r))) {
        via_customer.push_back({kind, r});
      }
    }
    via_customer.resize(first_via + std::min(via_customer.size() - first_via, per_kind - n_named));
  };
  scan(
      HitKind::Ticket, s.tickets.size(),
      [&](uint32_t k) { return hit(s.str(s.tickets.rows[k].title)) || hit(s.tickets.ids.id_of(s.text, k)) ? 1 : 0; },
      [&](uint32_t k) { return s.tickets.rows[k].partner; }, named.size());
  scan(
      HitKind::Order, s.orders.size(), [&](uint32_t o) { return hit(order_name(s, o)) ? 1 : 0; },
      [&](uint32_t o) { return s.orders.rows[o].partner; }, 0);
  auto invoice_named = [&](uint32_t i) {
    if (s.invoices.rows[i].deleted) return -1;
    return hit(invoice_name(s, i)) ? 1 : 0;
  };
  scan(
      HitKind::Invoice, s.invoices.size(), invoice_named, [&](uint32_t i) { return s.invoices.rows[i].partner; }, 0);
  size_t n = 0;
  for (uint32_t p = 0; p < s.partners.size() && n < per_kind; ++p)
    if (customer_hit[p]) {
      named.push_back({HitKind::Customer, p});
      ++n;
    }
  // Configuration's records, by name only: a product's customers are not its own.
  auto by_name = [&](HitKind kind, uint32_t count, auto&& listed, auto&& name_of) {
    if (q.empty()) return;
    size_t found = 0;
    for (uint32_t r = count; r-- > 0 && found < per_kind;)
      if (listed(r) && hit(name_of(r))) {
        named.push_back({kind, r});
        ++found;
      }
  };
  auto always = [](uint32_t) { return true; };
  by_name(
      HitKind::Product, s.products.size(), [&](uint32_t p) { return s.products.rows[p].active; },
      [&](uint32_t p) { return s.str(s.products.rows[p].name); });
  by_name(HitKind::Project, s.projects.size(), always, [&](uint32_t p) { return s.str(s.projects.rows[p].name); });
  by_name(HitKind::Task, s.tasks.size(), always, [&](uint32_t t) { return s.str(s.tasks.rows[t].name); });
  named.insert(named.end(), via_customer.begin(), via_customer.end());
  return named;
}

}  // namespace deskbill
