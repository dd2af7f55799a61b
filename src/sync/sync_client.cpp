#include "sync/sync_client.h"

#include "core/awaited_record.h"
#include "core/json_guard.h"
#include "core/json_member.h"
#include "core/text_limits.h"

namespace deskbill {

std::optional<HeldOp> first_held(const Workspace& ws, uint64_t released_upto) {
  if (ws.pending_conflicts().empty()) return std::nullopt;  // the usual case: nothing to look at
  auto unsent = ws.first_to_send();
  if (unsent == ws.pending().end()) return std::nullopt;
  for (const auto& conflict : ws.pending_conflicts()) {
    uint64_t seq = conflict.first;
    if (seq < unsent->seq || seq <= released_upto || conflict.second.code != "unknown_ref") continue;
    auto p = std::find_if(unsent, ws.pending().end(), [seq](const PendingOp& x) { return x.seq == seq; });
    if (p == ws.pending().end()) continue;
    if (auto id = record_awaited(ws.state(), p->op, ws.client_id()))
      return HeldOp{seq, *id, static_cast<size_t>(std::distance(p, ws.pending().end()))};
  }
  return std::nullopt;
}

SyncRequest make_sync_request(const Workspace& ws, const std::string& workspace_name, uint64_t durable_seq,
                              size_t max_ops, size_t max_bytes, uint64_t publish_upto, uint64_t released_upto) {
  SyncRequest r;
  std::optional<HeldOp> held = first_held(ws, released_upto);
  nlohmann::json head = {{"workspace", workspace_name}, {"client_id", ws.client_id()}, {"cursor", ws.cursor()}};
  auto first = ws.first_to_send();
  bool publishing = first != ws.pending().end() && first->seq <= publish_upto;
  if (publishing) {
    head["publish"] = true;
    head["publish_upto"] = publish_upto;
  }
  // A chain damaged in storage would be refused with every request: then none is sent, and the
  // server compares the cursor alone.
  if (ws.cursor() > 0 && valid_chain(ws.cursor_chain())) head["chain"] = ws.cursor_chain();
  std::string body = head.dump();
  body.pop_back();  // the closing brace: ops are appended as text, counted in bytes as they go
  body += ",\"ops\":[";
  for (auto it = first; it != ws.pending().end(); ++it) {
    const PendingOp& p = *it;
    if (p.seq > durable_seq || r.ops >= max_ops) break;
    if (held && p.seq >= held->seq) break;          // waits for a record another device sends again
    if (publishing && p.seq > publish_upto) break;  // live ops go in the next request
    // {"op":…,"seq":N}, as nlohmann writes it (keys in order); the op's own bytes are what the
    // server's limit counts.
    std::string op_text = p.op.dump();
    if (op_text.size() > kMaxOpBytes) {
      r.too_large_seq = p.seq;
      r.too_large_bytes = op_text.size();
      break;
    }
    std::string item = "{\"op\":" + op_text + ",\"seq\":" + std::to_string(p.seq) + "}";
    // One op always goes, even alone over the budget: the server answers it with a clear 413.
    if (r.ops > 0 && body.size() + item.size() + 3 > max_bytes) break;
    if (r.ops > 0) body += ',';
    body += item;
    r.max_sent = p.seq;
    ++r.ops;
  }
  body += "]}";
  r.body = std::move(body);
  return r;
}

namespace {
// A field of the answer, checked for its type; a wrong type is an error naming the field.
std::optional<std::string> read_u64(const nlohmann::json& j, const char* key, uint64_t& out, bool required) {
  switch (read_member(j, key, out)) {
    case MemberRead::Taken:
      return std::nullopt;
    case MemberRead::Missing:
      return required ? std::optional<std::string>(std::string("'") + key + "' is missing") : std::nullopt;
    case MemberRead::OtherType:
      break;
  }
  return std::string("'") + key + "' is not a non-negative integer";
}
std::optional<std::string> read_str(const nlohmann::json& j, const char* key, std::string& out) {
  if (read_member(j, key, out) == MemberRead::OtherType) return std::string("'") + key + "' is not text";
  return std::nullopt;
}
// The fields of a refusal the loop acts on; a field of the wrong type leaves the refusal plain.
void read_refusal(const nlohmann::json& j, SyncOutcome& out) {
  SyncRefusal r;
  (void)read_str(j, "role", out.role);
  auto refused = j.find("refused");
  if (refused != j.end() && refused->is_object()) {
    if (read_u64(*refused, "seq", r.seq, true) || read_str(*refused, "kind", r.kind) ||
        read_str(*refused, "needs", r.needs) || r.seq == 0)
      return;
    (void)read_str(*refused, "role", out.role);
    r.reason = "role";
  } else {
    if (read_str(j, "reason", r.reason)) return;
    if (r.reason == "seq_taken" && (read_u64(j, "seq", r.seq, true) || read_u64(j, "acked_seq", r.acked_seq, true) ||
                                    r.seq == 0 || r.seq > r.acked_seq))
      return;
    if (r.reason == "op_too_large" && (read_u64(j, "seq", r.seq, true) || r.seq == 0)) return;
    if (r.reason == "server_behind") {
      if (read_u64(j, "head", r.head, true) || read_u64(j, "acked_seq", r.acked_seq, true)) return;
      // [[pos, chain], …]: a malformed entry is left out (it could only lower what is kept).
      auto chains = j.find("chains");
      if (chains != j.end() && chains->is_array()) {
        r.chains.emplace();
        for (const auto& c : *chains)
          if (c.is_array() && c.size() == 2 && c[0].is_number_unsigned() && c[1].is_string() &&
              valid_chain(c[1].get<std::string>()))
            r.chains->emplace_back(c[0].get<uint64_t>(), c[1].get<std::string>());
      }
    }
  }
  out.refusal = r;
}
}  // namespace

namespace {
// What is wrong with an answer that cannot be read at all: each told in a sentence of its own.
constexpr std::string_view kNotJson = "not valid JSON", kTooDeep = "nested too deeply";
}  // namespace

TextTemplate told_sync_problem(int http_status, const SyncOutcome& out) {
  const SyncRefusal& refusal = out.refusal;
  if (http_status == 0)  // the browser is online, the endpoint is not (down, or the network between)
    return {"The sync endpoint could not be reached; changes are kept and sent when it answers.", {}};
  if (http_status == 401)
    return {
        "The server did not accept this device's token: check the token in Settings. Your work stays on this "
        "device.",
        {}};
  if (refusal.reason == "server_behind")
    return {
        "The server was restored from an older copy and lost some of this workspace. Nothing was changed: choose "
        "Re-send my work in Settings.",
        {}};
  if (refusal.reason == "quota_bytes")
    return {
        "The workspace is at its storage quota on the server; nothing was stored. Your work stays on this "
        "device: ask the administrator to raise the quota.",
        {}};
  if (refusal.reason == "quota_ops")
    return {
        "The workspace has sent all the operations the server takes today; nothing was stored. Your work stays "
        "on this device and is sent tomorrow, or ask the administrator to raise the quota.",
        {}};
  if (out.answer_fault == kNotJson)  // a proxy's or a server's error page, most often
    return {"The server's answer is not JSON; nothing was changed, and the sync is tried again.", {}};
  if (out.answer_fault == kTooDeep)
    return {"The server's answer is nested too deeply to be read; nothing was changed, and the sync is tried again.",
            {}};
  if (http_status != 200)
    return {"The server refused the sync (%s): %s", {std::to_string(http_status), out.server_words}};
  // A field missing or of another type stays in the app's words ("'ops' is not a list").
  return {"The server's answer could not be read (%s); nothing was changed, and the sync is tried again.",
          {out.answer_fault}};
}

std::optional<std::string> apply_sync_response(Workspace& ws, int status, const std::string& body, uint64_t max_sent,
                                               SyncOutcome& out) {
  if (status == 0) return "offline: the sync endpoint could not be reached";
  // What is wrong with an answer that cannot be read, kept apart for told_sync_problem.
  auto unreadable = [&](std::string_view fault) {
    out.answer_fault = std::string(fault);
    return "the server's answer is " + out.answer_fault + "; nothing was changed";
  };
  // An answer nested deeper than any op would build a huge tree before its error (json_guard.h).
  if (!json_depth_within(body)) return unreadable(kTooDeep);
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (status != 200) {
    bool obj = !j.is_discarded() && j.is_object();
    std::string msg =
        obj && j.contains("error") && j["error"].is_string() ? j["error"].get<std::string>() : body.substr(0, 200);
    if (obj) read_refusal(j, out);
    out.server_words = msg;
    return "sync refused (" + std::to_string(status) + "): " + msg;
  }
  if (j.is_discarded() || !j.is_object()) return unreadable(kNotJson);
  auto bad = [&](const std::string& what) {
    unreadable(what);
    return "the server's answer is not valid (" + what + "); nothing was changed";
  };
  uint64_t acked = 0, head = 0;
  std::string role;
  if (auto e = read_u64(j, "acked_seq", acked, true)) return bad(*e);
  if (auto e = read_u64(j, "head", head, false)) return bad(*e);
  if (auto e = read_str(j, "role", role)) return bad(*e);
  std::optional<PublicationProgress> publishing;
  if (auto p = j.find("publishing"); p != j.end()) {
    PublicationProgress pp;
    std::optional<std::string> e;
    if (!p->is_object()) e = "not an object";
    if (!e) e = read_u64(*p, "held", pp.held, true);
    if (!e) e = read_u64(*p, "upto", pp.upto, true);
    if (!e && (!p->contains("client_id") || read_str(*p, "client_id", pp.client_id))) e = "'client_id' is not text";
    if (!e && pp.held >= pp.upto) e = "it holds all of it";
    if (e) return bad("'publishing': " + *e);
    publishing = std::move(pp);
  }
  auto ops_it = j.find("ops");
  if (ops_it == j.end() || !ops_it->is_array()) return bad("'ops' is not a list");
  std::vector<Envelope> ops;
  ops.reserve(ops_it->size());
  for (const auto& o : *ops_it) {
    std::string where = "ops[" + std::to_string(ops.size()) + "]";
    if (!o.is_object()) return bad(where + " is not an object");
    Envelope e;
    std::optional<std::string> err = read_u64(o, "pos", e.pos, true);
    if (!err) err = read_u64(o, "seq", e.seq, false);
    if (!err) err = read_str(o, "client_id", e.client);
    if (!err) err = read_str(o, "agent", e.agent);
    if (!err) err = read_str(o, "accepted_at", e.accepted_at);
    if (!err) err = read_str(o, "chain", e.chain);
    if (!err && o.contains("chain") && !valid_chain(e.chain)) err = "'chain' is not 1-64 lowercase hex digits";
    if (err) return bad(where + ": " + *err);
    if (o.find("op") == o.end()) return bad(where + " has no 'op'");
    if (e.accepted_at.size() > 10) e.accepted_at.resize(10);
    // Whatever the op holds, it takes its position: the fold records an op it cannot apply as
    // rejected, so one bad op never blocks the ones after it.
    e.op = o["op"];
    if (e.pos != ws.cursor() + 1 + ops.size()) return bad(where + " skips positions");
    ops.push_back(std::move(e));
  }
  out.acked_seq = acked;
  out.head = head;
  out.role = role;
  out.received = ops.size();
  out.publishing = std::move(publishing);
  ws.receive(acked, ops, max_sent, head);
  out.new_confirmed = std::move(ops);
  return std::nullopt;
}

}  // namespace deskbill
