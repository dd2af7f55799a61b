// A snapshot loaded from its file piece by piece (FileSnapshotSource) is the state that was saved,
// and a file cut short is refused, never half-loaded.
#include <gtest/gtest.h>

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
