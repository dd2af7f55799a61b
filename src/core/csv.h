// One cell of a CSV export, safe to open in a spreadsheet: quoted when it holds a separator, a
// quote or a line break, and a text that a spreadsheet would run as a formula (it starts with
// = + - @, a tab or a carriage return) is prefixed with ' as OWASP recommends. Numbers the
// exports format themselves ("-1.50") are written as they are, not through csv_cell.
#pragma once
#include <string>
#include <string_view>

namespace deskbill {

std::string csv_cell(std::string_view text);
}  // namespace deskbill
