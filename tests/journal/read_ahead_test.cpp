// A replay that reads lines ahead (read_journal with JournalLineReaders): up to kReadAheadLines
// lines are read and handed to `ahead` together before the first of them is folded, so that what
// they will look up is asked of the cache first (core/op_prefetch.h). It must fold the same lines,
// in the same order, with the same contents, as the replay that reads one line at a time.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "core/apply.h"
#include "core/json_guard.h"
#include "core/state_hash.h"
#include "core/state_json.h"
#include "journal/envelope.h"
#include "journal/generator.h"

using namespace deskbill;

namespace {
std::string generated_text(uint64_t timesheets) {
  std::string text;
  GeneratorOptions o;
  o.timesheets = timesheets;
  generate_journal(o, [&](const nlohmann::json& op) { text += op.dump() + "\n"; });
  return text;
}

// Where the lines come from: the journal's text, or a stream read a line at a time into
// kReadAheadLines buffers in turn (deskbill-cli replay reads a file so).
enum class Source { Text, Stream };
const Source kSources[] = {Source::Text, Source::Stream};
const char* name_of(Source s) { return s == Source::Text ? "text" : "stream"; }

// What a replay did, in order: "ahead 1 2" (lines 1 and 2 handed to ahead together), "fold 1
// partner.create a".
std::vector<std::string> events_of(std::string_view text, std::optional<JournalError>* err = nullptr,
                                   Source source = Source::Text) {
  std::vector<std::string> events;
  JournalLineReaders readers;
  auto kind_and_id = [](const JournalLineReader& line) {
    const OpValue* k = line.op().find("kind");
    const OpValue* i = line.op().find("id");
    return std::string(k && k->is_string() ? k->text : "") + " " + std::string(i && i->is_string() ? i->text : "");
  };
  auto fold = [&](const JournalLineReader& line) {
    events.push_back("fold " + std::to_string(line.pos()) + " " + kind_and_id(line));
  };
  auto ahead = [&](JournalLinesAhead lines) {
    std::string event = "ahead";
    for (const JournalLineReader& line : lines) event += " " + std::to_string(line.pos());
    events.push_back(event);
  };
  std::optional<JournalError> e;
  if (source == Source::Text) {
    e = read_journal(text, readers, fold, ahead);
  } else {
    std::istringstream in{std::string(text)};
    e = read_journal(in, readers, fold, ahead);
  }
  if (err) *err = e;
  return events;
}
}  // namespace

namespace {
using Folds = std::vector<std::pair<uint64_t, std::string>>;  // each line's pos and its fold event

// The order a replay reading ahead keeps (journal/envelope.h): after each line is read, every
// `together`-th line hands the lines read since the last hand-over to `ahead`; once `room` lines
// are read and not folded, the oldest `together` are folded; at the end, or at a bad line, the
// lines left are handed over and folded.
std::vector<std::string> in_read_ahead_order(const Folds& lines, size_t room, size_t together) {
  std::vector<std::string> out;
  size_t read = 0, asked = 0, folded = 0;
  auto ask = [&] {
    if (read == asked) return;
    std::string event = "ahead";
    for (size_t i = asked; i < read; ++i) event += " " + std::to_string(lines[i].first);
    out.push_back(event);
    asked = read;
  };
  for (read = 1; read <= lines.size(); ++read) {
    if (read - asked == together) ask();
    if (read - folded == room)
      for (size_t i = 0; i < together; ++i) out.push_back(lines[folded++].second);
  }
  read = lines.size();
  ask();
  while (folded < read) out.push_back(lines[folded++].second);
  return out;
}
// The same with this platform's kReadAheadLines and kLinesAskedTogether.
std::vector<std::string> in_read_ahead_order(const Folds& lines) {
  return in_read_ahead_order(lines, kReadAheadLines, kLinesAskedTogether);
}

// n partner.create lines whose ids differ in length ("p1", "p22", "p333", ...), so that a line read
// over one still to fold would show in what is folded.
std::string partner_lines(size_t n) {
  std::string text;
  for (size_t i = 1; i <= n; ++i)
    text += "{\"kind\":\"partner.create\",\"id\":\"p" + std::string(i, static_cast<char>('0' + i % 10)) + "\"}\n";
  return text;
}
Folds partner_folds(size_t n) {
  Folds out;
  for (size_t i = 1; i <= n; ++i)
    out.push_back(
        {i, "fold " + std::to_string(i) + " partner.create p" + std::string(i, static_cast<char>('0' + i % 10))});
  return out;
}
}  // namespace

// Natively a replay reads one line ahead and hands each line to `ahead` alone, while the line before
// it is still to fold. In WebAssembly it reads sixteen, hands them over together, so that their
// loads are in flight at the same time (core/op_prefetch.h), then folds them.
TEST(ReadAhead, NativelyOneLineIsReadAheadAndInWebAssemblySixteenTogether) {
  Folds three = {{1, "fold 1"}, {2, "fold 2"}, {3, "fold 3"}};
  EXPECT_EQ(in_read_ahead_order(three, 2, 1),
            (std::vector<std::string>{"ahead 1", "ahead 2", "fold 1", "ahead 3", "fold 2", "fold 3"}));
  Folds twenty;
  for (uint64_t i = 1; i <= 20; ++i) twenty.push_back({i, "fold " + std::to_string(i)});
  std::vector<std::string> want = {"ahead 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16"};
  for (int i = 1; i <= 16; ++i) want.push_back("fold " + std::to_string(i));
  want.push_back("ahead 17 18 19 20");
  for (int i = 17; i <= 20; ++i) want.push_back("fold " + std::to_string(i));
  EXPECT_EQ(in_read_ahead_order(twenty, 16, 16), want);
#if defined(__wasm__)
  EXPECT_EQ(kReadAheadLines, 16u);
  EXPECT_EQ(kLinesAskedTogether, 16u);
#else
  EXPECT_EQ(kReadAheadLines, 2u);
  EXPECT_EQ(kLinesAskedTogether, 1u);
#endif
}

TEST(ReadAhead, EachLineIsSeenAheadBeforeItIsFoldedAndTheLinesAreFoldedInOrder) {
  std::string text =
      "{\"kind\":\"partner.create\",\"id\":\"a\",\"name\":\"A\"}\n"
      "\n"
      "{\"kind\":\"partner.create\",\"id\":\"b\",\"name\":\"B\"}\n"
      "{\"kind\":\"partner.create\",\"id\":\"c\",\"name\":\"C\"}\n";
  std::vector<std::string> want = in_read_ahead_order(
      {{1, "fold 1 partner.create a"}, {2, "fold 2 partner.create b"}, {3, "fold 3 partner.create c"}});
  for (Source source : kSources) EXPECT_EQ(events_of(text, nullptr, source), want) << name_of(source);
  for (Source source : kSources)
    EXPECT_EQ(events_of(partner_lines(40), nullptr, source), in_read_ahead_order(partner_folds(40))) << name_of(source);
}

// Each reader views its own line: the line folded keeps its contents though the next one was read
// into another reader.
TEST(ReadAhead, TheLineFoldedIsNotTheLineReadAhead) {
  std::string text =
      "{\"pos\":7,\"client_id\":\"d1\",\"seq\":3,\"op\":{\"kind\":\"ticket.create\",\"id\":\"k1\"}}\n"
      "{\"pos\":8,\"client_id\":\"d2\",\"seq\":4,\"op\":{\"kind\":\"timesheet.log\",\"id\":\"t1\"}}\n";
  std::vector<std::string> want = in_read_ahead_order({{7, "fold 7 ticket.create k1"}, {8, "fold 8 timesheet.log t1"}});
  for (Source source : kSources) EXPECT_EQ(events_of(text, nullptr, source), want) << name_of(source);
}

// From a stream, each line still to fold keeps its own buffer while the lines after it are read:
// lines of different lengths, a CR, blank lines between them and a last line without its LF, so a
// line read over one still to fold would show.
TEST(ReadAhead, AStreamKeepsEachLineStillToFoldWhileTheNextAreRead) {
  std::string text =
      "{\"kind\":\"partner.create\",\"id\":\"a-long-partner-id\",\"name\":\"A\"}\r\n"
      "{\"kind\":\"ticket.create\",\"id\":\"k\"}\n"
      "{\"kind\":\"timesheet.log\",\"id\":\"t-1\",\"ticket\":\"k\"}";
  EXPECT_EQ(events_of(text, nullptr, Source::Stream),
            in_read_ahead_order({{1, "fold 1 partner.create a-long-partner-id"},
                                 {2, "fold 2 ticket.create k"},
                                 {3, "fold 3 timesheet.log t-1"}}));

  std::string lines = partner_lines(40), spaced;
  for (size_t at = 0, i = 0; at < lines.size(); ++i) {
    size_t end = lines.find('\n', at) + 1;
    spaced += lines.substr(at, end - at) + (i % 5 == 0 ? "\n \n" : "");
    at = end;
  }
  spaced.pop_back();  // the last line without its LF
  EXPECT_EQ(events_of(spaced, nullptr, Source::Stream), in_read_ahead_order(partner_folds(40)));
}

TEST(ReadAhead, EachLineKnowsItsNumberInTheTextBlankLinesCounted) {
  for (Source source : kSources) {
    std::vector<uint64_t> numbers;
    JournalLineReaders readers;
    std::string text =
        "\n{\"kind\":\"partner.create\",\"id\":\"a\"}\n \n\n{\"kind\":\"partner.create\",\"id\":\"b\"}\n";
    std::istringstream in(text);
    auto fold = [&](const JournalLineReader& line) { numbers.push_back(line.line_no()); };
    auto ahead = [](JournalLinesAhead) {};
    ASSERT_FALSE(source == Source::Text ? read_journal(text, readers, fold, ahead)
                                        : read_journal(in, readers, fold, ahead));
    EXPECT_EQ(numbers, (std::vector<uint64_t>{2, 5})) << name_of(source);
  }
}

TEST(ReadAhead, ABadLineIsReportedAfterEveryLineBeforeItIsFolded) {
  for (Source source : kSources) {
    SCOPED_TRACE(name_of(source));
    std::optional<JournalError> err;
    std::vector<std::string> events = events_of(
        "{\"kind\":\"partner.create\",\"id\":\"a\",\"name\":\"A\"}\n"
        "{\"kind\":\"partner.create\",\"id\":\"b\",\"name\":\"B\"}\n"
        "\n"
        "{\"kind\":\n"
        "{\"kind\":\"partner.create\",\"id\":\"c\",\"name\":\"C\"}\n",
        &err, source);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->line, 4u);
    EXPECT_EQ(err->message, "not valid JSON");
    EXPECT_EQ(events, in_read_ahead_order({{1, "fold 1 partner.create a"}, {2, "fold 2 partner.create b"}}));
  }
}

namespace {
// A partner.create line of exactly `bytes` bytes (its name pads it).
std::string line_of(size_t bytes, const std::string& id) {
  std::string head = "{\"kind\":\"partner.create\",\"id\":\"" + id + "\",\"name\":\"", tail = "\"}";
  return head + std::string(bytes - head.size() - tail.size(), 'n') + tail;
}
}  // namespace

// A line of the longest length a journal takes is read whole, from a text and from a stream, the
// last one without its '\n' too; one byte more is refused as too long, after the lines before it
// are folded.
TEST(ReadAhead, ALineAtTheLimitIsReadAndOneByteMoreIsRefused) {
  for (Source source : kSources) {
    SCOPED_TRACE(name_of(source));
    std::optional<JournalError> err;
    std::vector<std::string> events =
        events_of(line_of(kMaxJournalLineBytes, "a") + "\n" + line_of(kMaxJournalLineBytes, "b"), &err, source);
    EXPECT_FALSE(err);
    EXPECT_EQ(events, in_read_ahead_order({{1, "fold 1 partner.create a"}, {2, "fold 2 partner.create b"}}));
    events = events_of(line_of(60, "a") + "\n" + line_of(kMaxJournalLineBytes + 1, "b") + "\n" + line_of(60, "c"), &err,
                       source);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->line, 2u);
    EXPECT_EQ(err->message, line_too_long_words());
    EXPECT_EQ(events, in_read_ahead_order({{1, "fold 1 partner.create a"}}));
  }
}

// A stream is never read whole into memory for one line: a file of one huge line is refused after
// reading one byte past the limit (the CLI read all of it first).
TEST(ReadAhead, AStreamIsReadOnlyToOneBytePastTheLimitOfAHugeLine) {
  std::istringstream in(line_of(60, "a") + "\n" + std::string(8 * kMaxJournalLineBytes, 'x') + "\n");
  JournalLineReaders readers;
  std::vector<uint64_t> folded;
  auto err = read_journal(
      in, readers, [&](const JournalLineReader& line) { folded.push_back(line.pos()); }, [](JournalLinesAhead) {});
  ASSERT_TRUE(err);
  EXPECT_EQ(err->line, 2u);
  EXPECT_EQ(err->message, line_too_long_words());
  EXPECT_EQ(folded, (std::vector<uint64_t>{1}));
  EXPECT_EQ(static_cast<size_t>(in.tellg()), 61 + kMaxJournalLineBytes + 1);
}

TEST(ReadAhead, AnEmptyTextFoldsNothing) {
  for (Source source : kSources) {
    EXPECT_TRUE(events_of("", nullptr, source).empty()) << name_of(source);
    EXPECT_TRUE(events_of("\n \r\n", nullptr, source).empty()) << name_of(source);
  }
}

// The replay that prefetches gives the very state of the replay that does not, on the generated
// journal and on lines the fold refuses (an op without an id, of an unknown kind, not an object).
TEST(ReadAhead, AReplayThatPrefetchesGivesTheStateOfOneThatDoesNot) {
  std::string text = generated_text(3000);
  text += "{\"kind\":\"timesheet.log\",\"ticket\":\"k1\"}\n";
  text += "{\"kind\":\"time.travel\",\"id\":\"z\"}\n";
  text += "{\"kind\":\"invoice.pay\",\"id\":7}\n";
  text += "{\"pos\":0,\"op\":[1,2]}\n";

  State one_at_a_time;
  JournalLineReader reader;
  ASSERT_FALSE(read_journal(
      text, reader, [&](const JournalLineReader& line) { apply_or_reject(one_at_a_time, line.op(), line.context()); }));

  State ahead;
  JournalLineReaders readers;
  ASSERT_FALSE(read_journal(
      text, readers, [&](const JournalLineReader& line) { apply_or_reject(ahead, line.op(), line.context()); },
      [&](JournalLinesAhead lines) { prefetch_for(ahead, lines); }));

  State streamed;
  std::istringstream in(text);
  ASSERT_FALSE(read_journal(
      in, readers, [&](const JournalLineReader& line) { apply_or_reject(streamed, line.op(), line.context()); },
      [&](JournalLinesAhead lines) { prefetch_for(streamed, lines); }));

  EXPECT_GE(ahead.rejected.size(), 4u);
  EXPECT_EQ(state_hash(ahead), state_hash(one_at_a_time));
  EXPECT_EQ(state_to_json(ahead), state_to_json(one_at_a_time));
  EXPECT_EQ(state_hash(streamed), state_hash(one_at_a_time));
}

// Without `ahead`, a replay reads one line at a time: the same lines are folded, in the same order.
TEST(ReadAhead, WithoutAheadEachLineIsFoldedAsItIsRead) {
  std::vector<std::string> folded;
  JournalLineReaders readers;
  ASSERT_FALSE(read_journal(
      "{\"kind\":\"partner.create\",\"id\":\"a\",\"name\":\"A\"}\n\n{\"kind\":\"partner.create\",\"id\":\"b\"}\n",
      readers, [&](const JournalLineReader& line) { folded.push_back(std::to_string(line.pos())); }, JournalAhead()));
  EXPECT_EQ(folded, (std::vector<std::string>{"1", "2"}));
}
