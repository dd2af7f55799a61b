#include "journal/writer_handoff.h"

namespace deskbill {

bool WriterHandoff::want_read() {
  if (!open_) return false;  // the open reads it all; workspace_opened() starts the read then
  if (reading_) {
    read_again_ = true;  // this read may have begun before what the request is about was stored
    return false;
  }
  reading_ = true;
  return true;
}

bool WriterHandoff::writer_saved() {
  // Once this tab writes, a late message from the tab that wrote before is about files this tab
  // has already read. While a takeover is due, it reads again first (want_read), so the takeover
  // starts from that tab's very last save.
  if (writer_) return false;
  follow_due_ = true;
  return want_read();
}

bool WriterHandoff::lock_granted() {
  if (writer_) return false;
  become_writer_due_ = true;
  return want_read();
}

bool WriterHandoff::workspace_opened() {
  open_ = true;
  if (writer_ || (!follow_due_ && !become_writer_due_)) return false;
  return want_read();
}

bool WriterHandoff::read_finished(bool ok) {
  reading_ = false;
  read_ok_ = ok;
  if (!read_again_) return false;
  read_again_ = false;
  reading_ = true;
  return true;
}

WriterHandoff::Due WriterHandoff::take_due() {
  if (!open_ || reading_) return Due::Nothing;
  if (!read_ok_ && (become_writer_due_ || follow_due_)) {
    bool take_over = become_writer_due_;
    become_writer_due_ = follow_due_ = false;
    read_ok_ = true;
    return take_over ? Due::ReloadToTakeOver : Due::FollowFailed;
  }
  if (become_writer_due_) {
    become_writer_due_ = follow_due_ = false;
    writer_ = true;
    return Due::BecomeWriter;
  }
  if (follow_due_) {
    follow_due_ = false;
    return Due::Follow;
  }
  return Due::Nothing;
}

}  // namespace deskbill
