#include "core/refused.h"

#include <algorithm>
#include <vector>

#include "core/handlers.h"
#include "core/json_member.h"
#include "core/text_limits.h"

namespace deskbill {

nlohmann::json wrap_refused(const nlohmann::json& op, const std::string& reason) {
  nlohmann::json stand_in = {{"kind", kRefusedKind}, {"reason", reason}, {"op", op}};
  if (stand_in.dump().size() <= kMaxOpBytes || !op.is_object()) return stand_in;
  // Too large to be sent: the long members go, largest first, until it fits.
  std::vector<std::pair<size_t, std::string>> long_members;
  for (auto it = op.begin(); it != op.end(); ++it)
    if (size_t n = it.value().dump().size(); n > kMaxKeptMemberBytes) long_members.emplace_back(n, it.key());
  std::sort(long_members.rbegin(), long_members.rend());
  nlohmann::json kept = op;
  nlohmann::json left_out = nlohmann::json::array();
  for (const auto& m : long_members) {
    kept.erase(m.second);
    left_out.push_back(m.second);
    stand_in = {{"kind", kRefusedKind}, {"reason", reason}, {"op", kept}, {"left_out", left_out}};
    if (stand_in.dump().size() <= kMaxOpBytes) return stand_in;
  }
  // Many short members: only its kind is kept, and the first names of the others.
  nlohmann::json kind_only = nlohmann::json::object();
  if (auto k = op.find("kind"); k != op.end() && k->is_string() && k->get_ref<const std::string&>().size() < 200)
    kind_only["kind"] = *k;
  left_out = nlohmann::json::array();
  for (auto it = op.begin(); it != op.end() && left_out.size() < 50; ++it)
    if (it.key() != "kind") left_out.push_back(it.key().substr(0, 100));
  return {{"kind", kRefusedKind}, {"reason", reason}, {"op", kind_only}, {"left_out", left_out}};
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
