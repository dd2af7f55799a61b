// A state read from outside the fold (an old snapshot without a checksum) is checked before use:
// every link names a record of its table (or none) and every text lies inside the text pool, so
// no view or op can read past the end of a table.
#include "core/state_check.h"

#include <gtest/gtest.h>

#include "core/apply.h"
#include "core/op_args.h"
#include "generated_state.h"

using namespace deskbill;

TEST(StateCheck, AFoldedStateIsWellFormed) {
  EXPECT_FALSE(state_problem(deskbill::test::generated_state(400)));
  EXPECT_FALSE(state_problem(State()));
}

TEST(StateCheck, ALinkPastItsTableIsNamed) {
  State s = deskbill::test::generated_state(400);
  s.lines.rows[1].il_head = s.invoice_lines.size() + 5;
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "order line 1 links past its table (il_head)");
}

TEST(StateCheck, NoneIsNotALinkPastTheTable) {
  State s = deskbill::test::generated_state(400);
  s.timesheets.rows[0].invoice = kNone;
  s.partners.rows[0].parent = kNone;
  EXPECT_FALSE(state_problem(s));
}

TEST(StateCheck, ATextPastThePoolIsNamed) {
  State s = deskbill::test::generated_state(400);
  s.partners.rows[2].email = Text{static_cast<uint32_t>(s.text.bytes().size()) - 1, 2};
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "customer 2 has a text past the text pool (email)");
}

TEST(StateCheck, ATextWhoseEndOverflowsIsNamed) {
  State s = deskbill::test::generated_state(400);
  s.timesheets.rows[9].description = TsText{8, UINT32_MAX};
  EXPECT_TRUE(state_problem(s));
}

TEST(StateCheck, AnIdKeyPastThePoolIsNamed) {
  State s = deskbill::test::generated_state(400);
  s.products.ids.keys()[0] = Text{UINT32_MAX, 1};
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "product 0 has a text past the text pool (id)");
}

TEST(StateCheck, AnEnumOutOfItsRangeIsNamed) {
  State s = deskbill::test::generated_state(400);
  s.tickets.rows[0].stage = static_cast<Stage>(9);
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "ticket 0 has a value out of range (stage)");
}

TEST(StateCheck, AUnitOfTheStateMustExist) {
  State s = deskbill::test::generated_state(400);
  s.hours = s.uoms.size();
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "the workspace's hours unit links past its table");
}

TEST(StateCheck, ARejectedOpsTextPastThePoolIsNamed) {
  State s = deskbill::test::generated_state(400);
  apply_or_reject(s, {{"kind", "invoice.post"}, {"id", "missing"}});
  ASSERT_FALSE(s.rejected.empty());
  s.rejected.back().summary = Text{static_cast<uint32_t>(s.text.bytes().size()), 3};
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "rejected op " + std::to_string(s.rejected.size() - 1) + " has a text past the text pool (summary)");
}

TEST(StateCheck, TheCompanysTextPastThePoolIsNamed) {
  State s = deskbill::test::generated_state(400);
  s.company.bank_account = Text{0, static_cast<uint32_t>(s.text.bytes().size()) + 1};
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "company 0 has a text past the text pool (bank_account)");
}

// An amount no op may carry (a price of 2^62 cents) would overflow the totals that multiply it.
TEST(StateCheck, AnAmountBeyondWhatAnOpMayCarryIsNamed) {
  State s = deskbill::test::generated_state(400);
  s.lines.rows[0].price = int64_t{1} << 62;
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "order line 0 has an amount out of range (price)");
}

TEST(StateCheck, ANegativeAmountBeyondWhatAnOpMayCarryIsNamed) {
  State s = deskbill::test::generated_state(400);
  s.timesheets.rows[3].hours = -(int64_t{1} << 50);
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "timesheet 3 has an amount out of range (hours)");
}

// A unit's factor divides quantities: zero would divide by zero.
TEST(StateCheck, AUnitsFactorMustBePositive) {
  State s = deskbill::test::generated_state(400);
  s.uoms.rows[0].factor_den = 0;
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "unit 0 has an amount out of range (factor_den)");
}

// Sums the fold keeps (hours on a line, an invoice's payments) may exceed one op's bound.
TEST(StateCheck, ASumTheFoldKeepsMayExceedOneOpsBound) {
  State s = deskbill::test::generated_state(400);
  s.lines.rows[0].ts_hours = kMaxQtyUnits * kQtyOne * 3;
  EXPECT_FALSE(state_problem(s));
}

// ... but not past 2^53, which the billing math could no longer multiply and sum.
TEST(StateCheck, ASumTheFoldKeepsBeyondWhatTheMathCanMultiplyIsNamed) {
  State s = deskbill::test::generated_state(400);
  ASSERT_GT(s.invoices.size(), 0u);
  s.invoices.rows[0].paid = int64_t{1} << 60;
  std::optional<std::string> p = state_problem(s);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "invoice 0 has an amount out of range (paid)");
}
