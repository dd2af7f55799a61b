// Ctrl+K: find any ticket, order, invoice or customer by what a person remembers of it — a
// ticket by its title or its customer's name (or the customer's company), an order or invoice
// by its number or customer, a ticket also by its reference ("#12") — and what Configuration
// holds by its name: a product (not an archived one), a project, a task. Matching ignores case
// and accents (search_folded); newest records first.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/state.h"

namespace deskbill {

enum class HitKind { Ticket, Order, Invoice, Customer, Product, Project, Task };

struct SearchHit {
  HitKind kind;
  uint32_t rec;
};

// At most `per_kind` hits of each kind. Those named like the query come first (a ticket by its
// title, id or "#12", an order or invoice by its number, a customer, product, project or task by
// name; in that order of kinds), then those found only through their customer's name. Newest
// first within each. Products, projects and tasks only for a query: an empty one lists the
// records an agent works on, not the configuration.
std::vector<SearchHit> search_records(const State& s, std::string_view query, size_t per_kind = 30);
// Text as search compares it: ASCII letters in lower case, and the accented Latin letters of the
// app's languages and names (Romanian ă â î ș ț, both cedilla forms, and Latin-1's vowels, ç, ñ)
// as their base letter in lower case. A name is often typed without its diacritics: "tanase"
// finds "Dan Tănase", "oferta" finds "Ofertă nouă". Other text is kept as it is.
std::string search_folded(std::string_view text);
// Whether `text` holds `folded_query` (a query already through search_folded), compared folded:
// the pickers' filter and search_records' test. An empty query is in every text.
bool holds_folded(std::string_view text, std::string_view folded_query);
// Whether each word of `query` (split on spaces) is somewhere in `label`, compared folded: the
// palette's commands ("new tick" finds "New ticket"). A query of no words matches every label.
bool words_match(std::string_view label, std::string_view query);
// A customer as the pickers show it: "Acme, Ana Popescu" for a contact of a company.
std::string partner_display(const State& s, uint32_t partner);

}  // namespace deskbill
