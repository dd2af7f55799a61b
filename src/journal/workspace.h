// A workspace as a device sees it (DESIGN §3): confirmed ops in the sequencer's order, this
// device's pending ops on top, and the state shown = fold(confirmed) ⊕ replay(pending).
// Confirmed ops are folded and counted, not kept: they live in the journal store (at 1M
// timesheets a parsed copy of them would cost more memory than the whole state).
#pragma once
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/apply.h"
#include "journal/envelope.h"

namespace deskbill {

struct PendingOp {
  uint64_t seq = 0;
  nlohmann::json op;
  // Not 0: the server said it holds this seq, and a request of this tab carried the op. It is the
  // server's last position then: the op waits to come back until the device has received that
  // far (under its seq or, taken as a retry of the same op held under another seq, elsewhere),
  // and requests leave it out. Not kept on disk: a tab that loads it sends it once more, which
  // the server takes as a retry (Workspace::receive).
  uint64_t stored_by = 0;
  bool stored() const { return stored_by != 0; }
};

class Workspace {
 public:
  // local: this device is the sequencer (no server); shared: a server orders ops.
  Workspace(std::string client_id, bool shared);

  const State& state() const { return overlay_ ? *overlay_ : confirmed_state_; }
  const State& confirmed_state() const { return confirmed_state_; }
  bool shared() const { return shared_; }
  const std::string& client_id() const { return client_id_; }
  // Confirmed ops are positions 1..N without gaps (the sequencer's order), so N is the cursor.
  uint64_t confirmed_count() const { return confirmed_count_; }
  const std::vector<PendingOp>& pending() const { return pending_; }
  uint64_t cursor() const { return confirmed_count_; }
  // The server's chain at the cursor (Envelope::chain): sent with each request, so a server
  // restored from an older copy can tell that this device holds other ops (docs/sync.md).
  // Empty when not known (a local workspace, ops from a server before chains).
  const std::string& cursor_chain() const { return cursor_chain_; }
  uint64_t next_seq() const { return next_seq_; }

  // A user action. Refused ops change nothing and are not recorded. On success the op is
  // confirmed at once (local) or pending (shared); `written` receives what to persist.
  [[nodiscard]] ApplyResult submit(const nlohmann::json& op, std::vector<Envelope>* confirmed_added = nullptr);

  // Loading from storage: confirmed ops (already in canonical order) and pending ops.
  void load(const std::vector<Envelope>& confirmed, std::vector<PendingOp> pending, uint64_t next_seq);
  // Loading from a snapshot: the state after the first `covered` confirmed ops (`covered_chain`
  // the chain at `covered`), then `tail` (the confirmed ops after them) replayed.
  void load_from(State snapshot_state, uint64_t covered, const std::vector<Envelope>& tail,
                 std::vector<PendingOp> pending, uint64_t next_seq, std::string covered_chain = "");

  // Loading a long journal without holding it: replay confirmed ops one by one onto an empty
  // state, then finish with the pending ops.
  void replay_confirmed(const Envelope& e);
  // The same for a line read without a DOM (JournalStore::load's full replay).
  void replay_confirmed(const JournalLineReader& line);
  void finish_load(std::vector<PendingOp> pending, uint64_t next_seq);
  // A read-only tab brings itself up to what the writer tab stored (docs/journal.md, "One
  // writer"): the confirmed ops stored since it last read (`tail`), then the writer's pending ops
  // and its counter. The counter never goes below a seq of this device in `tail` or `pending`:
  // files read while the writer flushed may pair a newer pending file with an older
  // workspace.json, and this tab may become the writer and hand out seqs (JournalStore::load keeps
  // the same rule).
  void follow(const std::vector<Envelope>& tail, std::vector<PendingOp> pending, uint64_t stored_next_seq);

  // Sync: the server acknowledged this device's seqs up to acked_seq and sent the confirmed ops
  // after the cursor. A pending op is done when it came back among the ops with the same content.
  // One a request of this tab carried (seq up to `max_sent`) that is acknowledged is `stored`: it
  // waits to come back, and is sent again if a later answer acknowledges less (a restore).
  // A pending op acknowledged but never sent by this tab stays pending: an earlier tab may have
  // sent it (then the server takes it again as a retry), or the server holds another op under
  // its seq (then it refuses it, reason "seq_taken", and renumber_from gives it a new one).
  // Taking it as acknowledged would lose it in the second case; numbering it again at once made
  // a duplicate in the first, and could leave a seq no one sends (docs/sync.md). `head` is the
  // server's last position (0: not said; an acknowledged op is then done at once, as before).
  void receive(uint64_t acked_seq, const std::vector<Envelope>& ops, uint64_t max_sent, uint64_t head = 0);
  // The first pending op a request carries: those before it are stored on the server and wait to
  // come back (PendingOp::stored), so what is sent still follows what the server holds.
  std::vector<PendingOp>::const_iterator first_to_send() const {
    return std::find_if(pending_.begin(), pending_.end(), [](const PendingOp& p) { return !p.stored(); });
  }
  // The server holds another op under pending seq `seq` (restored storage, or a device id used
  // twice): that op and every pending op after it are numbered again from `acked_seq` + 1, in
  // order, so seqs stay contiguous after the server's last. Returns how many were. They were
  // never sent under their new numbers, so they must be stored again before they are sent.
  size_t renumber_from(uint64_t seq, uint64_t acked_seq);
  // The server's last seq of this device is `acked_seq`, and the first pending op comes more than
  // one after it: the seqs between were other ops of this device that the server held when it
  // refused this device's ops under them (seq_taken), and lost since (it was restored), and no
  // one holds them now. The server takes a device's ops only in order, so it would take none: the
  // pending ops are numbered again from `acked_seq` + 1. Returns how many were (0: no gap).
  size_t close_gap(uint64_t acked_seq);
  // The server refused pending op `seq` for this user's role: it keeps its seq (later ops stay
  // contiguous) and becomes an op.refused stand-in (core/refused.h) that every fold records as
  // rejected. False if no pending op has that seq or it already is a stand-in. The new content
  // must be stored before it is sent (SavePipeline::rewrote_from).
  [[nodiscard]] bool replace_refused(uint64_t seq, const std::string& reason);
  // Ops the fold would refuse if they were confirmed now (the conflicts a user should see).
  const std::vector<std::pair<uint64_t, OpError>>& pending_conflicts() const { return pending_conflicts_; }

 private:
  void rebuild_overlay();

  std::string client_id_;
  bool shared_;
  uint64_t next_seq_ = 1;
  uint64_t confirmed_count_ = 0;
  std::string cursor_chain_;
  std::vector<PendingOp> pending_;
  State confirmed_state_;
  std::unique_ptr<State> overlay_;
  std::vector<std::pair<uint64_t, OpError>> pending_conflicts_;
};

}  // namespace deskbill
