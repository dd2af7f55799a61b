#include "journal/provisional.h"

#include <algorithm>

#include "core/json_member.h"
#include "core/names.h"
#include "core/tax_math.h"

namespace deskbill {

namespace {
size_t live_lines(const State& s, uint32_t inv) {
  size_t n = 0;
  for (uint32_t il = s.invoices.rows[inv].line_head; il != kNone; il = s.invoice_lines.rows[il].next)
    if (!s.invoice_lines.rows[il].deleted) ++n;
  return n;
}
}  // namespace

bool invoice_provisional(const Workspace& ws, uint32_t inv) {
  if (!ws.shared() || ws.pending().empty()) return false;
  const State& shown = ws.state();
  if (inv >= shown.invoices.size() || shown.invoices.rows[inv].state != MoveState::Posted) return false;
  const State& confirmed = ws.confirmed_state();
  uint32_t c = confirmed.invoices.find(confirmed.text, shown.invoices.ids.id_of(shown.text, inv));
  return c == kNone || confirmed.invoices.rows[c].state != MoveState::Posted;
}

bool ticket_provisional(const Workspace& ws, uint32_t t) {
  return ws.shared() && t < ws.state().tickets.size() && t >= ws.confirmed_state().tickets.size();
}

void PostWatch::posted(uint64_t seq, const State& shown, const std::string& invoice) {
  uint32_t i = shown.invoices.find(shown.text, invoice);
  if (i == kNone) return;
  PostSeen p;
  p.seq = seq;
  p.invoice = invoice;
  p.total = invoice_totals(shown, i).total;
  p.date = shown.invoices.rows[i].date;
  p.lines = live_lines(shown, i);
  p.name = std::string(shown.str(shown.partners.rows[shown.invoices.rows[i].partner].name)) + ", " +
           format_money_grouped(p.total);
  watched_.push_back(std::move(p));
}

namespace {
// Who had ops ordered before the post: the agents the server named, and whether devices without
// a name (a server without accounts) did too.
TextTemplate ordered_before(const std::string& invoice, const std::string& seen, const std::vector<std::string>& named,
                            bool unnamed) {
  std::string by;
  for (size_t k = 0; k < named.size(); ++k) by += (k ? ", " : "") + named[k];
  if (named.empty() && !unnamed)
    return TextTemplate{"%s (%s): the server ordered other changes before your posting.", {invoice, seen}};
  if (named.empty())
    return TextTemplate{"%s (%s): changes from other devices were ordered before your posting.", {invoice, seen}};
  if (!unnamed) return TextTemplate{"%s (%s): changes by %s were ordered before your posting.", {invoice, seen, by}};
  return TextTemplate{"%s (%s): changes by %s and from other devices were ordered before your posting.",
                      {invoice, seen, by}};
}
}  // namespace

std::vector<SyncNotice> PostWatch::settle(const Workspace& ws, const std::vector<Envelope>& received) {
  std::vector<SyncNotice> notices;
  const State& s = ws.confirmed_state();
  std::vector<PostSeen> still;
  for (PostSeen& p : watched_) {
    bool pending =
        std::any_of(ws.pending().begin(), ws.pending().end(), [&](const PendingOp& o) { return o.seq == p.seq; });
    if (pending) {
      still.push_back(std::move(p));
      continue;
    }
    uint32_t i = s.invoices.find(s.text, p.invoice);
    // A refused post is in the inbox already, with its reason.
    if (i == kNone || s.invoices.rows[i].state != MoveState::Posted) continue;
    Money total = invoice_totals(s, i).total;
    Day date = s.invoices.rows[i].date;
    size_t lines = live_lines(s, i);
    if (total == p.total && date == p.date && lines == p.lines) continue;
    // Whose ops came first: the other devices' ops this sync brought before the post.
    std::vector<std::string> named;
    bool unnamed = false;
    for (const Envelope& e : received) {
      if (e.client == ws.client_id() && e.seq == p.seq) break;
      if (e.client == ws.client_id()) continue;
      if (e.agent.empty())
        unnamed = true;
      else if (std::find(named.begin(), named.end(), e.agent) == named.end())
        named.push_back(e.agent);
    }
    SyncNotice notice;
    notice.invoice = p.invoice;
    Sentences& n = notice.sentences;
    n.push_back(ordered_before(invoice_name(s, i), p.name, named, unnamed));
    if (total != p.total)
      n.push_back(TextTemplate{"The total: %s → %s.", {format_money_grouped(p.total), format_money_grouped(total)}});
    if (date != p.date) n.push_back(TextTemplate{"Dated %s instead of %s.", {format_day(date), format_day(p.date)}});
    if (lines != p.lines)
      n.push_back(TextTemplate{"%s lines instead of %s.", {std::to_string(lines), std::to_string(p.lines)}});
    n.push_back(TextTemplate{"Check it before you send it.", {}});
    notices.push_back(std::move(notice));
  }
  watched_ = std::move(still);
  return notices;
}

nlohmann::json PostWatch::to_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const PostSeen& p : watched_)
    out.push_back({{"seq", p.seq},
                   {"invoice", p.invoice},
                   {"name", p.name},
                   {"total", p.total},
                   {"date", p.date},
                   {"lines", p.lines}});
  return out;
}

void PostWatch::from_json(const nlohmann::json& j) {
  watched_.clear();
  if (!j.is_array()) return;
  for (const auto& e : j) {
    // An entry with a member of another type is left out (nlohmann's value() threw at start on
    // a damaged inbox.json): that posting is only not compared when it is confirmed. A member
    // that is missing takes its default, as when earlier builds wrote fewer.
    if (!e.is_object()) continue;
    bool fits = true;
    auto member = [&](const char* key, auto& out) { fits = fits && read_member(e, key, out) != MemberRead::OtherType; };
    PostSeen p;
    if (read_member(e, "seq", p.seq) != MemberRead::Taken) continue;
    member("invoice", p.invoice);
    member("name", p.name);
    member("total", p.total);
    member("date", p.date);
    member("lines", p.lines);
    if (!fits) continue;
    watched_.push_back(std::move(p));
  }
}

}  // namespace deskbill
