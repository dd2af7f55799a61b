#include "core/update_op.h"

namespace deskbill {

UpdateOp::UpdateOp(std::string_view kind, std::string_view id) : op_{{"kind", std::string(kind)}} {
  if (!id.empty()) op_["id"] = std::string(id);
}

UpdateOp& UpdateOp::text(const char* key, std::string_view now, std::string_view before) {
  if (now != before) {
    op_[key] = std::string(now);
    ++fields_;
  }
  return *this;
}

UpdateOp& UpdateOp::value(const char* key, const nlohmann::json& now, const nlohmann::json& before) {
  if (now != before) {
    op_[key] = now;
    ++fields_;
  }
  return *this;
}

}  // namespace deskbill
