// A snapshot loaded from its file piece by piece (FileSnapshotSource) is the state that was saved,
// and a file cut short is refused, never half-loaded.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/apply.h"
#include "core/links.h"
#include "core/state_hash.h"
#include "core/state_json.h"
#include "core/xxh64.h"
#include "journal/generator.h"
#include "journal/snapshot.h"

using namespace deskbill;

namespace {
std::string temp_file(const char* name) { return (std::filesystem::temp_directory_path() / name).string(); }
void write(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
}
State generated(uint64_t timesheets = 3000) {
  State s;
  GeneratorOptions o;
  o.timesheets = timesheets;
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

// Format 5 packs the rows and id keys (each word's difference from the record before, as a
// varint): the start reads far fewer bytes from IndexedDB, and the state is the same.
TEST(PackedSnapshot, IsUnderHalfTheSizeOfTheRawRecordsAndLoadsTheSameState) {
  State s = generated();
  std::string packed = save_snapshot(s, 9);
  std::string raw = save_snapshot(s, 9, 4);
  EXPECT_LT(packed.size() * 2, raw.size()) << packed.size() << " vs " << raw.size();
  State back;
  uint64_t covered = 0;
  ASSERT_FALSE(load_snapshot(packed, back, covered));
  EXPECT_EQ(covered, 9u);
  EXPECT_EQ(state_hash(back), state_hash(s));
}

// A workspace stored by an earlier build (format 4, raw records; format 5, packed without a
// checksum) opens from its snapshot, not by a replay of its archived journal, and is written in
// the current format when next saved.
TEST(PackedSnapshot, SnapshotsOfFormats4And5StillLoad) {
  State s = generated();
  for (uint32_t format : {4u, 5u}) {
    State back;
    uint64_t covered = 0;
    ASSERT_FALSE(load_snapshot(save_snapshot(s, 5, format), back, covered)) << format;
    EXPECT_EQ(covered, 5u);
    EXPECT_EQ(state_hash(back), state_hash(s));
    // Its texts were laid out again at the load (the timesheets' in their own pool): from then on
    // it is written with the same bytes at every save and load.
    State again;
    ASSERT_FALSE(load_snapshot(save_snapshot(back, 5), again, covered));
    EXPECT_EQ(save_snapshot(again, 5), save_snapshot(back, 5));
  }
}

// The timesheet table is stored in chunks of ChunkedRows::kChunk rows: a state with more
// timesheets than one chunk is read back whole in every format, and written with the same bytes in
// the current one (a load of an older format lays the texts out again: texts_as_format_8).
TEST(PackedSnapshot, TimesheetsPastOneChunkAreSavedAndLoadedInEveryFormat) {
  State s = generated(2 * ChunkedRows<Timesheet>::kChunk + 100);
  ASSERT_GT(s.timesheets.size(), 2 * ChunkedRows<Timesheet>::kChunk);
  for (uint32_t format : {4u, 5u, 6u, kSnapshotFormat}) {
    State back;
    uint64_t covered = 0;
    ASSERT_FALSE(load_snapshot(save_snapshot(s, 5, format), back, covered)) << format;
    EXPECT_EQ(back.timesheets.size(), s.timesheets.size()) << format;
    EXPECT_EQ(state_hash(back), state_hash(s)) << format;
    if (format == kSnapshotFormat) {
      EXPECT_EQ(save_snapshot(back, 5, format), save_snapshot(s, 5, format));
    }
  }
}

// Formats 4 and 5 carry no checksum, so their records are checked instead: a link past its table
// or a text past the pool refuses the snapshot (format 6's checksum refuses any damaged byte).
TEST(PackedSnapshot, AnOldFormatSnapshotWhoseRecordsPointPastTheirTablesIsRefused) {
  for (uint32_t format : {4u, 5u}) {
    State s = generated(300);
    s.timesheets.rows[3].ticket = s.tickets.size();
    State back;
    uint64_t covered = 0;
    std::optional<std::string> err = load_snapshot(save_snapshot(s, 5, format), back, covered);
    ASSERT_TRUE(err) << format;
    EXPECT_NE(err->find("timesheet"), std::string::npos) << *err;
    EXPECT_EQ(back.timesheets.size(), 0u);  // nothing half-loaded

    State t = generated(300);
    // Past the one pool of those formats: the shared texts, then the timesheets'.
    t.lines.rows[2].name.off = static_cast<uint32_t>(t.text.bytes().size() + t.ts_text.bytes().size());
    t.lines.rows[2].name.len = 1;
    EXPECT_TRUE(load_snapshot(save_snapshot(t, 5, format), back, covered)) << format;
  }
}

// A checksum that matches proves the bytes are the ones written, not that the build that wrote
// them linked every record right. A wrong link was trusted, and every view that followed it read
// past its table's end, at every start. Refused, the snapshot costs a replay of the journal.
TEST(PackedSnapshot, ASnapshotWhoseChecksumMatchesButWhoseRecordsPointPastTheirTablesIsRefused) {
  State s = generated(300);
  s.timesheets.rows[3].ticket = s.tickets.size();
  State back;
  uint64_t covered = 0;
  std::optional<std::string> err = load_snapshot(save_snapshot(s, 5), back, covered);
  ASSERT_TRUE(err);
  EXPECT_EQ(*err, "snapshot is damaged: timesheet 3 links past its table (ticket)");
  EXPECT_EQ(back.timesheets.size(), 0u);  // nothing half-loaded

  State t = generated(300);
  t.tickets.rows[2].partner = t.partners.size() + 7;
  err = load_snapshot(save_snapshot(t, 5), back, covered);
  ASSERT_TRUE(err);
  EXPECT_EQ(*err, "snapshot is damaged: ticket 2 links past its table (partner)");
}

// Format 6 chooses, per block and column, the transform that takes the fewest bytes: links to
// nearby records (the previous and next timesheet of a ticket) and scattered small numbers (the
// employee) cost far less than as differences from the record before.
TEST(PackedSnapshot, Format6IsSmallerThanFormat5AndLoadsTheSameState) {
  State s = generated();
  std::string six = save_snapshot(s, 9);
  std::string five = save_snapshot(s, 9, 5);
  EXPECT_LT(six.size() * 20, five.size() * 19) << six.size() << " vs " << five.size();  // 1 M: 45 MB vs 54
  State back;
  uint64_t covered = 0;
  ASSERT_FALSE(load_snapshot(six, back, covered));
  EXPECT_EQ(state_hash(back), state_hash(s));
}

// Whatever words a record holds, every transform gives them back exactly: a word equal to its
// own record number or to kNone (which trade places in the links' transform), neighbours, the
// extremes, and blocks that mix them. Compared as bytes, not through the state, since these rows
// are not a state anyone could fold.
TEST(PackedSnapshot, AnyWordsInARecordComeBackExactly) {
  State s;
  const uint32_t n = 3 * 256 + 17;  // whole blocks and a short last one
  uint64_t seed = 7;
  for (uint32_t r = 0; r < n; ++r) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    uint32_t random = static_cast<uint32_t>(seed >> 32);
    Timesheet t;
    uint32_t block = r / 256;
    t.employee = block == 0 ? r : block == 1 ? kNone : random;  // own number, kNone, anything
    t.ticket = r % 3 == 0 ? kNone : r % 3 == 1 ? r : r + 1;     // mixed in one block
    t.task = r == 0 ? 0 : r - 1;
    t.project = block == 2 ? 0xFFFFFFFEu : random % 50;
    t.sale_line = random % 0xFFFFFF;  // three bytes
    t.sol_prev = r < 10 ? kNone : r - 10;
    t.sol_next = r + 10 < n ? r + 10 : kNone;
    t.tk_prev = random;
    t.hours = static_cast<Qty>(random) * 1000 - 5;
    s.timesheets.add(s.ts_text, "t" + std::to_string(r), t);
  }
  State back;
  ASSERT_FALSE(read_snapshot_records(save_snapshot(s, 1), back));  // not a state: its links are not checked
  ASSERT_EQ(back.timesheets.size(), n);
  for (uint32_t r = 0; r < n; ++r) {
    const Timesheet &a = s.timesheets.rows[r], &b = back.timesheets.rows[r];
    ASSERT_TRUE(a.employee == b.employee && a.ticket == b.ticket && a.task == b.task && a.project == b.project &&
                a.sale_line == b.sale_line && a.sol_prev == b.sol_prev && a.sol_next == b.sol_next &&
                a.tk_prev == b.tk_prev && a.hours == b.hours && a.date == b.date)
        << "record " << r;
  }
}

// The last 8 bytes are the XXH64 of all the bytes before them.
TEST(PackedSnapshot, EndsWithTheXxh64OfItsBytes) {
  std::string bytes = save_snapshot(generated(40), 3);
  ASSERT_GT(bytes.size(), 8u);
  uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  EXPECT_EQ(stored, xxh64(std::string_view(bytes).substr(0, bytes.size() - 8)));
}

TEST(PackedSnapshot, AFormatNotYetKnownIsRefused) {
  std::string bytes = save_snapshot(generated(), 1);
  uint32_t next = kSnapshotFormat + 1;
  std::memcpy(&bytes[8], &next, sizeof next);
  State back;
  uint64_t covered = 0;
  auto err = load_snapshot(bytes, back, covered);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("not supported"), std::string::npos);
}

// A snapshot source that remembers the most bytes its reads wrote to one stretch of memory: reads
// that follow each other in memory are one stretch (a table read whole, in pieces).
class WatchedSource : public SnapshotSource {
 public:
  explicit WatchedSource(std::string_view b) : mem_(b) {}
  size_t size() const override { return mem_.size(); }
  void read(size_t at, void* dst, size_t n) override {
    auto* d = static_cast<char*>(dst);
    stretch_ = d == stretch_end_ ? stretch_ + n : n;
    stretch_end_ = d + n;
    largest_stretch = std::max(largest_stretch, stretch_);
    mem_.read(at, dst, n);
  }
  size_t largest_stretch = 0;

 private:
  MemorySnapshotSource mem_;
  char* stretch_end_ = nullptr;
  size_t stretch_ = 0;
};

// A load reads its source a window of 256 kB at a time, never a whole table: the packed
// timesheets (about 24 bytes each) are never held whole beside the records they decode to. In
// the browser the bytes come from JavaScript, and copying a table whole into fresh memory was a
// quarter of a start at 1 M.
TEST(PackedSnapshot, ALoadReadsItsSourceAWindowAtATime) {
  State s = generated(40000);
  std::string bytes = save_snapshot(s, 7);
  ASSERT_GT(bytes.size(), 3u * 256 * 1024);  // tables larger than the window
  WatchedSource src(bytes);
  State back;
  uint64_t covered = 0;
  ASSERT_FALSE(load_snapshot(src, back, covered));
  EXPECT_EQ(state_hash(back), state_hash(s));
  EXPECT_LE(src.largest_stretch, 256u * 1024);
}

// Every byte of a snapshot changed in turn (a damaged disk, a bad copy) is refused, and nothing
// is half-loaded: the checksum covers the bytes that still decode (a flipped bit in a packed
// column would otherwise load records that point past their tables). A snapshot cut anywhere is
// refused too. The decoding of damaged bytes never reads out of bounds (checked under ASan).
TEST(PackedSnapshot, EveryDamagedByteIsRefused) {
  std::string good = save_snapshot(generated(40), 3);
  for (size_t at = 0; at < good.size(); at += 3) {
    for (unsigned char bit : {0x01, 0x80}) {
      std::string bad = good;
      bad[at] = static_cast<char>(bad[at] ^ bit);
      State back;
      uint64_t covered = 0;
      EXPECT_TRUE(load_snapshot(bad, back, covered)) << "byte " << at << " bit " << int(bit);
      EXPECT_EQ(back.timesheets.size(), 0u);  // nothing half-loaded
    }
  }
  for (size_t cut = 0; cut < good.size(); cut += 97) {
    State back;
    uint64_t covered = 0;
    EXPECT_TRUE(load_snapshot(std::string_view(good).substr(0, cut), back, covered)) << cut;
  }
}

// A damaged record count in a packed table is refused: the blocks of that many records must end
// exactly at the packed length (checked before the records are allocated).
TEST(PackedSnapshot, ADamagedRecordCountIsRefused) {
  std::string good = save_snapshot(generated(40), 3);
  // The first table (units of measure) follows the text pool: magic, format, layout, covered, text.
  size_t at = 8 + 4 + 4 + 8;
  uint64_t text = 0;
  std::memcpy(&text, &good[at], 8);
  at += 8 + text;
  for (uint64_t count : {uint64_t{3}, uint64_t{300}, uint64_t{1} << 23, uint64_t{1} << 40, ~uint64_t{0} >> 1}) {
    std::string bad = good;
    std::memcpy(&bad[at], &count, 8);
    State back;
    uint64_t covered = 0;
    EXPECT_TRUE(load_snapshot(bad, back, covered)) << count;
  }
}

// The timesheets logged on a task or a project without a ticket are listed by the fold
// (State::task_timesheets, project_timesheets) and not stored: a load lists them again, so a task's
// new line moves the same timesheets in a loaded workspace as in the one that was saved.
TEST(SnapshotFile, ATasksAndAProjectsOwnTimesheetsAreListedAgainAfterALoad) {
  State s;
  auto ok = [&](nlohmann::json op) { ASSERT_FALSE(deskbill::apply(s, op)) << op.dump(); };
  ok({{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}});
  ok({{"kind", "employee.create"}, {"id", "ana"}, {"name", "Ana"}});
  ok({{"kind", "product.create"}, {"id", "dt"}, {"name", "Time"}, {"policy", "timesheet"}, {"price", "90"}});
  ok({{"kind", "order.create"}, {"id", "so"}, {"partner", "acme"}});
  ok({{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "dt"}, {"qty", "1"}});
  ok({{"kind", "order.add_line"}, {"id", "so.2"}, {"order", "so"}, {"product", "dt"}, {"qty", "1"}});
  ok({{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-01"}});
  ok({{"kind", "project.create"},
      {"id", "pr"},
      {"name", "Implementation"},
      {"partner", "acme"},
      {"allow_billable", true},
      {"sale_line", "so.1"}});
  ok({{"kind", "task.create"}, {"id", "a"}, {"project", "pr"}, {"name", "Setup"}, {"sale_line", "so.1"}});
  ok({{"kind", "team.create"}, {"id", "sup"}, {"name", "Support"}, {"use_timesheets", true}, {"use_billing", true}});
  ok({{"kind", "ticket.create"}, {"id", "k"}, {"title", "VPN"}, {"team", "sup"}, {"partner", "acme"}});
  int n = 0;
  for (const char* on : {"task", "project", "ticket", "task", "project"}) {
    const char* what = std::strcmp(on, "task") == 0 ? "a" : std::strcmp(on, "project") == 0 ? "pr" : "k";
    ok({{"kind", "timesheet.log"},
        {"id", "ts" + std::to_string(++n)},
        {on, what},
        {"employee", "ana"},
        {"date", "2026-11-20"},
        {"hours", "1"}});
  }
  ok({{"kind", "timesheet.delete"}, {"id", "ts4"}});
  State back;
  uint64_t covered = 0;
  ASSERT_FALSE(load_snapshot(save_snapshot(s, 1), back, covered));
  EXPECT_EQ(back.task_timesheets, s.task_timesheets);
  EXPECT_EQ(back.project_timesheets, s.project_timesheets);
  for (State* st : {&s, &back}) {
    ASSERT_FALSE(deskbill::apply(*st, {{"kind", "task.update"}, {"id", "a"}, {"sale_line", "so.2"}}));
    ASSERT_FALSE(deskbill::apply(*st, {{"kind", "project.update"}, {"id", "pr"}, {"sale_line", "so.2"}}));
  }
  EXPECT_EQ(back.timesheets.rows[back.find(back.timesheets, "ts1")].sale_line, back.lines.find(back.text, "so.2"));
  EXPECT_EQ(back.timesheets.rows[back.find(back.timesheets, "ts2")].sale_line, back.lines.find(back.text, "so.2"));
  EXPECT_EQ(state_hash(back), state_hash(s));
}

// Each invoice's count of timesheets is not stored either: after a load it is counted again, and
// is the fold's.
TEST(SnapshotFile, EachInvoicesCountOfTimesheetsIsCountedAgainAfterALoad) {
  State s = generated();
  State back;
  uint64_t covered = 0;
  ASSERT_FALSE(load_snapshot(save_snapshot(s, 1), back, covered));
  uint32_t linked = 0;
  for (uint32_t i = 0; i < s.invoices.size(); ++i) {
    EXPECT_EQ(timesheets_of_invoice_count(back, i), timesheets_of_invoice_count(s, i)) << "invoice " << i;
    linked += timesheets_of_invoice_count(back, i);
  }
  EXPECT_GT(linked, 0u);  // the generated workspace bills timesheets on delivered lines
}

// A start shows the workspace before it reads the timesheets (at 1 M, four fifths of the state):
// from format 7 they come last, so everything before them is read alone.
namespace {
// Counts the bytes read and remembers the furthest one.
class CountingSource : public MemorySnapshotSource {
 public:
  using MemorySnapshotSource::MemorySnapshotSource;
  void read(size_t at, void* dst, size_t n) override {
    furthest = std::max(furthest, at + n);
    MemorySnapshotSource::read(at, dst, n);
  }
  size_t furthest = 0;
};
}  // namespace

TEST(SnapshotPreview, HoldsEveryRecordButTheTimesheetsAndReadsNoneOfTheirBytes) {
  State s = generated();
  std::string bytes = save_snapshot(s, 42);
  CountingSource src(bytes);
  SnapshotPreview p;
  ASSERT_FALSE(load_snapshot_preview(src, p));
  EXPECT_EQ(p.covered, 42u);
  EXPECT_EQ(p.state.timesheets.size(), 0u);
  EXPECT_EQ(p.state.tickets.size(), s.tickets.size());
  EXPECT_EQ(p.state.lines.size(), s.lines.size());
  EXPECT_EQ(p.state.invoices.size(), s.invoices.size());
  EXPECT_EQ(p.state.partners.size(), s.partners.size());
  EXPECT_EQ(p.state.last_order_number, s.last_order_number);
  EXPECT_EQ(p.state.str(p.state.tickets.rows[5].title), s.str(s.tickets.rows[5].title));
  // The timesheets of 3 000 are most of the snapshot (89 kB of 122 kB), and none of it was read:
  // no byte past where the same state without timesheets ends (its empty table, its checksum).
  State without = s;
  without.timesheets = {};
  EXPECT_LE(src.furthest, save_snapshot(without, 42).size() - 8);
  EXPECT_LT(src.furthest * 3, bytes.size());
}

TEST(SnapshotPreview, KeepsTheTotalsOnTicketsAndLinesButNoLinkIntoTheTimesheets) {
  State s = generated();
  SnapshotPreview p;
  std::string bytes = save_snapshot(s, 1);
  MemorySnapshotSource src(bytes);
  ASSERT_FALSE(load_snapshot_preview(src, p));
  bool some_hours = false;
  for (uint32_t l = 0; l < s.lines.size(); ++l) {
    EXPECT_EQ(p.state.lines.rows[l].ts_hours, s.lines.rows[l].ts_hours);
    some_hours = some_hours || s.lines.rows[l].ts_hours != 0;
    EXPECT_EQ(p.state.lines.rows[l].ts_head, kNone);
    EXPECT_EQ(p.state.lines.rows[l].ts_billed_upto, kNone);
  }
  EXPECT_TRUE(some_hours);
  for (const Ticket& t : p.state.tickets.rows) EXPECT_EQ(t.ts_head, kNone);
}

TEST(SnapshotPreview, IsNeverTheVersionOfALoadedState) {
  State s = generated(40);
  SnapshotPreview p;
  State loaded;
  uint64_t covered = 0;
  std::string bytes = save_snapshot(s, 1);
  MemorySnapshotSource src(bytes);
  ASSERT_FALSE(load_snapshot_preview(src, p));
  ASSERT_FALSE(load_snapshot(bytes, loaded, covered));
  EXPECT_EQ(p.state.applied, kPreviewVersion);
  EXPECT_NE(loaded.applied, p.state.applied);  // views built from the preview are built again
}

TEST(SnapshotPreview, AnOlderFormatHasNone) {
  std::string six = save_snapshot(generated(40), 1, 6);
  MemorySnapshotSource src(six);
  SnapshotPreview p;
  uint64_t covered = 0;
  auto err = load_snapshot_preview(src, p);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("format 6"), std::string::npos) << *err;
  State loaded;
  EXPECT_FALSE(load_snapshot(six, loaded, covered));  // it still loads whole
}

// The checksum covers the timesheets too, so a preview checks what it can before them: a record
// pointing past its table, or bytes cut short, give no p.state.
TEST(SnapshotPreview, ADamagedOrShortSnapshotHasNone) {
  State s = generated(300);
  s.tickets.rows[2].partner = s.partners.size() + 5;
  SnapshotPreview p;
  std::string bytes = save_snapshot(s, 1);
  MemorySnapshotSource damaged(bytes);
  auto err = load_snapshot_preview(damaged, p);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("ticket"), std::string::npos) << *err;
  std::string whole = save_snapshot(generated(300), 1);
  MemorySnapshotSource cut(std::string_view(whole).substr(0, 200));
  EXPECT_TRUE(load_snapshot_preview(cut, p));
  EXPECT_EQ(p.state.tickets.size(), 0u);  // nothing half-shown
}

// The browser reads the bytes before the timesheets first, alone (pre.js slices the stored Blob):
// format 7's header says where they end, at byte 24, and a preview needs no byte past it.
TEST(SnapshotPreview, TheHeaderSaysWhereTheTimesheetsBeginAndThePreviewNeedsNothingPast) {
  State s = generated();
  std::string bytes = save_snapshot(s, 42);
  uint64_t at = 0;
  std::memcpy(&at, bytes.data() + 24, sizeof at);
  ASSERT_GT(at, 32u);
  ASSERT_LT(at * 3, bytes.size());  // the timesheets are most of it
  MemorySnapshotSource head(std::string_view(bytes).substr(0, at));
  SnapshotPreview p;
  uint64_t covered = 0;
  ASSERT_FALSE(load_snapshot_preview(head, p));
  EXPECT_EQ(p.state.tickets.size(), s.tickets.size());
  State loaded;
  EXPECT_TRUE(load_snapshot(std::string_view(bytes).substr(0, at), loaded, covered));  // not a whole snapshot
  // An offset that is not where the counters end is damage: no p.state.
  std::string wrong = bytes;
  uint64_t off = at - 1;
  std::memcpy(&wrong[24], &off, sizeof off);
  MemorySnapshotSource damaged(wrong);
  EXPECT_TRUE(load_snapshot_preview(damaged, p));
  EXPECT_TRUE(load_snapshot(wrong, loaded, covered));
}

// The load after a preview decodes only the timesheets: the records the preview read are kept,
// their links into the timesheets given back.
TEST(SnapshotPreview, FinishedWithTheTimesheetsItIsTheStateALoadGives) {
  State s = generated();
  std::string bytes = save_snapshot(s, 42);
  MemorySnapshotSource src(bytes);
  SnapshotPreview p;
  ASSERT_FALSE(load_snapshot_preview(src, p));
  State out;
  uint64_t covered = 0;
  ASSERT_FALSE(finish_snapshot(src, p, out, covered));
  EXPECT_EQ(covered, 42u);
  EXPECT_EQ(out.timesheets.size(), s.timesheets.size());
  EXPECT_EQ(state_hash(out), state_hash(s));
  EXPECT_EQ(save_snapshot(out, 42), bytes);  // every byte, the links and `applied` too
}

// The preview and the whole snapshot are two reads of storage; another tab may archive between
// them. A preview is finished only with the bytes it was read from.
TEST(SnapshotPreview, IsNotFinishedWithAnotherSnapshot) {
  State s = generated(300);
  std::string first = save_snapshot(s, 42);
  State other = s;
  other.tickets.rows[0].stage = other.tickets.rows[0].stage == Stage::New ? Stage::Solved : Stage::New;
  std::string second = save_snapshot(other, 42);  // the same coverage and size, one byte apart
  MemorySnapshotSource a(first), b(second);
  SnapshotPreview p;
  ASSERT_FALSE(load_snapshot_preview(a, p));
  State out;
  uint64_t covered = 0;
  auto err = finish_snapshot(b, p, out, covered);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("not the one the preview was read from"), std::string::npos) << *err;
  EXPECT_EQ(out.tickets.size(), 0u);
}

TEST(SnapshotPreview, DamagedTimesheetsAreRefusedWhenFinishing) {
  State s = generated(300);
  std::string bytes = save_snapshot(s, 42);
  MemorySnapshotSource src(bytes);
  SnapshotPreview p;
  ASSERT_FALSE(load_snapshot_preview(src, p));
  std::string damaged = bytes;
  damaged[damaged.size() - 100] ^= 1;  // inside the timesheets, which the preview did not read
  MemorySnapshotSource d(damaged);
  State out;
  uint64_t covered = 0;
  EXPECT_TRUE(finish_snapshot(d, p, out, covered));
  EXPECT_EQ(out.timesheets.size(), 0u);
}

// The preview checks what it read; the timesheets, and the tickets' and lines' links into them,
// are checked when the preview is finished.
TEST(SnapshotPreview, LinksPastTheTimesheetsTableAreRefusedWhenFinishing) {
  for (int which = 0; which < 2; ++which) {
    State s = generated(300);
    if (which == 0)
      s.timesheets.rows[5].tk_next = s.timesheets.size() + 1;
    else
      s.tickets.rows[1].ts_tail = s.timesheets.size();
    std::string bytes = save_snapshot(s, 42);
    MemorySnapshotSource src(bytes);
    SnapshotPreview p;
    ASSERT_FALSE(load_snapshot_preview(src, p)) << which;  // what it reads is right
    State out;
    uint64_t covered = 0;
    std::optional<std::string> err = finish_snapshot(src, p, out, covered);
    ASSERT_TRUE(err) << which;
    EXPECT_EQ(*err, which == 0 ? "snapshot is damaged: timesheet 5 links past its table (tk_next)"
                               : "snapshot is damaged: ticket 1 links past its table (ts_tail)");
    EXPECT_EQ(out.timesheets.size(), 0u);
  }
}

// Format 8: the timesheets' ids and descriptions are written with the timesheets, after what a
// start's preview reads, so the preview reads none of their bytes.
TEST(TimesheetTexts, ThePartBeforeTheTimesheetsHoldsNoneOfTheirTexts) {
  State s = generated(300);
  s.timesheets.rows[5].description = s.ts_text.add("Described on one timesheet only");
  std::string bytes = save_snapshot(s, 5);
  uint64_t timesheets_at = 0;
  std::memcpy(&timesheets_at, &bytes[24], sizeof timesheets_at);
  EXPECT_EQ(bytes.find("Described on one timesheet only"), bytes.rfind("Described on one timesheet only"));
  EXPECT_GT(bytes.find("Described on one timesheet only"), timesheets_at);
  MemorySnapshotSource src(bytes);
  SnapshotPreview preview;
  ASSERT_FALSE(load_snapshot_preview(src, preview));
  EXPECT_TRUE(preview.state.ts_text.bytes().empty());
  State back;
  uint64_t covered = 0;
  ASSERT_FALSE(finish_snapshot(src, preview, back, covered));
  EXPECT_EQ(back.str(back.timesheets.rows[5].description), "Described on one timesheet only");
  EXPECT_EQ(back.find(back.timesheets, "t7"), s.find(s.timesheets, "t7"));
  EXPECT_EQ(state_hash(back), state_hash(s));
}

namespace {
// The two ways a start loads a snapshot: whole, and through a preview finished afterwards. Each
// must succeed; an empty list says one did not (the test's assertion then fails).
std::vector<State> loaded_both_ways(const std::string& bytes) {
  std::vector<State> out(2);
  uint64_t covered = 0;
  MemorySnapshotSource src(bytes);
  SnapshotPreview preview;
  if (load_snapshot(bytes, out[0], covered) || load_snapshot_preview(src, preview) ||
      finish_snapshot(src, preview, out[1], covered))
    return {};
  return out;
}
}  // namespace

// A snapshot of format 7 (one text pool for all) loads with the timesheets' texts moved into their
// own pool and the shared pool made again without them, both whole and after a preview, so the
// next snapshot's preview is as small as a new workspace's.
TEST(TimesheetTexts, AFormat7SnapshotLoadsWithTheTimesheetsTextsApart) {
  State s = generated(300);
  s.timesheets.rows[5].description = s.ts_text.add("Described on one timesheet only");
  std::string seven = save_snapshot(s, 5, 7);
  ASSERT_NE(seven.find("Described on one timesheet only"), std::string::npos);
  std::vector<State> loaded = loaded_both_ways(seven);
  ASSERT_EQ(loaded.size(), 2u);
  for (const State& back : loaded) {
    EXPECT_EQ(state_hash(back), state_hash(s));
    EXPECT_EQ(back.text.bytes().find("Described on one timesheet only"), std::string::npos);
    EXPECT_EQ(back.str(back.timesheets.rows[5].description), "Described on one timesheet only");
    EXPECT_EQ(back.find(back.timesheets, "t7"), s.find(s.timesheets, "t7"));
    EXPECT_LE(back.text.bytes().size(), s.text.bytes().size());
    EXPECT_EQ(save_snapshot(back, 5), save_snapshot(loaded[0], 5));
  }
}

// A snapshot of format 8, whose slots hold record numbers without their keys' tags, loads with
// the slots made again (whole, and through a preview): the state then writes the very bytes the
// fold writes, and every id is found.
TEST(TaggedSlots, AFormat8SnapshotLoadsWithItsSlotsMadeAgain) {
  State s = generated(300);
  std::vector<State> loaded = loaded_both_ways(save_snapshot(s, 5, 8));
  ASSERT_EQ(loaded.size(), 2u);
  for (const State& back : loaded) {
    EXPECT_EQ(save_snapshot(back, 5), save_snapshot(s, 5));
    EXPECT_EQ(back.find(back.timesheets, "t7"), s.find(s.timesheets, "t7"));
    EXPECT_EQ(back.timesheets.ids.slots(), s.timesheets.ids.slots());
    EXPECT_EQ(back.tickets.ids.slots(), s.tickets.ids.slots());
  }
}

// A used slot whose record part is 0 (a tag naming no record) would send a lookup to record -1.
// A snapshot written with one, its checksum right, is refused as damaged; so is a slot naming a
// record past the table's end.
TEST(TaggedSlots, ASlotNamingNoRecordOfItsTableRefusesTheSnapshot) {
  for (bool past_the_end : {false, true}) {
    State s = generated(300);
    std::vector<uint32_t>& slots = s.timesheets.ids.slots();
    const uint32_t records = record_mask(record_bits(slots.size()));
    auto used = std::find_if(slots.begin(), slots.end(), [&](uint32_t v) { return (v & ~records) != 0; });
    ASSERT_NE(used, slots.end());
    *used = past_the_end ? (*used & ~records) | (s.timesheets.size() + 1) : *used & ~records;
    ASSERT_NE(*used, 0u);  // its tag (not 0) is kept: the slot still looks used
    State back;
    uint64_t covered = 0;
    std::optional<std::string> error = load_snapshot(save_snapshot(s, 5), back, covered);
    ASSERT_TRUE(error) << past_the_end;
    EXPECT_NE(error->find("damaged"), std::string::npos) << *error;
    EXPECT_EQ(back.timesheets.size(), 0u);  // nothing of it was taken
  }
}
