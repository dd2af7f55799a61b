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
    Text t{static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(s.size())};
    bytes_.append(s);
    return t;
  }
  std::string_view view(Text t) const { return std::string_view(bytes_).substr(t.off, t.len); }
  std::string str(Text t) const { return std::string(view(t)); }
  const std::string& bytes() const { return bytes_; }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

}  // namespace deskbill
