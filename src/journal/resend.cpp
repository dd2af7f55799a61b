#include "journal/resend.h"

#include <algorithm>

namespace deskbill {

uint64_t shared_positions(const std::vector<Envelope>& confirmed, const ServerBehind& server) {
  if (!server.chains) return server.head;
  // Equal chains at a position mean the same ops up to it; position 0 is always shared.
  uint64_t keep = 0;
  for (const auto& [pos, chain] : *server.chains)
    if (!chain.empty() && pos > keep && pos <= server.head && pos <= confirmed.size() &&
        confirmed[pos - 1].chain == chain)
      keep = pos;
  return keep;
}

ResendPlan plan_resend(std::vector<Envelope> confirmed, const std::vector<PendingOp>& pending,
                       const std::string& client_id, const ServerBehind& server) {
  ResendPlan plan;
  const uint64_t keep = shared_positions(confirmed, server), acked_seq = server.acked_seq;
  if (keep > confirmed.size()) {
    plan.error = {"Could not re-send this device's work: the server holds more positions than this device.", {}};
    return plan;
  }
  // A workspace published by another device begins with its ops, which carry no acceptance date
  // (docs/sync.md, Publishing). When the server holds fewer positions than the publication took,
  // it lost (some of) it, and this device's work stands on it: the publication goes first. (Not
  // compared by chain: the server gives chains at a few positions only, and none need be the
  // publication's end. While every other device waits, only the publisher fills them.)
  size_t published = 0;
  while (published < confirmed.size() && confirmed[published].accepted_at.empty() &&
         confirmed[published].client != client_id && confirmed[published].client == confirmed[0].client)
    ++published;
  if (published > 0 && confirmed[published - 1].pos > server.head) {
    plan.error = {
        "The server lost the publication of this workspace (by device '%s'), which this device's work "
        "builds on. Its publisher re-sends it first: choose Re-send again once it has. Your work stays on "
        "this device.",
        {confirmed[0].client}};
    plan.wait_for_publisher = true;
    return plan;
  }
  for (size_t i = 0; i < confirmed.size(); ++i) {
    Envelope& e = confirmed[i];
    if (i < keep) {
      plan.kept.push_back(std::move(e));
    } else if (e.client == client_id) {
      // Sent again even when the server said it holds this seq: it may have been restored once
      // more since it said so (the fault simulation, seed 89). An op it still holds is taken
      // as a retry (the same content under the same seq) and comes back with its position.
      if (e.seq > acked_seq) ++plan.resent;
      plan.pending.push_back(PendingOp{e.seq, std::move(e.op)});
    }
  }
  // After a crash between writing the pending file and rewriting the segments, the pending ops
  // already hold the ops taken back (the same seq, the same op): each is kept once. A pending op
  // under the seq of another op taken back is another op: a device restored from an older copy
  // holds it, and its lost future's op came back under that seq. It and the pending ops after it
  // go after the ops taken back, in their order.
  const size_t taken_back = plan.pending.size();
  uint64_t last = taken_back == 0 ? 0 : plan.pending.back().seq;
  auto same_as_taken_back = [&](const PendingOp& p) {  // the ops taken back are in seq order
    auto end = plan.pending.begin() + static_cast<std::ptrdiff_t>(taken_back);
    auto it = std::lower_bound(plan.pending.begin(), end, p.seq,
                               [](const PendingOp& o, uint64_t seq) { return o.seq < seq; });
    return it != end && it->seq == p.seq && it->op == p.op;
  };
  bool renumber = false;
  for (const PendingOp& p : pending) {
    if (p.seq <= last && same_as_taken_back(p)) continue;
    renumber = renumber || p.seq <= last;
    plan.pending.push_back(p);
  }
  if (renumber)
    for (size_t i = taken_back; i < plan.pending.size(); ++i) plan.pending[i].seq = ++last;
  // The server stores a device's ops contiguously: they must follow one another, the first at
  // most one past what the server holds. A gap before a pending op (after the server's last, or
  // after the op before it) is closed by numbering it and those after it again: the seqs in it
  // were other ops of this device, which a server held when it refused this device's ops under
  // them (seq_taken) and has lost since (it was restored).
  uint64_t expect = plan.pending.empty() ? 0 : std::min(plan.pending.front().seq, acked_seq + 1);
  for (size_t i = 0; i < plan.pending.size(); ++i) {
    PendingOp& p = plan.pending[i];
    if (i >= taken_back && p.seq > expect) p.seq = expect;
    if (p.seq != expect) {
      plan.error = {
          "Could not re-send this device's work: its operations do not follow what the server holds "
          "(op %s after %s). Export a backup and ask the administrator.",
          {std::to_string(p.seq), std::to_string(expect - 1)}};
      plan.kept.clear();
      plan.pending.clear();
      return plan;
    }
    ++expect;
  }
  return plan;
}

Resent resend_stored(JournalStore& store, StoredWorkspace& meta, const Workspace& ws, const ServerBehind& server) {
  Resent out;
  std::vector<Envelope> all;
  if (auto err = store.read_all_confirmed(meta, all)) {
    out.problem = {"The journal could not be read (%s); nothing was re-sent.", {*err}};
    return out;
  }
  ResendPlan plan = plan_resend(std::move(all), ws.pending(), meta.client_id, server);
  if (!plan.error.empty()) {
    out.problem = plan.error;
    out.wait_for_publisher = plan.wait_for_publisher;
    return out;
  }
  // Nothing goes out before the new layout is durable: a crash before that reopens the old one,
  // which the server still answers with "restored from an older copy", and re-sending again
  // gives the same plan.
  StoredWorkspace next = meta;
  next.next_seq = std::max(next.next_seq, ws.next_seq());
  if (!plan.pending.empty()) next.next_seq = std::max(next.next_seq, plan.pending.back().seq + 1);
  RelayoutResult r = store.relayout(plan.kept.size(), plan.pending, next);
  if (!r.switched) {
    out.problem = {"Could not write to browser storage: %s; nothing was re-sent.", {*r.error}};
    return out;
  }
  meta = next;
  out.tidy = r.error;
  out.resent = plan.resent;
  // Nothing of the new pending list goes out before the flush that stores it.
  out.first_seq = plan.pending.empty() ? server.acked_seq + 1 : plan.pending.front().seq;
  out.ws = std::make_unique<Workspace>(meta.client_id, true);
  out.ws->load(plan.kept, std::move(plan.pending), meta.next_seq);
  return out;
}

}  // namespace deskbill
