// An op the server refused for its sender's role (docs/sync.md, Roles). The device keeps the op's
// place (seq) so its later ops stay contiguous, and sends in its stead
//   {"kind": "op.refused", "reason": "...", "op": {the op as the user made it}}
// which every role may send and every fold records as rejected, so the refused work is kept and
// shown in its author's inbox, with the same ways forward as any rejected op.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace deskbill {

inline constexpr const char* kRefusedKind = "op.refused";

nlohmann::json wrap_refused(const nlohmann::json& op, const std::string& reason);
// The op as the user made it: the wrapped op of an op.refused, else op itself.
const nlohmann::json& unwrap_refused(const nlohmann::json& op);
// A member of an op as text, or "" when it is missing or not text (or op is not an object): a
// peer's op can hold anything, and nlohmann's value() throws on a member of another type.
std::string op_text(const nlohmann::json& op, const char* key);

}  // namespace deskbill
