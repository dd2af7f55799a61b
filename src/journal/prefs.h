// The preferences kept beside the journal (settings.json): language, font size, the sync token
// and who "I" am on this device. Read tolerantly: a damaged or hand-edited file gives the default
// of each value it gets wrong, never an exception at start (which would keep the workspace from
// opening) nor a font too small or too large to read the Settings screen that could mend it.
#pragma once
#include <string>
#include <string_view>

namespace deskbill {

// The font sizes Settings offers, in CSS pixels.
constexpr float kMinFontPx = 13.f, kMaxFontPx = 22.f, kDefaultFontPx = 16.f;

struct Prefs {
  std::string lang = "en";  // "en" or "ro"
  float font_px = kDefaultFontPx;
  std::string token, me;
};

// px within the sizes offered; the default for what is not a number.
[[nodiscard]] float clamp_font_px(float px);
[[nodiscard]] Prefs parse_prefs(std::string_view text);
[[nodiscard]] std::string prefs_json(const Prefs& p);

}  // namespace deskbill
