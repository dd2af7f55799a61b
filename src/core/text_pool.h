// Append-only storage for every string of the state, so entities stay plain data that can be
// copied, hashed and snapshotted as bytes. An edit appends the new text; old text stays.
//
// Two pools: the timesheets' texts (their ids and descriptions) are kept apart from every other
// text, so a snapshot writes them with the timesheets and a start's preview, which draws the
// workspace before the timesheets are read, reads only the rest (docs/journal.md, format 8). A
// text of each pool is its own type, so a timesheet's text read from the other pool does not
// compile.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace deskbill {

template <class Tag>
struct BasicText {
  uint32_t off = 0;
  uint32_t len = 0;
};
struct SharedTextTag;
struct TimesheetTextTag;
using Text = BasicText<SharedTextTag>;       // every text but the timesheets'
using TsText = BasicText<TimesheetTextTag>;  // a timesheet's id or description

template <class TextT>
class BasicTextPool {
 public:
  using TextType = TextT;
  TextT add(std::string_view s) {
    if (s.empty()) return {};
    // Short texts repeat ("Call with customer"): a small cache of recent ones shares their bytes.
    // What the cache holds never changes what a Text reads, so states compare equal with or
    // without it (after a snapshot load it simply starts empty).
    uint32_t slot = 0;
    if (s.size() <= 64) {
      uint32_t h = 2166136261u;
      for (unsigned char c : s) h = (h ^ c) * 16777619u;
      slot = h & (kRecent - 1);
      TextT hit = recent_[slot];
      if (hit.len == s.size() && view(hit) == s) return hit;
    }
    TextT t{static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(s.size())};
    bytes_.append(s);
    if (s.size() <= 64) recent_[slot] = t;
    return t;
  }
  std::string_view view(TextT t) const { return std::string_view(bytes_).substr(t.off, t.len); }
  std::string str(TextT t) const { return std::string(view(t)); }
  // Whether t lies inside the pool (a snapshot's text checked before it is read).
  bool holds(TextT t) const { return static_cast<uint64_t>(t.off) + t.len <= bytes_.size(); }
  const std::string& bytes() const { return bytes_; }
  std::string& bytes() { return bytes_; }

 private:
  static constexpr uint32_t kRecent = 1024;
  std::string bytes_;
  TextT recent_[kRecent] = {};
};

using TextPool = BasicTextPool<Text>;
using TimesheetTextPool = BasicTextPool<TsText>;

}  // namespace deskbill
