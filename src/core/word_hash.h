// XXH64 (xxHash's 64-bit hash, seed 0): of a string in one go, of a stream of 64-bit words
// (taken as their little-endian bytes) as the words arrive, and of a stream of bytes arriving in
// pieces of any size (a snapshot's checksum, computed as it is read). The state hash feeds the stream one
// word per tag, number or string hash, never text: it runs at memory speed on four independent
// lanes, where FNV-1a's multiply per byte of JSON took half a second at 1 M timesheets.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace deskbill {

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "xxh64 reads words as their bytes: a big-endian build would hash other values"
#endif

[[nodiscard]] uint64_t xxh64(std::string_view bytes);

class WordHash {
 public:
  WordHash();
  __attribute__((always_inline)) void word(uint64_t w) {
    if (n_ == kWords) consume();
    buf_[n_++] = w;
  }
  // Room for up to n ≤ 2048 words written straight into the buffer, then added(k) of them: a
  // record's words cost no load and store of the buffer's count per word (the buffer's stores
  // may alias it) and no copy.
  uint64_t* room(size_t n) {
    if (kWords - n_ < n) consume();
    return buf_ + n_;
  }
  void added(size_t k) { n_ += k; }
  // XXH64 of every word so far; more words may follow.
  [[nodiscard]] uint64_t digest() const;

 private:
  static constexpr size_t kWords = 2048;  // 16 kB, a whole number of 32-byte stripes
  void consume();
  uint64_t lanes_[4];
  uint64_t consumed_ = 0;  // words already folded into the lanes
  size_t n_ = 0;
  uint64_t buf_[kWords];
};

// XXH64 of bytes that arrive in pieces: the same value as xxh64() of them all at once.
class ByteHash {
 public:
  ByteHash();
  void bytes(const void* p, size_t n);
  [[nodiscard]] uint64_t digest() const;

 private:
  uint64_t lanes_[4];
  uint64_t total_ = 0;      // bytes so far
  unsigned char part_[32];  // the start of a stripe not yet complete
  size_t n_ = 0;
};

}  // namespace deskbill
