#include "core/state_json.h"

#include <cstdio>

#include "core/billing.h"
#include "core/record_walk.h"

namespace deskbill {

namespace {
using nlohmann::json;

template <class T, class TRows, class TPool>
json ref(const State& s, const Table<T, TRows, TPool>& t, uint32_t rec) {
  return rec == kNone ? json(nullptr) : json(std::string(s.id_of(t, rec)));
}
}  // namespace

namespace {
// Builds the tree from a record walk (core/record_walk.h); nlohmann sorts the keys itself.
class TreeSink : public FormattedValues<TreeSink> {
 public:
  void object(size_t) { open(json::object()); }
  void array() { open(json::array()); }
  void end_object() { open_.pop_back(); }
  void end_array() { open_.pop_back(); }
  void key(const char* k) { key_ = k; }
  void string(std::string_view v) { slot() = std::string(v); }
  void null() { slot() = nullptr; }
  void boolean(bool b) { slot() = b; }
  json take() { return std::move(root_); }

 private:
  // Where the next value goes: the root, the end of the open array, or the open object's key.
  json& slot() {
    if (open_.empty()) return root_;
    json& top = *open_.back();
    if (top.is_array()) {
      top.push_back(nullptr);
      return top.back();
    }
    return top[key_];
  }
  // An open value's parent gets no other value until it is ended: the pointer stays valid.
  void open(json v) {
    json& at = slot();
    at = std::move(v);
    open_.push_back(&at);
  }
  json root_;
  std::vector<json*> open_;
  const char* key_ = "";
};
}  // namespace

json order_to_json(const State& s, uint32_t o) {
  TreeSink tree;
  walk_order(s, o, tree);
  return tree.take();
}

json invoice_to_json(const State& s, uint32_t i) {
  TreeSink tree;
  walk_invoice(s, i, tree);
  return tree.take();
}

json ticket_to_json(const State& s, uint32_t k) {
  TreeSink tree;
  walk_ticket(s, k, ticket_hours_spent(s, k), tree);
  return tree.take();
}

json timesheet_to_json(const State& s, uint32_t i) {
  TreeSink tree;
  walk_timesheet(s, i, tree);
  return tree.take();
}

namespace {

json partner_json(const State& s, uint32_t p) {
  const Partner& r = s.partners.rows[p];
  json j = {{"id", ref(s, s.partners, p)}, {"name", s.str(r.name)}, {"parent", ref(s, s.partners, r.parent)}};
  // Invoice fields appear once set, so states from before they existed hash as they did.
  if (r.address.len) j["address"] = s.str(r.address);
  if (r.vat.len) j["vat"] = s.str(r.vat);
  if (r.payment_days) j["payment_days"] = r.payment_days;
  return j;
}

json employee_json(const State& s, uint32_t e) {
  return {{"id", ref(s, s.employees, e)},
          {"name", s.str(s.employees.rows[e].name)},
          {"active", s.employees.rows[e].active}};
}

json rejected_json(const State& s, const Rejected& r) {
  return {
      {"pos", r.pos},          {"kind", s.str(r.kind)},      {"id", s.str(r.op_id)},    {"client", s.str(r.client)},
      {"code", s.str(r.code)}, {"reason", s.str(r.message)}, {"agent", s.str(r.agent)}, {"summary", s.str(r.summary)}};
}

bool has_company(const State& s) {
  const Company& c = s.company;
  return c.name.len || c.address.len || c.vat.len || c.bank_account.len || c.email.len;
}

json company_json(const State& s) {
  const Company& c = s.company;
  return {{"name", s.str(c.name)},
          {"address", s.str(c.address)},
          {"vat", s.str(c.vat)},
          {"bank_account", s.str(c.bank_account)},
          {"email", s.str(c.email)}};
}

// JSON string text exactly as nlohmann's dump() writes it (UTF-8 kept, control characters escaped).
void append_string(std::string& out, std::string_view v) {
  out += '"';
  size_t run = 0;  // characters copied as they are, appended in one go (most text has no escape)
  for (size_t i = 0; i < v.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(v.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(v.data() + run, v.size() - run);
  out += '"';
}

// Writes a record walk (core/record_walk.h) as the text nlohmann's dump() gives its tree: members
// in the walk's (sorted) order, no spaces.
class TextSink : public FormattedValues<TextSink> {
 public:
  explicit TextSink(std::string& out) : out_(out) {}
  void object(size_t) { open('{', false); }
  void array() { open('[', true); }
  void end_object() { close('}'); }
  void end_array() { close(']'); }
  // Keys are the walk's identifiers ("sale_line"): nothing in them to escape.
  void key(const char* k) {
    Open& top = open_.back();
    out_ += top.empty ? "\"" : ",\"";
    top.empty = false;
    out_ += k;
    out_ += "\":";
  }
  void string(std::string_view v) {
    before_value();
    append_string(out_, v);
  }
  void null() {
    before_value();
    out_ += "null";
  }
  void boolean(bool b) {
    before_value();
    out_ += b ? "true" : "false";
  }

 private:
  struct Open {
    bool array, empty;
  };
  // An array's elements are separated here; an object's members by key().
  void before_value() {
    if (open_.empty() || !open_.back().array) return;
    if (!open_.back().empty) out_ += ',';
    open_.back().empty = false;
  }
  void open(char bracket, bool array) {
    before_value();
    out_ += bracket;
    open_.push_back({array, true});
  }
  void close(char bracket) {
    out_ += bracket;
    open_.pop_back();
  }
  std::string& out_;
  std::vector<Open> open_;
};

}  // namespace

void StateJsonVisitor::timesheets(const State& s) {
  for (uint32_t t = 0; t < s.timesheets.size(); ++t)
    if (!s.timesheets.rows[t].deleted) timesheet(t);
}

void visit_state_json(const State& s, StateJsonVisitor& v) {
  // Sections in the order of their keys (nlohmann's objects sort their keys).
  bool company = has_company(s);
  v.begin(company ? 8 : 7);
  if (company) {
    v.section("company", false);
    v.value(company_json(s));
  }
  v.section("employees", true);
  for (uint32_t e = 0; e < s.employees.size(); ++e) v.element(employee_json(s, e));
  v.end_section();
  v.section("invoices", true);
  for (uint32_t i = 0; i < s.invoices.size(); ++i)
    if (!s.invoices.rows[i].deleted) v.invoice(i);
  v.end_section();
  v.section("orders", true);
  for (uint32_t o = 0; o < s.orders.size(); ++o) v.order(o);
  v.end_section();
  v.section("partners", true);
  for (uint32_t p = 0; p < s.partners.size(); ++p) v.element(partner_json(s, p));
  v.end_section();
  v.section("rejected", true);
  for (const Rejected& r : s.rejected) v.element(rejected_json(s, r));
  v.end_section();
  v.section("tickets", true);
  for (uint32_t k = 0; k < s.tickets.size(); ++k) v.ticket(k);
  v.end_section();
  v.section("timesheets", true);
  v.timesheets(s);
  v.end_section();
}

json state_to_json(const State& s) {
  struct Tree : StateJsonVisitor {
    const State& s;
    json out = json::object();
    json* current = nullptr;
    explicit Tree(const State& st) : s(st) {}
    void begin(size_t) override {}
    void section(const char* key, bool is_array) override {
      current = &out[key];
      if (is_array) *current = json::array();
    }
    void value(json j) override { *current = std::move(j); }
    void element(json j) override { current->push_back(std::move(j)); }
    void order(uint32_t o) override { current->push_back(order_to_json(s, o)); }
    void invoice(uint32_t i) override { current->push_back(invoice_to_json(s, i)); }
    void ticket(uint32_t k) override { current->push_back(ticket_to_json(s, k)); }
    void timesheet(uint32_t t) override { current->push_back(timesheet_to_json(s, t)); }
    void end_section() override {}
  } tree(s);
  visit_state_json(s, tree);
  return std::move(tree.out);
}

void write_state_json(const State& s, const std::function<void(std::string_view)>& out) {
  // The same bytes as state_to_json(s).dump(), one record at a time: a 1 M-timesheet state is
  // never held as a tree (that took 4 GB). Records are gathered into chunks of about 64 kB, so
  // `out` is called a few thousand times, not once per comma.
  struct Text : StateJsonVisitor {
    const State& s;
    const std::function<void(std::string_view)>& out;
    std::string text;
    TextSink sink{text};
    bool first_key = true, first_element = true;
    Text(const State& st, const std::function<void(std::string_view)>& o) : s(st), out(o) {
      text.reserve(64 * 1024 + 4096);
    }
    void flush_if_full() {
      if (text.size() < 64 * 1024) return;
      out(text);
      text.clear();
    }
    void next_element() {
      if (!first_element) text += ',';
      first_element = false;
    }
    // One sink for all records: its stack keeps its memory from one record to the next.
    TextSink& next_record() {
      flush_if_full();
      next_element();
      return sink;
    }
    void begin(size_t) override {}
    void section(const char* key, bool is_array) override {
      text += first_key ? "{\"" : ",\"";
      first_key = false;
      text += key;
      text += is_array ? "\":[" : "\":";
      first_element = true;
    }
    void value(json j) override { text += j.dump(); }
    void element(json j) override {
      next_element();
      text += j.dump();
      flush_if_full();
    }
    // Records are walked straight into the text: no tree per record.
    void order(uint32_t o) override { walk_order(s, o, next_record()); }
    void invoice(uint32_t i) override { walk_invoice(s, i, next_record()); }
    void ticket(uint32_t k) override { walk_ticket(s, k, ticket_hours_spent(s, k), next_record()); }
    void timesheet(uint32_t t) override { walk_timesheet(s, t, next_record()); }
    void end_section() override { text += ']'; }
  } writer(s, out);
  visit_state_json(s, writer);
  writer.text += writer.first_key ? "{}" : "}";
  out(writer.text);
}

}  // namespace deskbill
