#include "journal/inbox.h"

#include <nlohmann/json.hpp>

namespace deskbill {

namespace {
// A notice as inbox_json writes it ({"parts": [{"text", "args"}], "invoice"}), or as one sentence
// of text, as versions before SyncNotice wrote it. nullopt: neither, or a sentence without text.
std::optional<SyncNotice> notice_from_json(const nlohmann::json& j) {
  if (j.is_string()) return SyncNotice{{TextTemplate{j.get<std::string>(), {}}}, ""};
  if (!j.is_object()) return std::nullopt;
  auto parts = j.find("parts");
  if (parts == j.end() || !parts->is_array() || parts->empty()) return std::nullopt;
  SyncNotice n;
  if (auto inv = j.find("invoice"); inv != j.end()) {
    if (!inv->is_string()) return std::nullopt;
    n.invoice = inv->get<std::string>();
  }
  for (const auto& p : *parts) {
    auto t = p.is_object() ? p.find("text") : p.end();
    if (t == p.end() || !t->is_string()) return std::nullopt;
    TextTemplate part{t->get<std::string>(), {}};
    if (auto a = p.find("args"); a != p.end()) {
      if (!a->is_array()) return std::nullopt;
      for (const auto& arg : *a) {
        if (!arg.is_string()) return std::nullopt;
        part.args.push_back(arg.get<std::string>());
      }
    }
    n.sentences.push_back(std::move(part));
  }
  return n;
}

nlohmann::json notice_to_json(const SyncNotice& n) {
  nlohmann::json parts = nlohmann::json::array();
  for (const TextTemplate& p : n.sentences) parts.push_back({{"text", p.text}, {"args", p.args}});
  return {{"parts", std::move(parts)}, {"invoice", n.invoice}};
}
}  // namespace

std::optional<Inbox> parse_inbox(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  Inbox in;
  if (auto n = j.find("notices"); n != j.end() && n->is_array())
    for (const auto& e : *n)
      if (auto notice = notice_from_json(e)) in.notices.push_back(std::move(*notice));
  if (auto d = j.find("dismissed"); d != j.end() && d->is_array())
    for (const auto& e : *d)
      if (e.is_number_unsigned()) in.dismissed.insert(e.get<uint64_t>());
  if (auto w = j.find("watch"); w != j.end()) in.watch.from_json(*w);
  return in;
}

std::string inbox_json(const Inbox& inbox) {
  nlohmann::json notices = nlohmann::json::array();
  for (const SyncNotice& n : inbox.notices) notices.push_back(notice_to_json(n));
  return nlohmann::json{
      {"notices", std::move(notices)}, {"dismissed", inbox.dismissed}, {"watch", inbox.watch.to_json()}}
      .dump();
}

}  // namespace deskbill
