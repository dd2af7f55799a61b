// XXH64 (xxHash's 64-bit hash, seed 0): of a string in one go, and of a stream of 64-bit words
// (taken as their little-endian bytes) or of bytes arriving in pieces of any size (a snapshot's
// checksum, computed as it is read). The state hash feeds the stream one
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

// XXH64 of a stream that arrives as 64-bit words (the state hash: one word per tag, number or
// string hash) or as bytes in pieces of any size (a snapshot's checksum, computed as it is read),
// with the same value as xxh64() of all its bytes at once. Words go into the buffer one by one or
// a record's worth at a time (room, added); a large piece of bytes is folded straight from where
// it lies. Words follow only whole words: after bytes(), a word needs the byte count to be a
// multiple of 8 (no caller mixes the two).
class Xxh64Stream {
 public:
  Xxh64Stream();
  __attribute__((always_inline)) void word(uint64_t w) {
    if (n_ == kBytes) consume();
    buf_[n_ / 8] = w;
    n_ += 8;
  }
  // Room for up to n ≤ 2048 words written straight into the buffer, then added(k) of them: a
  // record's words cost no load and store of the buffer's count per word (the buffer's stores
  // may alias it) and no copy.
  uint64_t* room(size_t n) {
    if (kBytes - n_ < n * 8) consume();
    return buf_ + n_ / 8;
  }
  void added(size_t k) { n_ += k * 8; }
  void bytes(const void* p, size_t n);
  // XXH64 of every byte so far; more may follow.
  [[nodiscard]] uint64_t digest() const;

 private:
  static constexpr size_t kBytes = 16384;  // 2048 words, a whole number of 32-byte stripes
  // Folds the buffer's whole stripes into the lanes; the rest moves to the front.
  void consume();
  unsigned char* bytes_at(size_t at) { return reinterpret_cast<unsigned char*>(buf_) + at; }
  uint64_t lanes_[4];
  uint64_t consumed_ = 0;  // bytes already folded into the lanes
  size_t n_ = 0;           // bytes in the buffer
  uint64_t buf_[kBytes / 8];
};

}  // namespace deskbill
