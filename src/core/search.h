// Ctrl+K: find any ticket, order, invoice or customer by what a person remembers of it — a
// ticket by its title or its customer's name (or the customer's company), an order or invoice
// by its number or customer, a ticket also by its reference ("#12"). Matching ignores ASCII case;
// newest records first.
#pragma once
#include <string_view>
#include <vector>

#include "core/state.h"

namespace deskbill {

enum class HitKind { Ticket, Order, Invoice, Customer };

struct SearchHit {
  HitKind kind;
  uint32_t rec;
};

// At most `per_kind` hits of each kind, tickets first.
std::vector<SearchHit> search_records(const State& s, std::string_view query, size_t per_kind = 30);
// A customer as the pickers show it: "Acme, Ana Popescu" for a contact of a company.
std::string partner_display(const State& s, uint32_t partner);

}  // namespace deskbill
