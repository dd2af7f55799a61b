// Random and malformed ops never crash the fold, and its invariants hold after each one:
// no timesheet billed twice, invoiced quantity = Σ of its invoice lines, posted invoices frozen.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "core/apply.h"
#include "core/billing.h"
#include "core/state_json.h"
#include "core/tax_math.h"

using namespace deskbill;
using nlohmann::json;

namespace {

json random_value(std::mt19937_64& rng, const std::vector<std::string>& ids) {
  switch (rng() % 12) {
    case 0:
      return nullptr;
    case 1:
      return static_cast<int64_t>(rng() % 200) - 50;
    case 2:
      return std::to_string(rng() % 40) + "." + std::to_string(rng() % 100);
    case 3:
      return "2026-11-" + std::to_string(1 + rng() % 31);
    case 4:
      return json::array({ids[rng() % ids.size()]});
    case 5:
      return rng() % 2 == 0;
    case 6:
      return "garbage\"\x01";
    // The shapes a hostile peer sends: ids listed twice, numbers at and past the limits, more
    // decimals than a field keeps.
    case 7: {
      std::string id = ids[rng() % ids.size()];
      return json::array({id, id, id});
    }
    case 8:
      return rng() % 2 ? json(18446744073709551615ull) : json("16002642717663404.21");
    case 9:
      return std::to_string(rng() % 40) + "." + std::to_string(rng() % 100000);
    default:
      return ids[rng() % ids.size()];
  }
}

}  // namespace

TEST(Fuzz, RandomOpsNeverBreakInvariants) {
  std::mt19937_64 rng(20261122);
  State s;
  const auto& kinds = op_kinds();
  std::vector<std::string> ids = {"c",        "c2",  "e",     "t",    "p",   "pp",  "o",
                                  "o.1",      "o.2", "k",     "k2",   "ts1", "ts2", "i",
                                  "i/2",      "i:1", "hours", "days", "vat", "x",   "service_on_timesheet",
                                  "t/project"};
  const char* keys[] = {"id",       "name",      "partner",     "parent",         "team",     "title",
                        "employee", "ticket",    "task",        "project",        "date",     "hours",
                        "qty",      "price",     "product",     "order",          "orders",   "sale_line",
                        "policy",   "method",    "amount",      "fixed_amount",   "invoice",  "lines",
                        "start",    "end",       "use_billing", "use_timesheets", "discount", "uom",
                        "stage",    "delivered", "rate",        "taxes",          "display",  "consolidated"};
  std::map<uint32_t, Money> posted_totals;
  for (int i = 0; i < 60000; ++i) {
    json op = {{"kind", kinds[rng() % kinds.size()]}};
    int n = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < n; ++k) op[keys[rng() % (sizeof keys / sizeof *keys)]] = random_value(rng, ids);
    if (rng() % 3) op["id"] = ids[rng() % ids.size()];
    if (rng() % 50 == 0) op = random_value(rng, ids);  // not even an object
    apply_or_reject(s, op);

    if (i % 500 != 0) continue;
    for (uint32_t l = 0; l < s.lines.size(); ++l) {
      Qty sum = 0;
      for (uint32_t il = s.lines.rows[l].il_head; il != kNone; il = s.invoice_lines.rows[il].sol_next) {
        const InvoiceLine& x = s.invoice_lines.rows[il];
        const Invoice& inv = s.invoices.rows[x.invoice];
        if (x.deleted || inv.deleted || inv.state == MoveState::Cancel) continue;
        Qty q = convert(s, x.qty, x.uom, s.lines.rows[l].uom, Rounding::Up);
        sum += inv.type == MoveType::Refund ? -q : q;
      }
      ASSERT_EQ(sum, qty_invoiced(s, l));
      Qty hours = 0;
      for (uint32_t t = s.lines.rows[l].ts_head; t != kNone; t = s.timesheets.rows[t].sol_next)
        hours += s.timesheets.rows[t].hours;
      ASSERT_EQ(hours, s.lines.rows[l].ts_hours);
    }
    for (uint32_t t = 0; t < s.timesheets.size(); ++t) {
      const Timesheet& ts = s.timesheets.rows[t];
      if (ts.invoice != kNone) {
        ASSERT_EQ(s.invoices.rows[ts.invoice].type, MoveType::Invoice);  // credit notes never link
      }
    }
    for (uint32_t v = 0; v < s.invoices.size(); ++v) {
      if (s.invoices.rows[v].state != MoveState::Posted) continue;
      Money t = invoice_totals(s, v).total;
      auto it = posted_totals.find(v);
      if (it != posted_totals.end()) {
        ASSERT_EQ(it->second, t) << "a posted invoice changed";
      }
      posted_totals[v] = t;
    }
  }
  EXPECT_NO_THROW(state_to_json(s).dump());
}
