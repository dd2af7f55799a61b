#include "journal/inbox.h"

#include <nlohmann/json.hpp>

namespace deskbill {

std::optional<Inbox> parse_inbox(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  Inbox in;
  if (auto n = j.find("notices"); n != j.end() && n->is_array())
    for (const auto& e : *n)
      if (e.is_string()) in.notices.push_back(e.get<std::string>());
  if (auto d = j.find("dismissed"); d != j.end() && d->is_array())
    for (const auto& e : *d)
      if (e.is_number_unsigned()) in.dismissed.insert(e.get<uint64_t>());
  if (auto w = j.find("watch"); w != j.end()) in.watch.from_json(*w);
  return in;
}

std::string inbox_json(const Inbox& inbox) {
  return nlohmann::json{{"notices", inbox.notices}, {"dismissed", inbox.dismissed}, {"watch", inbox.watch.to_json()}}
      .dump();
}

}  // namespace deskbill
