// The translation table (ui/i18n.h) is plain data: natively checked that what core prints for a
// person (the invoice printout) has a Romanian word for every English one.
#include "ui/i18n.h"

#include <gtest/gtest.h>

#include <string>

#include "core/invoice_printout.h"

using namespace deskbill;

TEST(Romanian, EveryWordOfThePrintedInvoiceIsTranslated) {
  ui::set_lang(ui::Lang::Ro);
  for (const char* const* w = invoice_printout_words(); *w; ++w) {
    if (std::string(*w) == "Total") continue;  // the same word in Romanian
    EXPECT_NE(std::string(ui::tr(*w)), *w) << *w;
  }
  ui::set_lang(ui::Lang::En);
}

TEST(Romanian, EnglishIsTheKeyAndStaysWhenEnglishIsChosen) {
  ui::set_lang(ui::Lang::En);
  EXPECT_STREQ(ui::tr("Due Date"), "Due Date");
  ui::set_lang(ui::Lang::Ro);
  EXPECT_STREQ(ui::tr("Due Date"), "Data scadenței");
  ui::set_lang(ui::Lang::En);
}
