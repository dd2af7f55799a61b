// What the UI needs from the program around it: the state to read, a way to emit ops, and the
// browser services (clipboard, downloads, printing, storage status, sync). The app implements it;
// the UI never reaches past it.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/apply.h"
#include "core/sync_notice.h"
#include "core/text_template.h"
#include "core/timer.h"

namespace deskbill::ui {

enum class SaveState { Saved, Saving, NotSaved };

struct SaveStatus {
  SaveState state = SaveState::Saved;
  TextTemplate message;  // why it is not saved, when it is not: translated whole (ui::tr)
};

struct SyncStatus {
  bool configured = false;
  bool online = true;
  bool busy = false;
  std::string url, workspace, token;
  TextTemplate error;  // the last problem, as a template for the UI to translate (SyncLoop::error)
  size_t pending = 0;
  std::string last_success;       // time of day
  std::string role;               // the token's role as the server said it ("" until it did)
  uint64_t cursor = 0, head = 0;  // operations received, and how many the server holds
  bool server_behind = false;     // the server was restored from an older copy: offer to re-send
  // A publication the server holds part of (its ops up to `publication_held` of
  // `publication_upto`): by another device, this device's work waits until it is complete.
  uint64_t publication_held = 0, publication_upto = 0;
  bool publication_by_this_device = false;
  // Re-sent work that waits for a record another device has to send again (sync/sync_client.h,
  // first_held): the record's id and how many pending ops wait ("" and 0: none).
  std::string held_record;
  size_t held_ops = 0;
};

class Host {
 public:
  virtual ~Host() = default;
  virtual const State& state() const = 0;
  // Validates and applies the op, then persists it. Refused ops change nothing.
  [[nodiscard]] virtual ApplyResult emit(const nlohmann::json& op) = 0;
  // A record id no other device or tab can make (journal/record_ids.h).
  virtual std::string new_id() = 0;
  virtual Day today() const = 0;
  virtual double now_ms() const = 0;
  virtual bool read_only() const = 0;
  // A start shows the workspace without its timesheets while it reads them (a large workspace):
  // state() has no timesheets, and emit refuses every op until it is false.
  virtual bool opening() const = 0;
  virtual SaveStatus save_status() const = 0;
  virtual SyncStatus sync_status() const = 0;
  virtual void configure_sync(const std::string& url, const std::string& workspace, const std::string& token) = 0;
  virtual void sync_now() = 0;
  // Whether the user's role (as the server said it) may send ops of this kind; true when the
  // workspace is local or the role is not known yet (the server decides, docs/sync.md).
  virtual bool may_send(const std::string& kind) const = 0;
  // The server was restored from an older copy: send this device's work again (journal/resend.h).
  virtual void resend_work() = 0;
  // Send the re-sent work that waits for another device's record as it is (that device will not
  // come back): every fold refuses what names a record no one holds, and the inbox shows it.
  virtual void send_held_anyway() = 0;
  // The timer running on this device (core/timer.h), stored beside the journal so it survives
  // navigation and reloads (journal/timer_store.h).
  virtual const std::optional<RunningTimer>& timer() const = 0;
  // Starts it, stored and flushed. False (with the problem reported) when it could not be
  // written: nothing changed.
  [[nodiscard]] virtual bool start_timer(RunningTimer t) = 0;
  // Stops it: `log` submits the line (returns "" when accepted, else why not); the cleared timer
  // and the line are stored by one flush, so a crash never keeps both (the time logged twice) or
  // neither (the time lost). Returns "" when the line was logged, else the problem.
  [[nodiscard]] virtual TextTemplate stop_timer(const std::function<std::string(const nlohmann::json&)>& log) = 0;
  // The employee this device's user is ("This is me" in Settings): the default on new lines and
  // for the timer; "" when not chosen.
  virtual std::string me() const = 0;
  virtual void set_me(const std::string& employee_id) = 0;
  virtual bool shared() const = 0;
  virtual const std::vector<std::pair<uint64_t, OpError>>& pending_conflicts() const = 0;
  virtual size_t pending_count() const = 0;
  // An invoice posted by an op the server has not ordered yet: it has no number yet.
  virtual bool invoice_provisional(uint32_t invoice) const = 0;
  // A ticket created by an op the server has not ordered yet: it has no number yet.
  virtual bool ticket_provisional(uint32_t ticket) const = 0;
  // "Changed on sync": confirmed posts that differ from what the user saw (journal/provisional).
  virtual const std::vector<SyncNotice>& sync_notices() const = 0;
  virtual void dismiss_notice(size_t index) = 0;
  // The inbox: rejected ops its user has dealt with are hidden (by position), on this device.
  virtual bool rejection_dismissed(uint64_t pos) const = 0;
  virtual void dismiss_rejection(uint64_t pos) = 0;
  // This device's id (ops it made carry it): the inbox offers ways forward on its own ops.
  virtual std::string client_id() const = 0;
  virtual void load_demo() = 0;
  virtual void export_journal() = 0;
  virtual void import_journal() = 0;
  // What the last import (a file, or the demo data) did, shown under the Backup buttons until
  // the next one (an announcement alone reaches only screen readers).
  struct ImportOutcome {
    bool done = false;     // false: nothing imported since the start
    std::string file;      // the file's name; "" for the demo data
    TextTemplate problem;  // not imported at all, and why (nothing was written): translated whole
    size_t imported = 0, refused = 0;
    size_t first_refused = 0;  // 1-based, among the file's operations
    OpError first_refusal;
  };
  virtual const ImportOutcome& last_import() const = 0;
  // The last thing the host has to tell the user about what it did after a click or by itself
  // (a backup that could not be made, storage busy, work re-sent): `seq` grows with each, and
  // the UI shows each once as a notice (an announcement alone reaches only screen readers).
  // `text` is an English template whose "%s" take its args in order: the UI shows it translated
  // whole (ui::tr).
  struct Message {
    uint64_t seq = 0;
    TextTemplate text;
    bool problem = false;
  };
  virtual const Message& message() const = 0;
  virtual void copy_text(const std::string& text) = 0;
  virtual void download(const std::string& name, const std::string& mime, const std::string& data) = 0;
  virtual void print_html(const std::string& html) = 0;
  virtual void announce(const std::string& text) = 0;
  virtual void set_url_hash(const std::string& hash) = 0;
  // The font sizes Settings offers (CSS pixels): the preferences' rule, which set_font_size keeps.
  struct FontSizes {
    float min, max;
  };
  virtual FontSizes font_sizes() const = 0;
  virtual void set_font_size(float css_px) = 0;
  virtual double frame_ms() const = 0;
};

}  // namespace deskbill::ui
