// The client side of POST /api/sync (docs/sync.md): builds the request from a workspace's
// pending ops and cursor, and applies the server's answer (acks + confirmed ops → rebase).
// The transport (fetch in the browser, anything in tests) sits behind SyncTransport.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "journal/workspace.h"

namespace deskbill {

struct SyncRequest {
  std::string body;  // JSON
};

// Builds the request body: {"workspace", "client_id", "cursor", "ops":[{"seq","op"}]}.
SyncRequest make_sync_request(const Workspace& ws, const std::string& workspace_name, size_t max_ops = 500);

struct SyncOutcome {
  uint64_t acked_seq = 0;
  size_t received = 0;
  std::vector<Envelope> new_confirmed;  // to persist
};

// Parses the server's answer and applies it to ws. Returns an error message (ws unchanged) or the outcome.
std::optional<std::string> apply_sync_response(Workspace& ws, int http_status, const std::string& body, SyncOutcome& out);

class SyncTransport {
 public:
  virtual ~SyncTransport() = default;
  // Sends body; calls done(status, body) later (status 0 = network error).
  virtual void post(const std::string& url, const std::string& token, const std::string& body,
                    std::function<void(int, std::string)> done) = 0;
};

}  // namespace deskbill
