// Append-only storage for every string of the state, so entities stay plain data that can be
// copied, hashed and snapshotted as bytes. An edit appends the new text; old text stays.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace deskbill {

struct Text {
  uint32_t off = 0;
  uint32_t len = 0;
};

class TextPool {
 public:
  Text add(std::string_view s) {
    if (s.empty()) return {};
    // Short texts repeat ("Call with customer"): a small cache of recent ones shares their bytes.
    // What the cache holds never changes what a Text reads, so states compare equal with or
    // without it (after a snapshot load it simply starts empty).
    uint32_t slot = 0;
    if (s.size() <= 64) {
      uint32_t h = 2166136261u;
      for (unsigned char c : s) h = (h ^ c) * 16777619u;
      slot = h & (kRecent - 1);
      Text hit = recent_[slot];
      if (hit.len == s.size() && view(hit) == s) return hit;
    }
    Text t{static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(s.size())};
    bytes_.append(s);
    if (s.size() <= 64) recent_[slot] = t;
    return t;
  }
  std::string_view view(Text t) const { return std::string_view(bytes_).substr(t.off, t.len); }
  std::string str(Text t) const { return std::string(view(t)); }
  const std::string& bytes() const { return bytes_; }
  std::string& bytes() { return bytes_; }

 private:
  static constexpr uint32_t kRecent = 1024;
  std::string bytes_;
  Text recent_[kRecent] = {};
};

}  // namespace deskbill
