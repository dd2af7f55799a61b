// The id index: every id it was given is found as its record, and an id it was not given is not,
// even where ids share a slot's place; a rebuilt index has the slots the adds made.
#include "core/id_index.h"

#include <gtest/gtest.h>

#include <algorithm>
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

// Format 9 on, a slot holds the record number + 1 in its low bits and the top bits of its key's
// FNV-1a hash above them (its tag), so that a probe passes other keys' slots without reading
// their text. Snapshots store the slots: this layout is checked against the hash itself.
TEST(IdIndex, ASlotHoldsItsRecordAndAboveItTheTopBitsOfItsKeysHash) {
  TextPool pool;
  IdIndex index;
  for (int i = 0; i < 100; ++i) index.add(pool, "a1." + std::to_string(i));
  const std::vector<uint32_t>& slots = index.slots();
  ASSERT_EQ(slots.size(), 256u);  // 2^8: 8 bits for the record number + 1, 24 for the tag
  size_t used = 0;
  for (size_t at = 0; at < slots.size(); ++at) {
    if (slots[at] == 0) continue;
    ++used;
    uint32_t rec = (slots[at] & 0xFF) - 1;
    uint64_t h = fnv1a("a1." + std::to_string(rec));
    EXPECT_EQ(slots[at] >> 8, static_cast<uint32_t>(h >> 40)) << rec;
    for (size_t i = h & 255; i != at; i = (i + 1) & 255) EXPECT_NE(slots[i], 0u) << "a gap before " << rec;
  }
  EXPECT_EQ(used, 100u);
}

// A table of 2^31 records or more (2^32 slots) leaves no bit for a tag: its slots hold the
// record number + 1 alone, and every key met is compared.
TEST(IdIndex, SlotsWithNoRoomForATagHoldTheRecordAlone) {
  EXPECT_EQ(record_bits(0), 0u);  // an empty table's
  EXPECT_EQ(record_bits(64), 6u);
  EXPECT_EQ(record_bits(uint64_t{1} << 32), 32u);
  EXPECT_EQ(tag_of(~uint64_t{0}, 32), 0u);
  EXPECT_EQ(slot_value(~uint64_t{0}, 41, 32), 42u);
  EXPECT_EQ(record_mask(32), UINT32_MAX);
  EXPECT_EQ(slot_value(~uint64_t{0}, 41, 31), (1u << 31) | 42u);
}

// A probe compares an id only with the keys whose slot carries its tag. Here the first of two ids
// of one place is made to read as the second (its key points at the second's text): a probe for
// the second passes the first's slot on its tag and finds the second's record. Comparing every
// key met, it would stop at the first.
TEST(IdIndex, AProbePassesAnotherKeysSlotOnItsTagWithoutReadingTheKey) {
  std::vector<std::string> ids = ids_of_one_place(2);
  ASSERT_NE(tag_of(fnv1a(ids[0]), 6), tag_of(fnv1a(ids[1]), 6));  // 64 slots: 6 record bits
  TextPool pool;
  IdIndex index;
  index.add(pool, ids[0]);
  index.add(pool, ids[1]);
  ASSERT_EQ(index.slots().size(), 64u);
  index.keys()[0] = index.keys()[1];
  EXPECT_EQ(index.find(pool, ids[1]), 1u);
}

// What a snapshot's load checks of stored slots: every used slot names one of the index's records.
TEST(IdIndex, SlotsNamingNoRecordAreTold) {
  TextPool pool;
  IdIndex index;
  for (int i = 0; i < 10; ++i) index.add(pool, "a1." + std::to_string(i));
  EXPECT_TRUE(index.slots_name_records());
  auto used = std::find_if(index.slots().begin(), index.slots().end(), [](uint32_t v) { return v != 0; });
  const uint32_t kept = *used;
  *used = kept & ~uint32_t{63};  // the tag alone: record part 0
  EXPECT_FALSE(index.slots_name_records());
  *used = (kept & ~uint32_t{63}) | 11;  // record 10 of 10
  EXPECT_FALSE(index.slots_name_records());
  *used = kept;
  EXPECT_TRUE(index.slots_name_records());
  for (uint32_t v : index.untagged_slots()) EXPECT_LE(v, 10u);
}
