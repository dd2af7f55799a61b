#include "ui/outcome_words.h"

#include "ui/i18n.h"

namespace deskbill::ui {

std::string import_outcome_text(const Host::ImportOutcome& im) {
  if (!im.done) return "";
  std::string what = im.file.empty() ? std::string(tr("Demo data")) : im.file;
  if (!im.problem.empty()) return what + ": " + tr("nothing was imported.") + " " + tr(im.problem);
  if (im.refused > 0)
    return fill(tr("%s: %s operations imported, %s refused. The first refused, operation %s: %s"),
                {what, std::to_string(im.imported), std::to_string(im.refused), std::to_string(im.first_refused),
                 tr_error(im.first_refusal.code, im.first_refusal.message)});
  return fill(tr("%s: %s operations imported."), {what, std::to_string(im.imported)});
}

bool import_outcome_is_problem(const Host::ImportOutcome& im) {
  return im.done && (!im.problem.empty() || im.refused > 0);
}

}  // namespace deskbill::ui
