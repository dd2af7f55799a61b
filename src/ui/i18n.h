// Every text a user sees goes through tr(): English is the key, Romanian the other table.
#pragma once
#include <string>
#include <vector>

#include "core/text_template.h"

namespace deskbill::ui {

enum class Lang { En, Ro };
void set_lang(Lang l);
Lang lang();
const char* tr(const char* english);
// An op error shown to a user: translated by its code when a translation exists.
std::string tr_error(const std::string& code, const std::string& message);
// The English texts that have a Romanian translation different from themselves: a test fails when
// one of them is visible in the Romanian UI (a label that bypassed tr()).
std::vector<std::string> translated_sources();
// While on, every English text tr() was asked for in Romanian and had no translation for (shown in
// English) is kept: a browser test visits the screens and expects none. scripts/check_translations.py
// reads the texts written in tr("…"); this also sees those passed through a variable (a tab's label,
// a policy's name). Off by default: only a page opened with ?test turns it on.
void record_missing_translations(bool on);
std::vector<std::string> missing_translations();
// "1 entry", "3 entries"; in Romanian "1 înregistrare", "3 înregistrări", "20 de înregistrări"
// (from 20 on, unless the last two digits are 01-19, a count takes "de").
std::string count_text(size_t n, const char* one, const char* many);
// `format` with each "%s" replaced by the next of `args` (a "%s" past the last stays empty): a
// text translated whole, with the numbers and names it carries (Host::Message).
std::string fill(const std::string& format, const std::vector<std::string>& args);
// A message made as a template (core/text_template.h), translated whole, then filled in. One
// without arguments (a server's own words) is shown as it is when it has no translation.
std::string tr(const TextTemplate& message);
// Sentences translated one by one and said one after another, a space between them.
std::string tr(const Sentences& sentences);

}  // namespace deskbill::ui
