// CSV exports are safe in spreadsheets (OWASP's CSV injection advice).
#include "core/csv.h"

#include <gtest/gtest.h>

using namespace deskbill;

TEST(Csv, AFormulaLeadingTextIsPrefixedSoItStaysText) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_cell("+1 555"), "'+1 555");
  EXPECT_EQ(csv_cell("-2+3"), "'-2+3");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
}

TEST(Csv, PlainTextAndSeparatorsAreQuotedAsCsvDoes) {
  EXPECT_EQ(csv_cell("Acme"), "Acme");
  EXPECT_EQ(csv_cell("Acme, Inc."), "\"Acme, Inc.\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
}
