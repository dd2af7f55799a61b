// The printed invoice a business sends: its company, the customer's address and tax id, invoice
// and due dates, the payment reference, lines with taxes, totals per tax, and the marks a reader
// needs (draft, provisional, paid, cancelled, credit note of …). Pure: the words come from the
// caller's translation, so the same page prints in the UI's language.
#pragma once
#include <string>

#include "core/state.h"

namespace deskbill {

struct PrintLanguage {
  const char* html_lang = "en";
  const char* (*tr)(const char* english) = nullptr;  // nullptr: English
};

// `provisional`: posted offline, its number not yet given by the server (printed as a warning).
std::string invoice_printout(const State& s, uint32_t invoice, bool provisional, const PrintLanguage& lang);

// Odoo's payment reference: the invoice's number ("INV/2026/00001"); none before it has one.
std::string payment_reference(const State& s, uint32_t invoice);

// The words the printout uses, so a test can check each has a translation.
const char* const* invoice_printout_words();

}  // namespace deskbill
