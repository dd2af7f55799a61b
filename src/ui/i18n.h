// Every text a user sees goes through tr(): English is the key, Romanian the other table.
#pragma once
#include <string>

namespace deskbill::ui {

enum class Lang { En, Ro };
void set_lang(Lang l);
Lang lang();
const char* tr(const char* english);
// An op error shown to a user: translated by its code when a translation exists.
std::string tr_error(const std::string& code, const std::string& message);

}  // namespace deskbill::ui
