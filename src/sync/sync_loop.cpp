#include "sync/sync_loop.h"

#include <algorithm>

#include "core/text_limits.h"

namespace deskbill {

void SyncLoop::attach(Workspace* ws, SavePipeline* pipeline) {
  // What this tab sent was the previous workspace's: another layout may hold other ops under
  // those seqs (a re-send after a refusal, publishing), so none of them counts as sent for it.
  // Its ops that a lost answer acknowledged go again, and the server takes them as a retry.
  sent_upto_ = 0;
  ws_ = ws;
  pipeline_ = pipeline;
  in_flight_ = 0;  // an answer to a request about the previous workspace is ignored
  publication_.reset();
  if (released_upto_ != kReleaseAll) released_upto_ = 0;
}

void SyncLoop::configure(std::string url, std::string workspace, std::string token) {
  url_ = std::move(url);
  workspace_ = std::move(workspace);
  token_ = std::move(token);
  backoff_ms_ = 0;
  behind_ = {};  // another endpoint or workspace: try again
  role_.reset();
  publication_.reset();
}

void SyncLoop::schedule(double delay_ms) {
  double at = now_() + delay_ms;
  if (!scheduled_ || at < next_at_) next_at_ = at;
  scheduled_ = true;
}

void SyncLoop::tick(bool online) {
  // Back online: sync at once instead of at the next periodic turn.
  if (online && !was_online_) schedule(0);
  was_online_ = online;
  double now = now_();
  if (in_flight_ != 0 && now - sent_at_ > kTimeoutMs) {
    // The answer was lost: the ops are still pending and are sent again (the server keeps
    // each (client, seq) once).
    in_flight_ = 0;
    error_ = {"The sync endpoint did not answer; retrying.", {}};
    schedule(0);
  }
  if (in_flight_ == 0 && scheduled_ && now >= next_at_) sync_now(online);
}

void SyncLoop::sync_now(bool online) {
  if (!enabled_ || !ws_ || !pipeline_ || !ws_->shared() || in_flight_ != 0 || server_behind()) return;
  double now = now_();
  next_at_ = now + kEveryMs;
  scheduled_ = true;
  if (!online) {
    error_ = {"Offline: changes are kept and sent when the network is back.", {}};
    return;
  }
  SyncRequest req = make_sync_request(*ws_, workspace_, pipeline_->durable_seq(), max_request_ops_, kMaxRequestBytes,
                                      publish_upto_, released_upto_);
  if (req.ops == 0 && req.too_large_seq != 0) {
    // Nothing before it to send: its stand-in first (stored, then sent with the ops after it).
    too_large(req.too_large_seq, req.too_large_bytes);
    return;
  }
  uint64_t id = in_flight_ = next_request_++;
  sent_at_ = now;
  ++requests_;
  // An answer acknowledges what any request of this tab sent, not only this one: a request
  // whose answer was lost may have been stored, and the next one may carry fewer ops (they wait
  // for a flush again after a relayout). Ops above all of them stay pending (Workspace::receive).
  sent_upto_ = std::max(sent_upto_, req.max_sent);
  uint64_t max_sent = sent_upto_;
  transport_.post(url_, token_, req.body,
                  [this, id, max_sent](int status, std::string body) { answered(id, max_sent, status, body); });
}

void SyncLoop::answered(uint64_t request, uint64_t max_sent, int status, const std::string& body) {
  if (request != in_flight_ || !ws_ || !pipeline_) return;  // late, or for another workspace
  in_flight_ = 0;
  uint64_t before = ws_->confirmed_count();
  size_t pending_before = ws_->pending().size();
  SyncOutcome out;
  auto err = apply_sync_response(*ws_, status, body, max_sent, out);
  if (auto r = parse_role(out.role)) role_ = r;
  if (err && out.refusal.reason == "role") return refused(out, *err);
  if (err && out.refusal.reason == "seq_taken") return seq_taken(out, *err);
  if (err && out.refusal.reason == "op_too_large") {
    uint64_t seq = out.refusal.seq;
    auto p =
        std::find_if(ws_->pending().begin(), ws_->pending().end(), [seq](const PendingOp& x) { return x.seq == seq; });
    return too_large(seq, p == ws_->pending().end() ? 0 : p->op.dump().size(), *err);
  }
  if (err && out.refusal.reason == "server_behind") {
    // Sending again would change nothing: the user chooses (re-send this device's work).
    behind_ = out.refusal;
    error_ = told_sync_problem(status, out);
    return;
  }
  if (err) {
    error_ = told_sync_problem(status, out);
    // Back off: 2 s, 4 s, … up to a minute; a refused request (4xx) is not retried sooner.
    backoff_ms_ = std::min(kMaxBackoffMs, backoff_ms_ == 0 ? 2000 : backoff_ms_ * 2);
    next_at_ = now_() + backoff_ms_;
    return;
  }
  backoff_ms_ = 0;
  bool renumbered = renumber([&] { return ws_->close_gap(out.acked_seq); }) > 0;
  if (renumbered) {
    // Numbered again after the server's last: never sent under those numbers, stored first.
    sent_upto_ = std::min(sent_upto_, out.acked_seq);
    pipeline_->rewrote_from(out.acked_seq + 1);
  }
  head_ = std::max(out.head, ws_->cursor());
  error_ = {};
  last_success_ms_ = now_();
  if (!out.new_confirmed.empty() || ws_->pending().size() != pending_before || renumbered)
    pipeline_->record(*ws_, out.new_confirmed, before);
  publication_ = out.publishing;
  if (on_applied) on_applied(out);
  // More to send or to fetch: go on soon. (Pending ops the server holds wait to come back with
  // the fetches. While another device's publication is incomplete the server stores none of
  // this device's work: it goes at the next turn, or sooner with more of the publication.)
  auto unsent = ws_->first_to_send();
  bool waiting = publication_ && publication_->client_id != ws_->client_id();
  bool more_pending = !waiting && unsent != ws_->pending().end() && unsent->seq <= pipeline_->durable_seq();
  if (more_pending) {
    // Re-sent work that waits for another device's record goes when the record comes back.
    auto h = held();
    if (h && h->seq == unsent->seq) more_pending = false;
  }
  if (more_pending || out.received >= 2000) schedule(kMoreMs);
}

}  // namespace deskbill

namespace deskbill {

void SyncLoop::seq_taken(const SyncOutcome& out, const std::string& message) {
  // The server holds another op under this device's seq (its storage was restored from an
  // older copy, or another device uses its id): that op and the ones after it get the numbers
  // after the server's last, and go once stored. Nothing is dropped.
  size_t n = renumber([&] { return ws_->renumber_from(out.refusal.seq, out.refusal.acked_seq); });
  // The new numbers were never sent: an acknowledgement up to them is of other ops.
  if (n > 0) sent_upto_ = std::min(sent_upto_, out.refusal.seq - 1);
  if (n == 0) {
    error_ = {message, {}};  // not a pending op of ours: back off
    backoff_ms_ = std::min(kMaxBackoffMs, backoff_ms_ == 0 ? 2000 : backoff_ms_ * 2);
    next_at_ = now_() + backoff_ms_;
    return;
  }
  pipeline_->rewrote_from(out.refusal.acked_seq + 1);
  pipeline_->record(*ws_, {}, ws_->confirmed_count());
  error_ = {
      "The server already held %s operation numbers of this device with other operations (was its storage "
      "restored?); they were numbered again and are sent once stored.",
      {std::to_string(n)}};
  schedule(kMoreMs);
}

size_t SyncLoop::renumber(const std::function<size_t()>& renumber_pending) {
  // A renumbering keeps the pending ops in order: the released ones are the same first ones. As
  // a seq alone, the release would follow the numbers instead (numbers moved up: the released
  // ops wait again; moved down: ops made after the click are released).
  size_t released = 0;
  if (released_upto_ != kReleaseAll)
    for (const PendingOp& p : ws_->pending()) released += p.seq <= released_upto_;
  size_t n = renumber_pending();
  if (n > 0 && released_upto_ != kReleaseAll) released_upto_ = released ? ws_->pending()[released - 1].seq : 0;
  return n;
}

bool SyncLoop::stand_in(uint64_t seq, const std::string& reason, const std::string& message) {
  // The op keeps its seq as a stand-in every fold records as rejected: later ops stay
  // contiguous, the refused work stays in its author's inbox. It goes out only once stored.
  if (!ws_->replace_refused(seq, reason)) {
    error_ = {message, {}};  // not ours to replace (an older seq, or already a stand-in): back off
    backoff_ms_ = std::min(kMaxBackoffMs, backoff_ms_ == 0 ? 2000 : backoff_ms_ * 2);
    next_at_ = now_() + backoff_ms_;
    return false;
  }
  ++refused_ops_;
  pipeline_->rewrote_from(seq);
  pipeline_->record(*ws_, {}, ws_->confirmed_count());
  schedule(kMoreMs);
  return true;
}

void SyncLoop::refused(const SyncOutcome& out, const std::string& message) {
  // The reason kept with the op, in the inbox's words (the server's message says more, for logs).
  std::string reason = "your role (" + out.role + ") may not send '" + out.refusal.kind + "'; it needs the " +
                       out.refusal.needs + " role";
  if (stand_in(out.refusal.seq, reason, message))
    error_ = {"The server refused an operation for your role (%s); it is in Conflicts.", {out.role}};
}

void SyncLoop::too_large(uint64_t seq, size_t bytes, const std::string& message) {
  // Stored before the app refused such ops (an import): sent as it is, it would be refused with
  // every request, and none of the work after it would ever reach the server.
  std::string limit = "at most " + std::to_string(kMaxOpBytes) + " bytes";
  std::string size = bytes ? std::to_string(bytes) + " bytes, " + limit : limit;
  std::string reason = "it is too large for the server (" + size + " per operation)" +
                       (bytes > kMaxOpBytes ? "; its longest members are not kept" : "");
  if (!stand_in(seq, reason, message.empty() ? "sync refused: " + reason : message)) return;
  std::string most = std::to_string(kMaxOpBytes);
  if (bytes)
    error_ = {
        "An operation was too large for the server (%s bytes, at most %s bytes); it is in Conflicts, and the "
        "work after it is sent.",
        {std::to_string(bytes), most}};
  else
    error_ = {
        "An operation was too large for the server (at most %s bytes); it is in Conflicts, and the work after "
        "it is sent.",
        {most}};
}

}  // namespace deskbill
