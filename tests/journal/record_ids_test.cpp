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
