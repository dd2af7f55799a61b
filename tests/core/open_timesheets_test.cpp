// A line's open timesheets (State::line_open): the ones after its skip marker, read by Create
// Invoice (R15, R16) in the line's order. Kept as timesheets are logged, made again after anything
// else changes them; either way the invoices are Odoo's.
#include "billing_history.h"
#include "core/links.h"
#include "core/state_hash.h"
#include "fixture.h"

using namespace deskbill;
using namespace deskbill::test;

class OpenTimesheets : public ::testing::Test, public Ws {
 protected:
  void SetUp() override {
    odoo_fixtures();
    order_with("so", "partner_b", {{"dt2", "50"}, {"dt3", "20"}});
    ticket_on("k1", "partner_b", "so.1");
    ticket_on("k2", "partner_b", "so.2");
  }
  // The line's timesheets after its marker, found by following sol_next: what the list must hold.
  std::vector<uint32_t> walked(uint32_t l) const {
    std::vector<uint32_t> out;
    for (uint32_t t = first_unsettled_timesheet(s, l); t != kNone; t = s.timesheets.rows[t].sol_next) out.push_back(t);
    return out;
  }
  bool kept(uint32_t l) const { return l < s.line_open.size() && !s.line_open[l].stale; }
  std::vector<uint32_t> ids(std::initializer_list<const char*> names) const {
    std::vector<uint32_t> out;
    for (const char* n : names) out.push_back(ts(n));
    return out;
  }
};

TEST_F(OpenTimesheets, ALinesFirstTimesheetStartsItsKeptList) {
  EXPECT_FALSE(kept(line("so.1")));
  log("a", "k1", "2");
  ASSERT_TRUE(kept(line("so.1")));
  EXPECT_EQ(s.line_open[line("so.1")].ts, ids({"a"}));
}

TEST_F(OpenTimesheets, ATimesheetLoggedOnALineWhoseListIsKeptJoinsItsEnd) {
  log("a", "k1", "2");
  log("b", "k1", "3");
  derive_timesheet_indexes(s);                                   // as after a load: to be made again
  EXPECT_EQ(open_timesheets(s, line("so.1")), ids({"a", "b"}));  // made from sol_next: kept from now on
  log("c", "k1", "4");
  ASSERT_TRUE(kept(line("so.1")));
  EXPECT_EQ(s.line_open[line("so.1")].ts, ids({"a", "b", "c"}));
}

TEST_F(OpenTimesheets, AnInvoiceTakesWhatItBilledForGoodOffTheFront) {
  log("a", "k1", "2");
  log("b", "k1", "3");
  invoice("inv1", {"so"});
  EXPECT_EQ(total("inv1"), M("450.00"));  // 5 h × 90
  log("c", "k1", "4");
  ASSERT_TRUE(kept(line("so.1")));
  EXPECT_EQ(s.line_open[line("so.1")].ts, ids({"c"}));
  EXPECT_EQ(s.lines.rows[line("so.1")].ts_billed_upto, ts("b"));
  invoice("inv2", {"so"});
  EXPECT_EQ(total("inv2"), M("360.00"));  // only c: 4 h × 90
  EXPECT_EQ(invoice_of("c"), "inv2");
}

TEST_F(OpenTimesheets, ATimesheetOutsideThePeriodStaysOpenAndBlocksTheMarker) {
  log("a", "k1", "2", "2026-11-10");
  log("b", "k1", "3", "2026-11-20");
  invoice("inv1", {"so"}, {{"start", "2026-11-15"}, {"end", "2026-11-30"}});
  EXPECT_EQ(total("inv1"), M("270.00"));                         // b alone: 3 h × 90 (R15)
  EXPECT_EQ(open_timesheets(s, line("so.1")), ids({"a", "b"}));  // a is before b and still open
  invoice("inv2", {"so"});
  EXPECT_EQ(total("inv2"), M("180.00"));  // a: 2 h × 90
  EXPECT_TRUE(open_timesheets(s, line("so.1")).empty());
}

TEST_F(OpenTimesheets, ACancelledInvoiceOpensEveryTimesheetOfItsLinesAgain) {  // R18
  log("a", "k1", "2");
  log("b", "k1", "3");
  invoice("inv1", {"so"});
  EXPECT_TRUE(open_timesheets(s, line("so.1")).empty());
  ok({{"kind", "invoice.cancel"}, {"id", "inv1"}});
  EXPECT_FALSE(kept(line("so.1")));
  EXPECT_EQ(open_timesheets(s, line("so.1")), ids({"a", "b"}));
  invoice("inv2", {"so"});
  EXPECT_EQ(total("inv2"), M("450.00"));
  EXPECT_EQ(invoice_of("a"), "inv2");
}

TEST_F(OpenTimesheets, ATimesheetMovedToAnotherLineLeavesTheOpenListOfItsOldOne) {
  log("a", "k1", "2");
  log("b", "k1", "3");
  EXPECT_EQ(open_timesheets(s, line("so.1")), ids({"a", "b"}));
  ok({{"kind", "timesheet.update"}, {"id", "a"}, {"sale_line", "so.2"}});
  EXPECT_FALSE(kept(line("so.1")));
  EXPECT_EQ(open_timesheets(s, line("so.1")), ids({"b"}));
  invoice("inv1", {"so"});
  EXPECT_EQ(total("inv1"), M("310.00"));  // b: 3 h × 90, a: 2 h × 20
}

TEST_F(OpenTimesheets, ALoadMakesEveryListAgainFromTheLines) {
  log("a", "k1", "2");
  EXPECT_EQ(open_timesheets(s, line("so.1")), ids({"a"}));
  derive_timesheet_indexes(s);  // what a snapshot load calls
  EXPECT_FALSE(kept(line("so.1")));
  log("b", "k1", "3");
  EXPECT_EQ(open_timesheets(s, line("so.1")), ids({"a", "b"}));
}

// Any history of logging, moving, invoicing (with and without a period), posting, cancelling,
// deleting and crediting: after each op every kept list is the walk after the marker, and a fold
// that forgets every list before each Create Invoice (making each again from sol_next) gives the
// same state.
TEST_F(OpenTimesheets, AKeptListIsAlwaysTheWalkAfterTheMarker) {
  BillingHistory history(20261205, true);
  int compared = 0, kept_lists = 0;
  for (int step = 0; step < 1500; ++step) {
    json op = history.next(step);
    if (op["kind"] == "invoice.create") {
      State forgetting = s;
      forgetting.line_open.clear();
      apply_or_reject(forgetting, op);
      apply_or_reject(s, op);
      ASSERT_EQ(state_hash(s), state_hash(forgetting)) << "step " << step;
      ++compared;
    } else {
      apply_or_reject(s, op);
    }
    for (uint32_t l = 0; l < s.lines.size(); ++l) {
      if (!kept(l)) continue;
      ++kept_lists;
      ASSERT_EQ(s.line_open[l].ts, walked(l)) << "line " << l << ", step " << step << ": " << op.dump();
    }
  }
  EXPECT_GT(compared, 80);
  EXPECT_GT(kept_lists, 1000);  // the lists were kept through most ops, not made again each time
  EXPECT_GT(s.invoices.size(), 40u);
}
