// A record's name as Odoo shows it (core/names.h).
#include "core/names.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "core/state.h"

using namespace deskbill;

// An invoice's name is "INV/" or "RINV/", the year in four digits and the number in at least five
// ("%s%04d/%05u"), from the first number to the last a uint32_t holds, and for any year; a draft
// has none yet.
TEST(Names, AnInvoiceIsNamedByItsTypeYearAndNumberAsOdooNamesIt) {
  State s;
  Invoice inv;
  s.invoices.rows.push_back(inv);
  EXPECT_EQ(invoice_name(s, 0), "Draft");
  for (MoveType type : {MoveType::Invoice, MoveType::Refund})
    for (int32_t year : {0, 7, 2026, 9999, 10000, -1, INT32_MIN})
      for (uint32_t number : {1u, 42u, 99999u, 100000u, 1234567u, UINT32_MAX}) {
        Invoice& v = s.invoices.rows[0];
        v.type = type;
        v.number_year = year;
        v.number = number;
        char want[48];
        std::snprintf(want, sizeof want, "%s/%04d/%05u", type == MoveType::Refund ? "RINV" : "INV", year, number);
        EXPECT_EQ(invoice_name(s, 0), want) << year << " " << number;
      }
  s.invoices.rows[0].number_year = 2026;
  s.invoices.rows[0].number = 1;
  s.invoices.rows[0].type = MoveType::Invoice;
  EXPECT_EQ(invoice_name(s, 0), "INV/2026/00001");
}
