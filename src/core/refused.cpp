#include "core/refused.h"

#include "core/handlers.h"
#include "core/json_member.h"

namespace deskbill {

nlohmann::json wrap_refused(const nlohmann::json& op, const std::string& reason) {
  return {{"kind", kRefusedKind}, {"reason", reason}, {"op", op}};
}

std::string op_text(const nlohmann::json& op, const char* key) {
  std::string text;
  if (op.is_object()) (void)read_member(op, key, text);  // missing or not text: ""
  return text;
}

const nlohmann::json& unwrap_refused(const nlohmann::json& op) {
  if (op.is_object()) {
    auto k = op.find("kind");
    auto inner = op.find("op");
    if (k != op.end() && k->is_string() && *k == kRefusedKind && inner != op.end() && inner->is_object()) return *inner;
  }
  return op;
}

// Always refused: the op stands in the journal only to be shown as rejected, with the reason
// the server gave.
void op_refused(State&, const OpArgs& a, const OpContext&) {
  std::string reason = a.text("reason", false, 2000);
  refuse("refused_by_server",
         "Refused by the server: " + (reason.empty() ? std::string("no reason given") : reason) + ".");
}

}  // namespace deskbill
