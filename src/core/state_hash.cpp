#include "core/state_hash.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/dates.h"
#include "core/record_walk.h"
#include "core/state_json.h"
#include "core/xxh64.h"

namespace deskbill {
namespace {
using nlohmann::json;

// Type tags, the low byte of a value's first word. A string's length (or an object's size) sits
// in the bits above it, so two different values never give the same words.
enum : uint64_t {
  kNull = 1,
  kFalse = 2,
  kTrue = 3,
  kNonNegative = 4,  // then the value
  kNegative = 5,     // then the value's two's complement bits
  kString = 6,       // | length << 8, then xxh64 of the bytes
  kArray = 7,        // then the elements, then kEnd
  kEnd = 8,
  kObject = 9,  // | size << 8, then per member (in key order) xxh64 of the key, then the value
  kOther = 10,  // | length << 8, then xxh64 of dump()'s text: a float (the state holds none)
  // Not JSON values: a ticket and a timesheet, by their stored fields (StateHasher::ticket).
  kTicket = 11,     // | stage << 8, then 8 words
  kTimesheet = 12,  // | the user chose the line << 8 | id length << 16 | date << 32, the id, 8 words
};

// A string value's two words.
struct StringWords {
  uint64_t head = 0, hash = 0;
};
StringWords string_words(std::string_view v) { return {kString | static_cast<uint64_t>(v.size()) << 8, xxh64(v)}; }

// The words of JSON values, given to a Sink with word(uint64_t).
template <class Sink>
class Tokens {
 public:
  explicit Tokens(Sink& h) : h_(h) {}
  __attribute__((always_inline)) void null() { h_.word(kNull); }
  __attribute__((always_inline)) void boolean(bool b) { h_.word(b ? kTrue : kFalse); }
  __attribute__((always_inline)) void string(StringWords w) {
    h_.word(w.head);
    h_.word(w.hash);
  }
  __attribute__((always_inline)) void string(std::string_view v) { string(string_words(v)); }
  __attribute__((always_inline)) void object(size_t members) { h_.word(kObject | static_cast<uint64_t>(members) << 8); }
  __attribute__((always_inline)) void key(uint64_t key_word) { h_.word(key_word); }
  void array() { h_.word(kArray); }
  void end() { h_.word(kEnd); }
  void value(const json& v) {
    switch (v.type()) {
      case json::value_t::null:
        return null();
      case json::value_t::boolean:
        return boolean(v.get<bool>());
      case json::value_t::number_unsigned:
        h_.word(kNonNegative);
        return h_.word(v.get<uint64_t>());
      case json::value_t::number_integer: {
        int64_t i = v.get<int64_t>();
        h_.word(i < 0 ? kNegative : kNonNegative);
        return h_.word(static_cast<uint64_t>(i));
      }
      case json::value_t::string:
        return string(v.get_ref<const std::string&>());
      case json::value_t::array:
        array();
        for (const json& e : v) value(e);
        return end();
      case json::value_t::object:
        object(v.size());
        for (auto it = v.begin(); it != v.end(); ++it) {
          key(xxh64(it.key()));
          value(it.value());
        }
        return;
      default: {
        std::string text = v.dump();
        h_.word(kOther | static_cast<uint64_t>(text.size()) << 8);
        return h_.word(xxh64(text));
      }
    }
  }

 private:
  Sink& h_;
};

// Hashes a record walk (core/record_walk.h) as it comes, as Tokens::value would hash the tree:
// the walk gives each object's members in key order after their count. A key out of order or a
// count that does not match its end would give another hash than the tree's, so both are checked.
class WalkHasher : public FormattedValues<WalkHasher> {
 public:
  explicit WalkHasher(Tokens<Xxh64Stream>& t) : t_(t) {}
  void object(size_t members) {
    t_.object(members);
    open_.push_back({members, 0, ""});
  }
  void array() {
    t_.array();
    open_.push_back({kArray, 0, ""});
  }
  void end_object() {
    if (open_.empty() || open_.back().members == kArray || open_.back().given != open_.back().members)
      throw std::logic_error("record walk: an object ended with another number of members than its count");
    open_.pop_back();
  }
  void end_array() {
    if (open_.empty() || open_.back().members != kArray) throw std::logic_error("record walk: no array to end");
    open_.pop_back();
    t_.end();
  }
  void key(const char* k) {
    Open& top = open_.back();
    if (top.members == kArray || top.given == top.members)
      throw std::logic_error(std::string("record walk: key '") + k + "' past the count");
    KeyEntry& e = key_entry(k);
    // A walk gives the same keys in the same order for every record: the order of a key after
    // another is compared once, not at each of the orders' and invoices' thousands of lines.
    if (e.checked_after != top.last_key) {
      if (std::strcmp(top.last_key, k) >= 0)
        throw std::logic_error(std::string("record walk: key '") + k + "' out of order");
      e.checked_after = top.last_key;
    }
    ++top.given;
    top.last_key = k;
    t_.key(e.word);
  }
  // A short value (an amount, a quantity, a status) repeats across lines: its xxh64 is kept in a
  // direct-mapped table by its bytes, which are compared in two words rather than hashed again.
  void string(std::string_view v) {
    if (v.size() > 16) return t_.string(v);
    auto [a, b] = short_bytes(v);
    uint64_t head = kString | static_cast<uint64_t>(v.size()) << 8;
    ValueEntry& e = values_[((a ^ b * 0xC2B2AE3D27D4EB4Full ^ head) * 0x9E3779B97F4A7C15ull) >> (64 - kValueBits)];
    if (!e.filled || e.a != a || e.b != b || e.head != head) e = {a, b, head, xxh64(v), true};
    t_.string(StringWords{head, e.hash});
  }
  void null() { t_.null(); }
  void boolean(bool b) { t_.boolean(b); }
  // Every object and array was ended.
  void finish() {
    if (!open_.empty()) throw std::logic_error("record walk: a record was not ended");
  }

 private:
  static constexpr size_t kArray = SIZE_MAX;
  struct Open {
    size_t members, given;  // given: the keys so far
    const char* last_key;
  };
  // The bytes of a value of at most 16 bytes in two words, read whole and overlapping (as
  // XXH3 reads short input): with the length, they tell every such value apart.
  static std::pair<uint64_t, uint64_t> short_bytes(std::string_view v) {
    const char* p = v.data();
    const size_t n = v.size();
    if (n >= 8) return {load<uint64_t>(p), load<uint64_t>(p + n - 8)};
    if (n >= 4) return {load<uint32_t>(p) | uint64_t{load<uint32_t>(p + n - 4)} << 32, 0};
    if (n > 0)
      return {uint64_t{uint8_t(p[0])} | uint64_t{uint8_t(p[n / 2])} << 8 | uint64_t{uint8_t(p[n - 1])} << 16, 0};
    return {0, 0};
  }
  template <class W>
  static W load(const char* p) {
    W w;
    std::memcpy(&w, p, sizeof w);
    return w;
  }
  // Keys are string literals: their words are kept by address, in a direct-mapped table.
  struct KeyEntry {
    const char* key = nullptr;
    uint64_t word = 0;
    const char* checked_after = nullptr;  // the key this one was found to follow in order
  };
  KeyEntry& key_entry(const char* k) {
    KeyEntry& e = keys_[(reinterpret_cast<uintptr_t>(k) * 0x9E3779B97F4A7C15ull) >> (64 - kKeyBits)];
    if (e.key != k) e = {k, xxh64(k), nullptr};
    return e;
  }
  static constexpr int kKeyBits = 8, kValueBits = 12;
  struct ValueEntry {
    uint64_t a = 0, b = 0, head = 0, hash = 0;
    bool filled = false;
  };
  Tokens<Xxh64Stream>& t_;
  std::vector<Open> open_;
  std::vector<KeyEntry> keys_ = std::vector<KeyEntry>(size_t{1} << kKeyBits);
  std::vector<ValueEntry> values_ = std::vector<ValueEntry>(size_t{1} << kValueBits);
};

// The stage's number in a ticket's tag word: fixed by docs/journal.md, whatever the enum's order.
// A value outside the enum (only a damaged state holds one) is 255: the hash stays total, as the
// JSON's "?" did.
uint64_t stage_number(Stage st) {
  switch (st) {
    case Stage::New:
      return 0;
    case Stage::InProgress:
      return 1;
    case Stage::Solved:
      return 2;
    case Stage::Cancelled:
      return 3;
  }
  return 255;
}

// A day or a quantity as a word: its two's complement bits (kNoDay is INT32_MIN's).
uint64_t signed_word(int64_t v) { return static_cast<uint64_t>(v); }

// XXH64 of each record's id in the tables that tickets and timesheets refer to, made once per
// hash: a million timesheets name a few thousand lines, partners and tickets. A reference to no
// record is 0: each table starts with it, so that record r is at r + 1 and kNone + 1 wraps to 0,
// read without a branch (six references per timesheet).
struct IdHashes {
  template <class Tb>
  static std::vector<uint64_t> of_table(const State& s, const Tb& t) {
    std::vector<uint64_t> h(size_t{t.size()} + 1);
    for (uint32_t r = 0; r < t.size(); ++r) h[r + 1] = xxh64(s.id_of(t, r));
    return h;
  }
  explicit IdHashes(const State& s)
      : employees(of_table(s, s.employees)),
        invoices(of_table(s, s.invoices)),
        partners(of_table(s, s.partners)),
        projects(of_table(s, s.projects)),
        lines(of_table(s, s.lines)),
        tasks(of_table(s, s.tasks)),
        tickets(of_table(s, s.tickets)),
        teams(of_table(s, s.teams)) {}
  static uint64_t of(const std::vector<uint64_t>& table, uint32_t rec) {
    static_assert(kNone == UINT32_MAX, "kNone + 1 must wrap to the reference to no record");
    return table[static_cast<uint32_t>(rec + 1)];
  }
  const std::vector<uint64_t> employees, invoices, partners, projects, lines, tasks, tickets, teams;
};

// XXH64 of texts (ticket titles, timesheet descriptions) kept in a direct-mapped table of 4096 by
// the text's place: a pool gives a short text that repeats the same place, so a hit is one
// compare, and a state of all-different texts costs no memory.
template <class TextT>
class TextHashes {
 public:
  uint64_t of(const State& s, TextT t) {
    uint64_t key = static_cast<uint64_t>(t.off) << 32 | t.len;
    Entry& e = slots_[(key * 0x9E3779B97F4A7C15ull) >> (64 - kBits)];
    if (!e.filled || e.key != key) e = {key, xxh64(s.str(t)), true};
    return e.hash;
  }

 private:
  static constexpr int kBits = 12;
  struct Entry {
    uint64_t key = 0, hash = 0;
    bool filled = false;
  };
  std::vector<Entry> slots_ = std::vector<Entry>(size_t{1} << kBits);
};

class StateHasher : public StateJsonVisitor {
 public:
  explicit StateHasher(const State& s) : s_(s), tokens_(hash_), walk_(tokens_), ids_(s) {}
  uint64_t digest() const { return hash_.digest(); }

  void begin(size_t sections) override { tokens_.object(sections); }
  void section(const char* key, bool is_array) override {
    tokens_.key(xxh64(key));
    if (is_array) tokens_.array();
  }
  void value(json v) override { tokens_.value(v); }
  void element(json v) override { tokens_.value(v); }
  void end_section() override { tokens_.end(); }

  // json_value_hash(order_to_json(s, o)) and the invoice's, without the trees.
  void order(uint32_t o) override {
    walk_order(s_, o, walk_);
    walk_.finish();
  }
  void invoice(uint32_t i) override {
    walk_invoice(s_, i, walk_);
    walk_.finish();
  }
  // A ticket and a timesheet are their stored fields, a fixed number of words each
  // (docs/journal.md): not the JSON's values, whose derived ones (hours spent, billed, the
  // partner, the invoice type) follow from the stored ones and cost most of the hash to format.
  void ticket(uint32_t k) override {
    const Ticket& t = s_.tickets.rows[k];
    uint64_t* w = hash_.room(kTicketWords);
    w[0] = kTicket | stage_number(t.stage) << 8;
    w[1] = IdHashes::of(ids_.tickets, k);
    w[2] = IdHashes::of(ids_.employees, t.assignee);
    w[3] = signed_word(t.created);
    w[4] = IdHashes::of(ids_.partners, t.partner);
    w[5] = IdHashes::of(ids_.lines, t.sale_line);
    w[6] = IdHashes::of(ids_.tasks, t.task);
    w[7] = IdHashes::of(ids_.teams, t.team);
    w[8] = texts_.of(s_, t.title);
    hash_.added(kTicketWords);
  }
  // A timesheet's id is unique: its bytes go into the stream, where XXH64's four lanes take them
  // at once, rather than through an xxh64 of their own, whose short tail was a third of the hash.
  __attribute__((always_inline)) void timesheet(uint32_t i) override {
    const Timesheet& t = s_.timesheets.rows[i];
    std::string_view id = s_.id_of(s_.timesheets, i);
    if (id.size() > kLongestId) return long_id_timesheet(t, id);
    uint64_t* w = hash_.room(1 + kLongestId / 8 + kTimesheetFieldWords);
    w[0] = timesheet_tag(t, id);
    const size_t id_words = id_into_words(id, w + 1);
    timesheet_fields(t, w + 1 + id_words);
    hash_.added(1 + id_words + kTimesheetFieldWords);
  }
  // Without a virtual call per timesheet.
  void timesheets(const State& s) override {
    for (uint32_t i = 0; i < s.timesheets.size(); ++i)
      if (!s.timesheets.rows[i].deleted) StateHasher::timesheet(i);
  }

 private:
  static constexpr size_t kTicketWords = 9, kTimesheetFieldWords = 8;
  static constexpr size_t kLongestId = 64;  // an op's id has 1-64 bytes (valid_id)
  // The tag, whether the user chose the line, the id's length and the date in one word.
  static uint64_t timesheet_tag(const Timesheet& t, std::string_view id) {
    return kTimesheet | static_cast<uint64_t>(t.sol_edited) << 8 | static_cast<uint64_t>(id.size() & 0xFFFF) << 16 |
           static_cast<uint64_t>(static_cast<uint32_t>(t.date)) << 32;
  }
  // The id's bytes as whole words, the last one's bytes past the id 0; returns the words written.
  // The last word is read in at most two loads that may overlap (as XXH3 reads short input),
  // never past the id: a byte at a time, it was a loop of up to 7 turns per timesheet.
  static size_t id_into_words(std::string_view id, uint64_t* w) {
    const char* p = id.data();
    const size_t n = id.size(), whole = n / 8, rest = n % 8;
    for (size_t k = 0; k < whole; ++k) std::memcpy(w + k, p + 8 * k, 8);
    if (rest == 0) return whole;
    uint64_t last;
    if (whole > 0) {  // the id's last 8 bytes, those of the whole words before them shifted out
      std::memcpy(&last, p + n - 8, 8);
      last >>= 8 * (8 - rest);
    } else if (rest >= 4) {  // bytes 0-3 and bytes rest-4 to rest-1, overlapping
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + rest - 4, 4);
      last = lo | uint64_t{hi} << (8 * (rest - 4));
    } else {  // 1-3 bytes: the first, the middle and the last, each at its place
      last = uint64_t{static_cast<unsigned char>(p[0])} |
             uint64_t{static_cast<unsigned char>(p[rest / 2])} << (8 * (rest / 2)) |
             uint64_t{static_cast<unsigned char>(p[rest - 1])} << (8 * (rest - 1));
    }
    w[whole] = last;
    return whole + 1;
  }
  __attribute__((always_inline)) void timesheet_fields(const Timesheet& t, uint64_t* w) {
    w[0] = ts_texts_.of(s_, t.description);
    w[1] = IdHashes::of(ids_.employees, t.employee);
    w[2] = signed_word(t.hours);
    w[3] = IdHashes::of(ids_.invoices, t.invoice);
    w[4] = IdHashes::of(ids_.projects, t.project);
    w[5] = IdHashes::of(ids_.lines, t.sale_line);
    w[6] = IdHashes::of(ids_.tasks, t.task);
    w[7] = IdHashes::of(ids_.tickets, t.ticket);
  }
  // The same words for an id longer than any op gives (a state from elsewhere), word by word.
  void long_id_timesheet(const Timesheet& t, std::string_view id) {
    hash_.word(timesheet_tag(t, id));
    for (size_t at = 0; at < id.size(); at += kLongestId) {
      uint64_t words[kLongestId / 8];
      size_t n = id_into_words(id.substr(at, kLongestId), words);
      for (size_t k = 0; k < n; ++k) hash_.word(words[k]);
    }
    uint64_t fields[kTimesheetFieldWords];
    timesheet_fields(t, fields);
    for (uint64_t w : fields) hash_.word(w);
  }
  const State& s_;
  Xxh64Stream hash_;
  Tokens<Xxh64Stream> tokens_;
  WalkHasher walk_;
  const IdHashes ids_;
  TextHashes<Text> texts_;  // a text's hash is kept by its place, so one table per pool
  TextHashes<TsText> ts_texts_;
};
}  // namespace

uint64_t state_hash(const State& s) {
  StateHasher hasher(s);
  visit_state_json(s, hasher);
  return hasher.digest();
}

uint64_t json_value_hash(const json& v) {
  Xxh64Stream h;
  Tokens<Xxh64Stream>(h).value(v);
  return h.digest();
}

}  // namespace deskbill
