// Limits checked on JSON text before a parser builds a tree from it: nlohmann's DOM parser
// recurses and allocates per nesting level, so 100 MB of "[" took 7 GB before its error. A journal
// line or a sync answer is refused with a reason instead (docs/ops.md, Limits).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace deskbill {

inline constexpr int kMaxJsonDepth = 64;                 // ops are a few levels deep
inline constexpr size_t kMaxJournalLineBytes = 1 << 20;  // an op is at most 16 kB on the server

// Nesting counted on the raw text (brackets outside strings), in one pass, without allocating.
bool json_depth_within(std::string_view text, int max_depth = kMaxJsonDepth);
// Why a journal line may not be parsed (too long, too deep), or nullopt.
std::optional<std::string> journal_line_refusal(std::string_view line);
// journal_line_refusal's two reasons, in the words the CLI prints: the UI tells each in a
// sentence of its own (JournalError::told).
std::string line_too_long_words();
std::string line_too_deep_words();

}  // namespace deskbill
