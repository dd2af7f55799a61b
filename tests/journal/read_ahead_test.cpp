// A replay that reads one line ahead (read_journal with two readers): the line after the one
// being folded is handed to `ahead` first, so that what it will look up is prefetched meanwhile
// (core/op_prefetch.h). It must fold the same lines, in the same order, with the same contents,
// as the replay that reads one line at a time.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "core/apply.h"
#include "core/json_guard.h"
#include "core/op_prefetch.h"
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

// Where the lines come from: the journal's text, or a stream read a line at a time into two
// buffers in turn (deskbill-cli replay reads a file so).
enum class Source { Text, Stream };
const Source kSources[] = {Source::Text, Source::Stream};
const char* name_of(Source s) { return s == Source::Text ? "text" : "stream"; }

// What a replay did, in order: "ahead 2" (line 2 handed to ahead), "fold 1 partner.create a".
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
  auto ahead = [&](const JournalLineReader& line) { events.push_back("ahead " + std::to_string(line.pos())); };
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

TEST(ReadAhead, EachLineIsSeenAheadBeforeTheLineBeforeItIsFolded) {
  std::string text =
      "{\"kind\":\"partner.create\",\"id\":\"a\",\"name\":\"A\"}\n"
      "\n"
      "{\"kind\":\"partner.create\",\"id\":\"b\",\"name\":\"B\"}\n"
      "{\"kind\":\"partner.create\",\"id\":\"c\",\"name\":\"C\"}\n";
  std::vector<std::string> want = {
      "ahead 1", "ahead 2", "fold 1 partner.create a", "ahead 3", "fold 2 partner.create b", "fold 3 partner.create c"};
  for (Source source : kSources) EXPECT_EQ(events_of(text, nullptr, source), want) << name_of(source);
}

// Each reader views its own line: the line folded keeps its contents while the next one is read
// into the other reader.
TEST(ReadAhead, TheLineFoldedIsNotTheLineReadAhead) {
  std::string text =
      "{\"pos\":7,\"client_id\":\"d1\",\"seq\":3,\"op\":{\"kind\":\"ticket.create\",\"id\":\"k1\"}}\n"
      "{\"pos\":8,\"client_id\":\"d2\",\"seq\":4,\"op\":{\"kind\":\"timesheet.log\",\"id\":\"t1\"}}\n";
  std::vector<std::string> want = {"ahead 7", "ahead 8", "fold 7 ticket.create k1", "fold 8 timesheet.log t1"};
  for (Source source : kSources) EXPECT_EQ(events_of(text, nullptr, source), want) << name_of(source);
}

// From a stream, the line folded is in one buffer while the next is read into the other: three
// lines of different lengths, so a line read over the one still to fold would show.
TEST(ReadAhead, AStreamKeepsTheLineStillToFoldWhileTheNextIsRead) {
  std::string text =
      "{\"kind\":\"partner.create\",\"id\":\"a-long-partner-id\",\"name\":\"A\"}\r\n"
      "{\"kind\":\"ticket.create\",\"id\":\"k\"}\n"
      "{\"kind\":\"timesheet.log\",\"id\":\"t-1\",\"ticket\":\"k\"}";
  std::vector<std::string> want = {"ahead 1",
                                   "ahead 2",
                                   "fold 1 partner.create a-long-partner-id",
                                   "ahead 3",
                                   "fold 2 ticket.create k",
                                   "fold 3 timesheet.log t-1"};
  EXPECT_EQ(events_of(text, nullptr, Source::Stream), want);
}

TEST(ReadAhead, EachLineKnowsItsNumberInTheTextBlankLinesCounted) {
  for (Source source : kSources) {
    std::vector<uint64_t> numbers;
    JournalLineReaders readers;
    std::string text =
        "\n{\"kind\":\"partner.create\",\"id\":\"a\"}\n \n\n{\"kind\":\"partner.create\",\"id\":\"b\"}\n";
    std::istringstream in(text);
    auto fold = [&](const JournalLineReader& line) { numbers.push_back(line.line_no()); };
    auto ahead = [](const JournalLineReader&) {};
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
    std::vector<std::string> want = {"ahead 1", "ahead 2", "fold 1 partner.create a", "fold 2 partner.create b"};
    EXPECT_EQ(events, want);
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
    EXPECT_EQ(events,
              (std::vector<std::string>{"ahead 1", "ahead 2", "fold 1 partner.create a", "fold 2 partner.create b"}));
    events = events_of(line_of(60, "a") + "\n" + line_of(kMaxJournalLineBytes + 1, "b") + "\n" + line_of(60, "c"), &err,
                       source);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->line, 2u);
    EXPECT_EQ(err->message, line_too_long_words());
    EXPECT_EQ(events, (std::vector<std::string>{"ahead 1", "fold 1 partner.create a"}));
  }
}

// A stream is never read whole into memory for one line: a file of one huge line is refused after
// reading one byte past the limit (the CLI read all of it first).
TEST(ReadAhead, AStreamIsReadOnlyToOneBytePastTheLimitOfAHugeLine) {
  std::istringstream in(line_of(60, "a") + "\n" + std::string(8 * kMaxJournalLineBytes, 'x') + "\n");
  JournalLineReaders readers;
  std::vector<uint64_t> folded;
  auto err = read_journal(
      in, readers, [&](const JournalLineReader& line) { folded.push_back(line.pos()); },
      [](const JournalLineReader&) {});
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
      [&](const JournalLineReader& line) { prefetch_for(ahead, line.op()); }));

  State streamed;
  std::istringstream in(text);
  ASSERT_FALSE(read_journal(
      in, readers, [&](const JournalLineReader& line) { apply_or_reject(streamed, line.op(), line.context()); },
      [&](const JournalLineReader& line) { prefetch_for(streamed, line.op()); }));

  EXPECT_GE(ahead.rejected.size(), 4u);
  EXPECT_EQ(state_hash(ahead), state_hash(one_at_a_time));
  EXPECT_EQ(state_to_json(ahead), state_to_json(one_at_a_time));
  EXPECT_EQ(state_hash(streamed), state_hash(one_at_a_time));
}

// Where nothing is prefetched (WebAssembly: kReplayPrefetches), the replay passes no `ahead` and
// reads one line at a time: the same lines are folded, in the same order.
TEST(ReadAhead, WithoutAheadEachLineIsFoldedAsItIsRead) {
  std::vector<std::string> folded;
  JournalLineReaders readers;
  ASSERT_FALSE(read_journal(
      "{\"kind\":\"partner.create\",\"id\":\"a\",\"name\":\"A\"}\n\n{\"kind\":\"partner.create\",\"id\":\"b\"}\n",
      readers, [&](const JournalLineReader& line) { folded.push_back(std::to_string(line.pos())); },
      std::function<void(const JournalLineReader&)>()));
  EXPECT_EQ(folded, (std::vector<std::string>{"1", "2"}));
}
