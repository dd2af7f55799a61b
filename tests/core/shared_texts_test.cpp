// The shared text pool made again from what the records hold (a load of a snapshot before format
// 8, whose one pool held the timesheets' texts too): every text reads as before, the bytes no
// record reads are gone, and a text outside the pool is an error that changes nothing.
#include "core/shared_texts.h"

#include <gtest/gtest.h>

#include "core/apply.h"
#include "core/state_hash.h"
#include "generated_state.h"

using namespace deskbill;

namespace {
bool pool_holds(const TextPool& pool, std::string_view text) { return pool.bytes().find(text) != std::string::npos; }
}  // namespace

TEST(SharedTexts, EveryTextReadsTheSameAfterTheyAreLaidOutAgain) {
  State s = deskbill::test::generated_state(400);
  uint64_t before = state_hash(s);
  ASSERT_FALSE(compact_shared_texts(s));
  EXPECT_EQ(state_hash(s), before);
  EXPECT_EQ(s.find(s.tickets, "k7"), 7u);
  EXPECT_EQ(s.str(s.company.name), "Deskbill Support SRL");
}

TEST(SharedTexts, AReplacedTitleIsLeftOut) {
  State s = deskbill::test::generated_state(400);
  ASSERT_FALSE(deskbill::apply(
      s, {{"kind", "ticket.create"}, {"id", "kx"}, {"team", "team.eu"}, {"title", "A title soon replaced"}}));
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "ticket.update"}, {"id", "kx"}, {"title", "The title kept"}}));
  ASSERT_TRUE(pool_holds(s.text, "A title soon replaced"));
  size_t bytes = s.text.bytes().size();
  ASSERT_FALSE(compact_shared_texts(s));
  EXPECT_FALSE(pool_holds(s.text, "A title soon replaced"));
  EXPECT_EQ(s.str(s.tickets.rows[s.find(s.tickets, "kx")].title), "The title kept");
  EXPECT_LT(s.text.bytes().size(), bytes);
}

TEST(SharedTexts, ATextOutsideThePoolIsAnErrorAndNothingChanges) {
  State s = deskbill::test::generated_state(400);
  s.partners.rows[2].vat = Text{static_cast<uint32_t>(s.text.bytes().size()), 3};
  std::string pool = s.text.bytes();
  std::optional<std::string> err = compact_shared_texts(s);
  ASSERT_TRUE(err);
  EXPECT_EQ(*err, "customer 2 has a text past the text pool (vat)");
  EXPECT_EQ(s.text.bytes(), pool);
}
