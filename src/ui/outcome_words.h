// What the host's own outcomes say, in the UI's language: shown on a screen and announced with the
// same words (a screen reader hears what the screen shows). Plain text: natively tested.
#pragma once
#include <string>

#include "ui/host.h"

namespace deskbill::ui {

// What the last import (a file, or the demo data) did: how many operations were taken and
// refused, and why the first was refused (the rule's message, as the form would say it); or why
// nothing was imported. "" before any import.
std::string import_outcome_text(const Host::ImportOutcome& im);
// Whether that is told as a problem (red): nothing imported, or an operation refused.
bool import_outcome_is_problem(const Host::ImportOutcome& im);

}  // namespace deskbill::ui
