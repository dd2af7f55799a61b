#include "journal/open_problem.h"

namespace deskbill {

TextTemplate told_open_problem(const std::string& storage_words, const std::optional<std::string>& journal_problem) {
  if (storage_words.empty() && !journal_problem) return {};
  if (!journal_problem) return {"Browser storage could not be read: %s", {storage_words}};
  if (storage_words.empty()) return {"The saved journal could not be read: %s", {*journal_problem}};
  // One sentence each: before, the two were joined without a space ("…read: XThe saved…").
  return {"Browser storage could not be read: %s. The saved journal could not be read: %s",
          {without_full_stop(storage_words), *journal_problem}};
}

}  // namespace deskbill
