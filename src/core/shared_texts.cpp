#include "core/shared_texts.h"

#include <utility>

namespace deskbill {

std::optional<std::string> compact_shared_texts(State& s) {
  std::optional<std::string> problem;
  each_shared_text(std::as_const(s), [&](const Text& t, const char* what, uint32_t row, const char* field) {
    if (!problem && !s.text.holds(t))
      problem = std::string(what) + " " + std::to_string(row) + " has a text past the text pool (" + field + ")";
  });
  if (problem) return problem;
  TextPool fresh;
  each_shared_text(s, [&](Text& t, const char*, uint32_t, const char*) { t = fresh.add(s.text.view(t)); });
  s.text = std::move(fresh);
  return std::nullopt;
}

}  // namespace deskbill
