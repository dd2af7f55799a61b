#include "journal/snapshot.h"

#include <cstring>
#include <type_traits>

namespace deskbill {
namespace {

constexpr char kMagic[8] = {'D', 'S', 'K', 'B', 'S', 'N', 'A', 'P'};

class Writer {
 public:
  template <class T>
  void pod(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  template <class T>
  void vec(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    pod<uint64_t>(v.size());
    if (!v.empty()) out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  template <class T>
  bool pod(T& v) {
    if (b_.size() - at_ < sizeof v) return false;
    std::memcpy(&v, b_.data() + at_, sizeof v);
    at_ += sizeof v;
    return true;
  }
  template <class T>
  bool vec(std::vector<T>& v) {
    uint64_t n = 0;
    if (!pod(n) || n > (b_.size() - at_) / (sizeof(T) ? sizeof(T) : 1)) return false;
    v.resize(n);
    if (n) std::memcpy(v.data(), b_.data() + at_, n * sizeof(T));
    at_ += n * sizeof(T);
    return true;
  }
  bool done() const { return at_ == b_.size(); }

 private:
  std::string_view b_;
  size_t at_ = 0;
};

template <class T>
void write_table(Writer& w, const Table<T>& t) {
  w.vec(t.rows);
  w.vec(t.ids.keys());
  w.vec(t.ids.slots());  // FNV-1a slots are the same on every platform: no rehash at load
}
template <class T>
bool read_table(Reader& r, Table<T>& t, const TextPool& pool) {
  if (!r.vec(t.rows) || !r.vec(t.ids.keys()) || !r.vec(t.ids.slots()) || t.rows.size() != t.ids.keys().size()) return false;
  size_t n = t.ids.slots().size();
  if ((n & (n - 1)) != 0 || (n != 0 && n < t.rows.size() * 2)) t.ids.rebuild(pool);  // damaged: rebuild
  for (uint32_t v : t.ids.slots())
    if (v > t.rows.size()) return false;
  return true;
}

// Every table, in one fixed order, for both directions.
template <class F>
void each_table(State& s, F f) {
  f(s.uoms); f(s.partners); f(s.employees); f(s.taxes); f(s.products); f(s.projects); f(s.tasks); f(s.teams);
  f(s.tickets); f(s.timesheets); f(s.orders); f(s.lines); f(s.invoices); f(s.invoice_lines); f(s.payments);
}

}  // namespace

std::string save_snapshot(const State& s, uint64_t covered) {
  Writer w;
  w.out.append(kMagic, sizeof kMagic);
  w.pod(kSnapshotFormat);
  w.pod<uint32_t>(sizeof(Timesheet) ^ (sizeof(OrderLine) << 8) ^ (sizeof(Invoice) << 16));  // layout check
  w.pod(covered);
  std::vector<char> text(s.text.bytes().begin(), s.text.bytes().end());
  w.vec(text);
  each_table(const_cast<State&>(s), [&](auto& t) { write_table(w, t); });
  w.vec(s.rejected);
  w.vec(s.numbers);
  w.pod(s.last_order_number);
  w.pod(s.applied);
  w.pod(s.hours); w.pod(s.days); w.pod(s.units); w.pod(s.dozens);
  return std::move(w.out);
}

std::optional<std::string> load_snapshot(std::string_view bytes, State& out, uint64_t& covered) {
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return "not a deskbill snapshot";
  Reader r(bytes.substr(sizeof kMagic));
  uint32_t format = 0, layout = 0;
  if (!r.pod(format) || format != kSnapshotFormat) return "snapshot format " + std::to_string(format) + " is not supported";
  if (!r.pod(layout) || layout != (sizeof(Timesheet) ^ (sizeof(OrderLine) << 8) ^ (sizeof(Invoice) << 16)))
    return "snapshot written by a build with another record layout";
  State s;
  std::vector<char> text;
  if (!r.pod(covered) || !r.vec(text)) return "snapshot is truncated";
  s.text.bytes().assign(text.begin(), text.end());
  bool ok = true;
  each_table(s, [&](auto& t) { ok = ok && read_table(r, t, s.text); });
  if (!ok || !r.vec(s.rejected) || !r.vec(s.numbers) || !r.pod(s.last_order_number) || !r.pod(s.applied) ||
      !r.pod(s.hours) || !r.pod(s.days) || !r.pod(s.units) || !r.pod(s.dozens) || !r.done())
    return "snapshot is truncated or damaged";
  out = std::move(s);
  return std::nullopt;
}

}  // namespace deskbill
