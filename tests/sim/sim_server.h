// The sync server's sequencing logic (serve.py's Store.sync), for the simulation: appends each
// new (client_id, seq) once, contiguous per client, gives it the next position, answers the ops
// after the client's cursor. Durable like serve.py's SQLite (synchronous=FULL): a restart loses
// requests in flight, never an acknowledged op. It also notices what serve.py answers 409 to:
// the same (client_id, seq) sent again with different content, i.e. a device that reused a seq
// (409 seq_taken, nothing stored). Like serve.py it skips an op that names itself which it holds
// from the device under another seq at a position the device has not received (docs/sync.md).
// Restored from an older copy, it answers a device that saw more, or other ops at its cursor
// (its chain differs), with 409 server_behind and its chains at a few positions (docs/sync.md).
// While it holds part of a publication that said where it ends, it stores no other device's work.
#pragma once
#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/repeated_op.h"
#include "core/xxh64.h"

namespace deskbill::sim {

struct ServerRow {
  uint64_t pos = 0;
  std::string client;
  uint64_t seq = 0;
  std::string agent, accepted_at;
  std::string op;  // as received, compact JSON
  std::string chain;
};

class SimServer {
 public:
  static constexpr size_t kMaxAnswerOps = 2000;

  // The chain after an op, as serve.py's next_chain makes it: of the chain before, the op's
  // (client, seq) and its content (another hash: the device only sends back what the server gave
  // it). Without the content, other ops a restored device sent under seqs a restore of the
  // server lost took their positions with the same chains (seed 1100 of the restored devices).
  // Cleared, the content is left out, as serve.py did before schema 4.
  bool chains_content = true;
  // The day of the op's acceptance stamp is in it too, when it has one: an op stored again after a
  // restore with another stamp (published before, stamped now) folds to other dates, and a device
  // holding the first copy must be told (every-fault seed 1244). Cleared, it is left out.
  bool chains_acceptance = true;
  std::string next_chain(const std::string& prev, const std::string& client, uint64_t seq, const std::string& op,
                         const std::string& accepted_at) const {
    char hex[17];
    std::string text = prev + '\x1f' + client + '\x1f' + std::to_string(seq);
    if (chains_content) text += '\x1f' + std::to_string(xxh64(op));
    if (chains_acceptance && !accepted_at.empty()) text += '\x1f' + accepted_at.substr(0, 10);
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(xxh64(text)));
    return hex;
  }

  // Returns (status, body) like POST /api/sync.
  std::pair<int, std::string> handle(const std::string& body, const std::string& agent, const std::string& today) {
    nlohmann::json req = nlohmann::json::parse(body, nullptr, false);
    if (req.is_discarded() || !req.is_object() || !req["client_id"].is_string() ||
        !req["cursor"].is_number_unsigned() || !req["ops"].is_array())
      return {400, R"({"error":"malformed request"})"};
    std::string client = req["client_id"].get<std::string>();
    uint64_t cursor = req["cursor"].get<uint64_t>();
    uint64_t& last = last_seq_[client];
    // The device saw positions a restored server no longer has (its cursor is past the head),
    // or other ops than the server holds at its cursor (its chain differs).
    std::string chain = req.contains("chain") && req["chain"].is_string() ? req["chain"].get<std::string>() : "";
    bool differs =
        compares_chains && !chain.empty() && cursor > 0 && cursor <= log_.size() && log_[cursor - 1].chain != chain;
    if (cursor > log_.size() || differs) {
      nlohmann::json chains = nlohmann::json::array();
      uint64_t top = std::min<uint64_t>(cursor, log_.size());
      for (uint64_t step = 1; compares_chains && top >= step; step *= 2)
        chains.push_back({top - (step - 1), log_[top - step].chain});
      nlohmann::json answer{{"error", "the server was restored from an older copy"},
                            {"reason", "server_behind"},
                            {"head", log_.size()},
                            {"acked_seq", last}};
      if (compares_chains) answer["chains"] = chains;
      return {409, answer.dump()};
    }
    // A seq the server holds with other content refuses the whole request, nothing stored,
    // unless the server holds that op under another seq of the device (a retry).
    for (const auto& item : req["ops"]) {
      uint64_t seq = item["seq"].get<uint64_t>();
      auto it = seq <= last ? by_client_seq_.find({client, seq}) : by_client_seq_.end();
      if (it != by_client_seq_.end() && log_[it->second].op != item["op"].dump() &&
          !holds_elsewhere(client, item["op"].dump())) {
        ++collisions_[client];
        return {409, nlohmann::json{{"error", "op already stored with other content"},
                                    {"reason", "seq_taken"},
                                    {"seq", seq},
                                    {"acked_seq", last}}
                         .dump()};
      }
    }
    // Publishing (serve.py): only into an empty workspace, and then only by the device that
    // began it (also after others pushed: a restore may have lost the publication's end). Its
    // ops get no acceptance date.
    bool publish = req.value("publish", false);
    bool fresh = std::any_of(req["ops"].begin(), req["ops"].end(),
                             [&](const nlohmann::json& item) { return item["seq"].get<uint64_t>() == last + 1; });
    if (publish && fresh) {
      if (log_.empty() && publisher_.empty())
        publisher_ = client;
      else if (publisher_ != client)
        return {409,
                R"({"error":"workspace is not empty: a local workspace can only be published into an empty one"})"};
      if (req.contains("publish_upto") && req["publish_upto"].is_number_unsigned())
        publish_upto_ = req["publish_upto"].get<uint64_t>();
    } else if (fresh && client == publisher_) {
      publish_upto_ = 0;  // live work from the publisher: its publication is complete
    }
    // Another device's publication held in part: this device's work waits (serve.py).
    if (fresh && waits_for_publication && publication_incomplete() && client != publisher_) fresh = false;
    for (const auto& item : req["ops"]) {
      if (!fresh) break;
      uint64_t seq = item["seq"].get<uint64_t>();
      std::string op = item["op"].dump();
      if (seq <= last) continue;  // already stored: an idempotent retry
      // Made once and held already, where the device will receive it: it drops its copy then.
      if (op_names_itself(item["op"], client)) {
        auto held = held_at_.find({client, op});
        if (held != held_at_.end() && held->second > cursor) continue;
      }
      if (seq != last + 1) break;  // a gap: keep what is contiguous
      std::string stamp = publish ? "" : today;
      ServerRow row{log_.size() + 1,
                    client,
                    seq,
                    agent,
                    stamp,
                    op,
                    next_chain(log_.empty() ? "" : log_.back().chain, client, seq, op, stamp)};
      // Each row's answer entry is made once (an answer repeats rows to every device).
      entries_.push_back(nlohmann::json{
          {"pos", row.pos},
          {"client_id", client},
          {"seq", seq},
          {"agent", agent},
          {"accepted_at", stamp},
          {"chain", row.chain},
          {"op", item["op"]}}.dump());
      by_client_seq_[{client, seq}] = log_.size();
      held_at_[{client, op}] = row.pos;
      log_.push_back(std::move(row));
      last = seq;
    }
    uint64_t end = std::min<uint64_t>(log_.size(), cursor + kMaxAnswerOps);
    std::string out = "{\"acked_seq\":" + std::to_string(last) + ",\"head\":" + std::to_string(log_.size()) +
                      ",\"cursor\":" + std::to_string(std::max(cursor, end));
    if (waits_for_publication && publication_incomplete())
      out += ",\"publishing\":" +
             nlohmann::json{{"client_id", publisher_}, {"held", last_seq_[publisher_]}, {"upto", publish_upto_}}.dump();
    out += ",\"ops\":[";
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
    if (log_.empty()) publisher_.clear(), publish_upto_ = 0;  // the copy was from before the publishing
    entries_.resize(log_.size());
    last_seq_.clear();
    by_client_seq_.clear();
    held_at_.clear();
    for (size_t i = 0; i < log_.size(); ++i) {
      last_seq_[log_[i].client] = std::max(last_seq_[log_[i].client], log_[i].seq);
      by_client_seq_[{log_[i].client, log_[i].seq}] = i;
      held_at_[{log_[i].client, log_[i].op}] = log_[i].pos;
    }
  }

  // serve.py before chains saw only a device's cursor, so a device that saw positions lost in a
  // restore was told so only while its cursor was past the head; once other devices' ops took
  // those positions again it synced on as if nothing happened. Cleared, the simulated server
  // answers as that one did (no chain compared, none given).
  bool compares_chains = true;
  // Another device's work waits while the server holds part of a publication that said where it
  // ends. Cleared, it is stored between the published ops, as serve.py did before schema 5.
  bool waits_for_publication = true;

  const std::vector<ServerRow>& log() const { return log_; }
  bool holds_elsewhere(const std::string& client, const std::string& op) const {
    return held_at_.count({client, op}) > 0;
  }
  // Times a (client_id, seq) came back with different content (serve.py's 409), per client.
  const std::map<std::string, uint64_t>& collisions() const { return collisions_; }

 private:
  std::vector<ServerRow> log_;
  std::vector<std::string> entries_;
  std::map<std::string, uint64_t> last_seq_;
  std::map<std::pair<std::string, uint64_t>, size_t> by_client_seq_;
  std::map<std::pair<std::string, std::string>, uint64_t> held_at_;  // (client, op) → its last position
  std::map<std::string, uint64_t> collisions_;
  std::string publisher_;
  uint64_t publish_upto_ = 0;  // the publication's last seq while it is incomplete, else 0

  bool publication_incomplete() {
    if (publish_upto_ > 0 && last_seq_[publisher_] >= publish_upto_) publish_upto_ = 0;
    return publish_upto_ > 0;
  }
};

}  // namespace deskbill::sim
