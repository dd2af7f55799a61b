// The journal: parsing with line numbers, rejected ops kept with reasons, snapshots, the
// pending/confirmed rebase of a shared workspace, and the same state on every platform.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>

#include "core/billing.h"
#include "core/invoice_printout.h"
#include "core/json_guard.h"
#include "core/state_hash.h"
#include "core/state_json.h"
#include "core/tax_math.h"
#include "journal/envelope.h"
#include "journal/generator.h"
#include "journal/snapshot.h"
#include "journal/store.h"
#include "journal/workspace.h"

using namespace deskbill;
using nlohmann::json;

namespace {
std::vector<json> setup_ops() {
  return {{{"kind", "partner.create"}, {"id", "c"}, {"name", "Client"}},
          {{"kind", "employee.create"}, {"id", "e"}, {"name", "Ema"}},
          {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}, {"use_billing", true}},
          {{"kind", "product.create"}, {"id", "p"}, {"name", "Hours"}, {"policy", "timesheet"}, {"price", "90"}},
          {{"kind", "order.create"}, {"id", "o"}, {"partner", "c"}},
          {{"kind", "order.add_line"}, {"id", "o.1"}, {"order", "o"}, {"product", "p"}, {"qty", "10"}},
          {{"kind", "order.confirm"}, {"id", "o"}, {"date", "2026-11-01"}},
          {{"kind", "ticket.create"},
           {"id", "k"},
           {"team", "t"},
           {"title", "Down"},
           {"partner", "c"},
           {"sale_line", "o.1"}},
          {{"kind", "timesheet.log"},
           {"id", "ts1"},
           {"ticket", "k"},
           {"employee", "e"},
           {"date", "2026-11-20"},
           {"hours", "3"}}};
}
}  // namespace

TEST(Journal, BadLineIsReportedWithItsNumber) {
  std::vector<Envelope> out;
  auto err = parse_journal("{\"kind\":\"partner.create\",\"id\":\"a\",\"name\":\"A\"}\n\nnot json\n", out);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->line, 3u);
  EXPECT_EQ(err->message, "not valid JSON");
}

// What a damaged import tells the user (JournalError::told): a sentence with the line's number,
// for the UI to translate, the limit it broke filled in.
TEST(Journal, ABadLineIsToldAsASentenceWithItsNumber) {
  std::vector<Envelope> out;
  auto not_json = parse_journal("{\"kind\":\"partner.create\",\"id\":\"a\"}\nnot json\n", out);
  ASSERT_TRUE(not_json);
  EXPECT_EQ(not_json->told().text, "Line %s is not valid JSON.");
  EXPECT_EQ(not_json->told().filled(), "Line 2 is not valid JSON.");
  auto array = parse_journal("[1, 2]\n", out);
  ASSERT_TRUE(array);
  EXPECT_EQ(array->told().filled(), "Line 1 is not a JSON object.");
  auto deep = parse_journal(std::string(200, '[') + std::string(200, ']') + "\n", out);
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->told().text, "Line %s is nested deeper than %s levels.");
  EXPECT_EQ(deep->told().filled(), "Line 1 is nested deeper than 64 levels.");
  auto long_line = parse_journal("{}\n{\"kind\":\"" + std::string(kMaxJournalLineBytes, 'x') + "\"}\n", out);
  ASSERT_TRUE(long_line);
  EXPECT_EQ(long_line->told().filled(), "Line 2 is longer than 1048576 bytes; an operation is at most 16 kB.");
}

// A line longer than any journal takes is refused even when it holds nothing but spaces: read from
// a stream, only its start is read, which cannot tell.
TEST(Journal, ALineLongerThanTheLimitIsRefusedWhateverItHolds) {
  std::vector<Envelope> out;
  auto err = parse_journal(
      "{\"kind\":\"partner.create\",\"id\":\"a\"}\n" + std::string(kMaxJournalLineBytes + 1, ' ') + "\n", out);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->line, 2u);
  EXPECT_EQ(err->message, line_too_long_words());
}

TEST(Journal, EnvelopeRoundTrips) {
  Envelope e;
  e.pos = 7;
  e.client = "dev1";
  e.seq = 3;
  e.agent = "ana";
  e.accepted_at = "2026-11-20";
  e.op = setup_ops()[0];
  Envelope back;
  ASSERT_FALSE(parse_journal_line(journal_line(e), back));
  EXPECT_EQ(back.pos, 7u);
  EXPECT_EQ(back.client, "dev1");
  EXPECT_EQ(back.agent, "ana");
  EXPECT_EQ(back.op, e.op);
  EXPECT_EQ(back.context().accepted_at, *parse_day("2026-11-20"));
}

TEST(Journal, RefusedOpIsKeptAsRejectedWithItsReason) {
  State s;
  for (const json& op : setup_ops()) apply_or_reject(s, op);
  apply_or_reject(s,
                  {{"kind", "timesheet.log"},
                   {"id", "bad"},
                   {"ticket", "nope"},
                   {"employee", "e"},
                   {"date", "2026-11-20"},
                   {"hours", "1"}},
                  OpContext{42, "dev2", "", kNoDay});
  ASSERT_EQ(s.rejected.size(), 1u);
  EXPECT_EQ(s.rejected[0].pos, 42u);
  EXPECT_EQ(s.str(s.rejected[0].message), "Unknown ticket 'nope'.");
  EXPECT_EQ(s.str(s.rejected[0].client), "dev2");
}

TEST(Journal, RefusedOpChangesNothing) {
  State s;
  for (const json& op : setup_ops()) apply_or_reject(s, op);
  uint64_t before = state_hash(s);
  // valid fields first, an invalid one last: nothing half-written
  auto r = deskbill::apply(s, {{"kind", "timesheet.log"},
                               {"id", "x"},
                               {"ticket", "k"},
                               {"employee", "e"},
                               {"date", "2026-02-30"},
                               {"hours", "1"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(state_hash(s), before);
}

TEST(Journal, NewerOpVersionIsRefused) {
  State s;
  auto r = deskbill::apply(s, {{"kind", "partner.create"}, {"v", 99}, {"id", "a"}, {"name", "A"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, "unsupported_version");
}

TEST(Journal, VersionOneOpsWithoutVersionStillReplay) {
  State s;
  EXPECT_FALSE(deskbill::apply(s, {{"kind", "partner.create"}, {"id", "a"}, {"name", "A"}}));
  EXPECT_FALSE(deskbill::apply(s, {{"kind", "partner.create"}, {"v", 1}, {"id", "b"}, {"name", "B"}}));
}

TEST(Snapshot, LoadsTheSameState) {
  State s;
  GeneratorOptions o;
  o.timesheets = 3000;
  generate_journal(o, [&](const json& op) { apply_or_reject(s, op); });
  std::string bytes = save_snapshot(s, 123);
  State back;
  uint64_t covered = 0;
  ASSERT_FALSE(load_snapshot(bytes, back, covered));
  EXPECT_EQ(covered, 123u);
  EXPECT_EQ(state_hash(back), state_hash(s));
  // and the loaded state keeps folding like the original
  json op = {{"kind", "timesheet.log"}, {"id", "more"},         {"ticket", "k1"},
             {"employee", "e1"},        {"date", "2025-01-01"}, {"hours", "2"}};
  ASSERT_FALSE(deskbill::apply(s, op));
  ASSERT_FALSE(deskbill::apply(back, op));
  EXPECT_EQ(state_hash(back), state_hash(s));
}

TEST(Snapshot, DamagedSnapshotIsRefused) {
  State s, back;
  std::string bytes = save_snapshot(s, 0);
  uint64_t covered = 0;
  EXPECT_TRUE(load_snapshot(bytes.substr(0, bytes.size() - 3), back, covered));
  EXPECT_TRUE(load_snapshot("garbage", back, covered));
}

// The same generated journal gives this exact state on every platform (this test runs
// natively and compiled to wasm under Node).
TEST(Determinism, GeneratedJournalHasTheSameHashEverywhere) {
  State s;
  GeneratorOptions o;
  o.timesheets = 100000;
  uint64_t ops = 0;
  generate_journal(o, [&](const json& op) { apply_or_reject(s, op, OpContext{++ops, "", "", kNoDay}); });
  EXPECT_GE(ops, 100000u);
  EXPECT_EQ(std::to_string(state_hash(s)), DESKBILL_GOLDEN_HASH);
  // The snapshot too is byte for byte the same (no padding or platform bytes in it), so its
  // content hash can be compared across devices.
  std::string snap = save_snapshot(s, ops);
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : snap) {
    h ^= c;
    h *= 1099511628211ull;
  }
  EXPECT_EQ(std::to_string(h), DESKBILL_GOLDEN_SNAPSHOT_HASH);
}

// The demo (3 000 timesheets over three years) once put 818 of them on its last day: an employee
// with 80 hours on one Sunday, and "Hours this week" 30 times too high. Every day gets its share.
TEST(Generator, SpreadsTheTimesheetsEvenlyOverTheDays) {
  GeneratorOptions o;
  o.timesheets = 3000;
  std::map<std::string, int> per_day;
  generate_journal(o, [&](const json& op) {
    if (op["kind"] == "timesheet.log") ++per_day[op["date"].get<std::string>()];
  });
  int total = 0, most = 0;
  for (auto& [day, n] : per_day) {
    total += n;
    most = std::max(most, n);
  }
  EXPECT_EQ(total, 3000);
  EXPECT_EQ(per_day.size(), 3u * 364);  // not a day without time
  EXPECT_LE(most, 3);                   // 3000 / 1092 = 2.7
}

namespace {
// The state the generated journal of this many timesheets (and this width) folds to.
State generated_state(uint64_t timesheets, std::optional<uint64_t> width = std::nullopt) {
  State s;
  GeneratorOptions o;
  o.timesheets = timesheets;
  o.width = width;
  generate_journal(o, [&](const json& op) { apply_or_reject(s, op); });
  return s;
}
}  // namespace

// The demo's pipeline had no ticket In Progress: the generator solved or left tickets New, so
// the Helpdesk's second column was empty. Its open tickets are now in both open stages.
TEST(Generator, TheDemoHasOpenTicketsInNewAndInProgress) {
  State s = generated_state(3000);
  int per_stage[kStageCount] = {};
  for (const Ticket& t : s.tickets.rows) ++per_stage[static_cast<int>(t.stage)];
  EXPECT_GE(per_stage[static_cast<int>(Stage::New)], 5);
  EXPECT_GE(per_stage[static_cast<int>(Stage::InProgress)], 10);
  EXPECT_GT(per_stage[static_cast<int>(Stage::Solved)], per_stage[static_cast<int>(Stage::InProgress)]);
}

// The demo had no company: Settings → Company was empty and its invoices printed without the
// business that sends them, nor its customers' addresses. Its journal now begins with the company,
// and its customers have an address and a tax id.
TEST(Generator, TheDemosInvoicesPrintTheCompanyThatBills) {
  State s = generated_state(3000);
  EXPECT_EQ(s.str(s.company.name), "Deskbill Support SRL");
  ASSERT_GT(s.invoices.size(), 0u);
  std::string page = invoice_printout(s, 0, false, PrintLanguage{});
  EXPECT_NE(page.find("Deskbill Support SRL"), std::string::npos);
  EXPECT_NE(page.find("RO12345678"), std::string::npos);
  EXPECT_NE(page.find("RO49AAAA1B31007593840000"), std::string::npos);
  // and the customer it is sent to, with its address and tax id.
  const Partner& customer = s.partners.rows[s.invoices.rows[0].partner];
  EXPECT_FALSE(s.str(customer.address).empty());
  EXPECT_NE(page.find("Tax ID: " + std::string(s.str(customer.vat))), std::string::npos);
}

// The demo's invoices were all "Not paid" (the generator posted them and paid none) and its
// prepaid blocks were never invoiced. Blocks are invoiced when sold and paid; monthly invoices
// are paid the month after, but for one in six.
TEST(Generator, TheDemoHasPaidAndOpenInvoicesAndItsBlocksAreInvoiced) {
  State s = generated_state(3000);
  int paid = 0, open = 0;
  for (uint32_t i = 0; i < s.invoices.size(); ++i) {
    ASSERT_EQ(s.invoices.rows[i].state, MoveState::Posted);
    (invoice_residual(s, i) == 0 ? paid : open) += 1;
  }
  EXPECT_GE(paid, 20);
  EXPECT_GE(open, 1);
  int blocks = 0;
  for (uint32_t l = 0; l < s.lines.size(); ++l)
    if (s.lines.rows[l].product == s.products.ids.find(s.text, "p.prepaid")) {
      ++blocks;
      EXPECT_EQ(qty_invoiced(s, l, true), s.lines.rows[l].qty) << "a block not invoiced";
    }
  EXPECT_GE(blocks, 2);
}

// A generated journal of 1 M timesheets had 754 refused ops: a month-end invoice of an order
// without hours that month ("No items are available to invoice"), then the post of that invoice.
// Such an invoice is no longer asked for, so a generated workspace has nothing to resolve.
TEST(Generator, AGeneratedJournalHasNoRefusedOp) {
  State s = generated_state(20000);
  EXPECT_EQ(s.rejected.size(), 0u);
  EXPECT_GT(s.invoices.size(), 100u);
}

// The benchmarks compare a replay of 1 M timesheets with one of 10 000, but the 1 M journal is
// also a business 100 times wider (1 000 customers instead of 10, 200 employees instead of 8), and
// a look-up in a wider table costs more whatever the history. A journal given the width of a
// shorter one has that one's customers and employees, and the history of its own length.
TEST(Generator, AJournalGivenTheWidthOfAShorterOneHasItsCustomersAndEmployeesAndItsOwnHistory) {
  State shorter = generated_state(10000), longer = generated_state(40000, 10000u), wider = generated_state(40000);
  EXPECT_EQ(longer.partners.size(), shorter.partners.size());  // 10 customers, 2 contacts each
  EXPECT_EQ(longer.employees.size(), shorter.employees.size());
  EXPECT_EQ(longer.timesheets.size(), 40000u);
  EXPECT_EQ(longer.tickets.size(), 4 * shorter.tickets.size());
  EXPECT_EQ(longer.rejected.size(), 0u);
  // Without it, 4 times the timesheets are 4 times the customers.
  EXPECT_EQ(wider.partners.size(), 4 * shorter.partners.size());
  EXPECT_GT(wider.employees.size(), shorter.employees.size());
}

// The demo's time ended on 2026-11-22 whenever it was loaded, so its Helpdesk showed 00:00 hours
// this week and every month invoiced. A demo made for a day ends on that day: time this week,
// nothing dated after it, the months before it invoiced and its own month not yet.
TEST(Generator, ADemoMadeForADayEndsOnThatDay) {
  const Day wednesday = *parse_day("2026-12-02");
  GeneratorOptions o;
  o.timesheets = 3000;
  o.last_day = wednesday;
  State s;
  generate_journal(o, [&](const json& op) {
    for (const char* key : {"date", "end"}) {
      if (op.contains(key)) {
        ASSERT_LE(*parse_day(op[key].get<std::string>()), wednesday) << op.dump();
      }
    }
    apply_or_reject(s, op);
  });
  EXPECT_EQ(s.rejected.size(), 0u);
  int this_week = 0;
  for (const Timesheet& t : s.timesheets.rows) this_week += t.date >= *parse_day("2026-11-30");
  EXPECT_GE(this_week, 5);  // Monday to Wednesday, 2.7 a day
  int november = 0, december = 0;
  for (const Invoice& inv : s.invoices.rows) {
    november += inv.date == *parse_day("2026-11-30");
    december += inv.date >= *parse_day("2026-12-01");
  }
  EXPECT_GE(november, 1);  // the postpaid time of November, invoiced at its end
  EXPECT_EQ(december, 0);
}

// Any last day gives a journal the fold takes whole: a month end, a leap day, a new year.
TEST(Generator, ADemoEndingOnAnyDayHasNoRefusedOp) {
  for (const char* last : {"2026-12-31", "2027-01-01", "2028-02-29", "2027-06-15"}) {
    GeneratorOptions o;
    o.timesheets = 3000;
    o.last_day = parse_day(last);
    State s;
    Day latest = kNoDay;
    generate_journal(o, [&](const json& op) { apply_or_reject(s, op); });
    for (const Timesheet& t : s.timesheets.rows) latest = std::max(latest, t.date);
    EXPECT_EQ(s.rejected.size(), 0u) << last;
    EXPECT_EQ(format_day(latest), last);
  }
}

TEST(Workspace, LocalWorkspaceConfirmsAtOnce) {
  Workspace ws("dev1", false);
  std::vector<Envelope> added;
  for (const json& op : setup_ops()) ASSERT_FALSE(ws.submit(op, &added));
  EXPECT_EQ(ws.confirmed_count(), setup_ops().size());
  EXPECT_EQ(added.back().pos, setup_ops().size());
  EXPECT_TRUE(ws.pending().empty());
  auto r = ws.submit({{"kind", "timesheet.log"},
                      {"id", "ts1"},
                      {"ticket", "k"},
                      {"employee", "e"},
                      {"date", "2026-11-20"},
                      {"hours", "1"}});
  ASSERT_TRUE(r);  // duplicate id: refused, not recorded
  EXPECT_EQ(ws.confirmed_count(), setup_ops().size());
}

// A read-only tab follows the writer, and may become the writer: its counter must be past every
// seq this device stored. Before, the tab took workspace.json's counter as it was read, and files
// read while the writer flushed could hold a newer pending.jsonl than workspace.json: after a
// takeover, the next op took seq 6 again, and the server, which takes a (device, seq) once,
// dropped it as a repeat.
TEST(Workspace, AFollowingTabNeverHandsOutASeqItsStoredOpsHold) {
  Workspace reader("dev1", true);
  std::vector<Envelope> tail;
  uint64_t pos = 0;
  for (const json& op : setup_ops()) tail.push_back(Envelope{++pos, "admin", pos, "admin", "2026-11-20", op});
  tail.push_back(Envelope{++pos, "dev1", 4, "ana", "2026-11-20",
                          json{{"kind", "partner.create"}, {"id", "p4"}, {"name", "Four"}}});
  std::vector<PendingOp> pending{{5, json{{"kind", "partner.create"}, {"id", "p5"}, {"name", "Five"}}},
                                 {6, json{{"kind", "partner.create"}, {"id", "p6"}, {"name", "Six"}}}};
  reader.follow(tail, pending, 3);  // workspace.json read before the flush that stored 4, 5 and 6
  EXPECT_EQ(reader.confirmed_count(), pos);
  EXPECT_EQ(reader.pending().size(), 2u);
  EXPECT_NE(reader.state().partners.find(reader.state().text, "p6"), kNone);
  EXPECT_EQ(reader.next_seq(), 7u);
}

TEST(Workspace, AFollowingTabsOwnConfirmedOpsAlsoKeepItsCounterAhead) {
  Workspace reader("dev1", true);
  std::vector<Envelope> tail{
      {1, "dev1", 9, "ana", "2026-11-20", json{{"kind", "partner.create"}, {"id", "p"}, {"name", "P"}}}};
  reader.follow(tail, {}, 2);
  EXPECT_EQ(reader.next_seq(), 10u);
  reader.follow({}, {}, 4);  // an older workspace.json read later never takes the counter back
  EXPECT_EQ(reader.next_seq(), 10u);
}

TEST(Workspace, PendingOpsReplayOnTopOfNewConfirmedOps) {
  Workspace a("a", true);
  for (const json& op : setup_ops()) ASSERT_FALSE(a.submit(op));
  EXPECT_EQ(a.pending().size(), setup_ops().size());
  // the server confirms a's ops, then b's timesheet arrives before a's next one
  std::vector<Envelope> confirmed;
  uint64_t pos = 0;
  for (const PendingOp& p : a.pending()) confirmed.push_back(Envelope{++pos, "a", p.seq, "ana", "2026-11-20", p.op});
  a.receive(a.pending().back().seq, confirmed, a.pending().back().seq);
  EXPECT_TRUE(a.pending().empty());
  ASSERT_FALSE(a.submit({{"kind", "timesheet.log"},
                         {"id", "a2"},
                         {"ticket", "k"},
                         {"employee", "e"},
                         {"date", "2026-11-21"},
                         {"hours", "2"}}));
  Envelope from_b{++pos,
                  "b",
                  1,
                  "bob",
                  "2026-11-21",
                  {{"kind", "timesheet.log"},
                   {"id", "b1"},
                   {"ticket", "k"},
                   {"employee", "e"},
                   {"date", "2026-11-21"},
                   {"hours", "4"}}};
  a.receive(0, {from_b}, 0);
  uint32_t line = a.state().lines.find(a.state().text, "o.1");
  EXPECT_EQ(qty_delivered(a.state(), line), *parse_decimal("9", 6));  // 3 + 4 confirmed + 2 pending
  EXPECT_EQ(qty_delivered(a.confirmed_state(), line), *parse_decimal("7", 6));
}

TEST(Workspace, OpThatBecameInvalidIsRejectedOnEveryDevice) {
  // Two agents invoice the same hours offline: the second invoice.create is rejected in order.
  std::vector<json> ops = setup_ops();
  State s1, s2;
  for (const json& op : ops) {
    apply_or_reject(s1, op);
    apply_or_reject(s2, op);
  }
  json inv_a = {{"kind", "invoice.create"}, {"id", "ia"}, {"orders", {"o"}}};
  json inv_b = {{"kind", "invoice.create"}, {"id", "ib"}, {"orders", {"o"}}};
  EXPECT_FALSE(deskbill::apply(s1, inv_b));  // valid when made on device b
  // canonical order: a then b, folded identically everywhere
  State x, y;
  for (State* st : {&x, &y}) {
    for (const json& op : ops) apply_or_reject(*st, op);
    apply_or_reject(*st, inv_a, OpContext{10, "a", "", kNoDay});
    apply_or_reject(*st, inv_b, OpContext{11, "b", "", kNoDay});
  }
  ASSERT_EQ(x.rejected.size(), 1u);
  EXPECT_EQ(x.str(x.rejected[0].code), "nothing_to_invoice");
  EXPECT_EQ(state_hash(x), state_hash(y));
}

// A store with a generated journal of `timesheets` timesheets written as segments; archive()
// does what the browser host does: the snapshot and the covered segments to cold storage (here a
// folder), then workspace.json names them and the hot copies go.
// A snapshot with one bit of a letter in the middle of its text pool (names, descriptions)
// flipped: the pool follows magic, format, layout, covered and its own length, and any byte there
// still decodes.
std::string with_a_letter_changed(std::string snapshot) {
  uint64_t text = 0;
  std::memcpy(&text, &snapshot[24], 8);
  snapshot[32 + text / 2] ^= 0x01;
  return snapshot;
}

struct StoredJournal {
  std::string dir, cold;
  Workspace ws{"dev", false};
  std::vector<Envelope> envelopes;
  StoredWorkspace meta;
  std::unique_ptr<JournalStore> store;
  std::string snapshot;  // what cold storage holds
  explicit StoredJournal(const std::string& name, uint64_t timesheets = 3000) {
    dir = ::testing::TempDir() + name;
    cold = dir + "-cold";
    std::filesystem::remove_all(dir);
    std::filesystem::remove_all(cold);
    std::filesystem::create_directories(cold);
    GeneratorOptions o;
    o.timesheets = timesheets;
    generate_journal(o, [&](const json& op) { ASSERT_FALSE(ws.submit(op, &envelopes)); });
    meta.client_id = "dev";
    meta.next_seq = ws.next_seq();
    store = std::make_unique<JournalStore>(dir, cold);
    EXPECT_FALSE(store->append_confirmed(envelopes, 0));
    EXPECT_FALSE(store->write_meta(meta));
  }
  // `format`: an older one, as a build before the current one archived with.
  uint64_t archive(uint32_t format = kSnapshotFormat) {
    uint64_t covered = ws.confirmed_count() - 700;  // a tail of ops after the snapshot
    Workspace at("dev", false);
    at.load(std::vector<Envelope>(envelopes.begin(), envelopes.begin() + covered), {}, 1);
    snapshot = save_snapshot(at.confirmed_state(), covered, format);
    std::vector<size_t> segs = store->archivable_segments(meta, covered);
    EXPECT_EQ(segs.size(), covered / JournalStore::kSegmentOps);
    for (size_t seg : segs) {
      std::string bytes;
      EXPECT_FALSE(store->read_segment(seg, bytes));
      EXPECT_FALSE(write_file_atomic(cold + "/" + JournalStore::segment_name(seg), bytes));
    }
    EXPECT_FALSE(store->mark_archived(meta, segs.size(), covered, at.cursor_chain()));
    return covered;
  }
  // What a start shows before it loads (JournalStore::preview of the cold snapshot in `src`).
  SnapshotPreview preview(SnapshotSource& src) {
    SnapshotPreview p;
    auto err = store->preview(src, p);
    EXPECT_FALSE(err) << *err;
    return p;
  }
  // Opens the store again, as the next start does.
  std::optional<std::string> reopen(Workspace& back, std::string_view cold_snapshot) {
    StoredWorkspace m;
    return store->load(back, m, cold_snapshot);
  }
};

TEST(Store, ReopensFromSnapshotAndSegmentsWithTheSameState) {
  std::string dir = ::testing::TempDir() + "deskbill-store-test";
  JournalStore store(dir);
  Workspace ws("dev", false);
  GeneratorOptions o;
  o.timesheets = 3000;
  std::vector<json> ops;
  generate_journal(o, [&](const json& op) { ops.push_back(op); });
  size_t half = ops.size() / 2;
  std::vector<Envelope> written;
  for (size_t i = 0; i < half; ++i) ASSERT_FALSE(ws.submit(ops[i], &written));
  State at_half = ws.confirmed_state();
  for (size_t i = half; i < ops.size(); ++i) ASSERT_FALSE(ws.submit(ops[i], &written));
  StoredWorkspace meta;
  meta.client_id = "dev";
  ASSERT_FALSE(store.append_confirmed(written, 0));
  ASSERT_FALSE(store.write_meta(meta));
  ASSERT_FALSE(store.write_snapshot(at_half, half));  // the snapshot covers the first half
  Workspace back("", false);
  StoredWorkspace meta_back;
  ASSERT_FALSE(store.load(back, meta_back));
  EXPECT_EQ(store.snapshot_covered(), half);
  EXPECT_EQ(back.confirmed_count(), ws.confirmed_count());
  EXPECT_EQ(state_hash(back.state()), state_hash(ws.state()));
  EXPECT_EQ(back.next_seq(), ws.next_seq());
}

TEST(Store, ArchivedSegmentsAreNotReadWhenTheColdSnapshotCoversThem) {
  StoredJournal j("deskbill-archive-a");
  uint64_t covered = j.archive();
  std::filesystem::remove_all(j.cold);  // not even there
  EXPECT_FALSE(std::filesystem::exists(j.dir + "/" + JournalStore::segment_name(0)));
  Workspace back("", false);
  ASSERT_FALSE(j.reopen(back, j.snapshot));
  EXPECT_EQ(j.store->snapshot_covered(), covered);
  EXPECT_EQ(back.confirmed_count(), j.ws.confirmed_count());
  EXPECT_EQ(state_hash(back.state()), state_hash(j.ws.state()));
  EXPECT_EQ(back.next_seq(), j.ws.next_seq());
}

// A start draws the workspace from the cold snapshot's records without the timesheets before it
// loads everything (at 1 M most of a start), and only from the snapshot workspace.json names.
TEST(Store, APreviewIsTheNamedSnapshotsRecordsWithoutTheTimesheets) {
  StoredJournal j("deskbill-preview-a");
  j.archive();
  MemorySnapshotSource src(j.snapshot);
  SnapshotPreview preview = j.preview(src);
  EXPECT_EQ(preview.state.timesheets.size(), 0u);
  State whole;
  uint64_t covered = 0;
  ASSERT_FALSE(load_snapshot(j.snapshot, whole, covered));
  EXPECT_EQ(preview.state.tickets.size(), whole.tickets.size());
  EXPECT_EQ(preview.covered, covered);
  EXPECT_EQ(preview.state.applied, kPreviewVersion);
}

TEST(Store, ALoadAfterAPreviewFinishesFromItWithTheSameState) {
  StoredJournal j("deskbill-preview-c");
  j.archive();
  MemorySnapshotSource src(j.snapshot);
  SnapshotPreview preview = j.preview(src);
  Workspace back("", false);
  StoredWorkspace m;
  ASSERT_FALSE(j.store->load(back, m, &src, &preview));
  EXPECT_TRUE(j.store->finished_preview());
  EXPECT_EQ(back.confirmed_count(), j.ws.confirmed_count());  // the tail after the snapshot too
  EXPECT_EQ(state_hash(back.state()), state_hash(j.ws.state()));
  EXPECT_EQ(back.next_seq(), j.ws.next_seq());
}

// The preview came from a snapshot another tab has replaced since: the load reads the stored one
// whole, and nothing of the preview stays.
TEST(Store, ALoadAfterAPreviewOfAnotherSnapshotReadsTheStoredOneWhole) {
  StoredJournal j("deskbill-preview-d");
  j.archive();
  State other = j.ws.confirmed_state();
  other.tickets.rows[0].title = other.tickets.rows[1].title;
  std::string replaced = save_snapshot(other, j.meta.snapshot_covered);
  MemorySnapshotSource old_src(replaced), src(j.snapshot);
  SnapshotPreview preview;
  ASSERT_FALSE(load_snapshot_preview(old_src, preview));
  Workspace back("", false);
  StoredWorkspace m;
  ASSERT_FALSE(j.store->load(back, m, &src, &preview));
  EXPECT_FALSE(j.store->finished_preview());
  EXPECT_EQ(state_hash(back.state()), state_hash(j.ws.state()));
}

TEST(Store, NoPreviewFromASnapshotWorkspaceJsonDoesNotName) {
  StoredJournal j("deskbill-preview-b");
  MemorySnapshotSource none("");
  SnapshotPreview preview;
  EXPECT_TRUE(j.store->preview(none, preview));  // nothing archived yet
  std::string other = save_snapshot(j.ws.confirmed_state(), j.ws.confirmed_count());
  MemorySnapshotSource unnamed(other);
  EXPECT_TRUE(j.store->preview(unnamed, preview));  // workspace.json names no snapshot
  j.archive();
  EXPECT_TRUE(j.store->preview(unnamed, preview));  // it names another one
  EXPECT_EQ(preview.state.tickets.size(), 0u);
}

TEST(Store, WithoutTheSnapshotArchivedSegmentsAreReadFromColdStorage) {
  StoredJournal j("deskbill-archive-b");
  j.archive();
  Workspace back("", false);
  ASSERT_FALSE(j.reopen(back, ""));  // the snapshot could not be fetched
  EXPECT_EQ(j.store->snapshot_covered(), 0u);
  EXPECT_EQ(state_hash(back.state()), state_hash(j.ws.state()));
  EXPECT_EQ(back.next_seq(), j.ws.next_seq());
  std::vector<Envelope> all;
  ASSERT_FALSE(j.store->read_all_confirmed(j.meta, all));
  EXPECT_EQ(all.size(), j.envelopes.size());
}

TEST(Store, NeitherSnapshotNorArchivedSegmentsIsAClearErrorAndLoadsNothing) {
  StoredJournal j("deskbill-archive-c");
  j.archive();
  std::filesystem::remove_all(j.cold);
  Workspace back("", false);
  auto err = j.reopen(back, "");
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("archived segments of the journal are needed"), std::string::npos) << *err;
  EXPECT_EQ(back.confirmed_count(), 0u);
}

TEST(Store, ASnapshotOfAnotherJournalIsNotUsed) {
  // workspace.json names how many ops its snapshot covers; a snapshot that disagrees is ignored
  // and the archived segments are read instead.
  StoredJournal j("deskbill-archive-d");
  j.archive();
  StoredJournal other("deskbill-archive-e", 500);
  Workspace back("", false);
  ASSERT_FALSE(j.reopen(back, save_snapshot(other.ws.confirmed_state(), other.ws.confirmed_count())));
  EXPECT_EQ(j.store->snapshot_covered(), 0u);
  EXPECT_EQ(state_hash(back.state()), state_hash(j.ws.state()));
}

// One bit of the cold snapshot flipped (a damaged disk or a bad copy) where the bytes still
// decode (a name changes): the snapshot's checksum refuses it, and the archived segments are
// replayed into the state the user saved, never a state whose records point elsewhere or past
// their tables.
TEST(Store, ADamagedColdSnapshotIsNotUsedAndTheArchiveIsReplayed) {
  StoredJournal j("deskbill-archive-g");
  j.archive();
  std::string bad = with_a_letter_changed(j.snapshot);
  Workspace back("", false);
  ASSERT_FALSE(j.reopen(back, bad));
  EXPECT_EQ(j.store->snapshot_covered(), 0u);
  EXPECT_TRUE(j.store->snapshot_rewrite_due());
  EXPECT_EQ(back.confirmed_count(), j.ws.confirmed_count());
  EXPECT_EQ(state_hash(back.state()), state_hash(j.ws.state()));
}

// A snapshot of the current format whose checksum matches, written by a build that linked a
// record wrong (a timesheet's order line past the lines' table): the checksum proves only the
// bytes. Its records are checked at load (core/state_check.h), it is refused, and the archived
// segments are replayed into the state the user saved, as for a damaged byte.
TEST(Store, ACurrentSnapshotWhoseRecordsLinkPastTheirTablesIsNotUsedAndTheArchiveIsReplayed) {
  StoredJournal j("deskbill-archive-link");
  uint64_t covered = j.archive();
  State s;
  uint64_t at = 0;
  ASSERT_FALSE(load_snapshot(j.snapshot, s, at));
  s.timesheets.rows[7].sale_line = s.lines.size() + 2;
  Workspace back("", false);
  ASSERT_FALSE(j.reopen(back, save_snapshot(s, covered)));
  EXPECT_EQ(j.store->snapshot_covered(), 0u);
  EXPECT_TRUE(j.store->snapshot_rewrite_due());
  EXPECT_EQ(back.confirmed_count(), j.ws.confirmed_count());
  EXPECT_EQ(state_hash(back.state()), state_hash(j.ws.state()));
}

// Formats 4 and 5 have no checksum, so damage that still decodes (here a letter of a name) cannot
// be seen in them: while the archive they stand for can be read, it is replayed instead, and the
// next archiving writes the snapshot again in the current format.
TEST(Store, AnOldFormatSnapshotIsNotTrustedWhileItsArchiveCanBeReplayed) {
  StoredJournal j("deskbill-archive-old-damaged");
  j.archive(5);
  std::string bad = with_a_letter_changed(j.snapshot);
  Workspace back("", false);
  ASSERT_FALSE(j.reopen(back, bad));
  EXPECT_EQ(j.store->snapshot_covered(), 0u);
  EXPECT_TRUE(j.store->snapshot_rewrite_due());
  EXPECT_EQ(state_hash(back.state()), state_hash(j.ws.state()));
}

// When the archive cannot be read, an old snapshot is all that stands for it: it is used (after
// its links and texts are found inside their tables) rather than leaving the workspace closed.
TEST(Store, AnOldFormatSnapshotStandsInWhenItsArchiveCannotBeRead) {
  StoredJournal j("deskbill-archive-old-alone");
  uint64_t covered = j.archive(5);
  std::filesystem::remove(j.cold + "/" + JournalStore::segment_name(0));
  Workspace back("", false);
  ASSERT_FALSE(j.reopen(back, j.snapshot));
  EXPECT_EQ(j.store->snapshot_covered(), covered);
  EXPECT_TRUE(j.store->snapshot_rewrite_due());
  EXPECT_EQ(state_hash(back.state()), state_hash(j.ws.state()));
}

// An old snapshot whose timesheet points past the order lines would send the fold and the views
// past the end of a table: it is refused, and with no archive to read the load is a clear error
// that writes nothing.
TEST(Store, AnOldFormatSnapshotWithALinkPastItsTableIsRefused) {
  StoredJournal j("deskbill-archive-old-link");
  uint64_t covered = j.archive(5);
  State s;
  uint64_t at = 0;
  ASSERT_FALSE(load_snapshot(j.snapshot, s, at));
  s.timesheets.rows[7].sale_line = s.lines.size() + 2;
  std::string bad = save_snapshot(s, covered, 5);
  std::filesystem::remove(j.cold + "/" + JournalStore::segment_name(0));
  Workspace back("", false);
  std::optional<std::string> err = j.reopen(back, bad);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("archived segments"), std::string::npos) << *err;
  EXPECT_TRUE(j.store->unreadable());
}

// A snapshot of the current format is checked by its checksum: it is used, with no replay.
TEST(Store, ACurrentSnapshotIsUsedAndNeedsNoRewrite) {
  StoredJournal j("deskbill-archive-current");
  uint64_t covered = j.archive();
  Workspace back("", false);
  ASSERT_FALSE(j.reopen(back, j.snapshot));
  EXPECT_EQ(j.store->snapshot_covered(), covered);
  EXPECT_FALSE(j.store->snapshot_rewrite_due());
}

// A snapshot of format 7 (the timesheets' texts in the one text pool) has a checksum: it is used,
// with no replay, and written again at once in the current format, whose part before the
// timesheets (what a start's preview reads) leaves their texts out.
TEST(Store, AFormat7SnapshotIsUsedAndWrittenAgainAtOnce) {
  StoredJournal j("deskbill-archive-seven");
  uint64_t covered = j.archive(7);
  Workspace back("", false);
  ASSERT_FALSE(j.reopen(back, j.snapshot));
  EXPECT_EQ(j.store->snapshot_covered(), covered);
  EXPECT_TRUE(j.store->snapshot_rewrite_due());
  EXPECT_EQ(state_hash(back.state()), state_hash(j.ws.state()));
}

TEST(Store, CuttingTheJournalBeforeItsSnapshotForgetsTheArchive) {
  StoredJournal j("deskbill-archive-f");
  j.archive();
  Workspace loaded("", false);
  ASSERT_FALSE(j.reopen(loaded, j.snapshot));
  ASSERT_FALSE(j.store->relayout(10, {}, j.meta).error);
  EXPECT_EQ(j.meta.archived_segments, 0u);
  Workspace back("", false);
  ASSERT_FALSE(j.reopen(back, j.snapshot));  // the old snapshot is not named any more
  EXPECT_EQ(back.confirmed_count(), 10u);
  EXPECT_FALSE(std::filesystem::exists(j.dir + "/" + JournalStore::segment_name(1)));
}

// nlohmann's value() threw on a member of another type, so a hand-edited or damaged
// workspace.json ("next_seq": "5") stopped the start with an exception. It is reported as
// damage, and not read as a default: a next_seq of 1 would reuse the seqs already sent.
TEST(Store, AWorkspaceJsonWithAMemberOfAnotherTypeIsReportedDamaged) {
  StoredJournal j("deskbill-meta-types", 50);
  for (const char* text : {R"({"client_id": "dev", "next_seq": "5"})", R"({"client_id": 42})",
                           R"({"client_id": "dev", "shared": "yes"})", R"({"client_id": "dev", "next_seq": -3})"}) {
    ASSERT_FALSE(write_file_atomic(j.dir + "/workspace.json", text));
    StoredWorkspace meta;
    meta.client_id = "before";
    std::optional<std::string> err;
    ASSERT_NO_THROW(err = j.store->read_meta(meta)) << text;
    ASSERT_TRUE(err) << text;
    EXPECT_NE(err->find("workspace.json is damaged"), std::string::npos) << *err;
    EXPECT_EQ(meta.client_id, "before") << text;  // nothing half-read
    // Opening the workspace says so, and nothing is written over the journal it could not read.
    Workspace back("", false);
    ASSERT_TRUE(j.reopen(back, "")) << text;
    EXPECT_TRUE(j.store->unreadable()) << text;
    std::vector<Envelope> one(j.envelopes.begin(), j.envelopes.begin() + 1);
    EXPECT_TRUE(j.store->append_confirmed(one, 0)) << text;
  }
}

TEST(Store, AJournalThatCouldNotBeReadIsNeverWrittenOver) {
  StoredJournal j("deskbill-unreadable", 500);
  std::string path = j.dir + "/" + JournalStore::segment_name(0);
  ASSERT_FALSE(write_file_atomic(path, "{\"kind\": \"partner.create\", \"id\": \"c\"}\nnot json\n"));
  Workspace back("", false);
  ASSERT_TRUE(j.reopen(back, ""));
  EXPECT_TRUE(j.store->unreadable());
  std::vector<Envelope> one(j.envelopes.begin(), j.envelopes.begin() + 1);
  EXPECT_TRUE(j.store->append_confirmed(one, 0));  // would have rewritten segment 0
  EXPECT_TRUE(j.store->write_meta(j.meta));
  std::string bytes;
  ASSERT_FALSE(read_file(path, bytes));
  EXPECT_NE(bytes.find("not json"), std::string::npos);  // the damaged file is as it was
}
