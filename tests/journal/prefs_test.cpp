// settings.json, read at every start: what it gets wrong falls back to a default, so a damaged or
// hand-edited file neither keeps the workspace from opening nor leaves a screen no one can read.
#include "journal/prefs.h"

#include <gtest/gtest.h>

using namespace deskbill;

TEST(Prefs, WhatWasSavedIsReadBack) {
  Prefs p;
  p.lang = "ro";
  p.font_px = 20.f;
  p.token = "tok-1";
  p.me = "e3";
  Prefs back = parse_prefs(prefs_json(p));
  EXPECT_EQ(back.lang, "ro");
  EXPECT_EQ(back.font_px, 20.f);
  EXPECT_EQ(back.token, "tok-1");
  EXPECT_EQ(back.me, "e3");
}

// The font size typed into Settings was taken as it came: "2" for "22" gave a 2 px screen, saved,
// and read back at every start.
TEST(Prefs, AFontSizeOutsideTheOfferedSizesIsBroughtWithinThem) {
  EXPECT_EQ(parse_prefs(R"({"font_px": 2})").font_px, kMinFontPx);
  EXPECT_EQ(parse_prefs(R"({"font_px": 400})").font_px, kMaxFontPx);
  EXPECT_EQ(parse_prefs(R"({"font_px": -16})").font_px, kMinFontPx);
  EXPECT_EQ(clamp_font_px(18.f), 18.f);
  Prefs p;
  p.font_px = 2.f;
  EXPECT_EQ(parse_prefs(prefs_json(p)).font_px, kMinFontPx);  // never written outside them either
}

// nlohmann's value() throws on a member of another type: {"font_px": "big"} stopped the start.
TEST(Prefs, AValueOfTheWrongTypeGivesItsDefault) {
  Prefs p = parse_prefs(R"({"font_px": "big", "lang": 7, "token": ["a"], "me": null})");
  EXPECT_EQ(p.font_px, kDefaultFontPx);
  EXPECT_EQ(p.lang, "en");
  EXPECT_EQ(p.token, "");
  EXPECT_EQ(p.me, "");
}

TEST(Prefs, ADamagedFileOrAnUnknownLanguageGivesTheDefaults) {
  for (const char* text : {"", "{", "not json", "[1, 2]", "null"}) {
    Prefs p = parse_prefs(text);
    EXPECT_EQ(p.lang, "en") << text;
    EXPECT_EQ(p.font_px, kDefaultFontPx) << text;
  }
  EXPECT_EQ(parse_prefs(R"({"lang": "xx", "token": "kept"})").lang, "en");
  EXPECT_EQ(parse_prefs(R"({"lang": "xx", "token": "kept"})").token, "kept");
}
