// The client side of POST /api/sync (docs/sync.md): builds the request from a workspace's
// durable pending ops and cursor, and checks and applies the server's answer (acks + confirmed
// ops → rebase). The transport (fetch in the browser, a fake in tests) sits behind SyncTransport.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "core/text_template.h"
#include "journal/workspace.h"

namespace deskbill {

// Below the server's request limit (1 000 000 bytes) with room for the envelope.
constexpr size_t kMaxRequestBytes = 900'000;
constexpr size_t kMaxRequestOps = 500;

struct SyncRequest {
  std::string body;       // JSON
  uint64_t max_sent = 0;  // the highest seq in it (0: none)
  size_t ops = 0;
  // A pending op larger than the server takes (kMaxOpBytes; stored before the app refused such
  // ops): the request stops before it, and the loop puts a stand-in in its place.
  uint64_t too_large_seq = 0;
  size_t too_large_bytes = 0;
};

// Re-sent work waits for the records it names (docs/sync.md): the first pending op not yet sent
// that the fold would refuse (unknown_ref) for a record another device made and this device does
// not hold (core/awaited_record.h): after a server restored from an older copy, that device has
// yet to send it again. It and the ops after it wait, unless their seqs are up to `released_upto`
// (the user chose to send them as they are).
struct HeldOp {
  uint64_t seq = 0;
  std::string record;  // the id it waits for
  size_t waiting = 0;  // pending ops that wait: it and every one after it
};
[[nodiscard]] std::optional<HeldOp> first_held(const Workspace& ws, uint64_t released_upto = 0);

// Builds {"workspace", "client_id", "cursor", "chain"?, "ops":[{"seq","op"}]} (the chain at the
// cursor, when known) from the pending ops with a
// seq up to `durable_seq` (save, then send), at most `max_ops` of them and `max_bytes` in all.
// Ops with a seq up to `publish_upto` are a local workspace being published as it is: they go in
// requests of their own marked "publish" (the server keeps their dates; docs/sync.md), which say
// where the publication ends ("publish_upto": others' work waits until the server holds it all).
// Ops from the first held one on (first_held) wait.
SyncRequest make_sync_request(const Workspace& ws, const std::string& workspace_name, uint64_t durable_seq,
                              size_t max_ops = kMaxRequestOps, size_t max_bytes = kMaxRequestBytes,
                              uint64_t publish_upto = 0, uint64_t released_upto = 0);

// What a refused request said beyond its message, for the sync loop to act on (docs/sync.md).
struct SyncRefusal {
  std::string reason;  // "role", "server_behind", "seq_taken", "op_too_large", "quota_ops", "quota_bytes", or ""
  // reason "role": the pending op the token's role may not send; "seq_taken": the pending op
  // whose seq the server holds with other content; "op_too_large": the pending op larger than
  // the server stores.
  uint64_t seq = 0;
  std::string kind, needs;
  // reason "server_behind": the server's last position and the highest seq of ours it holds
  // (also given with "seq_taken"),
  // and its chains at a few positions (absent from a server before chains: then the device
  // keeps positions up to `head`).
  uint64_t head = 0, acked_seq = 0;
  std::optional<PositionChains> chains;
};

// A publication of a local workspace the server holds only part of (the answer's "publishing"):
// it stores no other device's work until it holds the publisher's ops up to `upto`.
struct PublicationProgress {
  std::string client_id;  // the publishing device
  uint64_t held = 0, upto = 0;
};

struct SyncOutcome {
  uint64_t acked_seq = 0;
  uint64_t head = 0;    // the workspace's last position on the server (0: not said)
  std::string role;     // the token's role as the server said it ("" if it did not)
  SyncRefusal refusal;  // filled when the request was refused
  size_t received = 0;
  std::vector<Envelope> new_confirmed;  // to persist
  std::optional<PublicationProgress> publishing;
  // Why the request failed, for told_sync_problem: the server's own words of a refusal (its
  // "error", else the answer's first 200 bytes); what is wrong with an answer that could not be
  // read ("not valid JSON", "'ops' is not a list").
  std::string server_words, answer_fault;
};

// What the sync status tells the user of a request that failed (apply_sync_response returned an
// error), as a template to translate: a sentence of its own for what the user can act on or wait
// for (no answer at all, a token not accepted, a server restored from an older copy, a quota, an
// answer that is not JSON or is nested too deeply); else that the server refused, with its words,
// or that a field of the answer could not be read, with what is wrong in it.
TextTemplate told_sync_problem(int http_status, const SyncOutcome& out);

// Checks the server's answer field by field and applies it to ws. Returns an error message
// (ws unchanged) or fills the outcome. `max_sent`: the highest seq any request of this tab
// carried (Workspace::receive).
[[nodiscard]] std::optional<std::string> apply_sync_response(Workspace& ws, int http_status, const std::string& body,
                                                             uint64_t max_sent, SyncOutcome& out);

class SyncTransport {
 public:
  virtual ~SyncTransport() = default;
  // Sends body; calls done(status, body) later (status 0 = network error), or never (a lost
  // answer: the sync loop's timeout covers it).
  virtual void post(const std::string& url, const std::string& token, const std::string& body,
                    std::function<void(int, std::string)> done) = 0;
};

}  // namespace deskbill
