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

// The stand-in always fits the server's limit (kMaxOpBytes): of an op too large to be sent
// (stored before the app refused such ops), the members larger than kMaxKeptMemberBytes are left
// out, largest first, and named in "left_out"; every fold refuses the stand-in anyway, and its
// kind, id and short members still say in the inbox what it was.
inline constexpr size_t kMaxKeptMemberBytes = 1000;
nlohmann::json wrap_refused(const nlohmann::json& op, const std::string& reason);
// The op as the user made it: the wrapped op of an op.refused, else op itself.
const nlohmann::json& unwrap_refused(const nlohmann::json& op);
// A member of an op as text, or "" when it is missing or not text (or op is not an object): a
// peer's op can hold anything, and nlohmann's value() throws on a member of another type.
std::string op_text(const nlohmann::json& op, const char* key);

}  // namespace deskbill
