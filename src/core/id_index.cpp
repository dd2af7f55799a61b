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
  size_t mask = slots_.size() - 1;
  for (size_t i = hash_of(id) & mask;; i = (i + 1) & mask) {
    uint32_t s = slots_[i];
    if (s == 0) return kNone;
    if (pool.view(keys_[s - 1]) == id) return s - 1;
  }
}

template <class P>
uint32_t BasicIdIndex<P>::add(Pool& pool, std::string_view id) {
  if ((keys_.size() + 1) * 2 > slots_.size()) grow(pool);
  uint32_t rec = static_cast<uint32_t>(keys_.size());
  keys_.push_back(pool.add(id));
  size_t mask = slots_.size() - 1;
  size_t i = hash_of(id) & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = rec + 1;
  return rec;
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
  size_t mask = n - 1;
  for (uint32_t r = 0; r < keys_.size(); ++r) {
    size_t i = hash_of(pool.view(keys_[r])) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = r + 1;
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
