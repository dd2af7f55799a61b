// What an import did, as Settings shows it under its button and as it is announced: the same
// words, in the UI's language, with the refused operation's reason as its form would say it.
#include "ui/outcome_words.h"

#include <gtest/gtest.h>

#include "ui/i18n.h"

using namespace deskbill;

namespace {
ui::Host::ImportOutcome imported(size_t ops, size_t refused) {
  ui::Host::ImportOutcome im;
  im.done = true;
  im.file = "backup.jsonl";
  im.imported = ops - refused;
  im.refused = refused;
  if (refused) {
    im.first_refused = 3;
    im.first_refusal = {"nothing_to_invoice", "There is nothing to invoice!"};
  }
  return im;
}
std::string in_romanian(const ui::Host::ImportOutcome& im) {
  ui::set_lang(ui::Lang::Ro);
  std::string said = ui::import_outcome_text(im);
  ui::set_lang(ui::Lang::En);
  return said;
}
}  // namespace

TEST(ImportOutcome, NothingIsSaidBeforeTheFirstImport) {
  EXPECT_EQ(ui::import_outcome_text({}), "");
  EXPECT_FALSE(ui::import_outcome_is_problem({}));
}

TEST(ImportOutcome, AnImportThatTookEveryOperationSaysHowManyAndIsNoProblem) {
  EXPECT_EQ(ui::import_outcome_text(imported(12, 0)), "backup.jsonl: 12 operations imported.");
  EXPECT_FALSE(ui::import_outcome_is_problem(imported(12, 0)));
}

TEST(ImportOutcome, ARefusedOperationIsNamedWithItsReasonInTheUsersLanguage) {
  EXPECT_EQ(ui::import_outcome_text(imported(12, 1)),
            "backup.jsonl: 11 operations imported, 1 refused. The first refused, operation 3: There is nothing to "
            "invoice!");
  EXPECT_TRUE(ui::import_outcome_is_problem(imported(12, 1)));
  std::string ro = in_romanian(imported(12, 1));
  EXPECT_EQ(ro.find("There is nothing to invoice"), std::string::npos) << ro;
  EXPECT_NE(ro.find("backup.jsonl"), std::string::npos) << ro;
}

TEST(ImportOutcome, AFileNotImportedAtAllSaysWhyAndTheDemoIsNamedAsSuch) {
  ui::Host::ImportOutcome im;
  im.done = true;  // the demo data: no file name
  im.problem = {"Demo data can only be loaded into an empty workspace.", {}};
  EXPECT_EQ(ui::import_outcome_text(im),
            "Demo data: nothing was imported. Demo data can only be loaded into an empty workspace.");
  EXPECT_TRUE(ui::import_outcome_is_problem(im));
  std::string ro = in_romanian(im);
  EXPECT_EQ(ro.find("Demo data"), std::string::npos) << ro;
  EXPECT_EQ(ro.find("nothing was imported"), std::string::npos) << ro;
}
