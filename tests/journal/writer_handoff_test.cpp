// One writer per workspace (docs/journal.md): a read-only tab follows the writer's saves and
// takes over when the writer's tab goes, answering each after reading storage again.
#include "journal/writer_handoff.h"

#include <gtest/gtest.h>

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
