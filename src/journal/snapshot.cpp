#include "journal/snapshot.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>

#include "core/links.h"
#include "core/shared_texts.h"
#include "core/state_check.h"
#include "core/xxh64.h"

namespace deskbill {
namespace {

constexpr char kMagic[8] = {'D', 'S', 'K', 'B', 'S', 'N', 'A', 'P'};
constexpr size_t kPackBlock = 256;  // records per block of a packed table (format 5)
// How a packed column of a block is stored (Writer::packed); format 5 knows kDelta only.
constexpr unsigned char kDelta = 0, kFrame = 1, kNearRow = 2;

inline uint32_t zigzag(uint32_t d) { return (d << 1) ^ static_cast<uint32_t>(static_cast<int32_t>(d) >> 31); }
inline uint32_t unzigzag(uint32_t z) { return (z >> 1) ^ (0u - (z & 1)); }
// The bytes a packed value takes: 0, 1, 2, 3 (since format 6: hours of work in millionths) or 4.
inline unsigned char width_of(uint32_t largest, uint32_t format) {
  return largest == 0 ? 0 : largest <= 0xFF ? 1 : largest <= 0xFFFF ? 2 : largest <= 0xFFFFFF && format >= 6 ? 3 : 4;
}
// kNearRow: a word as its distance from record `row`, zigzagged; kNone becomes 0 and a word equal
// to `row` (distance 0) takes kNone's place, so a list's ends cost no more than its links.
inline uint32_t near_row(uint32_t word, uint32_t row) {
  uint32_t z = zigzag(word - row);
  return word == kNone ? 0 : z == 0 ? zigzag(kNone - row) : z;
}
inline uint32_t from_near_row(uint32_t z, uint32_t row) {
  return z == 0 ? kNone : z == zigzag(kNone - row) ? row : unzigzag(z) + row;
}

// The padding bytes of a record type: what a default-constructed T leaves as it found it. Built
// in a buffer of 0x00 and one of 0xFF, a byte that differs is one no member initialises (every
// member of the records has an initialiser, so those are the padding). Snapshots write them as
// zeros, so the same state gives the same bytes on every platform and after every history (the
// padding of a record otherwise holds whatever its memory held: native and wasm differed).
template <class T>
const std::vector<uint32_t>& padding_bytes() {
  static const std::vector<uint32_t> offsets = [] {
    std::vector<uint32_t> out;
    if constexpr (!std::is_class_v<T>) return out;  // a scalar has no padding (and no initialiser)
    alignas(T) unsigned char zeros[sizeof(T)], ones[sizeof(T)];
    std::memset(zeros, 0x00, sizeof zeros);
    std::memset(ones, 0xFF, sizeof ones);
    new (zeros) T;
    new (ones) T;
    for (uint32_t i = 0; i < sizeof(T); ++i)
      if (zeros[i] != ones[i]) out.push_back(i);
    return out;
  }();
  return offsets;
}

class Writer {
 public:
  template <class T>
  void pod(const T& v) {
    vec_bytes(&v, 1);
  }
  template <class T>
  void vec(const std::vector<T>& v) {
    pod<uint64_t>(v.size());
    if (!v.empty()) vec_bytes(v.data(), v.size());
  }
  template <class T>
  void vec(const ChunkedRows<T>& v) {  // the same bytes, a chunk at a time
    pod<uint64_t>(v.size());
    for (size_t first = 0; first < v.size(); first += ChunkedRows<T>::kChunk)
      vec_bytes(&v[first], std::min(ChunkedRows<T>::kChunk, v.size() - first));
  }
  // The packed encoding of a table's rows and id keys, which are 80 % of a snapshot. Records go
  // in blocks of 256; in a block each 32-bit word of the record (a column) is stored in the
  // fewest bytes (0 to 4; format 5: 0, 1, 2 or 4) that hold the block's largest value after one of three
  // transforms, the one that gives the fewest bytes (format 5 has the first only):
  //  - kDelta: the difference from the same word of the record before, zigzagged. Neighbouring
  //    records differ little (dates, counters, description offsets) and many columns not at all.
  //  - kFrame: the word minus the block's smallest (a 4-byte base after the header). For words
  //    that jump around a small range: the employee of each timesheet.
  //  - kNearRow: the word minus the record's own number, zigzagged, with kNone and "this very
  //    record" trading places, then minus the block's smallest: for links between records of the
  //    same table (the previous and next timesheet of a ticket or an order line), which point a
  //    few records away but to anywhere in the table, and are kNone at the ends of each list.
  // A header byte gives the width and the transform (width | transform << 4). Padding is
  // written as zeros and words little-endian, as in the raw form. At 1 M timesheets a timesheet
  // takes about 24 bytes of its 64, and a start reads that much less from IndexedDB; decoding is
  // a loop without branches per column.
  template <class Rows>
  void packed(const Rows& v, uint32_t format) {
    using T = typename Rows::value_type;
    static_assert(std::is_trivially_copyable_v<T> && sizeof(T) % 4 == 0);
    constexpr size_t kWords = sizeof(T) / 4;
    pod<uint64_t>(v.size());
    size_t length_at = out.size();
    pod<uint64_t>(0);  // the encoded length, known below
    size_t start = out.size();
    const std::vector<uint32_t>& pad = padding_bytes<T>();
    uint32_t prev[kWords] = {};
    std::vector<uint32_t> words(kPackBlock * kWords), delta(kPackBlock), near(kPackBlock);
    for (size_t first = 0; first < v.size(); first += kPackBlock) {
      size_t m = std::min(kPackBlock, v.size() - first);
      for (size_t r = 0; r < m; ++r) {
        unsigned char rec[sizeof(T)];
        std::memcpy(rec, &v[first + r], sizeof(T));
        for (uint32_t i : pad) rec[i] = 0;
        std::memcpy(&words[r * kWords], rec, sizeof(T));
      }
      for (size_t w = 0; w < kWords; ++w) {
        uint32_t largest_delta = 0, before = prev[w];
        uint32_t low = UINT32_MAX, high = 0, near_low = UINT32_MAX, near_high = 0;
        for (size_t r = 0; r < m; ++r) {
          uint32_t word = words[r * kWords + w];
          delta[r] = zigzag(word - before);
          before = word;
          largest_delta |= delta[r];
          low = std::min(low, word), high = std::max(high, word);
          near[r] = near_row(word, static_cast<uint32_t>(first + r));
          near_low = std::min(near_low, near[r]), near_high = std::max(near_high, near[r]);
        }
        prev[w] = before;
        unsigned char transform = kDelta, width = width_of(largest_delta, format);
        if (format >= 6) {
          // A base costs 4 bytes: taken only when it saves more than that.
          if (m * width_of(high - low, format) + 4 < m * width)
            transform = kFrame, width = width_of(high - low, format);
          if (m * width_of(near_high - near_low, format) + 4 < m * width)
            transform = kNearRow, width = width_of(near_high - near_low, format);
        }
        uint32_t base = transform == kFrame ? low : transform == kNearRow ? near_low : 0;
        size_t at = out.size();
        out.resize(at + 1 + (transform == kDelta ? 0 : 4) + m * width);
        char* q = &out[at];
        *q++ = static_cast<char>(width | transform << 4);
        if (transform != kDelta) {
          std::memcpy(q, &base, 4);
          q += 4;
        }
        for (size_t r = 0; r < m; ++r) {
          uint32_t x = transform == kDelta   ? delta[r]
                       : transform == kFrame ? words[r * kWords + w] - base
                                             : near[r] - base;
          for (unsigned char k = 0; k < width; ++k) *q++ = static_cast<char>(x >> (8 * k));
        }
      }
    }
    uint64_t length = out.size() - start;
    std::memcpy(&out[length_at], &length, sizeof length);
  }
  std::string out;

 private:
  template <class T>
  void vec_bytes(const T* first, size_t n) {
    static_assert(std::is_trivially_copyable_v<T>);
    size_t at = out.size();
    out.append(reinterpret_cast<const char*>(first), n * sizeof(T));
    const std::vector<uint32_t>& pad = padding_bytes<T>();
    if (pad.empty()) return;
    char* p = &out[at];
    for (size_t k = 0; k < n; ++k, p += sizeof(T))
      for (uint32_t i : pad) p[i] = 0;
  }
};

inline uint32_t stored_value(const unsigned char* p, unsigned width, size_t r) {
  uint32_t z = 0;
  if (width == 1)
    z = p[r];
  else if (width == 2)
    z = p[2 * r] | static_cast<uint32_t>(p[2 * r + 1]) << 8;
  else if (width == 3)
    z = p[3 * r] | static_cast<uint32_t>(p[3 * r + 1]) << 8 | static_cast<uint32_t>(p[3 * r + 2]) << 16;
  else if (width == 4)
    std::memcpy(&z, p + 4 * r, 4);
  return z;
}

// One column of a packed block (Writer::packed): m words stored every `stride` bytes from d, the
// first of them record `row`; `word` is the column's last word in the block before. Returns the
// block's last word. Not inlined on purpose: in the browser a start runs this before the engine
// has optimised anything; a function called thousands of times can be moved to optimised code
// after its first calls, where one long loop runs its whole length in the baseline code (wasm
// has no on-stack replacement).
#if defined(__GNUC__)
__attribute__((noinline))
#endif
uint32_t
decode_column(const unsigned char* p, unsigned width, unsigned transform, uint32_t base, size_t m, unsigned char* d,
              size_t stride, uint32_t word, uint32_t row) {
  if (transform == kDelta) {
    for (size_t r = 0; r < m; ++r, d += stride) {
      word += unzigzag(stored_value(p, width, r));
      std::memcpy(d, &word, 4);
    }
  } else if (transform == kFrame) {
    for (size_t r = 0; r < m; ++r, d += stride) {
      word = base + stored_value(p, width, r);
      std::memcpy(d, &word, 4);
    }
  } else {
    for (size_t r = 0; r < m; ++r, d += stride) {
      word = from_near_row(base + stored_value(p, width, r), row + static_cast<uint32_t>(r));
      std::memcpy(d, &word, 4);
    }
  }
  return word;
}

// Formats 6 and later end with the XXH64 of every byte before it.
constexpr bool has_checksum(uint32_t format) { return format >= 6; }
constexpr bool timesheets_last(uint32_t format) { return format >= 7; }
constexpr bool timesheet_texts_apart(uint32_t format) { return format >= 8; }
constexpr bool slots_tagged(uint32_t format) { return format >= 9; }

// The magic and the format: the first bytes of every snapshot.
constexpr size_t kHeaderBytes = sizeof kMagic + sizeof(uint32_t);
// The format the header names; nullopt for bytes that are not a snapshot.
std::optional<uint32_t> header_format(SnapshotSource& src) {
  char head[kHeaderBytes];
  if (src.size() < sizeof head) return std::nullopt;
  src.read(0, head, sizeof head);
  if (std::memcmp(head, kMagic, sizeof kMagic) != 0) return std::nullopt;
  uint32_t format = 0;
  std::memcpy(&format, head + sizeof kMagic, sizeof format);
  return format;
}

// Hashes the bytes as the Reader takes them, in order, so the checksum costs no second pass over
// 50 MB and no copy of them. The Reader reads each byte front to back, a packed table's twice
// (ByteWindow): a read of bytes already hashed is not hashed again. Once the format is known to
// have a checksum, its last 8 bytes (the checksum itself) are not offered to the Reader.
class ChecksummedSource : public SnapshotSource {
 public:
  explicit ChecksummedSource(SnapshotSource& in) : in_(in), size_(in.size()) {}
  size_t size() const override { return size_; }
  // In pieces of 256 kB: each is hashed while it is still in the cache, and in the browser the
  // hash runs as many short calls, which the engine moves to optimised code after the first few
  // (one call over a 30 MB table would run its whole length in the baseline code: wasm has no
  // on-stack replacement. Measured once in the browser at 1 M: a load of 405 ms that way, 225-290
  // ms in pieces).
  void read(size_t at, void* dst, size_t n) override {
    if (at + n <= next_) {  // read again (a packed table's second pass): hashed the first time
      in_.read(at, dst, n);
      return;
    }
    if (at != next_) in_order_ = false;
    auto* d = static_cast<unsigned char*>(dst);
    for (size_t done = 0; done < n;) {
      size_t m = std::min(n - done, kPiece);
      in_.read(at + done, d + done, m);
      if (hashing_) hash_.bytes(d + done, m);
      done += m;
    }
    next_ = at + n;
  }
  // A snapshot without a checksum (formats 4 and 5): the rest is not hashed.
  void no_checksum() { hashing_ = false; }
  // From now on the last 8 bytes are the checksum; false when there is no room for them.
  bool hold_back_checksum() {
    if (size_ - next_ < 8) return false;
    size_ -= 8;
    return true;
  }
  // The XXH64 of the bytes [0, end) when they were read once, in order, and no more.
  std::optional<uint64_t> digest_upto(size_t end) const {
    if (!in_order_ || !hashing_ || next_ != end) return std::nullopt;
    return hash_.digest();
  }
  // Reads (and hashes) the bytes up to `end` without keeping them: a finish after a preview
  // checks the bytes the preview decoded without decoding them again.
  void hash_upto(size_t end) {
    std::vector<unsigned char> piece(std::min(kPiece, end > next_ ? end - next_ : 0));
    while (next_ < end) read(next_, piece.data(), std::min(kPiece, end - next_));
  }
  // Every byte before the checksum was read once, in order, and their XXH64 is the checksum.
  bool checksum_matches() {
    if (!in_order_ || next_ != size_) return false;
    uint64_t stored = 0;
    in_.read(size_, &stored, sizeof stored);
    return stored == hash_.digest();
  }

 private:
  static constexpr size_t kPiece = 256 * 1024;
  SnapshotSource& in_;
  size_t size_;
  size_t next_ = 0;
  bool in_order_ = true;
  bool hashing_ = true;
  Xxh64Stream hash_;
};

// A span of the source read through a window of 256 kB that is reused, front to back: a packed
// table's encoded bytes are never held whole. At 1 M timesheets they were 25 MB of fresh memory,
// and in the browser the copy from JavaScript into it took a quarter of a start (touching new
// pages is what costs there, not the copy).
class ByteWindow {
 public:
  // A span shorter than the window gets a buffer of its own length: a small snapshot has a dozen
  // short tables, and 256 kB zeroed for each was most of its load (and minutes under ASan).
  ByteWindow(SnapshotSource& src, size_t from, size_t length)
      : src_(src), next_(from), left_(length), buf_(std::min(length, kSize)) {}
  // The next k bytes, or nullptr when fewer than k are left in the span or k is more than the
  // window holds (the Reader takes at most kVecPiece, or a column of a block: 1 + 4 + 256 × 4).
  const unsigned char* take(size_t k) {
    if (k > buf_.size()) return nullptr;
    if (filled_ - pos_ < k) {
      if (filled_ - pos_ + left_ < k) return nullptr;
      std::memmove(buf_.data(), buf_.data() + pos_, filled_ - pos_);
      filled_ -= pos_;
      pos_ = 0;
      size_t more = std::min(left_, buf_.size() - filled_);
      src_.read(next_, buf_.data() + filled_, more);
      next_ += more, left_ -= more, filled_ += more;
    }
    const unsigned char* p = buf_.data() + pos_;
    pos_ += k;
    return p;
  }
  bool at_end() const { return pos_ == filled_ && left_ == 0; }
  static constexpr size_t kSize = 256 * 1024;

 private:
  SnapshotSource& src_;
  size_t next_, left_;
  std::vector<unsigned char> buf_;
  size_t pos_ = 0, filled_ = 0;
};

// One column of a packed block as Writer::packed wrote it: its header (width | transform << 4),
// its base for kFrame and kNearRow, and its m values.
struct PackedColumn {
  unsigned char width = 0, transform = kDelta;
  uint32_t base = 0;
  const unsigned char* values = nullptr;
};
// The next column of m values from the window; false when the bytes run out or the header is
// not one `format` knows (no read past the window, no width decode_column does not know).
bool next_column(ByteWindow& in, size_t m, uint32_t format, PackedColumn& c) {
  const unsigned char* head = in.take(1);
  if (!head) return false;
  c.width = *head & 0x0F;
  c.transform = *head >> 4;
  const unsigned char last_transform = format >= 6 ? kNearRow : kDelta;
  if (c.width > 4 || (c.width == 3 && format < 6) || c.transform > last_transform) return false;
  c.base = 0;
  if (c.transform != kDelta) {
    const unsigned char* b = in.take(4);
    if (!b) return false;
    std::memcpy(&c.base, b, 4);
  }
  c.values = in.take(m * c.width);
  return c.values != nullptr;
}

constexpr size_t kVecPiece = 64 * 1024;  // what Reader::vec takes from its window at a time

class Reader {
 public:
  explicit Reader(SnapshotSource& src, size_t at) : src_(src), at_(at) {}
  template <class T>
  bool pod(T& v) {
    if (src_.size() - at_ < sizeof v) return false;
    src_.read(at_, &v, sizeof v);
    at_ += sizeof v;
    return true;
  }
  template <class T>
  bool vec(T& v) {  // std::vector of trivially copyable values, or std::string
    uint64_t n = 0;
    using V = typename T::value_type;
    if (!pod(n) || n > (src_.size() - at_) / sizeof(V)) return false;
    // Headroom for what is added after the start: without it the first timesheet typed after
    // opening a 1M workspace would double (copy) the whole array.
    v.clear();
    v.reserve(n + n / 16 + 16);
    // Through a window, a piece at a time: resized (zero-filled) whole and then read over, a
    // table's memory was written twice, the second time out of the cache.
    ByteWindow in(src_, at_, n * sizeof(V));
    for (size_t left = n; left > 0;) {
      size_t k = std::min(left, kVecPiece / sizeof(V));
      const unsigned char* p = in.take(k * sizeof(V));
      if (!p) return false;  // the size was checked above: only a source that changed meanwhile
      size_t at = v.size();
      v.resize(at + k);  // within the capacity reserved: a piece at a time, while it is in the cache
      std::memcpy(&v[at], p, k * sizeof(V));
      left -= k;
    }
    at_ += n * sizeof(V);
    return true;
  }
  template <class T>
  bool vec(ChunkedRows<T>& v) {  // what vec() above reads, appended a piece at a time
    uint64_t n = 0;
    if (!pod(n) || n > (src_.size() - at_) / sizeof(T)) return false;
    v.clear();
    v.reserve(n + n / 16 + 16);
    ByteWindow in(src_, at_, n * sizeof(T));
    for (size_t left = n; left > 0;) {
      size_t k = std::min(left, kVecPiece / sizeof(T));
      const unsigned char* p = in.take(k * sizeof(T));
      if (!p) return false;  // the size was checked above: only a source that changed meanwhile
      v.append_bytes(p, k);
      left -= k;
    }
    at_ += n * sizeof(T);
    return true;
  }
  // Reads what Writer::packed wrote; false when it is truncated or does not decode exactly.
  // Two passes through a ByteWindow: the first checks that the blocks of n records end exactly
  // at the packed length, before anything is allocated, so a damaged count cannot ask for
  // gigabytes; the second decodes.
  template <class Rows>
  bool packed(Rows& v, uint32_t format) {
    using T = typename Rows::value_type;
    constexpr size_t kWords = sizeof(T) / 4;
    uint64_t n = 0, length = 0;
    // Each block of records takes at least one byte per column.
    if (!pod(n) || !pod(length) || length > src_.size() - at_ || n / kPackBlock > length / kWords) return false;
    const size_t from = at_;
    at_ += length;
    PackedColumn c;
    {
      ByteWindow walk(src_, from, length);
      for (size_t first = 0; first < n; first += kPackBlock)
        for (size_t w = 0; w < kWords; ++w)
          if (!next_column(walk, std::min<size_t>(kPackBlock, n - first), format, c)) return false;
      if (!walk.at_end()) return false;
    }
    v.clear();
    v.reserve(n + n / 16 + 16);  // headroom, as vec() gives
    // Each block is decoded into a small buffer that stays in the cache, then appended: the
    // table's memory is written once (a resize to n first writes all of it twice).
    std::vector<T> block(kPackBlock);
    unsigned char* base = reinterpret_cast<unsigned char*>(block.data());
    uint32_t prev[kWords] = {};
    ByteWindow in(src_, from, length);
    for (size_t first = 0; first < n; first += kPackBlock) {
      size_t m = std::min<size_t>(kPackBlock, n - first);
      for (size_t w = 0; w < kWords; ++w) {
        // The walk checked these bytes; they are checked again (as cheaply) in case the source
        // gave other bytes the second time (a file changed under the load).
        if (!next_column(in, m, format, c)) return false;
        prev[w] = decode_column(c.values, c.width, c.transform, c.base, m, base + 4 * w, sizeof(T), prev[w],
                                static_cast<uint32_t>(first));
      }
      v.insert(v.end(), block.data(), block.data() + m);
    }
    return true;
  }
  bool done() const { return at_ == src_.size(); }
  size_t at() const { return at_; }

 private:
  SnapshotSource& src_;
  size_t at_ = 0;
};

template <class T, class TRows, class TPool>
void write_table(Writer& w, const Table<T, TRows, TPool>& t, uint32_t format) {
  if (format >= 5) {
    w.packed(t.rows, format);
    w.packed(t.ids.keys(), format);
  } else {
    w.vec(t.rows);
    w.vec(t.ids.keys());
  }
  // FNV-1a slots are the same on every platform: no rehash at load. Before format 9 (tests that
  // need an older snapshot) a slot held the record number alone.
  if (slots_tagged(format)) return w.vec(t.ids.slots());
  w.vec(t.ids.untagged_slots());
}
// Whether a table's hash slots have a shape its keys can be found in: a power of two, at least
// twice the keys. Slots of another shape (a damaged snapshot) are made again from the keys
// (rebuild_misshapen_slots), once every key's text is where the state keeps it.
template <class Tb>
bool slots_fit(const Tb& t) {
  size_t n = t.ids.slots().size();
  return (n & (n - 1)) == 0 && (n != 0 ? n >= t.rows.size() * 2 : t.rows.empty());
}
template <class T, class TRows, class TPool>
bool read_table(Reader& r, Table<T, TRows, TPool>& t, uint32_t format) {
  bool read =
      format >= 5 ? r.packed(t.rows, format) && r.packed(t.ids.keys(), format) : r.vec(t.rows) && r.vec(t.ids.keys());
  if (!read || !r.vec(t.ids.slots()) || t.rows.size() != t.ids.keys().size()) return false;
  // Slots without tags (before format 9) are made again once every key's text is in its pool
  // (rebuild_misshapen_slots): left empty here, they do not fit.
  if (!slots_tagged(format)) t.ids.slots().clear();
  // A used slot names a record of the table (keys and rows are as many, checked above): a tag
  // without one (record part 0) would be read as record -1. A checksum covers a snapshot's bytes,
  // not what wrote them. Slots of another shape are made again, not read.
  return !slots_fit(t) || t.ids.slots_name_records();
}

// Every table, in one fixed order, for both directions. From format 7 the timesheets are not
// among them: they come last, after the counters, so that a start can show everything else
// before reading them (load_snapshot_preview).
template <class F>
void each_table(State& s, uint32_t format, F f) {
  f(s.uoms);
  f(s.partners);
  f(s.employees);
  f(s.taxes);
  f(s.products);
  f(s.projects);
  f(s.tasks);
  f(s.teams);
  f(s.tickets);
  if (!timesheets_last(format)) f(s.timesheets);
  f(s.orders);
  f(s.lines);
  f(s.invoices);
  f(s.invoice_lines);
  f(s.payments);
}

void rebuild_misshapen_slots(State& s) {
  each_table(s, kSnapshotFormat, [&](auto& t) {
    if (!slots_fit(t)) t.ids.rebuild(s.pool_for(t));
  });
  if (!slots_fit(s.timesheets)) s.timesheets.ids.rebuild(s.pool_for(s.timesheets));
}

using TimesheetTable = decltype(State::timesheets);

// The timesheet table as a snapshot before format 8 holds it: its texts' places shifted past the
// shared pool's bytes, which they follow.
TimesheetTable timesheets_in_one_pool(const State& s) {
  TimesheetTable t = s.timesheets;
  const auto shift = static_cast<uint32_t>(s.text.bytes().size());
  for (TsText& key : t.ids.keys()) key.off += shift;
  for (size_t r = 0; r < t.rows.size(); ++r) t.rows[r].description.off += shift;
  return t;
}

// Before format 8 the timesheets' ids and descriptions were in the one text pool: after a load
// they are moved into the timesheets' own (State::ts_text), and the shared pool is made again
// without them, so that the next snapshot's part before the timesheets holds none of their bytes.
// False when a text lies outside the pool (damaged bytes).
bool texts_as_format_8(State& s) {
  auto moved = [&](TsText& t) {
    const Text in_shared{t.off, t.len};
    if (!s.text.holds(in_shared)) return false;
    t = s.ts_text.add(s.text.view(in_shared));
    return true;
  };
  for (TsText& key : s.timesheets.ids.keys())
    if (!moved(key)) return false;
  for (size_t r = 0; r < s.timesheets.rows.size(); ++r)
    if (!moved(s.timesheets.rows[r].description)) return false;
  return !compact_shared_texts(s);
}

// The timesheets' part: from format 8 their own text pool, then their table.
bool read_timesheets(Reader& r, State& s, uint32_t format) {
  if (timesheet_texts_apart(format) && !r.vec(s.ts_text.bytes())) return false;
  return read_table(r, s.timesheets, format) && (timesheet_texts_apart(format) || texts_as_format_8(s));
}

// Record sizes, so that a snapshot from a build with another layout is ignored, not misread.
uint32_t layout_check() {
  return static_cast<uint32_t>(sizeof(Timesheet) ^ (sizeof(OrderLine) << 8) ^ (sizeof(Invoice) << 16) ^
                               (sizeof(Partner) << 24));
}

}  // namespace

void MemorySnapshotSource::read(size_t at, void* dst, size_t n) { std::memcpy(dst, b_.data() + at, n); }

FileSnapshotSource::FileSnapshotSource(const std::string& path) : f_(std::fopen(path.c_str(), "rb")) {
  if (!f_) return;
  if (std::fseek(f_, 0, SEEK_END) != 0) {
    failed_ = true;
    return;
  }
  long end = std::ftell(f_);
  if (end < 0) failed_ = true;
  size_ = end < 0 ? 0 : static_cast<size_t>(end);
}

FileSnapshotSource::~FileSnapshotSource() {
  if (f_) std::fclose(f_);
}

void FileSnapshotSource::read(size_t at, void* dst, size_t n) {
  // Reads are sequential in practice: seek only when not already there.
  if (!f_ || std::fseek(f_, static_cast<long>(at), SEEK_SET) != 0 || std::fread(dst, 1, n, f_) != n) {
    failed_ = true;
    std::memset(dst, 0, n);
  }
}

std::string save_snapshot(const State& s, uint64_t covered, uint32_t format) {
  Writer w;
  w.out.append(kMagic, sizeof kMagic);
  w.pod(format);
  w.pod<uint32_t>(layout_check());  // layout check
  w.pod(covered);
  // Format 7: where the timesheets begin, so that a reader can fetch the bytes before them alone
  // (the browser reads that much of the stored Blob first: pre.js). Filled in below.
  const size_t timesheets_at_slot = w.out.size();
  if (timesheets_last(format)) w.pod<uint64_t>(0);
  std::vector<char> text(s.text.bytes().begin(), s.text.bytes().end());
  State& all = const_cast<State&>(s);
  const bool apart = timesheet_texts_apart(format);
  // Before format 8 (tests that need an older snapshot), the timesheets' texts follow the others
  // in one pool, and their places are shifted to match.
  TimesheetTable in_one_pool;
  if (!apart) {
    text.insert(text.end(), s.ts_text.bytes().begin(), s.ts_text.bytes().end());
    in_one_pool = timesheets_in_one_pool(s);
  }
  w.vec(text);
  each_table(all, format, [&](auto& t) {
    if constexpr (std::is_same_v<std::decay_t<decltype(t)>, TimesheetTable>)
      write_table(w, apart ? t : in_one_pool, format);
    else
      write_table(w, t, format);
  });
  w.vec(s.rejected);
  w.vec(s.numbers);
  w.pod(s.company);
  w.pod(s.last_order_number);
  w.pod(s.applied);
  w.pod(s.hours);
  w.pod(s.days);
  w.pod(s.units);
  w.pod(s.dozens);
  if (timesheets_last(format)) {
    uint64_t at = w.out.size();
    std::memcpy(&w.out[timesheets_at_slot], &at, sizeof at);
    if (timesheet_texts_apart(format)) {
      std::vector<char> ts_text(s.ts_text.bytes().begin(), s.ts_text.bytes().end());
      w.vec(ts_text);
    }
    write_table(w, apart ? all.timesheets : in_one_pool, format);
  }
  if (has_checksum(format)) w.pod(xxh64(w.out));
  return std::move(w.out);
}

bool snapshot_has_checksum(SnapshotSource& src) {
  std::optional<uint32_t> format = header_format(src);
  return format && has_checksum(*format);
}

std::optional<uint32_t> snapshot_format(SnapshotSource& src) { return header_format(src); }

bool snapshot_has_checksum(std::string_view bytes) {
  MemorySnapshotSource src(bytes);
  return snapshot_has_checksum(src);
}

std::optional<std::string> load_snapshot(std::string_view bytes, State& out, uint64_t& covered) {
  MemorySnapshotSource src(bytes);
  return load_snapshot(src, out, covered);
}

namespace {
// Everything before the timesheets of format 7 (all of a snapshot of an older format, the
// timesheets among its tables): the text, the tables, the counters.
bool read_all_but_timesheets(Reader& r, State& s, uint64_t& covered, uint32_t format,
                             uint64_t* timesheets_at_out = nullptr) {
  uint64_t timesheets_at = 0;
  if (!r.pod(covered) || (timesheets_last(format) && !r.pod(timesheets_at)) || !r.vec(s.text.bytes())) return false;
  bool ok = true;
  each_table(s, format, [&](auto& t) { ok = ok && read_table(r, t, format); });
  return ok && r.vec(s.rejected) && r.vec(s.numbers) && r.pod(s.company) && r.pod(s.last_order_number) &&
         r.pod(s.applied) && r.pod(s.hours) && r.pod(s.days) && r.pod(s.units) && r.pod(s.dozens) &&
         (!timesheets_last(format) || r.at() == timesheets_at) &&  // the header said where they begin
         (!timesheets_at_out || (*timesheets_at_out = timesheets_at, true)) &&
         (timesheets_last(format) || texts_as_format_8(s));  // every shared text read: see there
}

// load_snapshot, or with `records_only` the records as stored: the checksum checked, but neither
// the links checked nor anything derived (read_snapshot_records).
std::optional<std::string> read_snapshot(SnapshotSource& raw, State& out, uint64_t& covered, bool records_only) {
  ChecksummedSource src(raw);
  std::optional<uint32_t> named = header_format(src);
  if (!named) return "not a deskbill snapshot";
  const uint32_t format = *named;
  if (format < kOldestSnapshotFormat || format > kSnapshotFormat)
    return "snapshot format " + std::to_string(format) + " is not supported";
  Reader r(src, kHeaderBytes);
  uint32_t layout = 0;
  const bool checksummed = has_checksum(format);
  if (!checksummed)
    src.no_checksum();
  else if (!src.hold_back_checksum())
    return "snapshot is truncated";
  if (!r.pod(layout) || layout != layout_check()) return "snapshot written by a build with another record layout";
  State s;
  if (!read_all_but_timesheets(r, s, covered, format)) return "snapshot is truncated or damaged";
  if (timesheets_last(format) && !read_timesheets(r, s, format)) return "snapshot is truncated or damaged";
  if (!r.done()) return "snapshot is truncated or damaged";
  // Checked last: the decoding above is safe on any bytes, and a damaged byte that still decodes
  // (a letter of a name, a link in a packed column) is caught here.
  if (checksummed && !src.checksum_matches()) return "snapshot is damaged (its checksum does not match)";
  if (records_only) {
    out = std::move(s);
    return std::nullopt;
  }
  // That no record points outside its table or the text pool, where a view or an op would read
  // past the end: without a checksum, a damaged byte; with one, a link the writing build got
  // wrong, which every start would read again (core/state_check.h).
  if (auto problem = state_problem(s)) return "snapshot is damaged: " + *problem;
  rebuild_misshapen_slots(s);   // after the checks above: it reads every key's text
  derive_timesheet_indexes(s);  // derived, not stored (core/state.h)
  out = std::move(s);
  return std::nullopt;
}
}  // namespace

std::optional<std::string> load_snapshot(SnapshotSource& src, State& out, uint64_t& covered) {
  return read_snapshot(src, out, covered, false);
}

std::optional<std::string> read_snapshot_records(std::string_view bytes, State& out) {
  MemorySnapshotSource src(bytes);
  uint64_t covered = 0;
  return read_snapshot(src, out, covered, true);
}

std::optional<std::string> load_snapshot_preview(SnapshotSource& raw, SnapshotPreview& out) {
  ChecksummedSource src(raw);  // the bytes before the timesheets, hashed as they are read
  std::optional<uint32_t> named = header_format(src);
  if (!named) return "not a deskbill snapshot";
  const uint32_t format = *named;
  if (!timesheets_last(format) || format > kSnapshotFormat)
    return "snapshot format " + std::to_string(format) + " has no part without the timesheets";
  Reader r(src, kHeaderBytes);
  uint32_t layout = 0;
  if (!r.pod(layout) || layout != layout_check()) return "snapshot written by a build with another record layout";
  SnapshotPreview p;
  State& s = p.state;
  if (!read_all_but_timesheets(r, s, p.covered, format, &p.timesheets_at)) return "snapshot is truncated or damaged";
  std::optional<uint64_t> head = src.digest_upto(p.timesheets_at);
  if (!head) return "snapshot is truncated or damaged";
  p.head_hash = *head;
  // The links into the timesheets, which are not read, lead nowhere until they are: kept aside.
  // The totals kept on the tickets and lines (hours, delivered) stay. Nothing reads past a
  // table's end.
  p.ticket_links.reserve(s.tickets.size());
  for (Ticket& t : s.tickets.rows) {
    p.ticket_links.push_back({t.ts_head, t.ts_tail});
    t.ts_head = t.ts_tail = kNone;
  }
  p.line_links.reserve(s.lines.size());
  for (OrderLine& l : s.lines.rows) {
    p.line_links.push_back({l.ts_head, l.ts_tail, l.ts_billed_upto});
    l.ts_head = l.ts_tail = l.ts_billed_upto = kNone;
  }
  // The checksum covers the whole snapshot, so what can be checked before the timesheets are read
  // is that no record points outside its table or the text pool.
  if (auto problem = state_problem(s)) return "snapshot is damaged: " + *problem;
  rebuild_misshapen_slots(s);
  derive_timesheet_indexes(s);
  // Never the version of a loaded state: views built from the preview are built again.
  p.applied = s.applied;
  s.applied = kPreviewVersion;
  out = std::move(p);
  return std::nullopt;
}

std::optional<std::string> finish_snapshot(SnapshotSource& raw, SnapshotPreview& p, State& out, uint64_t& covered) {
  ChecksummedSource src(raw);
  std::optional<uint32_t> named = header_format(src);
  if (!named || !timesheets_last(*named) || *named > kSnapshotFormat) return "not a snapshot a preview was read from";
  const uint32_t format = *named;
  if (!src.hold_back_checksum()) return "snapshot is truncated";
  Reader r(src, kHeaderBytes);
  uint32_t layout = 0;
  uint64_t named_covered = 0, timesheets_at = 0;
  if (!r.pod(layout) || layout != layout_check() || !r.pod(named_covered) || !r.pod(timesheets_at) ||
      named_covered != p.covered || timesheets_at != p.timesheets_at || timesheets_at > src.size())
    return "the snapshot is not the one the preview was read from";
  // The bytes the preview decoded, hashed here and not decoded again: another snapshot (stored
  // by another tab between the two reads) is not finished from this preview.
  src.hash_upto(timesheets_at);
  if (src.digest_upto(timesheets_at) != p.head_hash) return "the snapshot is not the one the preview was read from";
  State& s = p.state;
  Reader rest(src, timesheets_at);
  if (!read_timesheets(rest, s, format) || !rest.done()) return "snapshot is truncated or damaged";
  if (!src.checksum_matches()) return "snapshot is damaged (its checksum does not match)";
  if (p.ticket_links.size() != s.tickets.size() || p.line_links.size() != s.lines.size())
    return "the preview was changed";
  for (uint32_t t = 0; t < s.tickets.size(); ++t) {
    s.tickets.rows[t].ts_head = p.ticket_links[t][0];
    s.tickets.rows[t].ts_tail = p.ticket_links[t][1];
  }
  for (uint32_t l = 0; l < s.lines.size(); ++l) {
    OrderLine& line = s.lines.rows[l];
    line.ts_head = p.line_links[l][0];
    line.ts_tail = p.line_links[l][1];
    line.ts_billed_upto = p.line_links[l][2];
  }
  // What the preview's check could not see: the timesheets and the links into them.
  if (auto problem = timesheets_problem(s)) return "snapshot is damaged: " + *problem;
  s.applied = p.applied;
  rebuild_misshapen_slots(s);
  derive_timesheet_indexes(s);  // now with the timesheets
  covered = p.covered;
  out = std::move(s);
  return std::nullopt;
}

}  // namespace deskbill
