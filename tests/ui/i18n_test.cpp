// The translation table (ui/i18n.h) is plain data: natively checked that what core prints for a
// person (the invoice printout) has a Romanian word for every English one.
#include "ui/i18n.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/invoice_printout.h"
#include "journal/open_problem.h"
#include "journal/timer_store.h"
#include "sync/device_harness.h"

using namespace deskbill;

namespace {
// A message as the Romanian UI shows it; the UI goes back to English after.
std::string in_romanian(const TextTemplate& message) {
  ui::set_lang(ui::Lang::Ro);
  std::string shown = ui::tr(message);
  ui::set_lang(ui::Lang::En);
  return shown;
}
// A device with one customer to send, whose request is answered with (status, body).
void answer_one_pending(test::Device& d, int status, const std::string& body) {
  d.make(test::partner("a"));
  test::send_durable(d);
  d.transport.answers.back()(status, body);
}
}  // namespace

TEST(Romanian, EveryWordOfThePrintedInvoiceIsTranslated) {
  ui::set_lang(ui::Lang::Ro);
  for (const char* const* w = invoice_printout_words(); *w; ++w) {
    if (std::string(*w) == "Total") continue;  // the same word in Romanian
    EXPECT_NE(std::string(ui::tr(*w)), *w) << *w;
  }
  ui::set_lang(ui::Lang::En);
}

TEST(Romanian, EnglishIsTheKeyAndStaysWhenEnglishIsChosen) {
  ui::set_lang(ui::Lang::En);
  EXPECT_STREQ(ui::tr("Due Date"), "Due Date");
  ui::set_lang(ui::Lang::Ro);
  EXPECT_STREQ(ui::tr("Due Date"), "Data scadenței");
  ui::set_lang(ui::Lang::En);
}

// A text that reaches tr() through a variable is not seen by scripts/check_translations.py: tr()
// itself keeps each one it had to show in English, while recording is on.
TEST(Romanian, ATextWithoutATranslationIsRecordedOnceAndOnlyInRomanian) {
  ui::record_missing_translations(true);
  ui::set_lang(ui::Lang::En);
  ui::tr("No such text anywhere");
  EXPECT_TRUE(ui::missing_translations().empty()) << "English needs no translation";
  ui::set_lang(ui::Lang::Ro);
  ui::tr("Due Date");
  EXPECT_TRUE(ui::missing_translations().empty()) << "translated";
  const char* label = "No such text anywhere";
  ui::tr(label);
  ui::tr(label);
  EXPECT_EQ(ui::missing_translations(), std::vector<std::string>{"No such text anywhere"});
  ui::record_missing_translations(false);
  ui::tr("Another text without one");
  EXPECT_TRUE(ui::missing_translations().empty()) << "off: nothing kept";
  ui::set_lang(ui::Lang::En);
}

TEST(Plurals, EnglishSaysOneEntryAndTwoEntries) {
  ui::set_lang(ui::Lang::En);
  EXPECT_EQ(ui::count_text(1, "entry", "entries"), "1 entry");
  EXPECT_EQ(ui::count_text(0, "entry", "entries"), "0 entries");
  EXPECT_EQ(ui::count_text(21, "entry", "entries"), "21 entries");
}

TEST(Plurals, RomanianTakesDeFromTwentyOn) {
  ui::set_lang(ui::Lang::Ro);
  EXPECT_EQ(ui::count_text(1, "entry", "entries"), "1 înregistrare");
  EXPECT_EQ(ui::count_text(2, "entry", "entries"), "2 înregistrări");
  EXPECT_EQ(ui::count_text(19, "entry", "entries"), "19 înregistrări");
  EXPECT_EQ(ui::count_text(20, "entry", "entries"), "20 de înregistrări");
  EXPECT_EQ(ui::count_text(101, "entry", "entries"), "101 înregistrări");
  EXPECT_EQ(ui::count_text(120, "entry", "entries"), "120 de înregistrări");
  ui::set_lang(ui::Lang::En);
}

TEST(Romanian, AToldTextIsTranslatedWholeAndTakesItsNumbersAfter) {
  const char* told = "%s operations of this device are sent again (%s the server had lost).";
  EXPECT_EQ(ui::fill(told, {"3", "1"}), "3 operations of this device are sent again (1 the server had lost).");
  ui::set_lang(ui::Lang::Ro);
  EXPECT_EQ(ui::fill(ui::tr(told), {"3", "1"}),
            "3 operații ale acestui dispozitiv sunt trimise din nou (serverul pierduse 1).");
  ui::set_lang(ui::Lang::En);
  EXPECT_EQ(ui::fill("%s and %s", {"one"}), "one and ");  // a missing argument stays empty
}

// The sync status (SyncLoop::error) comes as a template and its numbers or names: the Romanian UI
// shows it translated whole, and a server's own words, without arguments, as they are.
TEST(Romanian, TheSyncStatusIsTranslatedWholeWithItsNumbers) {
  ui::set_lang(ui::Lang::Ro);
  EXPECT_EQ(ui::tr(TextTemplate{"The server refused an operation for your role (%s); it is in Conflicts.", {"agent"}}),
            "Serverul a refuzat o operație pentru rolul dvs. (agent); se află în Conflicte.");
  EXPECT_EQ(ui::tr(TextTemplate{"sync failed: HTTP 503 (100%s busy)", {}}), "sync failed: HTTP 503 (100%s busy)");
  ui::set_lang(ui::Lang::En);
  EXPECT_EQ(ui::tr(TextTemplate{"The server refused an operation for your role (%s); it is in Conflicts.", {"agent"}}),
            "The server refused an operation for your role (agent); it is in Conflicts.");
}

// Why work is not saved or not sent is shown in the UI's language, whole, with the browser's or
// the store's own words in it as they are (SaveStatus::message, Resent::problem: TextTemplate).
TEST(Romanian, WhyWorkIsNotSavedIsTranslatedWithTheBrowsersWordsInIt) {
  test::Device d("ro");
  d.make(test::partner("a"));
  d.durability.complete("The quota has been exceeded.");  // the browser's words, its full stop dropped
  ASSERT_EQ(d.pipeline.status().state, SaveState::NotSaved);
  ui::set_lang(ui::Lang::Ro);
  EXPECT_EQ(ui::tr(d.pipeline.status().message),
            "Spațiul de stocare al browserului a refuzat salvarea: The quota has been exceeded. Munca dvs. este "
            "păstrată în această filă; se reîncearcă.");
  ui::set_lang(ui::Lang::En);
  EXPECT_EQ(ui::tr(d.pipeline.status().message),
            "Browser storage refused to save: The quota has been exceeded. Your work is kept in this tab; retrying.");
}

// A refused sync the user can act on is told as a sentence of its own, in the UI's language; a
// refusal without one keeps the server's words (told_sync_problem).
TEST(Romanian, ARefusedSyncTheUserCanActOnIsToldInTheirLanguage) {
  test::Device d("token");
  d.loop.sync_now(true);
  d.transport.answers.back()(401, R"({"error":"the token is not valid"})");
  EXPECT_EQ(in_romanian(d.loop.error()),
            "Serverul nu a acceptat jetonul acestui dispozitiv: verificați jetonul în Setări. Munca dvs. rămâne pe "
            "acest dispozitiv.");

  test::Device down("down");  // the browser is online, the endpoint answers nothing
  answer_one_pending(down, 0, "");
  EXPECT_EQ(in_romanian(down.loop.error()),
            "Serverul de sincronizare nu a putut fi contactat; modificările sunt păstrate și trimise când răspunde.");
  EXPECT_EQ(down.ws.pending().size(), 1u);  // kept, as the sentence says

  test::Device q("quota");
  q.loop.sync_now(true);
  q.transport.answers.back()(429,
                             R"({"error":"workspace 'w' has taken its 5 operations for today","reason":"quota_ops"})");
  EXPECT_NE(q.loop.error().text.find("sent tomorrow"), std::string::npos) << q.loop.error().text;

  test::Device other("other");
  other.loop.sync_now(true);
  other.transport.answers.back()(400, R"({"error":"'cursor' must be a non-negative integer below 2^63"})");
  EXPECT_EQ(in_romanian(other.loop.error()),
            "Serverul a refuzat sincronizarea (400): 'cursor' must be a non-negative integer below 2^63");
}

// An answer the app cannot read (a proxy's HTML page, a field of the wrong type) is told in the
// UI's language, with what is wrong in it; nothing is taken from it and the work stays pending.
TEST(Romanian, AnAnswerThatCannotBeReadIsToldInTheirLanguage) {
  test::Device html("html");
  answer_one_pending(html, 200, "<html>Bad gateway</html>");
  EXPECT_EQ(in_romanian(html.loop.error()),
            "Răspunsul serverului nu este JSON; nu s-a schimbat nimic, iar sincronizarea se reîncearcă.");
  EXPECT_EQ(html.ws.pending().size(), 1u);

  test::Device deep("deep");
  deep.loop.sync_now(true);
  deep.transport.answers.back()(200, std::string(200, '[') + std::string(200, ']'));
  EXPECT_EQ(deep.loop.error().text,
            "The server's answer is nested too deeply to be read; nothing was changed, and the sync is tried again.");

  test::Device typed("typed");
  typed.loop.sync_now(true);
  typed.transport.answers.back()(200, R"({"acked_seq":0,"ops":7})");
  EXPECT_EQ(typed.loop.error().filled(),
            "The server's answer could not be read ('ops' is not a list); nothing was changed, and the sync is "
            "tried again.");
}

// A timer that could not be stopped (its file cannot be written) says so in the UI's language,
// with the store's own words in it; the timer goes on.
TEST(Romanian, ATimerThatCouldNotBeStoppedSaysSoInTheirLanguage) {
  const std::string dir = (std::filesystem::temp_directory_path() / "deskbill-i18n-timer").string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  TimerStore timers(dir);
  ASSERT_FALSE(timers.write(RunningTimer{"k", "ana", "", 1'000'000, 0}));
  std::filesystem::create_directories(dir + "/timer.json.tmp/x");  // timer.json cannot be written
  TimerStopResult r = stop_timer(timers, 2'000'000, "line", [](const nlohmann::json&) { return std::string(); });
  EXPECT_TRUE(r.write_failed);
  ASSERT_EQ(r.problem.args.size(), 1u);
  EXPECT_EQ(in_romanian(r.problem), "Cronometrul nu a putut fi oprit: " + r.problem.args[0]);
  EXPECT_TRUE(timers.running());
  std::filesystem::remove_all(dir);
}

// Storage the browser could not read at the start is told in the UI's language, with the
// browser's own words in it.
TEST(Romanian, StorageThatCouldNotBeReadAtTheStartIsToldInTheirLanguage) {
  EXPECT_EQ(in_romanian(told_open_problem("UnknownError: Internal error.", std::nullopt)),
            "Spațiul de stocare al browserului nu a putut fi citit: UnknownError: Internal error.");
  EXPECT_EQ(in_romanian(told_open_problem("QuotaExceededError", std::string("line 3 is not valid JSON"))),
            "Spațiul de stocare al browserului nu a putut fi citit: QuotaExceededError. Jurnalul salvat nu a putut fi "
            "citit: line 3 is not valid JSON");
}

TEST(Romanian, ANoticeChangedOnSyncIsSaidSentenceBySentence) {
  Sentences n = {
      {"%s (%s): changes by %s were ordered before your posting.", {"INV/2026/00001", "Acme, 270.00", "ana"}},
      {"The total: %s → %s.", {"270.00", "360.00"}},
      {"2 lines instead of 1.", {}},
      {"Check it before you send it.", {}}};
  ui::set_lang(ui::Lang::Ro);
  std::string shown = ui::tr(n);
  ui::set_lang(ui::Lang::En);
  // A sentence with no translation (as a notice written by an older version) is kept as written.
  EXPECT_EQ(shown,
            "INV/2026/00001 (Acme, 270.00): modificările făcute de ana au fost ordonate înaintea postării "
            "dumneavoastră. Totalul: 270.00 → 360.00. 2 lines instead of 1. Verificați-o înainte de a o trimite.");
  EXPECT_EQ(ui::tr(n),
            "INV/2026/00001 (Acme, 270.00): changes by ana were ordered before your posting. The total: 270.00 → "
            "360.00. 2 lines instead of 1. Check it before you send it.");
}
