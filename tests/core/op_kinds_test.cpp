// Which kinds create a record under the op's own id (core/op_kinds.h): a sync rule rests on it
// (an op that creates a record, seen again with the same content, is the very same op), so the
// list is checked against what the fold does with one op of each kind.
#include "core/op_kinds.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/state_hash.h"
#include "fixture.h"

using namespace deskbill;
using deskbill::test::json;

namespace {

bool held_anywhere(const State& s, const std::string& id) {
  auto in = [&](const auto& table) { return s.find(table, id) != kNone; };
  return in(s.uoms) || in(s.partners) || in(s.employees) || in(s.taxes) || in(s.products) || in(s.projects) ||
         in(s.tasks) || in(s.teams) || in(s.tickets) || in(s.timesheets) || in(s.orders) || in(s.lines) ||
         in(s.invoices) || in(s.invoice_lines) || in(s.payments);
}

}  // namespace

TEST(OpKinds, AnOpCreatesARecordUnderItsIdExactlyWhenItsKindSaysSo) {
  const json ops[] = {
      {{"kind", "uom.create"}, {"id", "u50"}, {"name", "50(hours)"}, {"category", "time"}, {"factor", "0.16"}},
      {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}},
      {{"kind", "partner.update"}, {"id", "acme"}, {"vat", "RO1"}},
      {{"kind", "company.update"}, {"name", "Deskbill SRL"}},
      {{"kind", "employee.create"}, {"id", "ana"}, {"name", "Ana"}, {"hourly_cost", "30"}},
      {{"kind", "employee.update"}, {"id", "ana"}, {"hourly_cost", "35"}},
      {{"kind", "tax.create"}, {"id", "vat19"}, {"name", "TVA 19%"}, {"rate", "19"}},
      {{"kind", "product.create"}, {"id", "p"}, {"name", "Support"}, {"policy", "timesheet"}, {"price", "100"}},
      {{"kind", "product.update"}, {"id", "p"}, {"price", "90"}},
      {{"kind", "project.create"}, {"id", "pr"}, {"name", "Onboarding"}, {"partner", "acme"}},
      {{"kind", "project.update"}, {"id", "pr"}, {"name", "Onboarding 2"}},
      {{"kind", "task.create"}, {"id", "t1"}, {"project", "pr"}, {"name", "Setup"}},
      {{"kind", "task.update"}, {"id", "t1"}, {"name", "Set up"}},
      {{"kind", "team.create"}, {"id", "sup"}, {"name", "Support"}, {"use_billing", true}},
      {{"kind", "team.update"}, {"id", "sup"}, {"name", "Support EU"}},
      {{"kind", "order.create"}, {"id", "so"}, {"partner", "acme"}},
      {{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "p"}, {"qty", "10"}},
      {{"kind", "order.update_line"}, {"id", "so.1"}, {"qty", "12"}},
      {{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-20"}},
      {{"kind", "ticket.create"},
       {"id", "k1"},
       {"team", "sup"},
       {"title", "VPN"},
       {"partner", "acme"},
       {"sale_line", "so.1"}},
      {{"kind", "ticket.update"}, {"id", "k1"}, {"title", "VPN drops"}},
      {{"kind", "timesheet.log"},
       {"id", "ts1"},
       {"ticket", "k1"},
       {"employee", "ana"},
       {"date", "2026-11-20"},
       {"hours", "1.5"}},
      {{"kind", "timesheet.update"}, {"id", "ts1"}, {"hours", "2"}},
      {{"kind", "timesheet.log"},
       {"id", "ts2"},
       {"ticket", "k1"},
       {"employee", "ana"},
       {"date", "2026-11-20"},
       {"hours", "1"}},
      {{"kind", "timesheet.delete"}, {"id", "ts2"}},
      {{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"so"}}},
      {{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-11-21"}},
      {{"kind", "invoice.pay"}, {"id", "pay1"}, {"invoice", "inv"}, {"amount", "100"}, {"date", "2026-11-22"}},
      {{"kind", "invoice.reverse"}, {"id", "cn"}, {"invoice", "inv"}},
  };
  deskbill::test::Ws w, marked;
  std::set<std::string> creating;
  for (const json& op : ops) {
    std::string kind = op["kind"], id = op.value("id", "");
    bool before = !id.empty() && held_anywhere(w.s, id);
    w.ok(op);
    bool created = !before && !id.empty() && held_anywhere(w.s, id);
    EXPECT_EQ(op_creates_record(kind), created) << kind;
    if (created) creating.insert(kind);
    // A change's mark (journal/record_ids.h) is no argument: the fold does the same with it.
    json with_mark = op;
    if (!op_creates_record(kind)) with_mark["mark"] = "q7x1ab-1";
    marked.ok(with_mark);
  }
  EXPECT_EQ(state_hash(marked.s), state_hash(w.s));
  EXPECT_EQ(creating.size(), 15u);  // every kind that creates
  EXPECT_FALSE(op_creates_record("op.refused"));
  EXPECT_FALSE(op_creates_record("made.by_a_newer_version"));
}
