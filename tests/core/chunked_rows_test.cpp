// The timesheet table's rows (core/chunked_rows.h): added in chunks, never moved.
#include "core/chunked_rows.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

using deskbill::ChunkedRows;

namespace {
constexpr size_t kChunk = ChunkedRows<int>::kChunk;
ChunkedRows<int> counting(size_t n) {
  ChunkedRows<int> rows;
  for (size_t i = 0; i < n; ++i) rows.push_back(static_cast<int>(i));
  return rows;
}
}  // namespace

TEST(ChunkedRows, RowsAddedPastAChunkKeepTheirOrderAndValues) {
  ChunkedRows<int> rows = counting(2 * kChunk + 3);
  ASSERT_EQ(rows.size(), 2 * kChunk + 3);
  for (size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(rows[i], static_cast<int>(i)) << i;
  EXPECT_EQ(rows.back(), static_cast<int>(2 * kChunk + 2));
}

TEST(ChunkedRows, AddingARowMovesNoRowAlreadyThere) {
  // A std::vector moves every row when it grows; a reference into the table would dangle.
  ChunkedRows<int> rows = counting(kChunk);
  const int* first = &rows[0];
  const int* last = &rows[kChunk - 1];
  for (size_t i = 0; i < 3 * kChunk; ++i) rows.push_back(-1);
  EXPECT_EQ(&rows[0], first);
  EXPECT_EQ(&rows[kChunk - 1], last);
}

TEST(ChunkedRows, ACopyHoldsItsOwnRows) {
  ChunkedRows<int> rows = counting(kChunk + 1);
  ChunkedRows<int> copy = rows;
  copy[kChunk] = 7;
  EXPECT_EQ(rows[kChunk], static_cast<int>(kChunk));
  EXPECT_EQ(copy.size(), rows.size());
  EXPECT_EQ(copy[0], 0);
}

TEST(ChunkedRows, IterationVisitsEveryRowInOrder) {
  ChunkedRows<int> rows = counting(kChunk + 5);
  std::vector<int> seen;
  for (int v : rows) seen.push_back(v);
  ASSERT_EQ(seen.size(), rows.size());
  for (size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], static_cast<int>(i));
}

TEST(ChunkedRows, InsertAtTheEndAddsABlockAcrossAChunkBoundary) {
  ChunkedRows<int> rows = counting(kChunk - 2);
  std::vector<int> block = {10, 11, 12, 13};
  rows.insert(rows.end(), block.data(), block.data() + block.size());
  ASSERT_EQ(rows.size(), kChunk + 2);
  EXPECT_EQ(rows[kChunk - 3], static_cast<int>(kChunk - 3));
  EXPECT_EQ(rows[kChunk - 2], 10);
  EXPECT_EQ(rows[kChunk - 1], 11);
  EXPECT_EQ(rows[kChunk], 12);
  EXPECT_EQ(rows[kChunk + 1], 13);
}

TEST(ChunkedRows, AppendBytesReadsRowsFromUnalignedBytesAcrossChunks) {
  ChunkedRows<int> rows = counting(kChunk - 1);
  std::vector<unsigned char> bytes(1 + 3 * sizeof(int));  // one byte first: the rows start unaligned
  for (int k = 0; k < 3; ++k) {
    int v = 100 + k;
    std::memcpy(bytes.data() + 1 + k * sizeof(int), &v, sizeof v);
  }
  rows.append_bytes(bytes.data() + 1, 3);
  ASSERT_EQ(rows.size(), kChunk + 2);
  EXPECT_EQ(rows[kChunk - 1], 100);
  EXPECT_EQ(rows[kChunk], 101);
  EXPECT_EQ(rows[kChunk + 1], 102);
}

TEST(ChunkedRows, ClearEmptiesTheTable) {
  ChunkedRows<int> rows = counting(kChunk + 1);
  rows.clear();
  EXPECT_TRUE(rows.empty());
  EXPECT_EQ(rows.begin(), rows.end());
  rows.push_back(4);
  EXPECT_EQ(rows[0], 4);
}
