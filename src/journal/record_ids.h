// The ids of new records (docs/ops.md): "<client>.<seq>.<tag>-<n>", the device's id, the seq its
// op is about to take, a tag drawn when the tab opened, and the tab's count of ids made.
//
// The seq alone does not make an id unique on a device: a device whose storage was restored from
// an older copy numbers its next ops with seqs that ops of its lost future took on the server,
// and those made ids too. The same id would then name two records: the later ticket is refused
// for its id, and the timesheets logged on it land on the other one. The tag tells the two tabs
// apart.
//
// A change (an op that creates no record: a rename, a stage, a post) names no id of its own, and
// the same change may be made twice on purpose (a name set back). A server and a device restored
// from an older copy tell "the very op, sent again under another seq" from "another op" by its
// content (docs/sync.md), so each change the user makes carries a mark drawn the same way:
// "mark": "<tag>-<n>". The fold ignores it.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/op_kinds.h"

namespace deskbill {

class RecordIds {
 public:
  // `tab_tag`: random, drawn once per tab (web_random_id: 6 base-36 characters).
  explicit RecordIds(std::string tab_tag) : tag_(std::move(tab_tag)) {}
  [[nodiscard]] std::string next(const std::string& client_id, uint64_t seq) {
    return client_id + "." + std::to_string(seq) + "." + tag_ + "-" + std::to_string(++made_);
  }
  // Marks an op that creates no record (one that does is told apart by its id) and has no mark.
  void mark_change(nlohmann::json& op) {
    if (!op.is_object() || op.contains("mark")) return;
    auto kind = op.find("kind");
    if (kind == op.end() || !kind->is_string() || op_creates_record(kind->get_ref<const std::string&>())) return;
    op["mark"] = tag_ + "-" + std::to_string(++made_);
  }

 private:
  std::string tag_;
  uint64_t made_ = 0;
};

}  // namespace deskbill
