// The picker's memo (ui/list_memo.h): a list is built once per state version, and the lists no
// frame asks for any more are let go.
#include "ui/list_memo.h"

#include <gtest/gtest.h>

#include <vector>

using deskbill::ui::ListMemo;

namespace {
struct Counted {
  int builds = 0;
  std::vector<int> operator()() { return {++builds}; }
};
}  // namespace

TEST(ListMemo, ASecondAskAtTheSameVersionBuildsNothing) {
  ListMemo<std::vector<int>> memo;
  int state = 0;
  Counted build;
  memo.get(&state, 7, {6, 1}, [&] { return build(); });
  const std::vector<int>& again = memo.get(&state, 7, {6, 1}, [&] { return build(); });
  EXPECT_EQ(build.builds, 1);
  EXPECT_EQ(again, std::vector<int>{1});
}

TEST(ListMemo, ANewStateVersionRebuildsTheList) {
  ListMemo<std::vector<int>> memo;
  int state = 0;
  Counted build;
  memo.get(&state, 7, {6, 1}, [&] { return build(); });
  const std::vector<int>& after = memo.get(&state, 8, {6, 1}, [&] { return build(); });
  EXPECT_EQ(build.builds, 2);
  EXPECT_EQ(after, std::vector<int>{2});
}

TEST(ListMemo, AnotherStateWithTheSameVersionRebuildsTheList) {
  ListMemo<std::vector<int>> memo;
  int one = 0, other = 0;
  Counted build;
  memo.get(&one, 7, {6, 1}, [&] { return build(); });
  memo.get(&other, 7, {6, 1}, [&] { return build(); });
  EXPECT_EQ(build.builds, 2);
}

TEST(ListMemo, AListTheLastFrameShowedIsKept) {
  ListMemo<std::vector<int>> memo;
  int state = 0;
  Counted build;
  memo.forget_unasked();  // frame 1 starts
  memo.get(&state, 7, {6, 1}, [&] { return build(); });
  memo.forget_unasked();  // frame 2 starts
  memo.get(&state, 7, {6, 1}, [&] { return build(); });
  EXPECT_EQ(build.builds, 1);
  EXPECT_EQ(memo.size(), 1u);
}

TEST(ListMemo, ListsOfTicketsNoLongerOpenAreLetGo) {
  // Opening ticket after ticket asks for one (customer, line) list each; only the open one stays.
  ListMemo<std::vector<int>> memo;
  int state = 0;
  for (uint64_t ticket = 0; ticket < 100; ++ticket) {
    memo.forget_unasked();
    memo.get(&state, 7, {6, ticket}, [] { return std::vector<int>{1}; });
    memo.get(&state, 7, {1, 0}, [] { return std::vector<int>{2}; });
  }
  memo.forget_unasked();  // the next frame starts: the last one showed ticket 99's list and one other
  EXPECT_EQ(memo.size(), 2u);
}
