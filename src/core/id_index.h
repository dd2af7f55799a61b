// Maps the string ids that ops carry ("a1.42", made on the device) to dense record numbers.
// Open addressing over record numbers keeps it at a few bytes per record and snapshot-friendly.
// An index keeps its keys in one of the two text pools (core/text_pool.h): the timesheets' in
// theirs, every other table's in the shared one; its Pool type says which.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/text_pool.h"

namespace deskbill {

constexpr uint32_t kNone = UINT32_MAX;

// A hash slot of n (a power of two, at least twice the keys) holds the record number + 1 in its
// low record_bits(n) bits and, above them, the top bits of the key's hash: its tag. A probe passes
// another key's slot on the tag alone, without reading that key or its text. The slots are stored
// in snapshots (format 9 on; earlier ones are made again at load), so this layout never changes.
inline unsigned record_bits(uint64_t slots) {
  // slots = 2^k; the record number + 1 is at most slots / 2 = 2^(k-1), which k bits hold. An
  // empty table (no slots) has no record to hold.
  return slots == 0 ? 0 : static_cast<unsigned>(__builtin_ctzll(slots));
}
inline uint32_t record_mask(unsigned bits) { return bits >= 32 ? UINT32_MAX : (uint32_t{1} << bits) - 1; }
inline uint32_t tag_of(uint64_t hash, unsigned bits) {
  return bits >= 32 ? 0 : static_cast<uint32_t>(hash >> (64 - (32 - bits)));
}
inline uint32_t slot_value(uint64_t hash, uint32_t rec, unsigned bits) {
  return bits >= 32 ? rec + 1 : (tag_of(hash, bits) << bits) | (rec + 1);
}

template <class PoolT>
class BasicIdIndex {
 public:
  using Pool = PoolT;
  using Key = typename PoolT::TextType;
  // Returns the record number of id, or kNone.
  uint32_t find(const Pool& pool, std::string_view id) const;
  // Adds id as the next record number; the caller has checked it is new.
  uint32_t add(Pool& pool, std::string_view id);
  std::string_view id_of(const Pool& pool, uint32_t rec) const { return pool.view(keys_[rec]); }
  uint32_t size() const { return static_cast<uint32_t>(keys_.size()); }
  size_t memory_bytes() const { return keys_.capacity() * sizeof(Key) + slots_.capacity() * sizeof(uint32_t); }

  std::vector<Key>& keys() { return keys_; }
  const std::vector<Key>& keys() const { return keys_; }
  // Rebuilds the hash slots from keys (after a snapshot load).
  void rebuild(const Pool& pool);
  // The hash slots themselves, so a snapshot can keep them instead of rehashing every id.
  std::vector<uint32_t>& slots() { return slots_; }
  const std::vector<uint32_t>& slots() const { return slots_; }
  // Whether every used slot names a record of the index (1 to size() in its record part): a
  // stored slot that does not would send a lookup outside keys().
  bool slots_name_records() const;
  // The slots as formats before 9 stored them: the record number + 1 alone.
  std::vector<uint32_t> untagged_slots() const;

 private:
  void grow(const Pool& pool);
  void place(uint64_t hash, uint32_t rec);
  void place_all(const Pool& pool, size_t slots);
  std::vector<Key> keys_;
  std::vector<uint32_t> slots_;  // record number + 1; 0 = empty
};

using IdIndex = BasicIdIndex<TextPool>;
extern template class BasicIdIndex<TextPool>;
extern template class BasicIdIndex<TimesheetTextPool>;

}  // namespace deskbill
