// One writer per workspace (docs/journal.md): a read-only tab follows the writer's saves and
// takes over when the writer's tab goes, answering each after reading storage again.
#include "journal/writer_handoff.h"

#include <gtest/gtest.h>

#include <vector>

namespace deskbill {
namespace {

using Due = WriterHandoff::Due;

WriterHandoff opened_read_only() {
  WriterHandoff h;
  EXPECT_FALSE(h.workspace_opened());
  return h;
}

TEST(WriterHandoff, AReadOnlyTabReadsStorageAgainAndFollowsWhenTheWriterSaved) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  EXPECT_EQ(h.take_due(), Due::Nothing);  // not before the read ended
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::Follow);
  EXPECT_EQ(h.take_due(), Due::Nothing);
}

TEST(WriterHandoff, ALockGrantedWhileAFollowReadRunsStillMakesThisTabTheWriter) {
  // The loss this class was written for: the writer's tab closed while this tab read its last
  // save, and the grant was dropped. This tab held the lock and stayed read-only.
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  EXPECT_FALSE(h.lock_granted());      // one read at a time
  EXPECT_TRUE(h.read_finished(true));  // the grant came during it: read again, after the writer went
  EXPECT_EQ(h.take_due(), Due::Nothing);
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::BecomeWriter);
  EXPECT_TRUE(h.writer());
}

TEST(WriterHandoff, ASaveAnnouncedDuringAReadIsReadAgainAfterIt) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  EXPECT_FALSE(h.writer_saved());
  EXPECT_FALSE(h.writer_saved());
  EXPECT_TRUE(h.read_finished(true));   // the read may have begun before those saves were stored
  EXPECT_FALSE(h.read_finished(true));  // and one more read answers both
  EXPECT_EQ(h.take_due(), Due::Follow);
  EXPECT_EQ(h.take_due(), Due::Nothing);
}

TEST(WriterHandoff, TheTakeoverReadsStorageFirst) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.lock_granted());
  EXPECT_EQ(h.take_due(), Due::Nothing);
  EXPECT_FALSE(h.writer());
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::BecomeWriter);
}

TEST(WriterHandoff, NothingIsReadOrFollowedBeforeTheWorkspaceIsOpen) {
  WriterHandoff h;
  EXPECT_FALSE(h.writer_saved());
  EXPECT_FALSE(h.lock_granted());
  EXPECT_EQ(h.take_due(), Due::Nothing);
  EXPECT_TRUE(h.workspace_opened());  // the grant is kept: read, then take over
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::BecomeWriter);
}

TEST(WriterHandoff, AWorkspaceOpenedWithNothingAnnouncedReadsNothingMore) {
  WriterHandoff h;
  EXPECT_FALSE(h.workspace_opened());
  EXPECT_EQ(h.take_due(), Due::Nothing);
}

TEST(WriterHandoff, TheWriterIgnoresALateMessageFromTheTabBeforeIt) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.lock_granted());
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::BecomeWriter);
  EXPECT_FALSE(h.writer_saved());  // no read over the files this tab now writes
  EXPECT_FALSE(h.lock_granted());
  EXPECT_EQ(h.take_due(), Due::Nothing);
}

TEST(WriterHandoff, ATabThatOpenedWithTheLockNeverReadsStorageAgain) {
  WriterHandoff h;
  h.started_as_writer();
  EXPECT_FALSE(h.workspace_opened());
  EXPECT_FALSE(h.writer_saved());
  EXPECT_EQ(h.take_due(), Due::Nothing);
}

TEST(WriterHandoff, ASaveAnnouncedWhileTheTakeoverReadsIsReadBeforeTakingOver) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.lock_granted());
  EXPECT_FALSE(h.writer_saved());  // the last tab's very last save, announced as it closed
  EXPECT_TRUE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::Nothing);
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::BecomeWriter);
}

TEST(WriterHandoff, AFailedReadDoesNotTakeOverButReloads) {
  // Taking over on an older copy of the files would write it over the last writer's saves.
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.lock_granted());
  EXPECT_FALSE(h.read_finished(false));
  EXPECT_EQ(h.take_due(), Due::ReloadToTakeOver);
  EXPECT_FALSE(h.writer());
}

TEST(WriterHandoff, AFailedFollowReadIsSaidAndTheNextSaveReadsAgain) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  EXPECT_FALSE(h.read_finished(false));
  EXPECT_EQ(h.take_due(), Due::FollowFailed);
  EXPECT_EQ(h.take_due(), Due::Nothing);
  EXPECT_TRUE(h.writer_saved());
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::Follow);
}

// A failed follow read waited for the writer's next save: a writer that saved no more left this
// tab showing old work until the user reloaded (the fault simulation, seed 1119).
TEST(WriterHandoff, AFailedFollowReadIsTriedAgainASecondLaterWithoutANewSave) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  EXPECT_FALSE(h.read_finished(false));
  EXPECT_EQ(h.take_due(), Due::FollowFailed);
  EXPECT_FALSE(h.tick(5000));  // the wait begins
  EXPECT_FALSE(h.tick(5999));
  EXPECT_TRUE(h.tick(6000));
  EXPECT_FALSE(h.tick(6001));  // one read at a time
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::Follow);
  EXPECT_FALSE(h.tick(60000));  // followed: nothing more to try
}

// Waits before each try, in ms, while every read fails.
std::vector<double> waits_while_reads_fail(WriterHandoff& h, int failures) {
  std::vector<double> waits;
  double now = 0;
  for (int i = 0; i < failures; ++i) {
    EXPECT_FALSE(h.read_finished(false));
    EXPECT_EQ(h.take_due(), Due::FollowFailed);
    EXPECT_FALSE(h.tick(now));
    double began = now;
    while (!h.tick(now += 500) && now - began < 120000) {  // none: the wait shows as 120 s
    }
    waits.push_back(now - began);
  }
  return waits;
}

TEST(WriterHandoff, EachFailureInARowWaitsTwiceAsLongUpToThirtySeconds) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  EXPECT_EQ(waits_while_reads_fail(h, 7), (std::vector<double>{1000, 2000, 4000, 8000, 16000, 30000, 30000}));
  EXPECT_FALSE(h.read_finished(true));  // a read that works, then its follow, start the count again
  EXPECT_EQ(h.take_due(), Due::Follow);
  h.follow_done(true);
  EXPECT_TRUE(h.writer_saved());
  EXPECT_EQ(waits_while_reads_fail(h, 2), (std::vector<double>{1000, 2000}));
}

// The read worked, but what it read could not be followed (journal/follow.h). The tab said
// "reload to see it" and never tried again by itself.
TEST(WriterHandoff, AFollowThatFailedAfterAGoodReadIsTriedAgainAfterTheWait) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::Follow);
  h.follow_done(false);
  EXPECT_FALSE(h.tick(5000));  // the wait begins
  EXPECT_FALSE(h.tick(5999));
  EXPECT_TRUE(h.tick(6000));
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::Follow);
  h.follow_done(true);
  EXPECT_FALSE(h.tick(60000));  // followed: nothing more to try
}

// A follow that fails each time (a file the writer left damaged) is not read every second: the
// good reads between its failures do not start the count again.
TEST(WriterHandoff, FollowsThatFailInARowWaitTwiceAsLongEachTime) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  std::vector<double> waits;
  double now = 0;
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(h.read_finished(true));
    EXPECT_EQ(h.take_due(), Due::Follow);
    h.follow_done(false);
    EXPECT_FALSE(h.tick(now));
    double began = now;
    while (!h.tick(now += 500) && now - began < 120000) {
    }
    waits.push_back(now - began);
  }
  EXPECT_EQ(waits, (std::vector<double>{1000, 2000, 4000}));
}

TEST(WriterHandoff, ASaveDuringTheWaitIsReadAtOnceAndTheWaitEnds) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  EXPECT_FALSE(h.read_finished(false));
  EXPECT_EQ(h.take_due(), Due::FollowFailed);
  EXPECT_FALSE(h.tick(0));
  EXPECT_TRUE(h.writer_saved());  // not after the wait: now
  EXPECT_FALSE(h.tick(1000));     // that read is the try
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::Follow);
  EXPECT_FALSE(h.tick(5000));
}

TEST(WriterHandoff, ATabThatBecameTheWriterTriesNoFollowRead) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  EXPECT_FALSE(h.read_finished(false));
  EXPECT_EQ(h.take_due(), Due::FollowFailed);
  EXPECT_TRUE(h.lock_granted());  // the writer went: this read decides
  EXPECT_FALSE(h.read_finished(true));
  EXPECT_EQ(h.take_due(), Due::BecomeWriter);
  EXPECT_FALSE(h.tick(0));
  EXPECT_FALSE(h.tick(60000));
}

TEST(WriterHandoff, AFailedReadFollowedByAGoodOneFollows) {
  WriterHandoff h = opened_read_only();
  EXPECT_TRUE(h.writer_saved());
  EXPECT_FALSE(h.lock_granted());
  EXPECT_TRUE(h.read_finished(false));
  EXPECT_FALSE(h.read_finished(true));  // the read after the grant is the one that counts
  EXPECT_EQ(h.take_due(), Due::BecomeWriter);
}

}  // namespace
}  // namespace deskbill
