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

}  // namespace deskbill
