#include "sync/sync_client.h"

namespace deskbill {

SyncRequest make_sync_request(const Workspace& ws, const std::string& workspace_name, size_t max_ops) {
  nlohmann::json ops = nlohmann::json::array();
  for (const PendingOp& p : ws.pending()) {
    if (ops.size() >= max_ops) break;
    ops.push_back({{"seq", p.seq}, {"op", p.op}});
  }
  nlohmann::json j = {{"workspace", workspace_name}, {"client_id", ws.client_id()}, {"cursor", ws.cursor()}, {"ops", ops}};
  return SyncRequest{j.dump()};
}

std::optional<std::string> apply_sync_response(Workspace& ws, int status, const std::string& body, SyncOutcome& out) {
  if (status == 0) return "offline: the sync endpoint could not be reached";
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (status != 200) {
    std::string msg = !j.is_discarded() && j.is_object() && j.contains("error") && j["error"].is_string()
                          ? j["error"].get<std::string>()
                          : body.substr(0, 200);
    return "sync refused (" + std::to_string(status) + "): " + msg;
  }
  if (j.is_discarded() || !j.is_object() || !j.contains("ops") || !j["ops"].is_array())
    return "sync answer is not valid";
  std::vector<Envelope> ops;
  for (const auto& o : j["ops"]) {
    if (!o.is_object() || !o.contains("op") || !o.contains("pos")) return "sync answer has a malformed op";
    Envelope e;
    e.pos = o.value("pos", static_cast<uint64_t>(0));
    e.client = o.value("client_id", "");
    e.seq = o.value("seq", static_cast<uint64_t>(0));
    e.agent = o.value("agent", "");
    e.accepted_at = o.value("accepted_at", "");
    if (e.accepted_at.size() > 10) e.accepted_at.resize(10);
    e.op = o["op"];
    if (e.pos != ws.cursor() + 1 + ops.size()) return "sync answer skips positions";
    ops.push_back(std::move(e));
  }
  out.acked_seq = j.value("acked_seq", static_cast<uint64_t>(0));
  out.received = ops.size();
  ws.receive(out.acked_seq, ops);
  out.new_confirmed = std::move(ops);
  return std::nullopt;
}

}  // namespace deskbill
