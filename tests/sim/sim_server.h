// The sync server's sequencing logic (serve.py's Store.sync), for the simulation: appends each
// new (client_id, seq) once, contiguous per client, gives it the next position, answers the ops
// after the client's cursor. Durable like serve.py's SQLite (synchronous=FULL): a restart loses
// requests in flight, never an acknowledged op. It also notices what serve.py answers 409 to:
// the same (client_id, seq) sent again with different content, i.e. a device that reused a seq.
// Restored from an older copy, it answers a device that saw more with 409 server_behind.
#pragma once
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace deskbill::sim {

struct ServerRow {
  uint64_t pos = 0;
  std::string client;
  uint64_t seq = 0;
  std::string agent, accepted_at;
  std::string op;  // as received, compact JSON
};

class SimServer {
 public:
  static constexpr size_t kMaxAnswerOps = 2000;

  // Returns (status, body) like POST /api/sync.
  // `seen`: the (client, seq) of each position the device holds, when the server is to know it.
  using Seen = std::vector<std::pair<std::string, uint64_t>>;
  std::pair<int, std::string> handle(const std::string& body, const std::string& agent, const std::string& today,
                                     const Seen* seen = nullptr) {
    nlohmann::json req = nlohmann::json::parse(body, nullptr, false);
    if (req.is_discarded() || !req.is_object() || !req["client_id"].is_string() ||
        !req["cursor"].is_number_unsigned() || !req["ops"].is_array())
      return {400, R"({"error":"malformed request"})"};
    std::string client = req["client_id"].get<std::string>();
    uint64_t cursor = req["cursor"].get<uint64_t>();
    uint64_t& last = last_seq_[client];
    // The device saw positions a restored server no longer has (serve.py's rule: its cursor is
    // past the head), or, when the server knows what each device saw, positions past the copy
    // it was restored to that have since been taken by other ops.
    uint64_t seen_valid = log_.size();
    if (knows_restored_prefix && seen)
      for (uint64_t p = 0; p < std::min<uint64_t>(cursor, seen->size()); ++p)
        if (p >= log_.size() || log_[p].client != (*seen)[p].first || log_[p].seq != (*seen)[p].second) {
          seen_valid = p;
          break;
        }
    if (cursor > seen_valid)
      return {409, nlohmann::json{{"error", "the server was restored from an older copy"},
                                  {"reason", "server_behind"},
                                  {"head", seen_valid},
                                  {"acked_seq", last}}
                       .dump()};
    for (const auto& item : req["ops"]) {
      uint64_t seq = item["seq"].get<uint64_t>();
      std::string op = item["op"].dump();
      if (seq <= last) {
        auto it = by_client_seq_.find({client, seq});
        if (it != by_client_seq_.end() && log_[it->second].op != op) ++collisions_;
        continue;  // already stored: an idempotent retry
      }
      if (seq != last + 1) break;  // a gap: keep what is contiguous
      ServerRow row{log_.size() + 1, client, seq, agent, today, op};
      // Each row's answer entry is made once (an answer repeats rows to every device).
      entries_.push_back(nlohmann::json{
          {"pos", row.pos},
          {"client_id", client},
          {"seq", seq},
          {"agent", agent},
          {"accepted_at", today},
          {"op", item["op"]}}.dump());
      by_client_seq_[{client, seq}] = log_.size();
      log_.push_back(std::move(row));
      last = seq;
    }
    uint64_t end = std::min<uint64_t>(log_.size(), cursor + kMaxAnswerOps);
    std::string out = "{\"acked_seq\":" + std::to_string(last) +
                      ",\"cursor\":" + std::to_string(std::max(cursor, end)) + ",\"ops\":[";
    for (uint64_t p = cursor; p < end; ++p) {
      if (p > cursor) out += ',';
      out += entries_[p];
    }
    out += "]}";
    return {200, out};
  }

  // Restored from an older copy (a backup): only the first `head` positions are left.
  void restore(size_t head) {
    log_.resize(std::min(head, log_.size()));
    entries_.resize(log_.size());
    last_seq_.clear();
    by_client_seq_.clear();
    for (size_t i = 0; i < log_.size(); ++i) {
      last_seq_[log_[i].client] = std::max(last_seq_[log_[i].client], log_[i].seq);
      by_client_seq_[{log_[i].client, log_[i].seq}] = i;
    }
  }

  // serve.py only sees a device's cursor, so a device that saw positions lost in a restore is
  // told so only while its cursor is past the head; once other devices' ops take those positions
  // again it syncs on as if nothing happened (docs/sync.md, a known gap). With this set, the
  // simulated server compares what the device holds with its own log (`seen`), as a protocol
  // that closes the gap would, and answers server_behind with the prefix they share.
  bool knows_restored_prefix = true;

  const std::vector<ServerRow>& log() const { return log_; }
  // Times a (client_id, seq) came back with different content (serve.py's 409).
  uint64_t collisions() const { return collisions_; }

 private:
  std::vector<ServerRow> log_;
  std::vector<std::string> entries_;
  std::map<std::string, uint64_t> last_seq_;
  std::map<std::pair<std::string, uint64_t>, size_t> by_client_seq_;
  uint64_t collisions_ = 0;
};

}  // namespace deskbill::sim
