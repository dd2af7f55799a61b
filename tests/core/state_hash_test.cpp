// The state's JSON streamed record by record (write_state_json) is byte for byte the tree's dump,
// and the state hash is the hash of the tree's values (json_value_hash), streamed the same way,
// with each ticket and timesheet as its stored fields (docs/journal.md, "The state hash"):
// neither holds the whole state as a tree.
#include "core/state_hash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <set>

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

// The state hash as docs/journal.md specifies it, written out plainly: the words of the JSON
// tree's values, with the tickets' and timesheets' words made from their rows, then XXH64 of all
// the words' bytes at once. The streamed hash must give the same value.
void json_words(const json& v, std::vector<uint64_t>& w) {
  switch (v.type()) {
    case json::value_t::null:
      return w.push_back(1);
    case json::value_t::boolean:
      return w.push_back(v.get<bool>() ? 3 : 2);
    case json::value_t::number_unsigned:
      w.push_back(4);
      return w.push_back(v.get<uint64_t>());
    case json::value_t::number_integer:
      w.push_back(v.get<int64_t>() < 0 ? 5 : 4);
      return w.push_back(static_cast<uint64_t>(v.get<int64_t>()));
    case json::value_t::string: {
      const std::string& t = v.get_ref<const std::string&>();
      w.push_back(6 | uint64_t{t.size()} << 8);
      return w.push_back(xxh64(t));
    }
    case json::value_t::array:
      w.push_back(7);
      for (const json& e : v) json_words(e, w);
      return w.push_back(8);
    case json::value_t::object:
      w.push_back(9 | uint64_t{v.size()} << 8);
      for (auto it = v.begin(); it != v.end(); ++it) {
        w.push_back(xxh64(it.key()));
        json_words(it.value(), w);
      }
      return;
    default:
      ADD_FAILURE() << "the state's JSON holds no float: " << v;
  }
}
template <class Tb>
uint64_t id_hash(const State& s, const Tb& t, uint32_t rec) {
  return rec == kNone ? 0 : xxh64(s.id_of(t, rec));
}
void ticket_words(const State& s, uint32_t k, std::vector<uint64_t>& w) {
  const Ticket& t = s.tickets.rows[k];
  const uint64_t stage[] = {0, 1, 2, 3};  // new, in progress, solved, cancelled; 255 for another value
  const auto at = static_cast<size_t>(t.stage);
  w.push_back(11 | (at < 4 ? stage[at] : 255) << 8);
  for (uint64_t x :
       {id_hash(s, s.tickets, k), id_hash(s, s.employees, t.assignee), static_cast<uint64_t>(int64_t{t.created}),
        id_hash(s, s.partners, t.partner), id_hash(s, s.lines, t.sale_line), id_hash(s, s.tasks, t.task),
        id_hash(s, s.teams, t.team), xxh64(s.str(t.title))})
    w.push_back(x);
}
void timesheet_words(const State& s, uint32_t i, std::vector<uint64_t>& w) {
  const Timesheet& t = s.timesheets.rows[i];
  std::string id(s.id_of(s.timesheets, i));
  w.push_back(12 | uint64_t{t.sol_edited} << 8 | uint64_t{id.size()} << 16 |
              uint64_t{static_cast<uint32_t>(t.date)} << 32);
  id.resize((id.size() + 7) / 8 * 8, '\0');  // the id's bytes in whole words, the rest 0
  for (size_t at = 0; at < id.size(); at += 8) {
    uint64_t x;
    std::memcpy(&x, id.data() + at, 8);
    w.push_back(x);
  }
  for (uint64_t x : {xxh64(s.str(t.description)), id_hash(s, s.employees, t.employee), static_cast<uint64_t>(t.hours),
                     id_hash(s, s.invoices, t.invoice), id_hash(s, s.projects, t.project),
                     id_hash(s, s.lines, t.sale_line), id_hash(s, s.tasks, t.task), id_hash(s, s.tickets, t.ticket)})
    w.push_back(x);
}
// Another record than `rec` of a table of `size` records (none, if `rec` is one).
uint32_t another(uint32_t rec, uint32_t size) {
  EXPECT_TRUE(rec != kNone || size > 0);
  return rec == kNone ? 0 : rec == 0 && size > 1 ? 1 : rec > 0 ? 0 : kNone;
}

uint64_t specified_state_hash(const State& s) {
  json tree = state_to_json(s);
  std::vector<uint64_t> w{9 | uint64_t{tree.size()} << 8};
  for (auto it = tree.begin(); it != tree.end(); ++it) {
    w.push_back(xxh64(it.key()));
    if (it.key() == "tickets") {
      EXPECT_EQ(it.value().size(), s.tickets.size());
      w.push_back(7);
      for (uint32_t k = 0; k < s.tickets.size(); ++k) ticket_words(s, k, w);
      w.push_back(8);
    } else if (it.key() == "timesheets") {
      w.push_back(7);
      size_t live = 0;
      for (uint32_t i = 0; i < s.timesheets.size(); ++i)
        if (!s.timesheets.rows[i].deleted) timesheet_words(s, i, w), ++live;
      w.push_back(8);
      EXPECT_EQ(it.value().size(), live);
    } else {
      json_words(it.value(), w);
    }
  }
  return xxh64(std::string_view(reinterpret_cast<const char*>(w.data()), w.size() * 8));
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
  EXPECT_EQ(state_hash(s), specified_state_hash(s));
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

TEST(StateHash, IsTheJsonsValuesWithTicketsAndTimesheetsAsTheirStoredFields) {
  State empty;
  EXPECT_EQ(state_hash(empty), json_value_hash(state_to_json(empty)));
  EXPECT_EQ(state_hash(empty), specified_state_hash(empty));
  State s = generated_workspace();
  ASSERT_GT(s.tickets.size(), 0u);
  ASSERT_GT(s.timesheets.size(), 0u);
  EXPECT_EQ(state_hash(s), specified_state_hash(s));
}

// A state from elsewhere (a snapshot) may hold an id longer than an op's 64 bytes: its words are
// the same, fed one by one.
TEST(StateHash, ATimesheetIdLongerThanAnOpGivesIsHashedByTheSameRule) {
  State s = employee_and_team();
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "ticket.create"}, {"id", "k"}, {"title", "VPN"}, {"team", "t"}}));
  for (const std::string& id :
       {std::string("a"), std::string("12345678"), std::string("123456789"), std::string(64, 'x')})
    ASSERT_FALSE(deskbill::apply(s, {{"kind", "timesheet.log"},
                                     {"id", id},
                                     {"ticket", "k"},
                                     {"employee", "e"},
                                     {"date", "2026-11-20"},
                                     {"hours", "1"}}));
  EXPECT_EQ(state_hash(s), specified_state_hash(s));
  // The last timesheet's id, 64 bytes, made 300 long in its pool as a snapshot could hold it.
  s.timesheets.ids.keys().back() = s.ts_text.add(std::string(300, 'y'));
  EXPECT_EQ(s.id_of(s.timesheets, 3).size(), 300u);
  EXPECT_EQ(state_hash(s), specified_state_hash(s));
}

// A timesheet id's last word is read in loads that may overlap (one to three bytes, four to seven,
// and past a whole word each take another path): ids of every length from 1 to 64 bytes, each
// byte different from its neighbours, hash by the rule.
TEST(StateHash, ATimesheetIdOfEveryLengthIsHashedByTheRule) {
  State s = employee_and_team();
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "ticket.create"}, {"id", "k"}, {"title", "VPN"}, {"team", "t"}}));
  const std::string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (size_t n = 1; n <= 64; ++n)
    ASSERT_FALSE(deskbill::apply(s, {{"kind", "timesheet.log"},
                                     {"id", letters.substr(64 - n)},
                                     {"ticket", "k"},
                                     {"employee", "e"},
                                     {"date", "2026-11-20"},
                                     {"hours", "1"}}));
  ASSERT_EQ(s.timesheets.size(), 64u);
  EXPECT_EQ(state_hash(s), specified_state_hash(s));
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

// The rows of deleted timesheets stay in the table (and in a ticket's list until they are passed
// over): the hash is that of the timesheets still there, as if the others were never logged.
TEST(StateHash, IsTheSameWhetherATimesheetWasDeletedOrNeverLogged) {
  auto log = [](State& s, int i) {
    ASSERT_FALSE(deskbill::apply(s, {{"kind", "timesheet.log"},
                                     {"id", "l" + std::to_string(i)},
                                     {"ticket", i % 2 ? "a" : "b"},
                                     {"employee", "e"},
                                     {"date", "2026-11-20"},
                                     {"hours", std::to_string(i + 1)}}));
  };
  State deleted = employee_and_team(), never = employee_and_team();
  for (State* s : {&deleted, &never})
    for (const json& op : std::vector<json>{
             {{"kind", "ticket.create"}, {"id", "a"}, {"title", "A"}, {"team", "t"}, {"date", "2026-11-19"}},
             {{"kind", "ticket.create"}, {"id", "b"}, {"title", "B"}, {"team", "t"}, {"date", "2026-11-19"}},
         })
      ASSERT_FALSE(deskbill::apply(*s, op)) << op.dump();
  const std::set<int> gone = {0, 1, 3, 7};  // the head, the middle and the tail of the lists
  for (int i = 0; i < 8; ++i) {
    log(deleted, i);
    if (!gone.count(i)) log(never, i);
  }
  for (int i : gone)
    ASSERT_FALSE(deskbill::apply(deleted, {{"kind", "timesheet.delete"}, {"id", "l" + std::to_string(i)}}));
  EXPECT_EQ(state_to_json(deleted), state_to_json(never));
  EXPECT_EQ(state_hash(deleted), state_hash(never));
  EXPECT_EQ(state_hash(deleted), specified_state_hash(deleted));
}

// Each change, made to one row of a copy of `s`, gives a hash that neither `s` nor another change
// gives, and the one the specification gives.
template <class Row, class RowOf>
void expect_each_change_gives_another_hash(
    const State& s, const std::vector<std::pair<const char*, std::function<void(Row&)>>>& changes, RowOf row) {
  std::set<uint64_t> seen = {state_hash(s)};
  for (const auto& [field, change] : changes) {
    State c = s;
    change(row(c));
    EXPECT_TRUE(seen.insert(state_hash(c)).second) << field;
    EXPECT_EQ(state_hash(c), specified_state_hash(c)) << field;
  }
}

// Every field a ticket or a timesheet keeps is in its words, those the JSON leaves out too: a
// ticket's creation day, and whether the user chose a timesheet's line (R9 recomputes it if not).
// A generated workspace with a project and a task, that a timesheet or a ticket can be moved to.
State workspace_with_a_task() {
  State s = generated_workspace();
  EXPECT_FALSE(deskbill::apply(s, {{"kind", "project.create"}, {"id", "pr"}, {"name", "Onboarding"}}));
  EXPECT_FALSE(deskbill::apply(s, {{"kind", "task.create"}, {"id", "tk"}, {"project", "pr"}, {"name", "Setup"}}));
  return s;
}

TEST(StateHash, ChangesWithEachStoredFieldOfATimesheet) {
  const State s = workspace_with_a_task();
  uint32_t i = 0;  // a billed timesheet
  while (s.timesheets.rows[i].invoice == kNone) ASSERT_LT(++i, s.timesheets.size());
  const Timesheet& t = s.timesheets.rows[i];
  uint32_t other_text = 0;
  while (s.str(s.timesheets.rows[other_text].description) == s.str(t.description))
    ASSERT_LT(++other_text, s.timesheets.size());
  const std::vector<std::pair<const char*, std::function<void(Timesheet&)>>> changes = {
      {"date", [](Timesheet& x) { x.date += 1; }},
      {"description", [&](Timesheet& x) { x.description = s.timesheets.rows[other_text].description; }},
      {"employee", [&](Timesheet& x) { x.employee = another(x.employee, s.employees.size()); }},
      {"hours", [](Timesheet& x) { x.hours += 1; }},
      {"invoice", [](Timesheet& x) { x.invoice = kNone; }},
      {"project", [&](Timesheet& x) { x.project = another(x.project, s.projects.size()); }},
      {"sale_line", [&](Timesheet& x) { x.sale_line = another(x.sale_line, s.lines.size()); }},
      {"task", [&](Timesheet& x) { x.task = another(x.task, s.tasks.size()); }},
      {"ticket", [&](Timesheet& x) { x.ticket = another(x.ticket, s.tickets.size()); }},
      {"sol_edited", [](Timesheet& x) { x.sol_edited = !x.sol_edited; }},
  };
  expect_each_change_gives_another_hash(s, changes, [&](State& c) -> Timesheet& { return c.timesheets.rows[i]; });
}

TEST(StateHash, ChangesWithEachStoredFieldOfATicket) {
  const State s = workspace_with_a_task();
  const uint32_t k = 0;
  uint32_t other_title = 0;
  while (s.str(s.tickets.rows[other_title].title) == s.str(s.tickets.rows[k].title))
    ASSERT_LT(++other_title, s.tickets.size());
  const std::vector<std::pair<const char*, std::function<void(Ticket&)>>> changes = {
      {"assignee", [&](Ticket& x) { x.assignee = another(x.assignee, s.employees.size()); }},
      {"created", [](Ticket& x) { x.created += 1; }},
      {"partner", [&](Ticket& x) { x.partner = another(x.partner, s.partners.size()); }},
      {"sale_line", [&](Ticket& x) { x.sale_line = another(x.sale_line, s.lines.size()); }},
      {"stage", [](Ticket& x) { x.stage = x.stage == Stage::Solved ? Stage::New : Stage::Solved; }},
      {"task", [&](Ticket& x) { x.task = another(x.task, s.tasks.size()); }},
      {"team", [&](Ticket& x) { x.team = another(x.team, s.teams.size()); }},
      {"title", [&](Ticket& x) { x.title = s.tickets.rows[other_title].title; }},
  };
  expect_each_change_gives_another_hash(s, changes, [&](State& c) -> Ticket& { return c.tickets.rows[k]; });
}

// Only a damaged state holds a stage outside the enum: the hash is still made, and differs.
TEST(StateHash, AStageOutsideTheEnumIsHashedAs255) {
  const State s = workspace_with_a_task();
  State c = s;
  c.tickets.rows[0].stage = static_cast<Stage>(9);
  EXPECT_NE(state_hash(c), state_hash(s));
  EXPECT_EQ(state_hash(c), specified_state_hash(c));
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
