// What a tab tells when it opens a workspace it could not read in full: storage the browser could
// not read (the browser's words, kept by pre.js), a saved journal that could not be read, or
// both. A template the UI translates, the browser's and the store's words in it as they are.
#pragma once
#include <optional>
#include <string>

#include "core/text_template.h"

namespace deskbill {

// Empty when both are empty: nothing to tell.
[[nodiscard]] TextTemplate told_open_problem(const std::string& storage_words,
                                             const std::optional<std::string>& journal_problem);

}  // namespace deskbill
