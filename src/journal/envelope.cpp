#include "journal/envelope.h"

#include "core/dates.h"
#include "core/json_guard.h"

namespace deskbill {

OpContext Envelope::context() const {
  OpContext c;
  c.pos = pos;
  c.client = client;
  c.agent = agent;
  if (auto d = parse_day(accepted_at)) c.accepted_at = *d;
  return c;
}

std::optional<std::string> parse_journal_line(std::string_view line, Envelope& out) {
  if (auto refused = journal_line_refusal(line)) return *refused;
  nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return "not valid JSON";
  if (!j.is_object()) return "not a JSON object";
  out = Envelope{};
  auto op = j.find("op");
  if (op == j.end()) {
    out.op = std::move(j);
  } else {
    auto u64 = [&](const char* k) -> uint64_t {
      auto it = j.find(k);
      return it != j.end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
    };
    auto str = [&](const char* k) -> std::string {
      auto it = j.find(k);
      return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    out.pos = u64("pos");
    out.seq = u64("seq");
    out.client = str("client_id");
    out.agent = str("agent");
    out.accepted_at = str("accepted_at");
    if (out.accepted_at.size() > 10) out.accepted_at.resize(10);  // a timestamp's date part
    out.op = std::move(*op);
  }
  // An op this version does not know (a newer version's, a hostile peer's), or one without a
  // kind, is still a line of the journal: the fold records it as rejected with its reason, so a
  // load, a replay or a sync never stops on it (DESIGN §3).
  return std::nullopt;
}

std::string journal_line(const Envelope& e) {
  nlohmann::json j = {{"pos", e.pos}, {"client_id", e.client}, {"seq", e.seq}, {"op", e.op}};
  if (!e.agent.empty()) j["agent"] = e.agent;
  if (!e.accepted_at.empty()) j["accepted_at"] = e.accepted_at;
  return j.dump();
}

std::optional<JournalError> parse_journal(std::string_view text, std::vector<Envelope>& out) {
  size_t line_no = 0, start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) {
      Envelope e;
      if (auto err = parse_journal_line(line, e)) return JournalError{line_no, *err};
      if (e.pos == 0) e.pos = out.size() + 1;
      out.push_back(std::move(e));
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace deskbill
