#include "core/state_hash.h"

#include <unordered_map>
#include <vector>

#include "core/billing.h"
#include "core/dates.h"
#include "core/numeric.h"
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

class Tokens {
 public:
  explicit Tokens(WordHash& h) : h_(h) {}
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
  WordHash& h_;
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

// The words of values that repeat across rows (a date, a quantity), kept for the last few
// thousand distinct values: bounded, so a state of all-different values costs no memory.
template <class Key>
class RepeatedWords {
 public:
  template <class Format>
  StringWords of(Key k, Format format) {
    if (has_last_ && k == last_) return last_words_;
    auto it = seen_.find(k);
    StringWords w = it != seen_.end() ? it->second : string_words(format(k));
    if (it == seen_.end() && seen_.size() < 4096) seen_.emplace(k, w);
    has_last_ = true, last_ = k, last_words_ = w;
    return w;
  }

 private:
  bool has_last_ = false;
  Key last_{};
  StringWords last_words_;
  std::unordered_map<Key, StringWords> seen_;
};

class StateHasher : public StateJsonVisitor {
 public:
  explicit StateHasher(const State& s) : s_(s), tokens_(hash_), keys_(record_keys()) {}
  uint64_t digest() const { return hash_.digest(); }

  void begin(size_t sections) override { tokens_.object(sections); }
  void section(const char* key, bool is_array) override {
    tokens_.key(xxh64(key));
    if (is_array) tokens_.array();
  }
  void value(json v) override { tokens_.value(v); }
  void element(json v) override { tokens_.value(v); }
  void end_section() override { tokens_.end(); }

  // json_value_hash(ticket_to_json(s, k)), without the tree (a test compares the two).
  void ticket(uint32_t k) override {
    if (spent_.size() != s_.tickets.size()) spent_ = hours_spent_by_ticket(s_);
    const Ticket& t = s_.tickets.rows[k];
    const uint64_t* key = keys_.tk;
    tokens_.object(10);
    tokens_.key(key[0]), ref(employees_, s_.employees, t.assignee);
    tokens_.key(key[1]), tokens_.string(format_qty(spent_[k], 2));
    tokens_.key(key[2]), ref(tickets_, s_.tickets, k);
    tokens_.key(key[3]), ref(partners_, s_.partners, t.partner);
    tokens_.key(key[4]), tokens_.string(format_qty(ticket_remaining_hours(s_, k), 2));
    tokens_.key(key[5]), ref(lines_, s_.lines, t.sale_line);
    tokens_.key(key[6]), tokens_.string(to_string(t.stage));
    tokens_.key(key[7]), ref(tasks_, s_.tasks, t.task);
    tokens_.key(key[8]), ref(teams_, s_.teams, t.team);
    tokens_.key(key[9]), tokens_.string(s_.str(t.title));
  }
  // json_value_hash(timesheet_to_json(s, i)), without the tree (a test compares the two).
  void timesheet(uint32_t i) override {
    const Timesheet& t = s_.timesheets.rows[i];
    const uint64_t* key = keys_.ts;
    tokens_.object(13);
    tokens_.key(key[0]), tokens_.boolean(timesheet_billed(s_, i));
    tokens_.key(key[1]), tokens_.string(days_.of(t.date, format_day));
    tokens_.key(key[2]), tokens_.string(s_.str(t.description));
    tokens_.key(key[3]), ref(employees_, s_.employees, t.employee);
    tokens_.key(key[4]), tokens_.string(hours_.of(t.hours, [](Qty h) { return format_qty(h, 2); }));
    tokens_.key(key[5]), tokens_.string(s_.timesheets.ids.id_of(s_.text, i));
    tokens_.key(key[6]), ref(invoices_, s_.invoices, t.invoice);
    tokens_.key(key[7]), ref(partners_, s_.partners, timesheet_partner(s_, i));
    tokens_.key(key[8]), ref(projects_, s_.projects, t.project);
    tokens_.key(key[9]), ref(lines_, s_.lines, t.sale_line);
    tokens_.key(key[10]), ref(tasks_, s_.tasks, t.task);
    tokens_.key(key[11]), ref(tickets_, s_.tickets, t.ticket);
    tokens_.key(key[12]), tokens_.string(types_.of(timesheet_invoice_type(s_, t), [](const char* c) { return c; }));
  }

 private:
  template <class T>
  __attribute__((always_inline)) void ref(IdWords<T>& words, const Table<T>& t, uint32_t rec) {
    if (rec == kNone)
      tokens_.null();
    else
      tokens_.string(words.of(s_, t, rec));
  }

  const State& s_;
  WordHash hash_;
  Tokens tokens_;
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
  RepeatedWords<Day> days_;
  RepeatedWords<Qty> hours_;
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
  Tokens(h).value(v);
  return h.digest();
}

}  // namespace deskbill
