// A text with its numbers and names apart from it: "%s operations were sent" and {"3"}. The UI
// translates the template whole, then fills it in (ui::fill); logs and tests read it filled in
// English. Plain text: no clock, no locale.
#pragma once
#include <string>
#include <vector>

namespace deskbill {

// `format` with each "%s" replaced by the next of `args` (a "%s" past the last stays empty).
std::string fill_template(const std::string& format, const std::vector<std::string>& args);

// The browser's or the store's words, to be put before a full stop: their own full stop (and
// spaces) dropped, so that "The quota has been exceeded." does not read "…exceeded.. Your work…".
std::string without_full_stop(std::string words);

// A message for the user as a template and its arguments. A server's or the network's own words
// come as a template without arguments, shown as they are.
struct TextTemplate {
  std::string text;
  std::vector<std::string> args;
  std::string filled() const { return args.empty() ? text : fill_template(text, args); }
  bool empty() const { return text.empty(); }
  bool operator==(const TextTemplate& o) const { return text == o.text && args == o.args; }
  bool operator!=(const TextTemplate& o) const { return !(*this == o); }
};

// Sentences said one after another, each translated on its own ("… before your posting." "The
// total: 270.00 → 360.00."): a message whose parts depend on what happened.
using Sentences = std::vector<TextTemplate>;

}  // namespace deskbill
