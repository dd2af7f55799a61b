#include "core/csv.h"

namespace deskbill {

std::string csv_cell(std::string_view text) {
  std::string f(text);
  if (!f.empty() && (f[0] == '=' || f[0] == '+' || f[0] == '-' || f[0] == '@' || f[0] == '\t' || f[0] == '\r'))
    f.insert(0, 1, '\'');
  if (f.find_first_of(",\"\n\r") == std::string::npos) return f;
  std::string out = "\"";
  for (char c : f) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace deskbill
