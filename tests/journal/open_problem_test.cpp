// What a tab tells when it opens a workspace it could not read in full (told_open_problem).
#include "journal/open_problem.h"

#include <gtest/gtest.h>

using namespace deskbill;

TEST(OpenProblem, AWorkspaceReadInFullTellsNothing) { EXPECT_TRUE(told_open_problem("", std::nullopt).empty()); }

TEST(OpenProblem, StorageTheBrowserCouldNotReadIsToldWithTheBrowsersWords) {
  TextTemplate t = told_open_problem("UnknownError: Internal error.", std::nullopt);
  EXPECT_EQ(t.text, "Browser storage could not be read: %s");
  EXPECT_EQ(t.filled(), "Browser storage could not be read: UnknownError: Internal error.");
}

TEST(OpenProblem, AJournalThatCouldNotBeReadIsToldWithTheStoresWords) {
  EXPECT_EQ(told_open_problem("", std::string("line 3 is not valid JSON")).filled(),
            "The saved journal could not be read: line 3 is not valid JSON");
}

// Before, the two were joined without a space or a full stop: "…read: XThe saved journal…".
TEST(OpenProblem, BothAreToldAsTwoSentences) {
  EXPECT_EQ(told_open_problem("UnknownError: Internal error.", std::string("line 3 is not valid JSON")).filled(),
            "Browser storage could not be read: UnknownError: Internal error. The saved journal could not be read: "
            "line 3 is not valid JSON");
}
