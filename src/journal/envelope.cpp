#include "journal/envelope.h"

#include "core/dates.h"
#include "core/json_guard.h"
#include "core/json_member.h"

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
    // A member missing or of another type is left empty (0, ""), as before members were typed.
    (void)read_member(j, "pos", out.pos);
    (void)read_member(j, "seq", out.seq);
    (void)read_member(j, "client_id", out.client);
    (void)read_member(j, "agent", out.agent);
    (void)read_member(j, "accepted_at", out.accepted_at);
    (void)read_member(j, "chain", out.chain);
    if (out.accepted_at.size() > 10) out.accepted_at.resize(10);  // a timestamp's date part
    out.op = std::move(*op);
  }
  // An op this version does not know (a newer version's, a hostile peer's), or one without a
  // kind, is still a line of the journal: the fold records it as rejected with its reason, so a
  // load, a replay or a sync never stops on it (DESIGN §3).
  return std::nullopt;
}

bool valid_chain(std::string_view chain) {
  if (chain.empty() || chain.size() > 64) return false;
  for (char c : chain)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string journal_line(const Envelope& e) {
  nlohmann::json j = {{"pos", e.pos}, {"client_id", e.client}, {"seq", e.seq}, {"op", e.op}};
  if (!e.agent.empty()) j["agent"] = e.agent;
  if (!e.accepted_at.empty()) j["accepted_at"] = e.accepted_at;
  if (!e.chain.empty()) j["chain"] = e.chain;
  return j.dump();
}

namespace {
// Calls each(line) for every line that is not blank; stops at its first error, given its number.
template <class Each>
std::optional<JournalError> for_each_line(std::string_view text, Each each) {
  size_t line_no = 0, start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) {
      if (std::optional<std::string> err = each(line)) return JournalError{line_no, *err};
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return std::nullopt;
}
}  // namespace

std::optional<JournalError> parse_journal(std::string_view text, std::vector<Envelope>& out) {
  return for_each_line(text, [&](std::string_view line) -> std::optional<std::string> {
    Envelope e;
    if (auto err = parse_journal_line(line, e)) return err;
    if (e.pos == 0) e.pos = out.size() + 1;
    out.push_back(std::move(e));
    return std::nullopt;
  });
}

std::optional<std::string> JournalLineReader::read(std::string_view line) {
  if (line.size() > kMaxJournalLineBytes) return journal_line_refusal(line);
  if (FlatJsonReader::read(line, top_, &inner_)) {
    const OpValue* op = top_.find("op");
    if (!op) {  // a bare op
      op_ = &top_;
      pos_ = seq_ = 0;
      client_ = agent_ = accepted_at_ = chain_ = {};
      return std::nullopt;
    }
    if (op->type == OpValue::Type::Object) {
      auto u64 = [&](std::string_view k) -> uint64_t {
        const OpValue* v = top_.find(k);
        return v && v->type == OpValue::Type::Uint ? v->unsigned_ : 0;
      };
      auto str = [&](std::string_view k) -> std::string_view {
        const OpValue* v = top_.find(k);
        return v && v->is_string() ? v->text : std::string_view();
      };
      op_ = &inner_;
      pos_ = u64("pos");
      seq_ = u64("seq");
      client_ = str("client_id");
      agent_ = str("agent");
      accepted_at_ = str("accepted_at").substr(0, 10);  // a timestamp's date part
      chain_ = str("chain");
      return std::nullopt;
    }
  }
  ++fallbacks_;
  if (auto err = parse_journal_line(line, fallback_)) return err;
  inner_.assign(fallback_.op);
  op_ = &inner_;
  pos_ = fallback_.pos;
  seq_ = fallback_.seq;
  client_ = fallback_.client;
  agent_ = fallback_.agent;
  accepted_at_ = fallback_.accepted_at;
  chain_ = fallback_.chain;
  return std::nullopt;
}

OpContext JournalLineReader::context() const {
  OpContext c;
  c.pos = pos_;
  c.client = std::string(client_);
  c.agent = std::string(agent_);
  if (auto d = parse_day(accepted_at_)) c.accepted_at = *d;
  return c;
}

std::optional<JournalError> read_journal(std::string_view text, JournalLineReader& reader,
                                         const std::function<void(const JournalLineReader&)>& fold) {
  uint64_t count = 0;
  return for_each_line(text, [&](std::string_view line) -> std::optional<std::string> {
    if (auto err = reader.read(line)) return err;
    ++count;
    if (reader.pos() == 0) reader.number_as(count);
    fold(reader);
    return std::nullopt;
  });
}

std::optional<JournalError> read_journal(std::string_view text, JournalLineReaders& readers,
                                         const std::function<void(const JournalLineReader&)>& fold,
                                         const std::function<void(const JournalLineReader&)>& ahead) {
  if (!ahead) return read_journal(text, readers.one, fold);
  uint64_t count = 0;
  JournalLineReader* held = nullptr;  // read, not folded yet
  JournalLineReader* next = &readers.one;
  auto err = for_each_line(text, [&](std::string_view line) -> std::optional<std::string> {
    if (auto err = next->read(line)) return err;
    ++count;
    if (next->pos() == 0) next->number_as(count);
    ahead(*next);
    if (held) fold(*held);
    held = next;
    next = held == &readers.one ? &readers.other : &readers.one;
    return std::nullopt;
  });
  if (held) fold(*held);  // the last line read, or the last before a bad one
  return err;
}

}  // namespace deskbill
