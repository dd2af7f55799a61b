#include "journal/envelope.h"

#include <istream>

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
  if (j.is_discarded()) return std::string(kNotValidJson);
  if (!j.is_object()) return std::string(kNotAJsonObject);
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
// A line a journal skips: nothing but spaces and tabs, once a CR before the LF is dropped.
std::string_view without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}
bool blank(std::string_view line) { return without_cr(line).find_first_not_of(" \t") == std::string_view::npos; }

// The lines of a text in turn; each view lives as long as the text.
class TextLines {
 public:
  explicit TextLines(std::string_view text) : text_(text) {}
  bool next(std::string_view& line) {
    if (start_ > text_.size()) return false;
    size_t end = text_.find('\n', start_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(start_, end - start_);
    start_ = end + 1;  // past the end after the last line
    return true;
  }

 private:
  std::string_view text_;
  size_t start_ = 0;
};

// The lines of a stream, each read into one buffer: a line's view lives until the next line is
// read. A line is read up to one byte past the longest a journal takes (json_guard.h), never
// whole: a file of one 5 GB line would otherwise be held in memory before being refused. Such a
// line is given cut there, which is refused as too long, and nothing after it is read.
class StreamLines {
 public:
  explicit StreamLines(std::istream& in) : in_(in) {}
  bool next(std::string_view& line) {
    if (cut_) return false;
    buffer_.resize(kRead);
    in_.getline(buffer_.data(), kRead);
    const size_t got = static_cast<size_t>(in_.gcount());  // with the '\n' when it was read
    if (in_.fail() && !in_.eof()) {                        // kRead - 1 bytes stored, the line goes on
      in_.clear();
      cut_ = true;
      line = std::string_view(buffer_.data(), got);
    } else if (got == 0 && in_.eof()) {
      return false;
    } else {
      line = std::string_view(buffer_.data(), in_.eof() ? got : got - 1);
    }
    return true;
  }

 private:
  static constexpr size_t kRead = kMaxJournalLineBytes + 2;  // the longest line taken, one more, the NUL
  std::istream& in_;
  std::string buffer_;
  bool cut_ = false;
};

// Calls each(line, line_no) for every line that is not blank (a CR before the LF dropped), with
// its number among all the lines; stops at its first error.
template <class Lines, class Each>
std::optional<JournalError> for_each_line(Lines& lines, Each each) {
  size_t line_no = 0;
  std::string_view line;
  while (lines.next(line)) {
    ++line_no;
    // A line longer than any taken is refused, whatever it holds: a stream gives only its start.
    if (line.size() <= kMaxJournalLineBytes && blank(line)) continue;
    if (std::optional<std::string> err = each(without_cr(line), line_no)) return JournalError{line_no, *err};
  }
  return std::nullopt;
}
}  // namespace

TextTemplate JournalError::told() const {
  const std::string n = std::to_string(line);
  if (message == kNotValidJson) return {"Line %s is not valid JSON.", {n}};
  if (message == kNotAJsonObject) return {"Line %s is not a JSON object.", {n}};
  if (message == line_too_long_words())
    return {"Line %s is longer than %s bytes; an operation is at most 16 kB.",
            {n, std::to_string(kMaxJournalLineBytes)}};
  if (message == line_too_deep_words())
    return {"Line %s is nested deeper than %s levels.", {n, std::to_string(kMaxJsonDepth)}};
  return {"Line %s: %s", {n, message}};
}

std::optional<JournalError> parse_journal(std::string_view text, std::vector<Envelope>& out) {
  TextLines lines(text);
  return for_each_line(lines, [&](std::string_view line, size_t) -> std::optional<std::string> {
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

namespace {
// read_journal over any lines: each line is read into `reader` and folded before the next is read.
template <class Lines>
std::optional<JournalError> read_lines(Lines lines, JournalLineReader& reader,
                                       const std::function<void(const JournalLineReader&)>& fold) {
  uint64_t read = 0;
  return for_each_line(lines, [&](std::string_view line, size_t line_no) -> std::optional<std::string> {
    if (auto err = reader.read(line)) return err;
    ++read;
    if (reader.pos() == 0) reader.number_as(read);
    reader.at_line(line_no);
    fold(reader);
    return std::nullopt;
  });
}
}  // namespace

std::optional<JournalError> read_journal(std::string_view text, JournalLineReader& reader,
                                         const std::function<void(const JournalLineReader&)>& fold) {
  return read_lines(TextLines(text), reader, fold);
}

std::optional<JournalError> read_journal(std::istream& in, JournalLineReader& reader,
                                         const std::function<void(const JournalLineReader&)>& fold) {
  return read_lines(StreamLines(in), reader, fold);
}

}  // namespace deskbill
