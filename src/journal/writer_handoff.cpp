#include "journal/writer_handoff.h"

namespace deskbill {

bool WriterHandoff::want_read() {
  if (!open_) return false;  // the open reads it all; workspace_opened() starts the read then
  if (reading_) {
    read_again_ = true;  // this read may have begun before what the request is about was stored
    return false;
  }
  reading_ = true;
  retry_due_ = false;  // this read is the try again
  retry_at_ms_ = 0;
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
    if (take_over) return Due::ReloadToTakeOver;
    ++failures_;
    retry_due_ = true;
    return Due::FollowFailed;
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

void WriterHandoff::follow_done(bool ok) {
  if (ok) {
    failures_ = 0;
    return;
  }
  ++failures_;
  retry_due_ = true;
}

bool WriterHandoff::tick(double now_ms) {
  if (!retry_due_ || writer_) return false;
  if (retry_at_ms_ == 0) {
    retry_at_ms_ = now_ms + retry_delay_ms();
    return false;
  }
  if (now_ms < retry_at_ms_) return false;
  follow_due_ = true;
  return want_read();
}

double WriterHandoff::retry_delay_ms() const {
  double delay = 1000;
  for (int i = 1; i < failures_ && delay < 30000; ++i) delay *= 2;
  return delay < 30000 ? delay : 30000;
}

}  // namespace deskbill
