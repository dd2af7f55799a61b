// Provisional until the server has ordered it (DESIGN §3): in a shared workspace an invoice
// posted by an op not yet confirmed has no number yet ("Posted — numbered on sync"); when its
// post is confirmed, what the confirmed fold made of it is compared with what the user saw, and
// a difference becomes a notice for the inbox ("270.00 → 360.00: …").
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/sync_notice.h"
#include "journal/workspace.h"

namespace deskbill {

// The invoice `inv` of the shown state is posted, but not (yet) in the confirmed state.
bool invoice_provisional(const Workspace& ws, uint32_t inv);
// The ticket `t` of the shown state was created by an op the server has not ordered yet: its
// number (core/names.h, ticket_ref) is known once it is, as other devices' tickets may come first.
bool ticket_provisional(const Workspace& ws, uint32_t t);

struct PostSeen {
  uint64_t seq = 0;           // the pending invoice.post op
  std::string invoice, name;  // id, and a name for people ("Acme, 270.00")
  Money total = 0;
  Day date = kNoDay;
  size_t lines = 0;
};

class PostWatch {
 public:
  // The user posted `invoice` with the pending op `seq`: remember what the shown state says.
  void posted(uint64_t seq, const State& shown, const std::string& invoice);
  // After a sync: posts confirmed since, compared with what was seen. `received` are the ops the
  // sync brought (to name whose ops were ordered before the post). Returns the notices.
  std::vector<SyncNotice> settle(const Workspace& ws, const std::vector<Envelope>& received);
  const std::vector<PostSeen>& watched() const { return watched_; }
  // Kept across a reload (the host stores them beside the journal).
  nlohmann::json to_json() const;
  void from_json(const nlohmann::json& j);

 private:
  std::vector<PostSeen> watched_;
};

}  // namespace deskbill
