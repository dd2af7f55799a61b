#include "core/state_hash.h"

#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/billing.h"
#include "core/dates.h"
#include "core/numeric.h"
#include "core/record_walk.h"
#include "core/state_json.h"
#include "core/word_hash.h"

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
  explicit WordBatch(WordHash& h) : h(h), w(h.room(64)) {}
  ~WordBatch() { h.added(n); }
  __attribute__((always_inline)) void word(uint64_t x) { w[n++] = x; }
  WordHash& h;
  uint64_t* w;
  size_t n = 0;
};

// The keys of the records written by hand, in nlohmann's (sorted) order, hashed once.
struct RecordKeys {
  uint64_t ts[13], tk[10];
  RecordKeys() {
    const char* ts_names[] = {"billed",
                              "date",
                              "description",
                              "employee",
                              "hours",
                              "id",
                              "invoice",
                              "partner",
                              "project",
                              "sale_line",
                              "task",
                              "ticket",
                              "timesheet_invoice_type"};
    const char* tk_names[] = {"assignee",  "hours_spent", "id",   "partner", "remaining_hours_so",
                              "sale_line", "stage",       "task", "team",    "title"};
    for (int i = 0; i < 13; ++i) ts[i] = xxh64(ts_names[i]);
    for (int i = 0; i < 10; ++i) tk[i] = xxh64(tk_names[i]);
  }
};
const RecordKeys& record_keys() {
  static const RecordKeys keys;
  return keys;
}

// Each ticket's hours spent (the sum over its timesheet list, as ticket_to_json walks it), in one
// pass in row order: following each ticket's list would jump across the whole timesheet table.
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
  StringWords of(const State& s, const Table<T>& t, uint32_t rec) {
    if (words_.size() != t.size()) {
      words_.resize(t.size());
      for (uint32_t r = 0; r < t.size(); ++r) words_[r] = string_words(t.ids.id_of(s.text, r));
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

// The words of texts (timesheet descriptions): the text pool gives a short text that repeats the
// same place, so a Text seen before has the same words. Direct-mapped like RepeatedWords.
class TextWords {
 public:
  StringWords of(const State& s, Text t) {
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
// count that does not match would give another hash than the tree's, so both are checked.
class WalkHasher {
 public:
  explicit WalkHasher(Tokens<WordHash>& t) : t_(t) {}
  void object(size_t members) {
    value_given();
    t_.object(members);
    open_.push_back({members, 0, ""});
  }
  void array() {
    value_given();
    t_.array();
    open_.push_back({kArray, 0, ""});
  }
  void end() {
    close_finished();
    open_.pop_back();
    t_.end();
  }
  void key(const char* k) {
    close_finished();
    Open& top = open_.back();
    if (std::strcmp(top.last_key, k) >= 0 || top.given == top.members)
      throw std::logic_error(std::string("record walk: key '") + k + "' out of order or past the count");
    top.last_key = k;
    t_.key(key_word(k));
  }
  void string(std::string_view v) { value_given(), t_.string(v); }
  void null() { value_given(), t_.null(); }
  void boolean(bool b) { value_given(), t_.boolean(b); }
  // Every object ended with as many members as it announced.
  void finish() {
    close_finished();
    if (!open_.empty()) throw std::logic_error("record walk: an object has fewer members than its count");
  }

 private:
  static constexpr size_t kArray = SIZE_MAX;
  struct Open {
    size_t members, given;
    const char* last_key;
  };
  void close_finished() {
    while (!open_.empty() && open_.back().members != kArray && open_.back().given == open_.back().members)
      open_.pop_back();
  }
  // A value counts as an object's member when the object's key was given.
  void value_given() {
    close_finished();
    if (!open_.empty() && open_.back().members != kArray) ++open_.back().given;
  }
  // Keys are string literals: their words are kept by address.
  uint64_t key_word(const char* k) {
    for (const auto& [at, word] : keys_)
      if (at == k) return word;
    keys_.emplace_back(k, xxh64(k));
    return keys_.back().second;
  }
  Tokens<WordHash>& t_;
  std::vector<Open> open_;
  std::vector<std::pair<const char*, uint64_t>> keys_;
};

std::string two_decimals(Qty h) { return format_qty(h, 2); }

class StateHasher : public StateJsonVisitor {
 public:
  explicit StateHasher(const State& s) : s_(s), tokens_(hash_), walk_(tokens_), keys_(record_keys()) {}
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
  // json_value_hash(ticket_to_json(s, k)), without the tree (a test compares the two).
  void ticket(uint32_t k) override {
    if (spent_.size() != s_.tickets.size()) spent_ = hours_spent_by_ticket(s_);
    const Ticket& t = s_.tickets.rows[k];
    const uint64_t* key = keys_.tk;
    WordBatch batch(hash_);
    Tokens<WordBatch> tk(batch);
    tk.object(10);
    tk.key(key[0]), ref(tk, employees_, s_, s_.employees, t.assignee);
    tk.key(key[1]), tk.string(hours_.of(spent_[k], two_decimals));
    tk.key(key[2]), ref(tk, tickets_, s_, s_.tickets, k);
    tk.key(key[3]), ref(tk, partners_, s_, s_.partners, t.partner);
    tk.key(key[4]), tk.string(hours_.of(ticket_remaining_hours(s_, k), two_decimals));
    tk.key(key[5]), ref(tk, lines_, s_, s_.lines, t.sale_line);
    tk.key(key[6]), tk.string(to_string(t.stage));
    tk.key(key[7]), ref(tk, tasks_, s_, s_.tasks, t.task);
    tk.key(key[8]), ref(tk, teams_, s_, s_.teams, t.team);
    tk.key(key[9]), tk.string(s_.str(t.title));
  }
  // json_value_hash(timesheet_to_json(s, i)), without the tree (a test compares the two).
  void timesheet(uint32_t i) override {
    const Timesheet& t = s_.timesheets.rows[i];
    const uint64_t* key = keys_.ts;
    WordBatch batch(hash_);
    Tokens<WordBatch> tk(batch);
    tk.object(13);
    tk.key(key[0]), tk.boolean(timesheet_billed(s_, i));
    tk.key(key[1]), tk.string(days_.of(t.date, format_day));
    tk.key(key[2]), tk.string(texts_.of(s_, t.description));
    tk.key(key[3]), ref(tk, employees_, s_, s_.employees, t.employee);
    tk.key(key[4]), tk.string(hours_.of(t.hours, two_decimals));
    tk.key(key[5]), tk.string(s_.timesheets.ids.id_of(s_.text, i));
    tk.key(key[6]), ref(tk, invoices_, s_, s_.invoices, t.invoice);
    tk.key(key[7]), ref(tk, partners_, s_, s_.partners, timesheet_partner(s_, i));
    tk.key(key[8]), ref(tk, projects_, s_, s_.projects, t.project);
    tk.key(key[9]), ref(tk, lines_, s_, s_.lines, t.sale_line);
    tk.key(key[10]), ref(tk, tasks_, s_, s_.tasks, t.task);
    tk.key(key[11]), ref(tk, tickets_, s_, s_.tickets, t.ticket);
    tk.key(key[12]), tk.string(types_.of(timesheet_invoice_type(s_, t), [](const char* c) { return c; }));
  }

 private:
  template <class T>
  __attribute__((always_inline)) static void ref(Tokens<WordBatch>& tokens, IdWords<T>& words, const State& s,
                                                 const Table<T>& t, uint32_t rec) {
    if (rec == kNone)
      tokens.null();
    else
      tokens.string(words.of(s, t, rec));
  }

  const State& s_;
  WordHash hash_;
  Tokens<WordHash> tokens_;
  WalkHasher walk_;
  const RecordKeys& keys_;
  std::vector<Qty> spent_;
  IdWords<Employee> employees_;
  IdWords<Invoice> invoices_;
  IdWords<Partner> partners_;
  IdWords<Project> projects_;
  IdWords<OrderLine> lines_;
  IdWords<Task> tasks_;
  IdWords<Ticket> tickets_;
  IdWords<Team> teams_;
  TextWords texts_;
  RepeatedWords<Day> days_;
  RepeatedWords<Qty> hours_;          // hours of timesheets and tickets, as format_qty(h, 2)
  RepeatedWords<const char*> types_;  // Odoo's few invoice types, each a string literal
};
}  // namespace

uint64_t state_hash(const State& s) {
  StateHasher hasher(s);
  visit_state_json(s, hasher);
  return hasher.digest();
}

uint64_t json_value_hash(const json& v) {
  WordHash h;
  Tokens<WordHash>(h).value(v);
  return h.digest();
}

}  // namespace deskbill
