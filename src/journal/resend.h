// Re-sending this device's work to a server restored from an older copy (docs/sync.md: a device
// ahead of a restored server). The device keeps the positions it shares with the server: the
// highest position whose chain the server gave and this device holds too, or (a server before
// chains) the server's head. This device's own confirmed ops after the kept ones become pending
// again under their own seqs, before the pending ops: those with a seq above `acked_seq` are the
// ones the server lost, and those up to it (which it held when it said so) are sent too, since
// it may have been restored again since; it takes an op it holds as a retry. Other devices' ops
// after the kept ones are dropped here: they come back from the server, or when those devices
// re-send theirs. The pending ops follow, numbered again after the ops taken back where one of
// them has a seq of those (a device restored from an older copy) or where a gap no one can fill
// comes before one. Planning twice gives the same plan, so a crash half-way through applying it
// is mended by choosing "Re-send" again.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/text_template.h"
#include "journal/envelope.h"
#include "journal/store.h"
#include "journal/workspace.h"

namespace deskbill {

// What the server said when it refused the device (SyncRefusal's server_behind members).
struct ServerBehind {
  uint64_t head = 0;                          // its last position
  uint64_t acked_seq = 0;                     // the highest seq of this device it holds
  std::optional<PositionChains> chains = {};  // its chains at a few positions (none: a server before chains)
};

struct ResendPlan {
  std::vector<Envelope> kept;      // the confirmed positions this device shares with the server
  std::vector<PendingOp> pending;  // to send, in seq order
  size_t resent = 0;               // own ops taken back that the server said it lost (seq > acked_seq)
  TextTemplate error;              // the plan cannot be made (nothing is to change): a whole sentence
  // With `error`: not now. The server lost the publication this workspace began with, made by
  // another device; this device's work builds on it, and sent first it would be refused by every
  // fold (its records unknown) and would leave the publisher refused for good ("not empty").
  // Once the publisher has re-sent it, the same choice goes through.
  bool wait_for_publisher = false;
};

// How many of the first confirmed positions this device shares with the server.
uint64_t shared_positions(const std::vector<Envelope>& confirmed, const ServerBehind& server);

ResendPlan plan_resend(std::vector<Envelope> confirmed, const std::vector<PendingOp>& pending,
                       const std::string& client_id, const ServerBehind& server);

// Re-sending as a device does it: the plan made from every stored confirmed op (archived ones
// from the store's cold folder) and `ws`'s pending ops, stored in one step
// (JournalStore::relayout), and the workspace of the new layout. The host then has the save
// pipeline store it (SavePipeline::rewrote_from(first_seq)) before the sync loop sends.
struct Resent {
  TextTemplate problem;             // nothing changed (the plan or its storing failed), for the UI to translate
  bool wait_for_publisher = false;  // with `problem`: choose again later (ResendPlan)
  std::unique_ptr<Workspace> ws;    // the new layout's, when stored
  std::optional<std::string> tidy;  // stored, but its old files are left to the next write
  size_t resent = 0;                // own ops taken back that the server said it lost
  uint64_t first_seq = 0;           // the first seq sent again
};
Resent resend_stored(JournalStore& store, StoredWorkspace& meta, const Workspace& ws, const ServerBehind& server);

}  // namespace deskbill
