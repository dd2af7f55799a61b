// A state folded from a generated journal of `timesheets` timesheets (journal/generator.h), for
// tests that need every kind of record at once.
#pragma once
#include <cstdint>

#include "core/apply.h"
#include "journal/generator.h"

namespace deskbill::test {

inline State generated_state(uint64_t timesheets) {
  State s;
  GeneratorOptions o;
  o.timesheets = timesheets;
  generate_journal(o, [&](const nlohmann::json& op) { apply_or_reject(s, op); });
  return s;
}

}  // namespace deskbill::test
