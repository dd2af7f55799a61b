// Lists a screen shows (a picker's choices), built once per state version instead of every frame,
// and forgotten when no frame asks for them any more. Plain data, no ImGui: checked natively.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>

namespace deskbill::ui {

template <class List>
class ListMemo {
 public:
  // The list for key at this state version: the one built before when neither changed, else
  // build()'s. The reference stays valid until the next forget_unasked() (a frame's start).
  template <class F>
  const List& get(const void* state, uint64_t version, std::pair<int, uint64_t> key, F build) {
    Entry& e = entries_[key];
    if (e.state != state || e.version != version) {
      e.list = build();
      e.state = state;
      e.version = version;
    }
    e.asked_in = frame_;
    return e.list;
  }
  // Called where no reference can be held (before a frame draws): drops the lists the last frame
  // did not ask for. A picker's lists were kept per (customer, current line) pair, so every ticket
  // opened left one behind for the tab's life.
  void forget_unasked() {
    for (auto it = entries_.begin(); it != entries_.end();)
      it = it->second.asked_in == frame_ ? std::next(it) : entries_.erase(it);
    ++frame_;
  }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    const void* state = nullptr;
    uint64_t version = ~0ull;
    uint64_t asked_in = 0;
    List list;
  };
  std::map<std::pair<int, uint64_t>, Entry> entries_;
  uint64_t frame_ = 0;
};

}  // namespace deskbill::ui
