#include "journal/resend.h"

namespace deskbill {

ResendPlan plan_resend(std::vector<Envelope> confirmed, const std::vector<PendingOp>& pending,
                       const std::string& client_id, uint64_t head, uint64_t acked_seq) {
  ResendPlan plan;
  if (head > confirmed.size()) {
    plan.error = "the server holds more positions than this device: nothing to re-send";
    return plan;
  }
  for (size_t i = 0; i < confirmed.size(); ++i) {
    Envelope& e = confirmed[i];
    if (i < head) {
      plan.kept.push_back(std::move(e));
    } else if (e.client == client_id) {
      plan.pending.push_back(PendingOp{e.seq, std::move(e.op)});
      ++plan.resent;
    }
  }
  // After a crash between writing the pending file and rewriting the segments, the pending ops
  // already hold the ops taken back: each seq is kept once.
  uint64_t last = plan.pending.empty() ? acked_seq : plan.pending.back().seq;
  for (const PendingOp& p : pending)
    if (p.seq > last) plan.pending.push_back(p);
  // The server stores a device's ops contiguously: the first to send must follow acked_seq.
  uint64_t expect = acked_seq + 1;
  for (const PendingOp& p : plan.pending) {
    if (p.seq != expect) {
      plan.error = "this device's operations do not follow what the server holds (op " + std::to_string(p.seq) +
                   " after " + std::to_string(expect - 1) + "): export a backup and ask the administrator";
      plan.kept.clear();
      plan.pending.clear();
      return plan;
    }
    ++expect;
  }
  return plan;
}

Resent resend_stored(JournalStore& store, StoredWorkspace& meta, const Workspace& ws, uint64_t head,
                     uint64_t acked_seq) {
  Resent out;
  std::vector<Envelope> all;
  if (auto err = store.read_all_confirmed(meta, all)) {
    out.problem = "The journal could not be read (" + *err + "); nothing was re-sent.";
    return out;
  }
  ResendPlan plan = plan_resend(std::move(all), ws.pending(), meta.client_id, head, acked_seq);
  if (!plan.error.empty()) {
    out.problem = "Could not re-send this device's work: " + plan.error + ".";
    return out;
  }
  // Nothing goes out before the new layout is durable: a crash before that reopens the old one,
  // which the server still answers with "restored from an older copy", and re-sending again
  // gives the same plan.
  StoredWorkspace next = meta;
  next.next_seq = std::max(next.next_seq, ws.next_seq());
  RelayoutResult r = store.relayout(plan.kept.size(), plan.pending, next);
  if (!r.switched) {
    out.problem = "Could not write to browser storage: " + *r.error + "; nothing was re-sent.";
    return out;
  }
  meta = next;
  out.tidy = r.error;
  out.resent = plan.resent;
  out.first_seq = acked_seq + 1;
  out.ws = std::make_unique<Workspace>(meta.client_id, true);
  out.ws->load(plan.kept, std::move(plan.pending), ws.next_seq());
  return out;
}

}  // namespace deskbill
