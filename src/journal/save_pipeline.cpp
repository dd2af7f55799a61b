#include "journal/save_pipeline.h"

namespace deskbill {

void SavePipeline::loaded(const Workspace& ws) {
  unwritten_.clear();
  written_seq_ = durable_seq_ = ws.next_seq() - 1;
  status_ = {};
  retry_at_ = 0;
}

void SavePipeline::layout_replaced(const Workspace& ws, uint64_t first_seq) {
  unwritten_.clear();
  rewrote_from(first_seq);
  record(ws, {}, ws.confirmed_count());
}

void SavePipeline::fail(TextTemplate message) {
  status_ = {SaveState::NotSaved, std::move(message)};
  retry_at_ = now_() + kRetryMs;
}

bool SavePipeline::write_all(const Workspace& ws) {
  if (!unwritten_.empty()) {
    if (auto e = store_.append_confirmed(unwritten_, unwritten_before_)) {
      fail({"Could not write to browser storage: %s. Your work is kept in this tab; retrying.",
            {without_full_stop(*e)}});
      return false;
    }
    unwritten_.clear();
  }
  if (ws.shared() || !ws.pending().empty()) {
    if (auto e = store_.write_pending(ws.pending())) {
      fail({"Could not write to browser storage: %s. Your work is kept in this tab; retrying.",
            {without_full_stop(*e)}});
      return false;
    }
  }
  // The counter is stored with the ops that used it, so a restart never hands out a seq (or an
  // id made from it) that a stored or sent op already has.
  if (meta_.next_seq != ws.next_seq() || meta_.shared != ws.shared()) {
    uint64_t before = meta_.next_seq;
    bool shared_before = meta_.shared;
    meta_.next_seq = ws.next_seq();
    meta_.shared = ws.shared();
    if (auto e = store_.write_meta(meta_)) {
      meta_.next_seq = before;
      meta_.shared = shared_before;
      fail({"Could not write to browser storage: %s. Your work is kept in this tab; retrying.",
            {without_full_stop(*e)}});
      return false;
    }
  }
  written_seq_ = ws.next_seq() - 1;
  return true;
}

void SavePipeline::record(const Workspace& ws, const std::vector<Envelope>& confirmed_added, uint64_t total_before) {
  if (read_only_) {
    status_ = {SaveState::NotSaved, {"This tab is read-only: another tab writes this workspace.", {}}};
    return;
  }
  // Ops are appended in order: after a failed write, new ones wait behind the unwritten ones.
  if (unwritten_.empty()) unwritten_before_ = total_before;
  unwritten_.insert(unwritten_.end(), confirmed_added.begin(), confirmed_added.end());
  if (unsaved_since_ == 0) unsaved_since_ = now_();
  if (!write_all(ws)) return;
  flush();
}

void SavePipeline::rewrote_from(uint64_t seq) {
  uint64_t below = seq == 0 ? 0 : seq - 1;
  if (durable_seq_ > below) durable_seq_ = below;
  if (flushing_seq_ > below) flushing_seq_ = below;
}

void SavePipeline::flush() {
  if (read_only_) return;
  if (flushing_) {
    flush_again_ = true;  // one flush in flight, one queued
    return;
  }
  flushing_ = true;
  flush_again_ = false;
  flush_started_ = now_();
  flushing_seq_ = written_seq_;
  if (status_.state != SaveState::NotSaved) status_ = {SaveState::Saving, {}};
  int gen = ++flush_generation_;
  durability_.flush([this, gen](std::string err) {
    if (gen != flush_generation_) return;  // a timed-out attempt answering late
    flushing_ = false;
    if (!err.empty()) {
      fail({"Browser storage refused to save: %s. Your work is kept in this tab; retrying.", {without_full_stop(err)}});
      if (on_saved) on_saved(status_.message.filled());
      return;
    }
    if (flushing_seq_ > durable_seq_) durable_seq_ = flushing_seq_;
    if (flush_again_) {
      flush();
      return;
    }
    if (status_.state == SaveState::NotSaved) return;  // a write failed meanwhile: the retry flushes
    status_ = {SaveState::Saved, {}};
    if (unsaved_since_ > 0) last_save_ms_ = now_() - unsaved_since_;
    unsaved_since_ = 0;
    if (on_saved) on_saved("");
  });
}

void SavePipeline::tick(const Workspace& ws) {
  if (read_only_) return;
  double now = now_();
  if (flushing_ && now - flush_started_ > kFlushTimeoutMs) {
    flushing_ = false;
    ++flush_generation_;
    fail({"Browser storage did not answer (is it full?). Your work is kept in this tab; retrying.", {}});
  }
  if (status_.state == SaveState::NotSaved && retry_at_ > 0 && now >= retry_at_ && !flushing_) {
    retry_at_ = 0;
    // The files in memory are whole: write what failed to write, then flush again.
    status_.state = SaveState::Saving;
    if (write_all(ws)) flush();
  }
}

}  // namespace deskbill
