// One member of a JSON object read into a typed field, for what a device reads that it did not
// just write: the files beside its journal (workspace.json, inbox.json, settings.json,
// timer.json), a journal line's envelope, the sync endpoint's answer. nlohmann's value() and get()
// throw on a member of another type, and a throw at start stopped the app from opening; each
// reader decides what such a member means (damage, an entry left out, a default, an error naming
// the field), so this only says which of the three cases it met and never throws.
#pragma once
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>

namespace deskbill {

enum class MemberRead {
  Missing,    // `out` is untouched: older builds wrote fewer members
  Taken,      // `out` holds the member
  OtherType,  // `out` is untouched: a string where a number belongs, a number out of range, …
};

namespace detail {
// Whether the JSON value can be held by T without changing it: a whole number that fits T's
// range for an integer field (a negative count or a day past 2^31 is another type, not a
// wrapped-around one), any number for a floating-point field, and the same kind otherwise.
template <class T>
bool member_fits(const nlohmann::json& v) {
  if constexpr (std::is_same_v<T, std::string>) {
    return v.is_string();
  } else if constexpr (std::is_same_v<T, bool>) {
    return v.is_boolean();
  } else if constexpr (std::is_floating_point_v<T>) {
    return v.is_number();
  } else {
    static_assert(std::is_integral_v<T>, "a member is text, a boolean or a number");
    if (v.is_number_unsigned()) return v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max());
    if (!v.is_number_integer()) return false;
    int64_t i = v.get<int64_t>();
    if constexpr (std::is_unsigned_v<T>)
      return i >= 0 && static_cast<uint64_t>(i) <= static_cast<uint64_t>(std::numeric_limits<T>::max());
    else
      return i >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
             i <= static_cast<int64_t>(std::numeric_limits<T>::max());
  }
}
}  // namespace detail

// Reads object[key] into `out` when it is there and of out's type. `object` must be an object.
template <class T>
[[nodiscard]] MemberRead read_member(const nlohmann::json& object, const char* key, T& out) {
  auto it = object.find(key);
  if (it == object.end()) return MemberRead::Missing;
  if (!detail::member_fits<T>(*it)) return MemberRead::OtherType;
  out = it->template get<T>();
  return MemberRead::Taken;
}

}  // namespace deskbill
