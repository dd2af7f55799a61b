#include "journal/publish.h"

#include <algorithm>

namespace deskbill {

Published publish_stored(JournalStore& store, StoredWorkspace& meta, const Workspace& ws) {
  Published out;
  std::vector<Envelope> all;
  if (auto err = store.read_all_confirmed(meta, all)) {
    out.problem = {"The journal could not be read (%s); nothing was published.", {*err}};
    return out;
  }
  std::vector<PendingOp> pending;
  pending.reserve(all.size());
  for (Envelope& e : all) pending.push_back(PendingOp{e.seq, std::move(e.op)});
  std::vector<Envelope>().swap(all);  // a large journal is not held twice
  StoredWorkspace next = meta;
  next.shared = true;
  // Sent marked "publish": the server keeps their own dates, so numbers and books stay as they are.
  next.publish_upto = pending.empty() ? 0 : pending.back().seq;
  next.next_seq = std::max(next.next_seq, ws.next_seq());
  RelayoutResult r = store.relayout(0, pending, next);
  if (!r.switched) {
    out.problem = {"Could not write to browser storage: %s; nothing was published.", {*r.error}};
    return out;
  }
  meta = next;
  out.tidy = r.error;
  out.ws = std::make_unique<Workspace>(meta.client_id, true);
  out.ws->load({}, std::move(pending), ws.next_seq());
  return out;
}

}  // namespace deskbill
