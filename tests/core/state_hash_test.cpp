// The state's JSON streamed record by record (write_state_json) is byte for byte the tree's dump,
// and the state hash is the hash of the tree's values (json_value_hash), streamed the same way:
// neither holds the whole state as a tree.
#include "core/state_hash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "core/apply.h"
#include "core/state_json.h"
#include "core/xxh64.h"
#include "journal/generator.h"

using namespace deskbill;
using nlohmann::json;

namespace {
std::string streamed(const State& s) {
  std::string out;
  write_state_json(s, [&](std::string_view chunk) { out.append(chunk); });
  return out;
}

// Employee "e" and team "t" (with timesheets): what a ticket with logged time needs.
State employee_and_team() {
  State s;
  EXPECT_FALSE(deskbill::apply(s, {{"kind", "employee.create"}, {"id", "e"}, {"name", "Ana"}}));
  EXPECT_FALSE(
      deskbill::apply(s, {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}, {"use_timesheets", true}}));
  return s;
}

// A generated workspace with a company, invoices and a rejected op: every section is present.
State generated_workspace() {
  State s;
  EXPECT_FALSE(deskbill::apply(s, {{"kind", "company.update"}, {"name", "Ștefan & \"Co\""}}));
  GeneratorOptions o;
  o.timesheets = 2000;
  generate_journal(o, [&](const json& op) { apply_or_reject(s, op); });
  apply_or_reject(s, {{"kind", "invoice.post"}, {"id", "missing"}});  // a rejected op is listed too
  EXPECT_GT(s.invoices.size(), 0u);
  EXPECT_GT(s.rejected.size(), 0u);
  return s;
}

// Sections and notes, a down payment, a credit note, a due date, taxes and a payment.
State every_kind_of_order_and_invoice() {
  State s;
  for (const json& op : std::vector<json>{
           {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}, {"payment_days", "30"}},
           {{"kind", "tax.create"}, {"id", "vat"}, {"name", "VAT 19%"}, {"rate", "19"}},
           {{"kind", "product.create"},
            {"id", "p"},
            {"name", "Support"},
            {"policy", "manual"},
            {"price", "90"},
            {"taxes", {"vat"}}},
           {{"kind", "order.create"}, {"id", "so"}, {"partner", "acme"}},
           {{"kind", "order.add_line"}, {"id", "so.0"}, {"order", "so"}, {"display", "section"}, {"name", "Work"}},
           {{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "p"}, {"qty", "10"}},
           {{"kind", "order.add_line"}, {"id", "so.2"}, {"order", "so"}, {"display", "note"}, {"name", "Thanks"}},
           {{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-01"}},
           {{"kind", "invoice.create"}, {"id", "dp"}, {"orders", {"so"}}, {"method", "percentage"}, {"amount", "50"}},
           {{"kind", "invoice.post"}, {"id", "dp"}, {"date", "2026-11-02"}},
           {{"kind", "invoice.reverse"}, {"id", "cn"}, {"invoice", "dp"}},
           {{"kind", "invoice.post"}, {"id", "cn"}, {"date", "2026-11-03"}},
           {{"kind", "order.update_line"}, {"id", "so.1"}, {"delivered", "4"}},
           {{"kind", "invoice.create"}, {"id", "final"}, {"orders", {"so"}}},
           {{"kind", "invoice.post"}, {"id", "final"}, {"date", "2026-11-04"}},
           {{"kind", "invoice.pay"}, {"id", "pay"}, {"invoice", "final"}, {"amount", "10"}, {"date", "2026-11-05"}},
       })
    EXPECT_FALSE(deskbill::apply(s, op)) << op.dump();
  return s;
}

// The bytes 3, 10, 17, ... (i * 7 + 3 mod 256), whose XXH64 values below come from the xxHash
// library itself (libxxhash 0.8.1, seed 0).
std::string pattern(size_t n) {
  std::string b(n, '\0');
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<char>((i * 7 + 3) & 255);
  return b;
}
// The words of `bytes` (a whole number of them) fed one by one.
uint64_t word_hash_of(const std::string& bytes) {
  Xxh64Stream h;
  for (size_t i = 0; i + 8 <= bytes.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h.word(w);
  }
  return h.digest();
}
}  // namespace

TEST(StreamedStateJson, AnEmptyStateIsTheTreesDump) {
  State s;
  EXPECT_EQ(streamed(s), state_to_json(s).dump());
}

TEST(StreamedStateJson, AGeneratedWorkspaceWithACompanyIsTheTreesDump) {
  State s = generated_workspace();
  EXPECT_EQ(streamed(s), state_to_json(s).dump());
}

// Orders and invoices are written from their walk (core/record_walk.h) as text: the commas,
// braces and brackets of nested lines, taxes and payments must be the tree's.
TEST(StreamedStateJson, OrdersAndInvoicesOfEveryKindAreTheTreesDump) {
  State s = every_kind_of_order_and_invoice();
  EXPECT_EQ(streamed(s), state_to_json(s).dump());
}

TEST(StreamedStateJson, TimesheetAndTicketTextIsEscapedAsTheTreeEscapesIt) {
  State s = employee_and_team();
  for (const json& op : std::vector<json>{
           {{"kind", "ticket.create"}, {"id", "k"}, {"title", "VPN \"down\" \\ again\n\x01 ș"}, {"team", "t"}},
           {{"kind", "timesheet.log"},
            {"id", "l1"},
            {"ticket", "k"},
            {"employee", "e"},
            {"date", "2026-11-20"},
            {"hours", "1.5"},
            {"description", std::string("quote \" back \\ nl \n tab \t bell \x07 del \x7f ș 😀")}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  EXPECT_EQ(streamed(s), state_to_json(s).dump());
  EXPECT_EQ(state_hash(s), json_value_hash(state_to_json(s)));
}

TEST(Xxh64Stream, Xxh64IsTheXxHashLibrarysValue) {
  const std::pair<size_t, uint64_t> known[] = {
      {0, 17241709254077376921ull},   {1, 2244420788148980662ull},    {3, 3589991498569311433ull},
      {4, 11220238523610079194ull},   {5, 14366640032271323646ull},   {7, 11131513552845562072ull},
      {8, 15760801637573656722ull},   {13, 17837354129420566472ull},  {31, 11721285656260534553ull},
      {32, 2577116162849570199ull},   {33, 5811842300876720004ull},   {63, 6790958421027277116ull},
      {100, 11970441692518016305ull}, {1000, 6855428199458907131ull},
  };
  for (auto [n, value] : known) EXPECT_EQ(xxh64(pattern(n)), value) << n << " bytes";
}

TEST(Xxh64Stream, WordsFedOneByOneHashAsTheirBytes) {
  const std::pair<size_t, uint64_t> known[] = {
      {0, 17241709254077376921ull},   {8, 15760801637573656722ull},    {16, 4848213110847732706ull},
      {24, 14158316386292924289ull},  {32, 2577116162849570199ull},    {40, 13123542550902044342ull},
      {64, 1060117496095223839ull},   {72, 18271567001533882359ull},   {200, 12018766043083348772ull},
      {800, 15162096254790543206ull}, {40000, 8272140063531428586ull},  // 40000: past two full buffers
  };
  for (auto [n, value] : known) {
    EXPECT_EQ(word_hash_of(pattern(n)), value) << n << " bytes";
    EXPECT_EQ(xxh64(pattern(n)), value) << n << " bytes";
  }
}

TEST(Xxh64Stream, ADigestMidwayLeavesTheStreamAsItWas) {
  Xxh64Stream h;
  std::string b = pattern(40000);
  for (size_t i = 0; i < b.size(); i += 8) {
    if (i == 20000) (void)h.digest();
    uint64_t w;
    std::memcpy(&w, b.data() + i, 8);
    h.word(w);
  }
  EXPECT_EQ(h.digest(), 8272140063531428586ull);
}

// Records write their words straight into the buffer (room, then added): asking for room when
// the buffer holds a part of a stripe gives the same value as the words fed one by one.
TEST(Xxh64Stream, WordsWrittenIntoRoomHashAsTheirBytes) {
  std::string b = pattern(40000);  // 5000 words, past two buffers
  for (size_t batch : {1, 3, 13, 64, 2048}) {
    Xxh64Stream h;
    size_t words = b.size() / 8;
    for (size_t at = 0; at < words; at += batch) {
      size_t n = std::min(batch, words - at);
      uint64_t* w = h.room(n);
      std::memcpy(w, b.data() + at * 8, n * 8);
      h.added(n);
    }
    EXPECT_EQ(h.digest(), 8272140063531428586ull) << "in batches of " << batch;
  }
}

// A snapshot's checksum is hashed as its pieces are read: any cut of the bytes into pieces gives
// the library's value for the whole.
TEST(Xxh64Stream, BytesInPiecesOfAnySizeHashAsTheWhole) {
  for (size_t n : {0, 5, 31, 32, 33, 100, 1000}) {
    std::string b = pattern(n);
    for (size_t piece : {1, 3, 7, 31, 32, 33, 64, 1000}) {
      Xxh64Stream h;
      for (size_t at = 0; at < n; at += piece) h.bytes(b.data() + at, std::min(piece, n - at));
      EXPECT_EQ(h.digest(), xxh64(b)) << n << " bytes in pieces of " << piece;
    }
  }
  // Pieces larger than the stream's buffer of 16 kB, and pieces that fill it to the byte.
  std::string big = pattern(40000);
  for (size_t piece : {1000, 16384, 16385, 20000, 40000}) {
    Xxh64Stream h;
    for (size_t at = 0; at < big.size(); at += piece) h.bytes(big.data() + at, std::min(piece, big.size() - at));
    EXPECT_EQ(h.digest(), 8272140063531428586ull) << "40000 bytes in pieces of " << piece;  // as the words' value
  }
  Xxh64Stream h;
  std::string b = pattern(1000);
  h.bytes(b.data(), 500);
  (void)h.digest();  // a digest midway changes nothing
  h.bytes(b.data() + 500, 500);
  EXPECT_EQ(h.digest(), 6855428199458907131ull);  // libxxhash's value, as above
}

TEST(StateHash, IsTheHashOfTheStateJsonsValues) {
  State empty;
  EXPECT_EQ(state_hash(empty), json_value_hash(state_to_json(empty)));
  State s = generated_workspace();
  EXPECT_EQ(state_hash(s), json_value_hash(state_to_json(s)));
}

// Orders and invoices are hashed from their walk (core/record_walk.h) as it comes, and their trees
// are built from the same walk: the hash equals the tree's only if the walk gives each object's
// members in key order and as many as it announced. So every kind of record is here: sections and
// notes, a down payment, a credit note, a due date, taxes and a payment.
TEST(StateHash, OrdersAndInvoicesOfEveryKindHashAsTheirTrees) {
  State s = every_kind_of_order_and_invoice();
  json tree = state_to_json(s);
  std::string text = tree.dump();
  for (const char* kind : {"\"section\"", "\"note\"", "\"down_payment\"", "\"out_refund\"", "\"due\""})
    EXPECT_NE(text.find(kind), std::string::npos) << kind << " is missing from " << text;
  EXPECT_EQ(state_hash(s), json_value_hash(tree));
}

TEST(StateHash, CountsATicketsHoursOverTheTimesheetsStillOnIt) {
  // Tickets are hashed with their hours spent summed in row order, not by following each
  // ticket's list: deleting the list's head, middle and tail must give the tree's value.
  State s = employee_and_team();
  for (const json& op : std::vector<json>{
           {{"kind", "ticket.create"}, {"id", "a"}, {"title", "A"}, {"team", "t"}},
           {{"kind", "ticket.create"}, {"id", "b"}, {"title", "B"}, {"team", "t"}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  for (int i = 0; i < 8; ++i)
    ASSERT_FALSE(deskbill::apply(s, {{"kind", "timesheet.log"},
                                     {"id", "l" + std::to_string(i)},
                                     {"ticket", i % 2 ? "a" : "b"},
                                     {"employee", "e"},
                                     {"date", "2026-11-20"},
                                     {"hours", std::to_string(i + 1)}}));
  for (const char* gone : {"l1", "l3", "l7", "l0"})
    ASSERT_FALSE(deskbill::apply(s, {{"kind", "timesheet.delete"}, {"id", gone}}));
  json tree = state_to_json(s);
  ASSERT_EQ(tree["tickets"][0]["hours_spent"], "6.00");   // a: l5 only
  ASSERT_EQ(tree["tickets"][1]["hours_spent"], "15.00");  // b: l2, l4, l6
  EXPECT_EQ(state_hash(s), json_value_hash(tree));
}

TEST(StateHash, DiffersWhenAnyValueDiffers) {
  // Each pair has different JSON text; the words must differ too (tags, lengths, key names).
  const std::pair<json, json> pairs[] = {
      {json("1"), json(1)},
      {json(nullptr), json("")},
      {json(false), json(0)},
      {json::array(), json::object()},
      {json{"ab", "c"}, json{"a", "bc"}},
      {json{{"a", 1}}, json{{"b", 1}}},
      {json{{"a", json::array()}}, json{{"a", json::array({nullptr})}}},
      {json(-1), json(18446744073709551615ull)},
      {json("12345678"), json(std::string("12345678\0", 9))},
      {json{{"x", json{{"y", 1}}}, {"z", 2}}, json{{"x", json{{"y", 1}, {"z", 2}}}}},
  };
  for (const auto& [a, b] : pairs) EXPECT_NE(json_value_hash(a), json_value_hash(b)) << a << " vs " << b;
}

TEST(StateHash, ChangesWithOneTimesheetsHours) {
  State s = generated_workspace();
  uint64_t before = state_hash(s);
  std::string first(s.id_of(s.timesheets, 0));
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "timesheet.update"}, {"id", first}, {"hours", "7.25"}}));
  EXPECT_NE(state_hash(s), before);
}
