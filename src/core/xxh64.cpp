#include "core/xxh64.h"

#include <algorithm>
#include <cstring>

namespace deskbill {
namespace {
// xxHash's primes (XXH64 specification).
constexpr uint64_t kXxPrime1 = 0x9E3779B185EBCA87ull, kXxPrime2 = 0xC2B2AE3D27D4EB4Full,
                   kXxPrime3 = 0x165667B19E3779F9ull, kXxPrime4 = 0x85EBCA77C2B2AE63ull,
                   kXxPrime5 = 0x27D4EB2F165667C5ull;

inline uint64_t xx_rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
inline uint64_t xx_round(uint64_t acc, uint64_t input) { return xx_rotl(acc + input * kXxPrime2, 31) * kXxPrime1; }
inline uint64_t xx_merge(uint64_t acc, uint64_t lane) { return (acc ^ xx_round(0, lane)) * kXxPrime1 + kXxPrime4; }
inline uint64_t xx_read64(const unsigned char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
inline uint64_t xx_read32(const unsigned char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

void xx_stripes(uint64_t lanes[4], const uint64_t* w, size_t words) {
  uint64_t a = lanes[0], b = lanes[1], c = lanes[2], d = lanes[3];
  for (size_t i = 0; i + 4 <= words; i += 4) {
    a = xx_round(a, w[i]);
    b = xx_round(b, w[i + 1]);
    c = xx_round(c, w[i + 2]);
    d = xx_round(d, w[i + 3]);
  }
  lanes[0] = a, lanes[1] = b, lanes[2] = c, lanes[3] = d;
}

uint64_t xx_converge(const uint64_t lanes[4]) {
  uint64_t h = xx_rotl(lanes[0], 1) + xx_rotl(lanes[1], 7) + xx_rotl(lanes[2], 12) + xx_rotl(lanes[3], 18);
  for (int i = 0; i < 4; ++i) h = xx_merge(h, lanes[i]);
  return h;
}

inline uint64_t xx_tail_word(uint64_t h, uint64_t w) { return xx_rotl(h ^ xx_round(0, w), 27) * kXxPrime1 + kXxPrime4; }

uint64_t xx_avalanche(uint64_t h) {
  h ^= h >> 33;
  h *= kXxPrime2;
  h ^= h >> 29;
  h *= kXxPrime3;
  h ^= h >> 32;
  return h;
}

// The bytes after the last whole stripe (fewer than 32), then the avalanche.
uint64_t xx_finish(uint64_t h, const unsigned char* p, const unsigned char* end) {
  for (; p + 8 <= end; p += 8) h = xx_tail_word(h, xx_read64(p));
  if (p + 4 <= end) {
    h = xx_rotl(h ^ xx_read32(p) * kXxPrime1, 23) * kXxPrime2 + kXxPrime3;
    p += 4;
  }
  for (; p < end; ++p) h = xx_rotl(h ^ *p * kXxPrime5, 11) * kXxPrime1;
  return xx_avalanche(h);
}

inline void xx_stripe(uint64_t lanes[4], const unsigned char* p) {
  for (int i = 0; i < 4; ++i) lanes[i] = xx_round(lanes[i], xx_read64(p + 8 * i));
}
}  // namespace

uint64_t xxh64(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* end = p + bytes.size();
  uint64_t h;
  if (bytes.size() >= 32) {
    uint64_t lanes[4] = {kXxPrime1 + kXxPrime2, kXxPrime2, 0, 0 - kXxPrime1};
    for (; p + 32 <= end; p += 32) xx_stripe(lanes, p);
    h = xx_converge(lanes);
  } else {
    h = kXxPrime5;
  }
  return xx_finish(h + bytes.size(), p, end);
}

Xxh64Stream::Xxh64Stream() : lanes_{kXxPrime1 + kXxPrime2, kXxPrime2, 0, 0 - kXxPrime1} {}

void Xxh64Stream::consume() {
  // Whole stripes only (room() may ask before the buffer is full): the rest moves to the front
  // and waits for the rest of its stripe.
  size_t full = n_ - n_ % 32;
  xx_stripes(lanes_, buf_, full / 8);
  consumed_ += full;
  std::memmove(bytes_at(0), bytes_at(full), n_ - full);
  n_ -= full;
}

void Xxh64Stream::bytes(const void* data, size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  if (n_ % 32 != 0) {  // complete the stripe begun by the pieces before
    size_t take = std::min(n, 32 - n_ % 32);
    std::memcpy(bytes_at(n_), p, take);
    n_ += take, p += take, n -= take;
    if (n_ % 32 != 0) return;
  }
  if (n >= 32 || kBytes - n_ < n) {
    consume();  // the buffer holds whole stripes only: now it is empty
    uint64_t a[4] = {lanes_[0], lanes_[1], lanes_[2], lanes_[3]};  // in registers over a long piece
    size_t whole = n - n % 32;
    for (size_t at = 0; at < whole; at += 32) xx_stripe(a, p + at);
    for (int i = 0; i < 4; ++i) lanes_[i] = a[i];
    consumed_ += whole, p += whole, n -= whole;
  }
  std::memcpy(bytes_at(n_), p, n);
  n_ += n;
}

uint64_t Xxh64Stream::digest() const {
  uint64_t lanes[4] = {lanes_[0], lanes_[1], lanes_[2], lanes_[3]};
  size_t full = n_ - n_ % 32;
  xx_stripes(lanes, buf_, full / 8);
  uint64_t total = consumed_ + n_;
  // Fewer than 32 bytes in all: no stripe was taken, and XXH64 starts from its fifth prime.
  uint64_t h = total >= 32 ? xx_converge(lanes) : kXxPrime5;
  const unsigned char* rest = reinterpret_cast<const unsigned char*>(buf_) + full;
  return xx_finish(h + total, rest, rest + (n_ - full));
}

}  // namespace deskbill
