#include "core/json_guard.h"

namespace deskbill {

bool json_depth_within(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

std::string line_too_long_words() {
  return "longer than " + std::to_string(kMaxJournalLineBytes) + " bytes (an operation is at most 16 kB)";
}
std::string line_too_deep_words() { return "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"; }

std::optional<std::string> journal_line_refusal(std::string_view line) {
  if (line.size() > kMaxJournalLineBytes) return line_too_long_words();
  if (!json_depth_within(line)) return line_too_deep_words();
  return std::nullopt;
}

}  // namespace deskbill
