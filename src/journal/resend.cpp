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

}  // namespace deskbill
