// One line of a journal: an op with the facts its sequencer added (position, client, seq,
// agent, acceptance date). Serialised as one JSON object per line (docs/journal.md).
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/apply.h"

namespace deskbill {

struct Envelope {
  uint64_t pos = 0;
  std::string client;
  uint64_t seq = 0;
  std::string agent;
  std::string accepted_at;  // YYYY-MM-DD, empty in a local workspace
  nlohmann::json op;

  OpContext context() const;
};

// A line is either a bare op ({"kind": ...}) or an envelope ({"pos":..., "op": {...}}).
// Returns an error message, or nullopt when `out` was filled.
[[nodiscard]] std::optional<std::string> parse_journal_line(std::string_view line, Envelope& out);
std::string journal_line(const Envelope& e);

struct JournalError {
  size_t line = 0;
  std::string message;
};
// Parses a whole JSONL text; blank lines are skipped; stops at the first bad line.
[[nodiscard]] std::optional<JournalError> parse_journal(std::string_view text, std::vector<Envelope>& out);

}  // namespace deskbill
