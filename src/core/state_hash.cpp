#include "core/state_hash.h"

#include <cstring>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <vector>

#include "core/billing.h"
#include "core/dates.h"
#include "core/numeric.h"
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
};

// A string value's two words.
struct StringWords {
  uint64_t head = 0, hash = 0;
};
StringWords string_words(std::string_view v) { return {kString | static_cast<uint64_t>(v.size()) << 8, xxh64(v)}; }

// The words of JSON values, given to a Sink with word(uint64_t): the stream itself, or a record's
// words gathered first (WordBatch).
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

// A timesheet's or ticket's words (fewer than 64), written straight into the stream's buffer.
struct WordBatch {
  explicit WordBatch(Xxh64Stream& h) : h(h), w(h.room(64)) {}
  ~WordBatch() { h.added(n); }
  __attribute__((always_inline)) void word(uint64_t x) { w[n++] = x; }
  Xxh64Stream& h;
  uint64_t* w;
  size_t n = 0;
};

// Each ticket's hours spent (the sum over its timesheet list, as ticket_hours_spent walks it), in
// one pass in row order: following each ticket's list would jump across the whole timesheet table.
// A timesheet is in its ticket's list when it has a neighbour in it or is the list's head.
std::vector<Qty> hours_spent_by_ticket(const State& s) {
  std::vector<Qty> spent(s.tickets.size(), 0);
  for (uint32_t i = 0; i < s.timesheets.size(); ++i) {
    const Timesheet& t = s.timesheets.rows[i];
    if (t.ticket == kNone) continue;
    if (t.tk_prev != kNone || s.tickets.rows[t.ticket].ts_head == i) spent[t.ticket] += t.hours;
  }
  return spent;
}

// The words of each record's id in a table that timesheets and tickets refer to, made at the
// first reference: a million timesheets name a few thousand lines, partners and tickets.
template <class T>
class IdWords {
 public:
  template <class TRows, class TPool>
  StringWords of(const State& s, const Table<T, TRows, TPool>& t, uint32_t rec) {
    if (words_.size() != t.size()) {
      words_.resize(t.size());
      for (uint32_t r = 0; r < t.size(); ++r) words_[r] = string_words(s.id_of(t, r));
    }
    return words_[rec];
  }

 private:
  std::vector<StringWords> words_;
};

// The words of values that repeat across rows (a date, a quantity, an invoice type), kept in a
// direct-mapped table of 4096: bounded, so a state of all-different values costs no memory, and a
// hit is one compare (a hash map's lookup cost as much as hashing the text again).
template <class Key>
class RepeatedWords {
 public:
  template <class Format>
  StringWords of(Key k, Format format) {
    uint64_t bits = 0;
    std::memcpy(&bits, &k, sizeof k);
    Entry& e = slots_[(bits * 0x9E3779B97F4A7C15ull) >> (64 - kBits)];
    if (!e.filled || !(e.key == k)) e = {k, string_words(format(k)), true};
    return e.words;
  }

 private:
  static_assert(sizeof(Key) <= 8);
  static constexpr int kBits = 12;
  struct Entry {
    Key key{};
    StringWords words;
    bool filled = false;
  };
  std::vector<Entry> slots_ = std::vector<Entry>(size_t{1} << kBits);
};

// The words of texts (timesheet descriptions): a text pool gives a short text that repeats the
// same place, so a text seen before has the same words. Direct-mapped like RepeatedWords.
template <class TextT>
class TextWords {
 public:
  StringWords of(const State& s, TextT t) {
    uint64_t key = static_cast<uint64_t>(t.off) << 32 | t.len;
    Entry& e = slots_[(key * 0x9E3779B97F4A7C15ull) >> (64 - kBits)];
    if (!e.filled || e.key != key) e = {key, string_words(s.str(t)), true};
    return e.words;
  }

 private:
  static constexpr int kBits = 12;
  struct Entry {
    uint64_t key = 0;
    StringWords words;
    bool filled = false;
  };
  std::vector<Entry> slots_ = std::vector<Entry>(size_t{1} << kBits);
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
    if (top.members == kArray || std::strcmp(top.last_key, k) >= 0 || top.given == top.members)
      throw std::logic_error(std::string("record walk: key '") + k + "' out of order or past the count");
    ++top.given;
    top.last_key = k;
    t_.key(key_word(k));
  }
  void string(std::string_view v) { t_.string(v); }
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
  // Keys are string literals: their words are kept by address.
  uint64_t key_word(const char* k) {
    for (const auto& [at, word] : keys_)
      if (at == k) return word;
    keys_.emplace_back(k, xxh64(k));
    return keys_.back().second;
  }
  Tokens<Xxh64Stream>& t_;
  std::vector<Open> open_;
  std::vector<std::pair<const char*, uint64_t>> keys_;
};

std::string two_decimals(Qty h) { return format_qty(h, 2); }
const char* as_is(const char* c) { return c; }

// The words of the values that tickets and timesheets share, kept for the whole state.
struct ValueWords {
  std::tuple<IdWords<Employee>, IdWords<Invoice>, IdWords<Partner>, IdWords<Project>, IdWords<OrderLine>, IdWords<Task>,
             IdWords<Ticket>, IdWords<Team>>
      ids;
  TextWords<Text> texts;  // a text's words are cached by its place, so one cache per pool
  TextWords<TsText> ts_texts;
  RepeatedWords<Day> days;
  RepeatedWords<Qty> hours;             // hours of timesheets and tickets, as format_qty(h, 2)
  RepeatedWords<const char*> literals;  // Odoo's few invoice types and stages, each a string literal
};

// The words of a record kind's keys: its walk gives the same keys in the same order for every
// record, each a string literal, so a key's word is kept by its place and checked by address.
class KeyWords {
 public:
  __attribute__((always_inline)) uint64_t of(size_t place, const char* key) {
    if (place < kept_ && names_[place] == key) return words_[place];
    return learn(place, key);
  }

 private:
  static constexpr size_t kRoom = 16;  // a ticket has 10 keys, a timesheet 13
  uint64_t learn(size_t place, const char* key) {
    uint64_t w = xxh64(key);
    if (place == kept_ && place < kRoom) names_[kept_] = key, words_[kept_++] = w;
    return w;
  }
  const char* names_[kRoom] = {};
  uint64_t words_[kRoom] = {};
  size_t kept_ = 0;
};

// A ticket's or a timesheet's walk (core/record_walk.h) hashed straight into the stream's buffer,
// with the words of repeated values taken from ValueWords: a million timesheets hash in about the
// time their snapshot takes to load. The walk's key order and member count are not checked here,
// as WalkHasher does for the few orders and invoices: a test compares this hash with the tree's.
class RecordHasher {
 public:
  RecordHasher(Xxh64Stream& h, ValueWords& words, KeyWords& keys)
      : batch_(h), tk_(batch_), words_(words), keys_(keys) {}
  __attribute__((always_inline)) void object(size_t members) { tk_.object(members); }
  __attribute__((always_inline)) void end_object() {}  // the hash's words end with the last member
  __attribute__((always_inline)) void key(const char* k) { tk_.key(keys_.of(place_++, k)); }
  __attribute__((always_inline)) void null() { tk_.null(); }
  __attribute__((always_inline)) void boolean(bool b) { tk_.boolean(b); }
  __attribute__((always_inline)) void string(std::string_view v) { tk_.string(v); }
  template <class T, class TRows, class TPool>
  __attribute__((always_inline)) void ref(const State& s, const Table<T, TRows, TPool>& t, uint32_t rec) {
    if (rec == kNone) return tk_.null();
    if constexpr (std::is_same_v<T, Timesheet>)
      tk_.string(s.id_of(t, rec));  // a timesheet's own id: unique, nothing to keep
    else
      tk_.string(std::get<IdWords<T>>(words_.ids).of(s, t, rec));
  }
  __attribute__((always_inline)) void day(Day d) { tk_.string(words_.days.of(d, format_day)); }
  __attribute__((always_inline)) void hours(Qty q) { tk_.string(words_.hours.of(q, two_decimals)); }
  __attribute__((always_inline)) void text(const State& s, Text t) { tk_.string(words_.texts.of(s, t)); }
  __attribute__((always_inline)) void text(const State& s, TsText t) { tk_.string(words_.ts_texts.of(s, t)); }
  __attribute__((always_inline)) void literal(const char* c) { tk_.string(words_.literals.of(c, as_is)); }

 private:
  WordBatch batch_;
  Tokens<WordBatch> tk_;
  ValueWords& words_;
  KeyWords& keys_;
  size_t place_ = 0;
};

class StateHasher : public StateJsonVisitor {
 public:
  explicit StateHasher(const State& s) : s_(s), tokens_(hash_), walk_(tokens_) {}
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
  // json_value_hash(ticket_to_json(s, k)) and the timesheet's, from their walks without the trees.
  // Flattened: with the walk inlined, the batch's word count stays in a register (the hasher's
  // address does not escape, so the words written cannot alias it); 4 % of the hash otherwise.
  __attribute__((flatten)) void ticket(uint32_t k) override {
    if (spent_.size() != s_.tickets.size()) spent_ = hours_spent_by_ticket(s_);
    RecordHasher out(hash_, words_, ticket_keys_);
    walk_ticket(s_, k, spent_[k], out);
  }
  __attribute__((flatten)) void timesheet(uint32_t i) override {
    RecordHasher out(hash_, words_, timesheet_keys_);
    walk_timesheet(s_, i, out);
  }

 private:
  const State& s_;
  Xxh64Stream hash_;
  Tokens<Xxh64Stream> tokens_;
  WalkHasher walk_;
  std::vector<Qty> spent_;
  ValueWords words_;
  KeyWords ticket_keys_, timesheet_keys_;
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
