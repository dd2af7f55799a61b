// The id index: every id it was given is found as its record, and an id it was not given is not,
// even where ids share a slot's place; a rebuilt index has the slots the adds made.
#include "core/id_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace deskbill;

namespace {
// The index's hash, FNV-1a (id_index.cpp): snapshots store the slots, so it never changes.
uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// Ids "k<N>" that land on the same place of a 64-slot table (two ids: the first table's size):
// `count` of them.
std::vector<std::string> ids_of_one_place(size_t count) {
  std::vector<std::string> out;
  for (int n = 0; out.size() < count; ++n) {
    std::string id = "k" + std::to_string(n);
    if (out.empty() || (fnv1a(id) & 63) == (fnv1a(out[0]) & 63)) out.push_back(id);
  }
  return out;
}
}  // namespace

TEST(IdIndex, EveryIdGivenIsFoundAsItsRecordThroughEveryGrowth) {
  TextPool pool;
  IdIndex index;
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(index.add(pool, "t" + std::to_string(i)), static_cast<uint32_t>(i));
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(index.find(pool, "t" + std::to_string(i)), static_cast<uint32_t>(i)) << i;
  EXPECT_EQ(index.find(pool, "t5000"), kNone);
  EXPECT_EQ(index.find(pool, "t"), kNone);
}

TEST(IdIndex, IdsOfOnePlaceAreToldApartByTheirKeys) {
  std::vector<std::string> ids = ids_of_one_place(3);
  TextPool pool;
  IdIndex index;
  EXPECT_EQ(index.add(pool, ids[0]), 0u);
  EXPECT_EQ(index.add(pool, ids[1]), 1u);
  ASSERT_EQ(index.slots().size(), 64u);
  EXPECT_EQ(index.find(pool, ids[1]), 1u);
  EXPECT_EQ(index.find(pool, ids[0]), 0u);
  EXPECT_EQ(index.find(pool, ids[2]), kNone);  // same place, never given
}

// A rebuilt index (a snapshot whose slots were damaged) finds what the index it replaces found,
// and its slots are the same ones, so the snapshot written next is the same.
TEST(IdIndex, ARebuiltIndexHasTheSameSlots) {
  // 32 and 1024 ids fill a table to exactly half, where a rebuild sized for one more id would
  // take twice the slots; 0 ids have no slots at all.
  for (int count : {0, 1, 31, 32, 33, 1000, 1024}) {
    TextPool pool;
    IdIndex index;
    for (int i = 0; i < count; ++i) index.add(pool, "line-" + std::to_string(i * 7));
    std::vector<uint32_t> before = index.slots();
    index.rebuild(pool);
    EXPECT_EQ(index.slots(), before) << count;
    if (count > 0) {
      EXPECT_EQ(index.find(pool, "line-" + std::to_string((count - 1) * 7)), uint32_t(count - 1));
    }
  }
}
