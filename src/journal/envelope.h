// One line of a journal: an op with the facts its sequencer added (position, client, seq,
// agent, acceptance date). Serialised as one JSON object per line (docs/journal.md).
#pragma once
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/apply.h"
#include "core/parsed_op.h"
#include "core/text_template.h"

namespace deskbill {

struct Envelope {
  uint64_t pos = 0;
  std::string client;
  uint64_t seq = 0;
  std::string agent;
  std::string accepted_at;  // YYYY-MM-DD, empty in a local workspace
  nlohmann::json op;
  // The server's chain after this op (docs/sync.md): equal chains at a position mean the same
  // ops up to it. Empty in a local workspace and for ops a server before chains sent.
  std::string chain = {};  // a default: aggregate initialisations before chains stay whole

  OpContext context() const;
};

// The server's chains at some positions, as a server_behind answer gives them (docs/sync.md).
using PositionChains = std::vector<std::pair<uint64_t, std::string>>;

// A chain as the server writes it: 1-64 lowercase hex digits. An answer holding another is not
// taken, since it would be sent back with every request and refused there.
bool valid_chain(std::string_view chain);

// A line is either a bare op ({"kind": ...}) or an envelope ({"pos":..., "op": {...}}).
// Returns an error message, or nullopt when `out` was filled.
[[nodiscard]] std::optional<std::string> parse_journal_line(std::string_view line, Envelope& out);
std::string journal_line(const Envelope& e);

// Why parse_journal_line refused a line, in the words the CLI prints.
constexpr std::string_view kNotValidJson = "not valid JSON", kNotAJsonObject = "not a JSON object";

struct JournalError {
  size_t line = 0;
  std::string message;
  // As the UI tells it (a damaged import): a whole sentence to translate, with the line's number;
  // a reason it has no sentence for stays in the parser's words.
  TextTemplate told() const;
};
// Parses a whole JSONL text; blank lines are skipped; stops at the first bad line.
[[nodiscard]] std::optional<JournalError> parse_journal(std::string_view text, std::vector<Envelope>& out);

// A journal line read for a replay, without a DOM: the envelope's facts and the op's fields are
// viewed in the line, which must outlive what was read. A line the flat reader does not take
// (docs/journal.md, Reading) is read by parse_journal_line instead, so a replay accepts, refuses
// and folds exactly the lines and values it did before. One reader is reused line after line:
// its buffers keep their capacity.
class JournalLineReader {
 public:
  [[nodiscard]] std::optional<std::string> read(std::string_view line);
  // What is read views the line: a temporary string would leave it dangling.
  std::optional<std::string> read(std::string&& line) = delete;

  uint64_t pos() const { return pos_; }
  uint64_t seq() const { return seq_; }
  std::string_view client() const { return client_; }
  std::string_view chain() const { return chain_; }
  const ParsedOp& op() const { return *op_; }
  OpContext context() const;
  // A line without a pos takes its place in the text being read, as parse_journal numbers it.
  void number_as(uint64_t pos) { pos_ = pos; }
  // The line's number in its text or file, blank lines counted (for messages): set by read_journal.
  uint64_t line_no() const { return line_no_; }
  void at_line(uint64_t line_no) { line_no_ = line_no; }
  // Lines the flat reader left to nlohmann, since the reader was made (benchmarks, tests).
  uint64_t fallbacks() const { return fallbacks_; }

 private:
  uint64_t pos_ = 0, seq_ = 0, line_no_ = 0;
  std::string_view client_, agent_, accepted_at_, chain_;
  ParsedOp top_, inner_;
  const ParsedOp* op_ = &top_;
  Envelope fallback_;
  uint64_t fallbacks_ = 0;
};

// Reads each line of a JSONL text as parse_journal does (blank lines skipped, a CR before the
// LF dropped, a missing pos numbered from 1 in this text) and hands it to `fold` as it is read;
// stops at the first bad line, after folding every line before it.
//
// A replay reads one line at a time. Reading lines ahead so that the id slots they will probe
// were asked of the cache first (a prefetch natively, sixteen loads at once in WebAssembly) was
// tried and removed: measured in lockstep on the same journal, it made a 10 k replay 4-7 % slower
// and a 1 M one no faster (docs/benchmarks.md, "Reading ahead, removed").
[[nodiscard]] std::optional<JournalError> read_journal(std::string_view text, JournalLineReader& reader,
                                                       const std::function<void(const JournalLineReader&)>& fold);
// As above, from a stream read a line at a time (a journal file larger than the state it makes,
// which a replay need not hold whole: deskbill-cli replay). A line's view lives until the next
// line is read.
[[nodiscard]] std::optional<JournalError> read_journal(std::istream& in, JournalLineReader& reader,
                                                       const std::function<void(const JournalLineReader&)>& fold);

}  // namespace deskbill
