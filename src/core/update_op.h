// An update op that names only the fields a form changed, so a save that changes one field cannot
// write back (and conflict on) the others. Shared by the product, customer and company forms.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace deskbill {

class UpdateOp {
 public:
  // `id` empty: an op without a record id (company.update).
  UpdateOp(std::string_view kind, std::string_view id);
  UpdateOp& text(const char* key, std::string_view now, std::string_view before);
  UpdateOp& value(const char* key, const nlohmann::json& now, const nlohmann::json& before);
  // True when no field changed: there is nothing to send.
  [[nodiscard]] bool empty() const { return fields_ == 0; }
  const nlohmann::json& op() const { return op_; }

 private:
  nlohmann::json op_;
  int fields_ = 0;
};

}  // namespace deskbill
