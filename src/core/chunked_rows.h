// A table's rows in fixed chunks instead of one array: adding a row never moves the others.
// A std::vector doubles by allocating twice its size and copying every row across; at 1 M
// timesheets (64 MB) one such doubling took 137 ms of a 1.3 s replay, most of it the first touch
// of the new 128 MB, and held both copies at once. Here a new chunk of kChunk rows is allocated
// when the last is full; nothing is copied and the rows already there stay where they are.
#pragma once
#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <memory>
#include <type_traits>
#include <vector>

namespace deskbill {

template <class T>
class ChunkedRows {
 public:
  static constexpr size_t kShift = 12;  // 4 096 rows a chunk: 256 kB of timesheets
  static constexpr size_t kChunk = size_t{1} << kShift;
  using value_type = T;

  template <class Rows, class Ref>
  class Iter {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = std::remove_reference_t<Ref>*;
    using reference = Ref;
    Iter(Rows* rows, size_t i) : rows_(rows), i_(i) {}
    Ref operator*() const { return (*rows_)[i_]; }
    pointer operator->() const { return &(*rows_)[i_]; }
    Iter& operator++() {
      ++i_;
      return *this;
    }
    bool operator==(const Iter& o) const { return i_ == o.i_; }
    bool operator!=(const Iter& o) const { return i_ != o.i_; }

   private:
    Rows* rows_;
    size_t i_;
  };
  ChunkedRows() = default;
  ChunkedRows(ChunkedRows&&) noexcept = default;
  ChunkedRows& operator=(ChunkedRows&&) noexcept = default;
  // A copy (the overlay of pending ops starts as a copy of the confirmed state) copies the rows.
  ChunkedRows(const ChunkedRows& o) : size_(o.size_) {
    chunks_.reserve(o.chunks_.size());
    for (const auto& c : o.chunks_) {
      chunks_.emplace_back(new T[kChunk]);
      std::copy(c.get(), c.get() + kChunk, chunks_.back().get());
    }
  }
  ChunkedRows& operator=(const ChunkedRows& o) {
    if (this != &o) *this = ChunkedRows(o);
    return *this;
  }

  using iterator = Iter<ChunkedRows, T&>;
  using const_iterator = Iter<const ChunkedRows, const T&>;

  T& operator[](size_t i) { return chunks_[i >> kShift][i & (kChunk - 1)]; }
  const T& operator[](size_t i) const { return chunks_[i >> kShift][i & (kChunk - 1)]; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& back() { return (*this)[size_ - 1]; }
  const T& back() const { return (*this)[size_ - 1]; }
  void push_back(const T& row) {
    if (size_ == chunks_.size() * kChunk) chunks_.emplace_back(new T[kChunk]);
    (*this)[size_++] = row;
  }
  // Appends [first, last) at the end, as std::vector's insert(end(), first, last) does: the
  // snapshot reader fills either kind of table with the same call.
  template <class It>
  void insert(It at, const T* first, const T* last) {
    assert(at == It(this, size_));
    (void)at;
    append_bytes(first, static_cast<size_t>(last - first));
  }
  // Appends n rows copied from raw bytes that need not be aligned for T (a stored table's
  // window), a chunk's span at a time.
  void append_bytes(const void* bytes, size_t n) {
    static_assert(std::is_trivially_copyable_v<T>, "rows are copied as bytes");
    const auto* from = static_cast<const unsigned char*>(bytes);
    while (n > 0) {
      if (size_ == chunks_.size() * kChunk) chunks_.emplace_back(new T[kChunk]);
      size_t room = kChunk - (size_ & (kChunk - 1)), k = std::min(n, room);
      std::memcpy(&(*this)[size_], from, k * sizeof(T));
      size_ += k;
      from += k * sizeof(T);
      n -= k;
    }
  }
  void clear() {
    chunks_.clear();
    size_ = 0;
  }
  // Room in the chunk list for n rows (the chunks themselves come as rows are added).
  void reserve(size_t n) { chunks_.reserve((n + kChunk - 1) >> kShift); }
  size_t capacity() const { return chunks_.size() * kChunk; }
  iterator begin() { return iterator(this, 0); }
  iterator end() { return iterator(this, size_); }
  const_iterator begin() const { return const_iterator(this, 0); }
  const_iterator end() const { return const_iterator(this, size_); }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace deskbill
