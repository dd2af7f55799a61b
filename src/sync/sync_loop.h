// The sync loop: when to sync (soon after a local change, at once when the network comes back,
// every 15 s otherwise, backing off after failures), what to send (only ops durable on this
// device, bounded by count and bytes), one request at a time with a timeout, and the answer
// checked before anything is applied; what it brings is handed to the save pipeline.
#pragma once
#include <algorithm>
#include <functional>
#include <limits>
#include <string>

#include "core/text_template.h"
#include "journal/save_pipeline.h"
#include "journal/workspace.h"
#include "sync/roles.h"
#include "sync/sync_client.h"

namespace deskbill {

class SyncLoop {
 public:
  static constexpr double kEveryMs = 15000;
  static constexpr double kAfterChangeMs = 800;
  static constexpr double kMoreMs = 200;
  static constexpr double kTimeoutMs = 30000;
  static constexpr double kMaxBackoffMs = 60000;

  SyncLoop(SyncTransport& transport, std::function<double()> now) : transport_(transport), now_(std::move(now)) {}

  // The workspace and the pipeline that stores it. Attaching another (publishing, a reload)
  // makes any answer still in flight for the previous one be ignored.
  void attach(Workspace* ws, SavePipeline* pipeline);
  void configure(std::string url, std::string workspace, std::string token);
  // Only the writer tab syncs (a read-only tab would store and send nothing of its own).
  void set_enabled(bool enabled) { enabled_ = enabled; }
  // Pending ops up to this seq publish a local workspace (see make_sync_request).
  void set_publish_upto(uint64_t seq) { publish_upto_ = seq; }
  // At most this many ops a request (kMaxRequestOps; smaller in tests and the simulation, where
  // a backlog larger than one request is otherwise rare).
  void set_max_request_ops(size_t n) { max_request_ops_ = n; }

  void local_change() { schedule(kAfterChangeMs); }
  // The save pipeline made more ops durable: they may go now.
  void durable_changed() {
    if (ws_ && !ws_->pending().empty()) schedule(kMoreMs);
  }
  void network_back() { schedule(0); }
  void schedule(double delay_ms);
  // Starts a sync when one is due (and `online`), or at once when `online` turned true; call often.
  void tick(bool online);
  // Starts one now unless one is in flight.
  void sync_now(bool online);

  bool busy() const { return in_flight_ != 0; }
  // The token's role as the server last said it (none until the first answer): the app disables
  // what this role may not send.
  std::optional<Role> role() const { return role_; }
  // The server's last position as it last said it: with cursor(), "receiving N of M".
  uint64_t server_head() const { return head_; }
  // The server was restored from an older copy (409 server_behind): syncing stops until the
  // user re-sends this device's work (the host rebuilds the journal) or reconfigures.
  bool server_behind() const { return behind_.reason == "server_behind"; }
  const SyncRefusal& behind() const { return behind_; }
  // A re-send that must wait for the publisher (ResendPlan::wait_for_publisher) is planned from
  // what the server said when it refused, and that head does not grow while syncing stops: the
  // server is asked again after `delay_ms`, and refuses again with what it holds by then. `why`
  // is the sync status meanwhile.
  void ask_again(double delay_ms, TextTemplate why) {
    behind_ = {};
    error_ = std::move(why);
    schedule(delay_ms);
  }
  static constexpr double kAskAgainMs = 30000;
  // Another device's (or this one's) publication the server holds part of, as the last answer
  // said: the server stores no other device's work meanwhile (the status says why it waits).
  const std::optional<PublicationProgress>& publication() const { return publication_; }
  // The first pending op that waits for a record another device has to send again (first_held),
  // and how many pending ops wait with it (for the status).
  std::optional<HeldOp> held() const { return ws_ ? first_held(*ws_, released_upto_) : std::nullopt; }
  // The user sends the waiting ops as they are (that device will not come back): every fold
  // refuses those that name a record no one holds, and the user's inbox shows them.
  void send_held_anyway() {
    if (ws_ && !ws_->pending().empty()) released_upto_ = std::max(released_upto_, ws_->pending().back().seq);
    schedule(0);
  }
  // The pending ops up to this seq go as they are (the user chose so before a reload), and the
  // last seq the user released, for the host to store.
  void set_released_upto(uint64_t seq) {
    if (released_upto_ != kReleaseAll) released_upto_ = seq;
  }
  uint64_t released_upto() const { return released_upto_ == kReleaseAll ? 0 : released_upto_; }
  // False: nothing waits for records (as before this rule; the fault simulation's comparison).
  void set_holds_records(bool holds) { released_upto_ = holds ? 0 : kReleaseAll; }
  // Ops refused (for the user's role, or too large) and replaced by their stand-ins (for tests).
  uint64_t refused_ops() const { return refused_ops_; }
  // The sync status's problem, filled in, in English ("" when the last sync went through).
  std::string last_error() const { return error_.filled(); }
  // The same as a template and its arguments, for the UI to translate (core/text_template.h).
  const TextTemplate& error() const { return error_; }
  double last_success_ms() const { return last_success_ms_; }
  const std::string& url() const { return url_; }
  const std::string& workspace() const { return workspace_; }
  const std::string& token() const { return token_; }
  // Requests sent and answers applied (for tests and the status line).
  uint64_t requests() const { return requests_; }
  // Called after an answer was applied and handed to the pipeline (the ops it brought).
  std::function<void(const SyncOutcome&)> on_applied;

 private:
  void answered(uint64_t request, uint64_t max_sent, int status, const std::string& body);
  void refused(const SyncOutcome& out, const std::string& message);
  // A pending op larger than the server stores goes as a stand-in (core/refused.h).
  void too_large(uint64_t seq, size_t bytes, const std::string& message = "");
  // Puts a stand-in in the place of pending op `seq` with `reason`, stores it and syncs on;
  // false (backing off, `message` kept) when that op is not one to replace.
  bool stand_in(uint64_t seq, const std::string& reason, const std::string& message);
  void seq_taken(const SyncOutcome& out, const std::string& message);
  // Runs a renumbering of the pending ops in place (it returns how many it renumbered), and
  // keeps the ops the user released released under their new numbers.
  size_t renumber(const std::function<size_t()>& renumber_pending);

  SyncTransport& transport_;
  std::function<double()> now_;
  Workspace* ws_ = nullptr;
  SavePipeline* pipeline_ = nullptr;
  std::string url_, workspace_, token_;
  bool enabled_ = true, scheduled_ = false, was_online_ = true;
  double next_at_ = 0, sent_at_ = 0, backoff_ms_ = 0, last_success_ms_ = 0;
  uint64_t in_flight_ = 0, next_request_ = 1, requests_ = 0, publish_upto_ = 0;
  size_t max_request_ops_ = kMaxRequestOps;
  TextTemplate error_;
  std::optional<Role> role_;
  uint64_t head_ = 0, refused_ops_ = 0;
  // The highest seq any request of this tab carried for the workspace attached, under its
  // current numbering (attach and a renumbering lower it).
  uint64_t sent_upto_ = 0;
  // Pending ops up to this seq go even if they wait for a record (send_held_anyway; a new layout
  // forgets it).
  static constexpr uint64_t kReleaseAll = std::numeric_limits<uint64_t>::max();
  uint64_t released_upto_ = 0;
  SyncRefusal behind_;
  std::optional<PublicationProgress> publication_;
};

}  // namespace deskbill
