// A snapshot loaded from its file piece by piece (FileSnapshotSource) is the state that was saved,
// and a file cut short is refused, never half-loaded.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/apply.h"
#include "core/state_json.h"
#include "journal/generator.h"
#include "journal/snapshot.h"

using namespace deskbill;

namespace {
std::string temp_file(const char* name) { return (std::filesystem::temp_directory_path() / name).string(); }
void write(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
}
State generated() {
  State s;
  GeneratorOptions o;
  o.timesheets = 3000;
  generate_journal(o, [&](const nlohmann::json& op) { apply_or_reject(s, op); });
  return s;
}
}  // namespace

TEST(SnapshotFile, LoadsTheStateThatWasSaved) {
  State s = generated();
  std::string path = temp_file("deskbill-snapshot-file-test.bin");
  write(path, save_snapshot(s, 42));
  FileSnapshotSource src(path);
  ASSERT_TRUE(src.opened());
  State back;
  uint64_t covered = 0;
  EXPECT_FALSE(load_snapshot(src, back, covered));
  EXPECT_FALSE(src.failed());
  EXPECT_EQ(covered, 42u);
  EXPECT_EQ(state_hash(back), state_hash(s));
  std::filesystem::remove(path);
}

TEST(SnapshotFile, AFileCutShortIsRefused) {
  std::string bytes = save_snapshot(generated(), 42);
  std::string path = temp_file("deskbill-snapshot-file-short.bin");
  write(path, bytes.substr(0, bytes.size() / 2));
  FileSnapshotSource src(path);
  State back;
  uint64_t covered = 0;
  EXPECT_TRUE(load_snapshot(src, back, covered));
  EXPECT_EQ(back.timesheets.size(), 0u);
  std::filesystem::remove(path);
}

TEST(SnapshotFile, AMissingFileIsNotOpened) {
  FileSnapshotSource src(temp_file("deskbill-no-such-snapshot.bin"));
  EXPECT_FALSE(src.opened());
}

// Padding holds whatever the memory held (native and wasm builds differed in 261 884 bytes of a
// 1 M snapshot); snapshots write it as zeros, so a state has one snapshot.
TEST(CanonicalSnapshot, WhatARecordsPaddingHeldNeverReachesTheSnapshot) {
  State s = generated();
  ASSERT_GT(s.timesheets.size(), 0u);
  static_assert(offsetof(Timesheet, deleted) == 29 && offsetof(Timesheet, hours) == 32, "padding at 30 and 31");
  std::string clean = save_snapshot(s, 1);
  for (Timesheet& t : s.timesheets.rows) {
    reinterpret_cast<unsigned char*>(&t)[30] = 0xAB;
    reinterpret_cast<unsigned char*>(&t)[31] = 0xCD;
  }
  EXPECT_EQ(save_snapshot(s, 1), clean);
}

TEST(CanonicalSnapshot, SavingWhatWasLoadedGivesTheSameBytes) {
  std::string first = save_snapshot(generated(), 7);
  State back;
  uint64_t covered = 0;
  ASSERT_FALSE(load_snapshot(first, back, covered));
  EXPECT_EQ(save_snapshot(back, covered), first);
}
