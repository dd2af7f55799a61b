// The longest text each field takes, in bytes (docs/ops.md): the fold refuses longer text with
// "too_long", and a form's buffer holds exactly this much plus its NUL, so a record loaded into a
// form and saved again is never cut (a 255-byte buffer once cut a 2 000-byte description, even
// through a letter, when only the hours were changed).
#pragma once
#include <cstddef>

namespace deskbill {

constexpr size_t kMaxName = 200;          // a customer, product, project, task, team, employee
constexpr size_t kMaxTitle = 500;         // a ticket's title
constexpr size_t kMaxDescription = 2000;  // a timesheet's description
constexpr size_t kMaxAddress = 1000;      // a customer's or the company's address
constexpr size_t kMaxEmail = 200;
constexpr size_t kMaxVat = 50;
constexpr size_t kMaxBankAccount = 100;

// The largest op, as compact JSON (UTF-8 bytes), that the sync server stores (docs/sync.md,
// Errors: 413). The app makes none larger, in a local workspace too (it may be published), and a
// pending op stored larger before this rule goes as a stand-in (core/refused.h).
constexpr size_t kMaxOpBytes = 16000;

}  // namespace deskbill
