#include "core/id_index.h"

namespace deskbill {
namespace {
uint64_t hash_of(std::string_view s) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a: deterministic on every platform
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}
}  // namespace

template <class P>
uint32_t BasicIdIndex<P>::find(const Pool& pool, std::string_view id) const {
  if (slots_.empty()) return kNone;
  const size_t mask = slots_.size() - 1;
  const unsigned bits = record_bits(slots_.size());
  const uint32_t records = record_mask(bits);
  const uint64_t h = hash_of(id);
  const uint32_t tag = tag_of(h, bits);
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    uint32_t s = slots_[i];
    if (s == 0) return kNone;
    // Another key's slot is passed on its tag alone: its key and text are not read (at 1 M
    // timesheets each of those reads is a cache miss).
    if ((s >> bits) == tag && pool.view(keys_[(s & records) - 1]) == id) return (s & records) - 1;
  }
}

template <class P>
uint32_t BasicIdIndex<P>::add(Pool& pool, std::string_view id) {
  if ((keys_.size() + 1) * 2 > slots_.size()) grow(pool);
  uint32_t rec = static_cast<uint32_t>(keys_.size());
  keys_.push_back(pool.add(id));
  place(hash_of(id), rec);
  return rec;
}

template <class P>
void BasicIdIndex<P>::place(uint64_t h, uint32_t rec) {
  const size_t mask = slots_.size() - 1;
  const unsigned bits = record_bits(slots_.size());
  size_t i = h & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = slot_value(h, rec, bits);
}

template <class P>
bool BasicIdIndex<P>::slots_name_records() const {
  const uint32_t records = record_mask(record_bits(slots_.size()));
  for (uint32_t v : slots_)
    if (v != 0 && ((v & records) == 0 || (v & records) > keys_.size())) return false;
  return true;
}

template <class P>
std::vector<uint32_t> BasicIdIndex<P>::untagged_slots() const {
  std::vector<uint32_t> out = slots_;
  const uint32_t records = record_mask(record_bits(out.size()));
  for (uint32_t& v : out) v &= records;
  return out;
}

template <class P>
void BasicIdIndex<P>::grow(const Pool& pool) {
  size_t n = slots_.empty() ? 64 : slots_.size() * 2;
  while (n < (keys_.size() + 1) * 2) n *= 2;
  place_all(pool, n);
}

template <class P>
void BasicIdIndex<P>::place_all(const Pool& pool, size_t n) {
  slots_.assign(n, 0);
  // Keys placed in record order, so the slots are the ones the adds made. At 1 M timesheets the
  // slots (8 MB) are out of the cache and each placement waits for memory: the hash of the key
  // kAhead records on is taken first and its slot asked for, so that kAhead of those waits overlap.
  constexpr uint32_t kAhead = 16;
  uint64_t ahead[kAhead];
  const uint32_t keys = static_cast<uint32_t>(keys_.size());
  const size_t mask = n - 1;
  for (uint32_t r = 0; r < keys && r < kAhead; ++r) {
    ahead[r] = hash_of(pool.view(keys_[r]));
    __builtin_prefetch(&slots_[ahead[r] & mask], 1);
  }
  for (uint32_t r = 0; r < keys; ++r) {
    const uint64_t h = ahead[r % kAhead];
    if (r + kAhead < keys) {
      const uint64_t next = hash_of(pool.view(keys_[r + kAhead]));
      ahead[r % kAhead] = next;
      __builtin_prefetch(&slots_[next & mask], 1);
    }
    place(h, r);
  }
}

template <class P>
void BasicIdIndex<P>::rebuild(const Pool& pool) {
  // The size the adds reached (at least twice the keys, from 64 up), so that the slots are the
  // very ones the adds made and the snapshot written next has the bytes it had. Sized for one
  // more key, as grow() is, 32 or 1024 keys took twice the slots, and a state loaded from a
  // snapshot whose slots were rebuilt was written as another snapshot than the same state folded.
  if (keys_.empty()) return slots_.clear();
  size_t n = 64;
  while (n < keys_.size() * 2) n *= 2;
  place_all(pool, n);
}

template class BasicIdIndex<TextPool>;
template class BasicIdIndex<TimesheetTextPool>;

}  // namespace deskbill
