// A new record's id (journal/record_ids.h, docs/ops.md).
#include "journal/record_ids.h"

#include <gtest/gtest.h>

using namespace deskbill;

TEST(RecordIds, AnIdNamesTheDeviceTheSeqAndTheTab) {
  RecordIds ids("q7x1ab");
  EXPECT_EQ(ids.next("k3j2x9", 12), "k3j2x9.12.q7x1ab-1");
  EXPECT_EQ(ids.next("k3j2x9", 12), "k3j2x9.12.q7x1ab-2");  // a form that makes two records
}

// A device restored from an older copy numbers its next op with a seq its lost future used:
// the tab that opens on the copy draws another tag, so its ids are not that future's.
TEST(RecordIds, TwoTabsThatReuseASeqMakeDifferentIds) {
  RecordIds before("aaaaaa"), after_restore("bbbbbb");
  EXPECT_NE(before.next("dev1", 9), after_restore.next("dev1", 9));
}

// A change names no id of its own: the same change made twice would be one op by its content.
TEST(RecordIds, AChangeMadeTwiceWithTheSameContentIsTwoOps) {
  RecordIds ids("q7x1ab");
  nlohmann::json first = {{"kind", "partner.update"}, {"id", "acme"}, {"name", "Acme"}}, again = first;
  ids.mark_change(first);
  ids.mark_change(again);
  EXPECT_EQ(first["mark"], "q7x1ab-1");
  EXPECT_NE(first, again);
}

TEST(RecordIds, AnOpThatCreatesARecordIsToldApartByItsIdAndGetsNoMark) {
  RecordIds ids("q7x1ab");
  nlohmann::json create = {{"kind", "ticket.create"}, {"id", ids.next("dev1", 3)}, {"team", "sup"}, {"title", "VPN"}};
  nlohmann::json before = create;
  ids.mark_change(create);
  EXPECT_EQ(create, before);
}

TEST(RecordIds, AMarkedChangeKeepsItsMark) {
  RecordIds ids("q7x1ab");
  nlohmann::json op = {{"kind", "ticket.update"}, {"id", "k1"}, {"stage", "solved"}, {"mark", "zzzzzz-4"}};
  ids.mark_change(op);
  EXPECT_EQ(op["mark"], "zzzzzz-4");
  nlohmann::json not_an_op = nlohmann::json::array();
  ids.mark_change(not_an_op);
  EXPECT_TRUE(not_an_op.is_array());
}
