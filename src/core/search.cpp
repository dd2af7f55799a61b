#include "core/search.h"

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

std::string search_folded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += static_cast<char>(std::tolower(c));
      continue;
    }
    if (i + 1 < text.size()) {
      if (char base = folded_pair(c, static_cast<unsigned char>(text[i + 1]))) {
        out += base;
        ++i;
        continue;
      }
    }
    out += static_cast<char>(c);
  }
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
  std::string q = search_folded(query);
  auto hit = [&q](const std::string& hay) { return holds_folded(hay, q); };
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
