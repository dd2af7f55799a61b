// Settings: language, font size, the company printed on invoices, the sync endpoint, backups (export / import of the
// journal), demo data, and what the browser storage says.
#include <cstdio>

#include "ui/i18n.h"
#include "ui/outcome_words.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

// What the last import did, under its button (ui/outcome_words: the words it is announced with).
static void draw_import_outcome(const Host::ImportOutcome& im) {
  if (!im.done) return;
  bool problem = import_outcome_is_problem(im);
  if (problem) ImGui::PushStyleColor(ImGuiCol_Text, colors::kRed);
  ImGui::TextWrapped("%s", import_outcome_text(im).c_str());
  if (problem) ImGui::PopStyleColor();
}

void draw_settings(Host& host, UiState& ui) {
  title(tr("Settings"));
  int lang_index = lang() == Lang::Ro ? 1 : 0;
  ImGui::SetNextItemWidth(px(180));
  const char* langs[] = {"English", "Română"};
  label_next_combo(tr("Language"));
  if (ImGui::Combo(tr("Language"), &lang_index, langs, 2)) set_lang(lang_index ? Lang::Ro : Lang::En);
  ImGui::SetNextItemWidth(px(180));
  float size = ui.font_px;
  const Host::FontSizes sizes = host.font_sizes();
  // Clamped when typed too (Ctrl+click): "2" for "22" gave a 2 px screen no one could read.
  if (ImGui::SliderFloat((std::string(tr("Font size")) + "###font-size").c_str(), &size, sizes.min, sizes.max,
                         "%.0f px", ImGuiSliderFlags_AlwaysClamp))
    ui.font_px = size;
  if (ImGui::IsItemDeactivatedAfterEdit()) host.set_font_size(ui.font_px);
  // Who uses this device: the default employee on new timesheet lines and for the timer.
  const State& s = host.state();
  uint32_t me = host.me().empty() ? kNone : s.employees.find(s.text, host.me());
  if (pick((std::string(tr("This is me")) + "##me").c_str(), employee_choices(s), me, "—", px(240)))
    host.set_me(me == kNone ? "" : id_of(s, s.employees, me));
  ImGui::Separator();
  draw_company_profile(host, ui);
  ImGui::Separator();
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(tr("Sync"));
  ImGui::PopFont();
  SyncStatus st = host.sync_status();
  if (!ui.sync_loaded) {
    std::snprintf(ui.sync_url, sizeof ui.sync_url, "%s", st.url.empty() ? "/api/sync" : st.url.c_str());
    std::snprintf(ui.sync_workspace, sizeof ui.sync_workspace, "%s", st.workspace.c_str());
    std::snprintf(ui.sync_token, sizeof ui.sync_token, "%s", st.token.c_str());
    ui.sync_loaded = true;
  }
  ImGui::TextWrapped("%s", host.shared()
                               ? tr("This workspace is shared through a sync endpoint.")
                               : tr("This workspace lives only in this browser. Connect it to a sync endpoint "
                                    "to share it (an empty server workspace receives it as it is)."));
  ImGui::SetNextItemWidth(px(320));
  ImGui::InputText((std::string(tr("Endpoint")) + "##sync-url").c_str(), ui.sync_url, sizeof ui.sync_url);
  ImGui::SetNextItemWidth(px(320));
  ImGui::InputText((std::string(tr("Workspace")) + "##sync-workspace").c_str(), ui.sync_workspace,
                   sizeof ui.sync_workspace);
  ImGui::SetNextItemWidth(px(320));
  ImGui::InputText((std::string(tr("Token")) + "##sync-token").c_str(), ui.sync_token, sizeof ui.sync_token,
                   ImGuiInputTextFlags_Password);
  ImGui::BeginDisabled(host.read_only());
  if (ImGui::Button((std::string(tr("Connect")) + "##sync-connect").c_str()))
    host.configure_sync(ui.sync_url, ui.sync_workspace, ui.sync_token);
  ImGui::EndDisabled();
  if (st.configured) {
    ImGui::SameLine();
    ImGui::BeginDisabled(host.read_only());  // only the writer tab syncs
    if (ImGui::Button((std::string(tr("Sync now")) + "##sync-now").c_str())) host.sync_now();
    ImGui::EndDisabled();
    ImGui::Text("%zu %s, %s %s", st.pending, tr("pending"), tr("last success"),
                st.last_success.empty() ? tr("never") : st.last_success.c_str());
    if (!st.role.empty()) ImGui::Text("%s: %s", tr("Your role"), st.role.c_str());
    if (st.head > st.cursor)
      ImGui::Text("%s %llu / %llu", tr("Receiving operations"), static_cast<unsigned long long>(st.cursor),
                  static_cast<unsigned long long>(st.head));
    if (st.publication_upto > 0) {
      std::string held = std::to_string(st.publication_held), upto = std::to_string(st.publication_upto);
      ImGui::PushStyleColor(ImGuiCol_Text, colors::kAmber);
      if (st.publication_by_this_device)
        ImGui::TextWrapped(tr("Publishing: the server holds %s of the %s operations of this workspace. Other "
                              "devices' work is stored after all of them."),
                           held.c_str(), upto.c_str());
      else
        ImGui::TextWrapped(tr("Another device is publishing this workspace: the server holds %s of its %s "
                              "operations. This device's work is kept here and sent once the publication is "
                              "complete. If that device will not come back, the server's administrator can end "
                              "the wait (serve.py --end-publication)."),
                           held.c_str(), upto.c_str());
      ImGui::PopStyleColor();
    }
    if (st.held_ops > 0) {
      // After a server restored from an older copy: sent before that record, every fold would
      // refuse this work.
      std::string n = std::to_string(st.held_ops);
      ImGui::PushStyleColor(ImGuiCol_Text, colors::kAmber);
      ImGui::TextWrapped(tr("%s of this device's operations wait for a record another device has to send again "
                            "after the server's restore (%s). Sent before it, they would be refused. If that "
                            "device will not come back, send them as they are: the ones that name the record go "
                            "to Conflicts."),
                         n.c_str(), st.held_record.c_str());
      ImGui::PopStyleColor();
      ImGui::BeginDisabled(host.read_only());
      if (ImGui::Button((std::string(tr("Send them as they are")) + "##send-held").c_str())) host.send_held_anyway();
      ImGui::EndDisabled();
    }
    if (!st.error.empty()) {
      ImGui::PushTextWrapPos(0.0f);  // the server's words can be long
      value_text_colored(colors::kRed, tr(st.error).c_str());
      ImGui::PopTextWrapPos();
    }
    if (st.server_behind) {
      // The server lost what it had confirmed after some position: this device still has its
      // own part of it and its pending work, and can send them again.
      ImGui::TextWrapped("%s", tr("This device's work is kept here. Re-sending it gives the server back this "
                                  "device's operations it lost and the ones not yet sent; other devices re-send "
                                  "theirs. Use Export journal, under Backup below, first if you want a copy of "
                                  "everything as it is."));
      ImGui::BeginDisabled(host.read_only());
      if (ImGui::Button((std::string(tr("Re-send my work")) + "##resend").c_str())) host.resend_work();
      ImGui::EndDisabled();
    }
  }
  ImGui::Separator();
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(tr("Backup"));
  ImGui::PopFont();
  if (ImGui::Button((std::string(tr("Export journal")) + "##export").c_str())) host.export_journal();
  ImGui::SameLine();
  ImGui::BeginDisabled(host.read_only());  // a read-only tab cannot write
  if (ImGui::Button((std::string(tr("Import journal")) + "##import").c_str())) host.import_journal();
  ImGui::EndDisabled();
  ImGui::SameLine();
  // Demo data goes only into an empty workspace (its ids would collide otherwise).
  ImGui::BeginDisabled(host.read_only() || host.state().applied != 0);
  if (ImGui::Button((std::string(tr("Load demo data")) + "##demo").c_str())) host.load_demo();
  ImGui::EndDisabled();
  draw_import_outcome(host.last_import());
  SaveStatus sv = host.save_status();
  if (sv.state == SaveState::NotSaved) {
    ImGui::PushTextWrapPos(0.0f);  // a long reason wraps at the window's edge
    value_text_colored(colors::kRed, tr(sv.message).c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::TextDisabled("%s: %.2f ms", tr("Last frame"), host.frame_ms());
}

}  // namespace deskbill::ui
