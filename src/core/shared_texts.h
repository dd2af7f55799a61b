// Every text the state keeps in its shared pool (State::text): each table's ids but the
// timesheets', each record's text fields, the refused ops' and the company's, in one fixed order
// and named for messages. One list for the check of a loaded snapshot (core/state_check.h) and for
// making the shared pool again without what only timesheets use (compact_shared_texts).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/state.h"

namespace deskbill {

// f(text, what, row, field) for every shared text; S is State or const State.
template <class S, class F>
void each_shared_text(S& s, F&& f) {
  auto table = [&](auto& t, const char* what, auto fields) {
    for (uint32_t r = 0; r < t.size(); ++r) {
      f(t.ids.keys()[r], what, r, "id");
      fields(t.rows[r], [&](auto& text, const char* field) { f(text, what, r, field); });
    }
  };
  table(s.uoms, "unit", [](auto& r, auto g) { g(r.name, "name"); });
  table(s.partners, "customer",
        [](auto& r, auto g) { g(r.name, "name"), g(r.email, "email"), g(r.address, "address"), g(r.vat, "vat"); });
  table(s.employees, "employee", [](auto& r, auto g) { g(r.name, "name"); });
  table(s.taxes, "tax", [](auto& r, auto g) { g(r.name, "name"); });
  table(s.products, "product", [](auto& r, auto g) { g(r.name, "name"); });
  table(s.projects, "project", [](auto& r, auto g) { g(r.name, "name"); });
  table(s.tasks, "task", [](auto& r, auto g) { g(r.name, "name"); });
  table(s.teams, "team", [](auto& r, auto g) { g(r.name, "name"); });
  table(s.tickets, "ticket", [](auto& r, auto g) { g(r.title, "title"); });
  table(s.orders, "order", [](auto&, auto) {});
  table(s.lines, "order line", [](auto& r, auto g) { g(r.name, "name"); });
  table(s.invoices, "invoice", [](auto&, auto) {});
  table(s.invoice_lines, "invoice line", [](auto& r, auto g) { g(r.name, "name"); });
  table(s.payments, "payment", [](auto&, auto) {});
  for (uint32_t i = 0; i < s.rejected.size(); ++i) {
    auto& r = s.rejected[i];
    f(r.kind, "rejected op", i, "kind"), f(r.op_id, "rejected op", i, "id"), f(r.client, "rejected op", i, "client");
    f(r.code, "rejected op", i, "code"), f(r.message, "rejected op", i, "message");
    f(r.agent, "rejected op", i, "agent"), f(r.summary, "rejected op", i, "summary"), f(r.op, "rejected op", i, "op");
  }
  auto& co = s.company;
  f(co.name, "company", 0, "name"), f(co.address, "company", 0, "address"), f(co.vat, "company", 0, "vat");
  f(co.bank_account, "company", 0, "bank_account"), f(co.email, "company", 0, "email");
}

// Makes the shared pool again from what the records hold, in each_shared_text's order, leaving
// out bytes no shared text reads (the timesheets' texts of a snapshot before format 8, and texts
// an edit replaced). Reads the same texts after; an error, and s unchanged, when a text lies
// outside the pool.
[[nodiscard]] std::optional<std::string> compact_shared_texts(State& s);

}  // namespace deskbill
