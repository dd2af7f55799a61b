#include "journal/prefs.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace deskbill {
namespace {
using nlohmann::json;

// The member as a string, or `fallback` when it is missing or of another type.
std::string text_or(const json& j, const char* key, const std::string& fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}
}  // namespace

float clamp_font_px(float px) {
  if (!std::isfinite(px)) return kDefaultFontPx;
  return px < kMinFontPx ? kMinFontPx : px > kMaxFontPx ? kMaxFontPx : px;
}

Prefs parse_prefs(std::string_view text) {
  Prefs p;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return p;
  std::string lang = text_or(j, "lang", p.lang);
  if (lang == "en" || lang == "ro") p.lang = lang;
  auto font = j.find("font_px");
  if (font != j.end() && font->is_number()) p.font_px = clamp_font_px(font->get<float>());
  p.token = text_or(j, "token", "");
  p.me = text_or(j, "me", "");
  return p;
}

std::string prefs_json(const Prefs& p) {
  return json{{"lang", p.lang}, {"font_px", clamp_font_px(p.font_px)}, {"token", p.token}, {"me", p.me}}.dump();
}

}  // namespace deskbill
