// Re-sending this device's work to a server restored from an older copy (docs/sync.md: a device
// ahead of a restored server). The server holds positions up to `head` and this device's seqs up
// to `acked_seq`; this device's own confirmed ops after `head` are the ones it lost. They become
// pending again under their own seqs (the server took them contiguously, so they follow
// `acked_seq`), before the pending ops; other devices' ops after `head` are dropped here and
// come back when those devices re-send theirs. Planning twice gives the same plan, so a crash
// half-way through applying it is mended by choosing "Re-send" again.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "journal/envelope.h"
#include "journal/store.h"
#include "journal/workspace.h"

namespace deskbill {

struct ResendPlan {
  std::vector<Envelope> kept;      // confirmed positions 1..head
  std::vector<PendingOp> pending;  // to send, in seq order
  size_t resent = 0;               // own ops taken back from after head
  std::string error;               // the plan cannot be made (nothing is to change)
};

ResendPlan plan_resend(std::vector<Envelope> confirmed, const std::vector<PendingOp>& pending,
                       const std::string& client_id, uint64_t head, uint64_t acked_seq);

// Re-sending as a device does it: the plan made from every stored confirmed op (archived ones
// from the store's cold folder) and `ws`'s pending ops, stored in one step
// (JournalStore::relayout), and the workspace of the new layout. The host then has the save
// pipeline store it (SavePipeline::rewrote_from(first_seq)) before the sync loop sends.
struct Resent {
  std::string problem;              // nothing changed (the plan or its storing failed)
  std::unique_ptr<Workspace> ws;    // the new layout's, when stored
  std::optional<std::string> tidy;  // stored, but its old files are left to the next write
  size_t resent = 0;                // own ops taken back from after head
  uint64_t first_seq = 0;           // the first seq sent again
};
Resent resend_stored(JournalStore& store, StoredWorkspace& meta, const Workspace& ws, uint64_t head,
                     uint64_t acked_seq);

}  // namespace deskbill
