// How a read-only tab follows the writer tab and takes its place (DESIGN §3, docs/journal.md
// "One writer"). Two things reach it from the browser: "the writer stored new work" (a message)
// and "this tab holds the lock now" (the writer's tab went). Both are answered after reading
// browser storage again, and a read is asynchronous (IndexedDB), one at a time.
//
// What this keeps true:
// - no request is dropped. A request made during a read is answered by another read that starts
//   after it; a lock granted during a read (the writer went while this tab read its last save) is
//   answered by becoming the writer. Dropping that leaves this tab holding the lock and read-only:
//   no tab saves the workspace until every tab is reloaded;
// - nothing is read before the workspace is open (opening reads everything), and nothing is
//   folded while a read is half-way (IndexedDB fills the files one by one);
// - the writer never reads storage over its own files: once this tab writes, messages from a tab
//   that wrote before are ignored;
// - a tab that could not read storage does not take over: it would write its older copy of the
//   files over the last writer's saves. It reloads instead (the page reads everything again);
// - a tab that could not read the writer's save tries again by itself (IndexedDB's errors mostly
//   pass): it waited for the writer's next save, and a writer that saved no more left it showing
//   old work until the user reloaded (the fault simulation, seed 1119).
//   So does a tab that read it but could not follow it (a file read between two of the writer's
//   writes): it said "reload to see it" and waited for the user.
#pragma once

namespace deskbill {

class WriterHandoff {
 public:
  enum class Due {
    Nothing,
    Follow,            // fold what the writer stored since
    BecomeWriter,      // fold what the last writer stored, then write from here on
    FollowFailed,      // the read failed: say so; it is read again after retry_delay_ms() (tick)
    ReloadToTakeOver,  // the lock is ours but the read failed: start afresh, nothing written
  };

  // This tab held the lock when it opened: it is the writer from the start.
  void started_as_writer() { writer_ = true; }
  bool writer() const { return writer_; }

  // Each returns whether a read of storage must start now (the caller starts it and calls
  // read_finished() when it ends).
  [[nodiscard]] bool writer_saved();
  [[nodiscard]] bool lock_granted();
  [[nodiscard]] bool workspace_opened();
  // A read ended; `ok` is false when storage could not be read. Returns whether another read must
  // start now (a request came during this one).
  [[nodiscard]] bool read_finished(bool ok);

  // What is due now: nothing while a read runs or before the workspace is open. Taken once.
  [[nodiscard]] Due take_due();
  // How a Follow that was due went. One that failed though its read worked (what was read could
  // not be followed: journal/follow.h) is tried again like a failed read, after the same wait;
  // one that worked starts the count of failures again. A failure only a reload can mend (the
  // writer archived what this tab has not seen) is not reported here: trying again cannot help.
  void follow_done(bool ok);

  // After a failed follow read (or follow), another read comes due 1 s after the first tick(), then twice as
  // long after each failure in a row, at most 30 s; a read for another reason (the writer saved
  // again) replaces it. Returns whether a read must start now. `now_ms` is the caller's clock;
  // call it often.
  [[nodiscard]] bool tick(double now_ms);
  // The wait before the next try after the last failure (what the tab tells the user).
  double retry_delay_ms() const;

 private:
  [[nodiscard]] bool want_read();

  bool open_ = false;
  bool writer_ = false;
  bool reading_ = false;
  bool read_again_ = false;  // a request came during the read that runs
  bool read_ok_ = true;      // the last read that ended
  bool follow_due_ = false;
  bool become_writer_due_ = false;
  bool retry_due_ = false;  // a follow read failed: read again after the wait
  double retry_at_ms_ = 0;  // when (0: the wait has not begun)
  int failures_ = 0;        // follow reads failed in a row
};

}  // namespace deskbill
