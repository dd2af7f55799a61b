// The conflicts inbox: what changed on sync (a posted invoice that came out other than the user
// saw), this device's pending ops that would be refused if confirmed now, and the ops the fold
// rejected at their place in the canonical order — each said in words (who, when, which record,
// why) with the ways forward that exist. Nothing disappears silently.
#include "core/dates.h"
#include "core/describe.h"
#include "core/ways_forward.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

namespace {

void draw_notices(Host& host, UiState& ui) {
  const auto& notices = host.sync_notices();
  if (notices.empty()) return;
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(tr("Changed on sync"));
  ImGui::PopFont();
  for (size_t k = 0; k < notices.size(); ++k) {
    ImGui::PushID(static_cast<int>(k));
    // Wrapped, with Dismiss under it: on one line, a notice of a few sentences ran past the
    // panel's right edge and took its Dismiss button with it.
    ImGui::PushStyleColor(ImGuiCol_Text, colors::kAmber);
    ImGui::TextWrapped("%s", tr(notices[k].sentences).c_str());
    ImGui::PopStyleColor();
    // "Check it before you send it": the invoice is a click away (a notice written before the
    // invoice's id was kept, or about an invoice no longer here, has no button).
    // A read-only tab does not write inbox.json: its dismissal would come back at a reload, so
    // it offers none, as for a rejected op.
    const bool may_dismiss = !host.read_only();
    const std::string& inv = notices[k].invoice;
    if (!inv.empty() && host.state().find(host.state().invoices, inv) != kNone) {
      if (ImGui::SmallButton(tr("Open the invoice"))) navigate(ui, Screen::Invoice, inv);
      if (may_dismiss) ImGui::SameLine();
    }
    if (may_dismiss && ImGui::SmallButton(tr("Dismiss"))) host.dismiss_notice(k);
    ImGui::PopID();
  }
  ImGui::Spacing();
}

// The ways forward for one rejected op: only its author can make it again.
void draw_ways_forward(Host& host, UiState& ui, const State& s, const Rejected& r) {
  nlohmann::json op = nlohmann::json::parse(s.str(r.op), nullptr, false);
  // Its author makes it again another way, unless its first copy was applied (repeated_op).
  bool mine = std::string(s.str(r.client)) == host.client_id() && may_be_made_again(s.str(r.code));
  if (mine && !host.read_only()) {
    if (auto again = relog_as_non_billable(op, host.new_id())) {
      if (ImGui::SmallButton(tr("Log again as non-billable")) &&
          run_op(host, ui, *again, "Timesheet logged as non-billable"))
        host.dismiss_rejection(r.pos);
      ImGui::SameLine();
    }
  }
  std::string ticket = ticket_of_op(s, op);
  if (!ticket.empty()) {
    // On the ticket the user can log the hours on another Sales Order Item.
    if (ImGui::SmallButton(mine ? tr("Open the ticket to log it again") : tr("Open the ticket")))
      navigate(ui, Screen::Ticket, ticket);
    ImGui::SameLine();
  }
  if (!host.read_only() && ImGui::SmallButton(tr("Dismiss"))) host.dismiss_rejection(r.pos);
}

}  // namespace

void draw_conflicts(Host& host, UiState& ui) {
  const State& s = host.state();
  title(tr("Conflicts"));
  const auto& pending = host.pending_conflicts();
  size_t shown = 0;
  for (const Rejected& r : s.rejected) shown += !host.rejection_dismissed(r.pos);
  draw_notices(host, ui);
  if (shown == 0 && pending.empty() && host.sync_notices().empty()) {
    ImGui::TextWrapped("%s",
                       tr("No conflicts. When an operation made offline can no longer apply (for example, two agents "
                          "invoiced the same hours), it appears here with the reason and what you can do."));
    return;
  }
  if (!pending.empty()) {
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted(tr("Not yet synced, would be refused"));
    ImGui::PopFont();
    for (auto& [seq, err] : pending)
      ImGui::BulletText("#%llu: %s", static_cast<unsigned long long>(seq), tr_error(err.code, err.message).c_str());
  }
  if (shown == 0) return;
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(tr("Rejected operations"));
  ImGui::PopFont();
  // As tall as its rows when they fit (a few refusals drew empty columns to the bottom of the
  // screen); a row's reason wraps, so each is counted as three lines.
  ListLayout layout = list_layout(shown * 3);
  if (ImGui::BeginTable(
          "##rejected", 5,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | layout.scroll | ImGuiTableFlags_SizingStretchProp,
          layout.size)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"When", "Who", "What", "Why", "What you can do"}) ImGui::TableSetupColumn(tr(h));
    ImGui::TableHeadersRow();
    std::vector<uint32_t> rows;
    rows.reserve(shown);
    for (uint32_t k = static_cast<uint32_t>(s.rejected.size()); k-- > 0;)
      if (!host.rejection_dismissed(s.rejected[k].pos)) rows.push_back(k);
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(rows.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
        const Rejected& r = s.rejected[rows[i]];
        ImGui::PushID(static_cast<int>(rows[i]));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        // The day the server accepted it, and its place in the order everyone folds.
        if (r.accepted_at != kNoDay)
          ImGui::Text("%s  #%llu", format_day(r.accepted_at).c_str(), static_cast<unsigned long long>(r.pos));
        else
          ImGui::Text("#%llu", static_cast<unsigned long long>(r.pos));
        ImGui::TableNextColumn();
        std::string who(s.str(r.agent));
        if (who.empty()) who = std::string(tr("device")) + " " + std::string(s.str(r.client));
        if (std::string(s.str(r.client)) == host.client_id()) who += std::string(" (") + tr("this device") + ")";
        ImGui::TextUnformatted(who.c_str());
        ImGui::TableNextColumn();
        std::string what(s.str(r.summary));
        ImGui::TextWrapped(
            "%s", (what.empty() ? std::string(s.str(r.kind)) + " " + std::string(s.str(r.op_id)) : what).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", tr_error(std::string(s.str(r.code)), std::string(s.str(r.message))).c_str());
        ImGui::TableNextColumn();
        draw_ways_forward(host, ui, s, r);
        ImGui::PopID();
      }
    ImGui::EndTable();
  }
}

}  // namespace deskbill::ui
