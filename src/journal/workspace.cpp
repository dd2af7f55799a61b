#include "journal/workspace.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/refused.h"
#include "core/repeated_op.h"
#include "core/text_limits.h"

namespace deskbill {

Workspace::Workspace(std::string client_id, bool shared) : client_id_(std::move(client_id)), shared_(shared) {}

ApplyResult Workspace::submit(const nlohmann::json& op, std::vector<Envelope>* confirmed_added) {
  // The server stores no op larger: made here, it could never be shared, and the work after it
  // would wait behind it (a local workspace may be published later).
  if (size_t bytes = op.dump().size(); bytes > kMaxOpBytes)
    return OpError{"op_too_large", "This operation is " + std::to_string(bytes) +
                                       " bytes; the sync server takes at most " + std::to_string(kMaxOpBytes) +
                                       " bytes per operation, so it could never be shared."};
  if (!shared_) {
    ApplyResult r = apply(confirmed_state_, op);
    if (r) return r;
    Envelope e;
    e.pos = cursor() + 1;
    e.client = client_id_;
    e.seq = next_seq_++;
    e.op = op;
    ++confirmed_count_;
    cursor_chain_.clear();  // this device is the sequencer: no server chain
    if (confirmed_added) confirmed_added->push_back(std::move(e));
    return std::nullopt;
  }
  if (!overlay_) overlay_ = std::make_unique<State>(confirmed_state_);
  ApplyResult r = apply(*overlay_, op);
  if (r) return r;
  pending_.push_back(PendingOp{next_seq_++, op});
  return std::nullopt;
}

void Workspace::load(const std::vector<Envelope>& confirmed, std::vector<PendingOp> pending, uint64_t next_seq) {
  load_from(State(), 0, confirmed, std::move(pending), next_seq);
}

void Workspace::load_from(State snapshot_state, uint64_t covered, const std::vector<Envelope>& tail,
                          std::vector<PendingOp> pending, uint64_t next_seq, std::string covered_chain) {
  confirmed_state_ = std::move(snapshot_state);
  for (const Envelope& e : tail) apply_or_reject(confirmed_state_, e.op, e.context());
  confirmed_count_ = covered + tail.size();
  cursor_chain_ = tail.empty() ? std::move(covered_chain) : tail.back().chain;
  pending_ = std::move(pending);
  next_seq_ = next_seq;
  rebuild_overlay();
}

void Workspace::replay_confirmed(const Envelope& e) {
  apply_or_reject(confirmed_state_, e.op, e.context());
  ++confirmed_count_;
  cursor_chain_ = e.chain;
}

void Workspace::replay_confirmed(const JournalLineReader& line) {
  apply_or_reject(confirmed_state_, line.op(), line.context());
  ++confirmed_count_;
  cursor_chain_.assign(line.chain());
}

void Workspace::finish_load(std::vector<PendingOp> pending, uint64_t next_seq) {
  pending_ = std::move(pending);
  next_seq_ = next_seq;
  rebuild_overlay();
}

void Workspace::follow(const std::vector<Envelope>& tail, std::vector<PendingOp> pending, uint64_t stored_next_seq) {
  uint64_t next = std::max(next_seq_, stored_next_seq);
  for (const Envelope& e : tail) {
    replay_confirmed(e);
    if (e.client == client_id_ && e.seq >= next) next = e.seq + 1;
  }
  for (const PendingOp& p : pending)
    if (p.seq >= next) next = p.seq + 1;
  finish_load(std::move(pending), next);
}

void Workspace::receive(uint64_t acked_seq, const std::vector<Envelope>& ops, uint64_t max_sent, uint64_t head) {
  uint64_t own_confirmed = 0;
  std::map<uint64_t, const nlohmann::json*> came_back;  // own ops confirmed now, by seq
  for (const Envelope& e : ops) {
    if (e.pos <= cursor()) continue;   // already have it
    if (e.pos != cursor() + 1) break;  // a gap: the next sync asks again from the cursor
    apply_or_reject(confirmed_state_, e.op, e.context());
    ++confirmed_count_;
    cursor_chain_ = e.chain;
    if (e.client == client_id_) {
      own_confirmed = std::max(own_confirmed, e.seq);
      came_back[e.seq] = &e.op;
    }
  }
  // The counter never hands out a seq the server already holds from this device.
  uint64_t highest = std::max(acked_seq, own_confirmed);
  if (highest >= next_seq_) next_seq_ = highest + 1;
  // Which pending ops are done: back under their own seq with the same content, or acknowledged
  // and sent by this tab. The own ops left in came_back came back under another seq.
  std::vector<char> done(pending_.size(), 0);
  std::vector<size_t> taken;  // under a seq the server holds with other content, or above it
  for (size_t i = 0; i < pending_.size(); ++i) {
    const PendingOp& p = pending_[i];
    auto back = came_back.find(p.seq);
    if (back != came_back.end() && *back->second == p.op) {
      done[i] = 1;
      came_back.erase(back);
    } else if (p.seq <= acked_seq && p.seq <= max_sent) {
      // Stored, and kept until it comes back: an answer carries at most 2 000 ops, and an op
      // dropped on its acknowledgement alone, then lost in a restore of the server to after this
      // device's cursor, was lost without a word (the server's chain still matched there).
      PendingOp& o = pending_[i];
      // (Never 0 once set: when head and cursor are both 0 the op is done below.)
      if (!o.stored()) o.stored_by = std::max(head, cursor());
      // Received that far and not back under its seq: the server took it as a retry of this very
      // op held under another seq (a device restored from an older copy), which came back.
      if (cursor() >= o.stored_by) done[i] = 1;
    } else if (p.seq <= acked_seq) {
      taken.push_back(i);
    } else {
      pending_[i].stored_by = 0;  // the server no longer holds it (restored): it goes again
      // Above the server's last seq, the same content back under another seq is this very op
      // only if it names itself (a device restored from an older copy holds pending, under a
      // fresh seq, an op its lost future sent: the server no longer stores it twice, and keeps
      // its seqs contiguous, so it waits here). A change without a mark may be made again.
      if (op_names_itself(p.op, client_id_)) taken.push_back(i);
    }
  }
  // One of those that came back as an own op under another seq is held by the server already,
  // numbered again elsewhere (a device restored from an older copy holds it pending under a seq
  // its lost future used, or under a fresh one): sent again, it would be stored twice.
  if (!taken.empty() && !came_back.empty()) {
    std::multiset<std::string> back_elsewhere;
    for (const auto& [seq, op] : came_back) back_elsewhere.insert(op->dump());
    for (size_t i : taken) {
      auto it = back_elsewhere.find(pending_[i].op.dump());
      if (it == back_elsewhere.end()) continue;
      back_elsewhere.erase(it);
      done[i] = 1;
    }
  }
  std::vector<PendingOp> left;
  for (size_t i = 0; i < pending_.size(); ++i)
    if (!done[i]) left.push_back(std::move(pending_[i]));
  pending_ = std::move(left);
  rebuild_overlay();
}

bool Workspace::replace_refused(uint64_t seq, const std::string& reason) {
  for (PendingOp& p : pending_) {
    if (p.seq != seq) continue;
    if (op_text(p.op, "kind") == kRefusedKind) {
      // Already a stand-in; one an older version made of an op too large is made to fit.
      if (p.op.dump().size() <= kMaxOpBytes) return false;
      p.op = wrap_refused(nlohmann::json(unwrap_refused(p.op)), op_text(p.op, "reason"));
      rebuild_overlay();
      return true;
    }
    p.op = wrap_refused(p.op, reason);
    rebuild_overlay();
    return true;
  }
  return false;
}

size_t Workspace::renumber_from(uint64_t seq, uint64_t acked_seq) {
  size_t first = pending_.size();
  for (size_t i = 0; i < pending_.size(); ++i)
    if (pending_[i].seq == seq) {
      first = i;
      break;
    }
  if (first == pending_.size() || seq > acked_seq) return 0;  // not ours, or not taken
  // That op and every one after it get new numbers, in order and right after the server's last,
  // so seqs stay increasing and contiguous as the server requires.
  uint64_t next = acked_seq + 1;
  for (size_t i = first; i < pending_.size(); ++i) pending_[i].seq = next++;
  next_seq_ = std::max(next_seq_, next);
  rebuild_overlay();
  return pending_.size() - first;
}

size_t Workspace::close_gap(uint64_t acked_seq) {
  if (pending_.empty() || pending_.front().seq <= acked_seq + 1) return 0;
  uint64_t next = acked_seq + 1;
  for (PendingOp& p : pending_) p.seq = next++;
  rebuild_overlay();
  return pending_.size();
}

void Workspace::rebuild_overlay() {
  pending_conflicts_.clear();
  if (pending_.empty()) {
    overlay_.reset();
    return;
  }
  // Rebase: this device's unacknowledged ops replayed on the newest confirmed state.
  overlay_ = std::make_unique<State>(confirmed_state_);
  for (const PendingOp& p : pending_)
    if (ApplyResult r = apply(*overlay_, p.op)) pending_conflicts_.emplace_back(p.seq, *r);
}

}  // namespace deskbill
