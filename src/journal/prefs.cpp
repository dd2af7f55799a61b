#include "journal/prefs.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/json_member.h"

namespace deskbill {

float clamp_font_px(float px) {
  if (!std::isfinite(px)) return kDefaultFontPx;
  return px < kMinFontPx ? kMinFontPx : px > kMaxFontPx ? kMaxFontPx : px;
}

Prefs parse_prefs(std::string_view text) {
  Prefs p;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return p;
  // A member missing or of another type keeps its default: settings are the user's choices,
  // and an unreadable one costs that choice only.
  std::string lang;
  if (read_member(j, "lang", lang) == MemberRead::Taken && (lang == "en" || lang == "ro")) p.lang = lang;
  float font = 0;
  if (read_member(j, "font_px", font) == MemberRead::Taken) p.font_px = clamp_font_px(font);
  (void)read_member(j, "token", p.token);
  (void)read_member(j, "me", p.me);
  return p;
}

std::string prefs_json(const Prefs& p) {
  return nlohmann::json{{"lang", p.lang}, {"font_px", clamp_font_px(p.font_px)}, {"token", p.token}, {"me", p.me}}
      .dump();
}

}  // namespace deskbill
