// Every text a user sees goes through tr(): English is the key, Romanian the other table.
#pragma once
#include <string>
#include <vector>

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

}  // namespace deskbill::ui
