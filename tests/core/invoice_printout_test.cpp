// The printed invoice a business can send (core/invoice_printout.h): the company and the
// customer with their addresses and tax ids, invoice and due dates, Odoo's payment reference,
// lines with taxes and totals per tax, and the Paid / Credit note marks, in the UI's language.
#include "core/invoice_printout.h"

#include <gtest/gtest.h>

#include <cstring>

#include "core/apply.h"
#include "core/state_json.h"
#include "core/update_op.h"

using namespace deskbill;
using nlohmann::json;

namespace {

class Printout : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const json& op : std::vector<json>{
             {{"kind", "company.update"},
              {"name", "Deskbill Services SRL"},
              {"address", "Str. Lungă 5\nBrașov"},
              {"vat", "RO123456"},
              {"bank_account", "RO49AAAA1B31007593840000"}},
             {{"kind", "partner.create"},
              {"id", "acme"},
              {"name", "Acme"},
              {"address", "1 Main St\nSpringfield"},
              {"vat", "US-99"},
              {"payment_days", "30"}},
             {{"kind", "partner.create"}, {"id", "ana"}, {"name", "Ana Popescu"}, {"parent", "acme"}},
             {{"kind", "tax.create"}, {"id", "vat"}, {"name", "VAT 19%"}, {"rate", "19"}},
             {{"kind", "product.create"},
              {"id", "p"},
              {"name", "Prepaid 10h"},
              {"policy", "prepaid"},
              {"price", "100.50"},
              {"taxes", {"vat"}}},
             {{"kind", "order.create"}, {"id", "so"}, {"partner", "ana"}},
             {{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "p"}, {"qty", "10"}},
             {{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-02-20"}},
             {{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"so"}}},
         })
      ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  }
  void ok(const json& op) { ASSERT_FALSE(deskbill::apply(s, op)) << op.dump(); }
  uint32_t inv(const char* id) const { return s.invoices.find(s.text, id); }
  std::string page(const char* id, PrintLanguage lang = {}) const { return invoice_printout(s, inv(id), false, lang); }
  static bool has(const std::string& page, const std::string& what) { return page.find(what) != std::string::npos; }
  State s;
};

TEST_F(Printout, ShowsTheCompanyWithItsAddressTaxIdAndBankAccount) {
  ok({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-03-01"}});
  std::string p = page("inv");
  EXPECT_TRUE(has(p, "Deskbill Services SRL"));
  EXPECT_TRUE(has(p, "Str. Lungă 5<br>Brașov"));
  EXPECT_TRUE(has(p, "Tax ID: RO123456"));
  EXPECT_TRUE(has(p, "Bank account: <strong>RO49AAAA1B31007593840000"));
}

TEST_F(Printout, ShowsTheCustomersCompanyContactAddressAndTaxId) {
  std::string p = page("inv");
  EXPECT_TRUE(has(p, "<strong>Acme</strong><br>Ana Popescu<br>1 Main St<br>Springfield"));
  EXPECT_TRUE(has(p, "Tax ID: US-99"));
}

TEST_F(Printout, DueDateIsTheInvoiceDatePlusTheCustomersPaymentTerms) {
  ok({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-03-01"}});
  EXPECT_EQ(format_day(s.invoices.rows[inv("inv")].due), "2026-03-31");
  EXPECT_TRUE(has(page("inv"), "<strong>2026-03-01</strong></td><td><strong>2026-03-31</strong>"));
  EXPECT_EQ(state_to_json(s)["invoices"][0]["due"], "2026-03-31");
}

TEST_F(Printout, WithoutPaymentTermsAnInvoiceIsDueOnItsDate) {  // Odoo's "Immediate Payment"
  ok({{"kind", "partner.update"}, {"id", "acme"}, {"payment_days", "0"}});
  ok({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-03-01"}});
  EXPECT_EQ(format_day(s.invoices.rows[inv("inv")].due), "2026-03-01");
}

TEST_F(Printout, PaymentReferenceIsTheInvoiceNumberOncePosted) {
  EXPECT_EQ(payment_reference(s, inv("inv")), "");
  EXPECT_FALSE(has(page("inv"), "Payment Reference"));
  ok({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-03-01"}});
  EXPECT_EQ(payment_reference(s, inv("inv")), "INV/2026/00001");
  EXPECT_TRUE(has(page("inv"), "Please use the following communication for your payment: <strong>INV/2026/00001"));
}

TEST_F(Printout, LinesShowTheirTaxesAndTotalsAreSummedPerTax) {  // 10 × 100.50 + VAT 19 % = 1 195.95
  std::string p = page("inv");
  EXPECT_TRUE(has(p, "<td>VAT 19%</td><td class=n>1,005.00</td>"));
  EXPECT_TRUE(has(p, "<td>VAT 19%</td><td class=n>190.95</td>"));
  EXPECT_TRUE(has(p, "<td>Total</td><td class=n>1,195.95</td>"));
}

TEST_F(Printout, ADraftSaysSoAndHasNoNumber) {
  std::string p = page("inv");
  EXPECT_TRUE(has(p, "<h1>Draft Invoice</h1>"));
  EXPECT_FALSE(has(p, "INV/"));
}

TEST_F(Printout, APaidInvoiceIsMarkedPaid) {
  ok({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-03-01"}});
  EXPECT_FALSE(has(page("inv"), "mark paid"));
  ok({{"kind", "invoice.pay"}, {"id", "pay"}, {"invoice", "inv"}, {"amount", "1195.95"}, {"date", "2026-03-02"}});
  std::string p = page("inv");
  EXPECT_TRUE(has(p, "<div class=\"mark paid\">Paid</div>"));
  EXPECT_TRUE(has(p, "<td>Amount Due</td><td class=n>0.00</td>"));
}

TEST_F(Printout, ACreditNoteNamesTheInvoiceItReverses) {
  ok({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-03-01"}});
  ok({{"kind", "invoice.reverse"}, {"id", "cn"}, {"invoice", "inv"}});
  ok({{"kind", "invoice.post"}, {"id", "cn"}, {"date", "2026-03-05"}});
  std::string p = page("cn");
  EXPECT_TRUE(has(p, "<h1>Credit Note RINV/2026/00001</h1>"));
  EXPECT_TRUE(has(p, "Credit note of INV/2026/00001"));
  EXPECT_EQ(format_day(s.invoices.rows[inv("cn")].due), "2026-03-05");  // a credit note is due at once
  EXPECT_FALSE(has(p, "communication for your payment"));
}

TEST_F(Printout, EscapesWhatCustomersTyped) {
  ok({{"kind", "partner.update"}, {"id", "acme"}, {"name", "<script>x</script> & Co"}});
  std::string p = page("inv");
  EXPECT_FALSE(has(p, "<script>"));
  EXPECT_TRUE(has(p, "&lt;script&gt;x&lt;/script&gt; &amp; Co"));
}

const char* shout(const char* english) {
  static std::vector<std::string> keep;
  keep.push_back(std::string("«") + english + "»");
  return keep.back().c_str();
}

TEST_F(Printout, EveryWordGoesThroughTheTranslation) {
  ok({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-03-01"}});
  std::string p = page("inv", PrintLanguage{"ro", &shout});
  EXPECT_TRUE(has(p, "<html lang=\"ro\">"));
  // Every word the page shows is one of invoice_printout_words(), translated.
  for (const char* w : {"Invoice Date", "Due Date", "Payment Reference", "Tax ID", "Description", "Quantity",
                        "Unit Price", "Taxes", "Amount", "Untaxed Amount", "Total", "Amount Due", "Bank account"}) {
    EXPECT_TRUE(has(p, std::string("«") + w + "»")) << w;
    bool listed = false;
    for (const char* const* k = invoice_printout_words(); *k; ++k) listed = listed || std::strcmp(*k, w) == 0;
    EXPECT_TRUE(listed) << w;
  }
  EXPECT_FALSE(has(p, ">Total<"));
}

TEST(PartnerInvoiceFields, PaymentTermsAreWholeDays) {
  State s;
  OpError e = *deskbill::apply(s, {{"kind", "partner.create"}, {"id", "a"}, {"name", "A"}, {"payment_days", "1.5"}});
  EXPECT_EQ(e.code, "bad_payment_days");
  e = *deskbill::apply(s, {{"kind", "partner.create"}, {"id", "a"}, {"name", "A"}, {"payment_days", "-3"}});
  EXPECT_EQ(e.code, "bad_payment_days");
  EXPECT_EQ(s.partners.size(), 0u);
}

TEST(PartnerInvoiceFields, ARefusedUpdateChangesNothing) {
  State s;
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "partner.create"}, {"id", "a"}, {"name", "A"}, {"vat", "X1"}}));
  ASSERT_TRUE(deskbill::apply(s, {{"kind", "partner.update"}, {"id", "a"}, {"vat", "X2"}, {"payment_days", "x"}}));
  EXPECT_EQ(s.str(s.partners.rows[0].vat), "X1");
}

TEST(PartnerInvoiceFields, StatesWithoutThemHashAsBefore) {
  State s;
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "partner.create"}, {"id", "a"}, {"name", "A"}}));
  json j = state_to_json(s);
  EXPECT_FALSE(j["partners"][0].contains("vat"));
  EXPECT_FALSE(j.contains("company"));
}

TEST(UpdateOpOfAForm, NamesOnlyTheFieldsThatChanged) {
  UpdateOp u("partner.update", "a");
  u.text("name", "Acme", "Acme").text("vat", "RO1", "").value("payment_days", 30, 0);
  EXPECT_FALSE(u.empty());
  EXPECT_EQ(u.op(), (json{{"kind", "partner.update"}, {"id", "a"}, {"vat", "RO1"}, {"payment_days", 30}}));
  EXPECT_TRUE(UpdateOp("company.update", "").text("name", "X", "X").empty());
}

}  // namespace
