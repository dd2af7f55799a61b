// Reading a journal for a replay (read_journal): from its text, or from a stream a line at a time
// (deskbill-cli replay reads a file so, never whole). Each line is folded as it is read, in order,
// with its own contents; a stream must give the same lines as the text.
#include <gtest/gtest.h>

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

// Where the lines come from: the journal's text, or a stream read a line at a time into one buffer.
enum class Source { Text, Stream };
const Source kSources[] = {Source::Text, Source::Stream};
const char* name_of(Source s) { return s == Source::Text ? "text" : "stream"; }

std::optional<JournalError> read_from(Source source, const std::string& text, JournalLineReader& reader,
                                      const std::function<void(const JournalLineReader&)>& fold) {
  if (source == Source::Text) return read_journal(text, reader, fold);
  std::istringstream in(text);
  return read_journal(in, reader, fold);
}

// What a replay folded, in order: "1 partner.create a" (the line's pos, the op's kind and id).
std::vector<std::string> folds_of(const std::string& text, Source source, std::optional<JournalError>* err = nullptr) {
  std::vector<std::string> folds;
  JournalLineReader reader;
  auto e = read_from(source, text, reader, [&](const JournalLineReader& line) {
    const OpValue* k = line.op().find("kind");
    const OpValue* i = line.op().find("id");
    folds.push_back(std::to_string(line.pos()) + " " + std::string(k && k->is_string() ? k->text : "") + " " +
                    std::string(i && i->is_string() ? i->text : ""));
  });
  if (err) *err = e;
  return folds;
}

// n partner.create lines whose ids differ in length ("p1", "p22", "p333", ...), so that a line read
// over a longer one before it would show in what is folded.
std::string partner_lines(size_t n) {
  std::string text;
  for (size_t i = 1; i <= n; ++i)
    text += "{\"kind\":\"partner.create\",\"id\":\"p" + std::string(i, static_cast<char>('0' + i % 10)) + "\"}\n";
  return text;
}
std::vector<std::string> partner_folds(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 1; i <= n; ++i)
    out.push_back(std::to_string(i) + " partner.create p" + std::string(i, static_cast<char>('0' + i % 10)));
  return out;
}

// A partner.create line of exactly `bytes` bytes (its name pads it).
std::string line_of(size_t bytes, const std::string& id) {
  std::string head = "{\"kind\":\"partner.create\",\"id\":\"" + id + "\",\"name\":\"", tail = "\"}";
  return head + std::string(bytes - head.size() - tail.size(), 'n') + tail;
}
}  // namespace

// Lines of different lengths, a CR, blank lines between them and a last line without its LF: each
// is folded with its own contents, in order, from the text and from the stream.
TEST(JournalReading, EachLineIsFoldedWithItsOwnContentsInOrder) {
  std::string text =
      "{\"kind\":\"partner.create\",\"id\":\"a-long-partner-id\",\"name\":\"A\"}\r\n"
      "{\"kind\":\"ticket.create\",\"id\":\"k\"}\n"
      "{\"kind\":\"timesheet.log\",\"id\":\"t-1\",\"ticket\":\"k\"}";
  std::vector<std::string> want = {"1 partner.create a-long-partner-id", "2 ticket.create k", "3 timesheet.log t-1"};
  for (Source source : kSources) EXPECT_EQ(folds_of(text, source), want) << name_of(source);

  std::string lines = partner_lines(40), spaced;
  for (size_t at = 0, i = 0; at < lines.size(); ++i) {
    size_t end = lines.find('\n', at) + 1;
    spaced += lines.substr(at, end - at) + (i % 5 == 0 ? "\n \n" : "");
    at = end;
  }
  spaced.pop_back();  // the last line without its LF
  for (Source source : kSources) EXPECT_EQ(folds_of(spaced, source), partner_folds(40)) << name_of(source);
}

// An envelope's pos is its own; a bare op takes its place among the lines read.
TEST(JournalReading, AnEnvelopeKeepsItsPosAndABareOpIsNumberedInTheText) {
  std::string text =
      "{\"pos\":7,\"client_id\":\"d1\",\"seq\":3,\"op\":{\"kind\":\"ticket.create\",\"id\":\"k1\"}}\n"
      "{\"kind\":\"timesheet.log\",\"id\":\"t1\"}\n";
  for (Source source : kSources)
    EXPECT_EQ(folds_of(text, source), (std::vector<std::string>{"7 ticket.create k1", "2 timesheet.log t1"}))
        << name_of(source);
}

TEST(JournalReading, EachLineKnowsItsNumberInTheTextBlankLinesCounted) {
  for (Source source : kSources) {
    std::vector<uint64_t> numbers;
    JournalLineReader reader;
    std::string text =
        "\n{\"kind\":\"partner.create\",\"id\":\"a\"}\n \n\n{\"kind\":\"partner.create\",\"id\":\"b\"}\n";
    ASSERT_FALSE(
        read_from(source, text, reader, [&](const JournalLineReader& line) { numbers.push_back(line.line_no()); }));
    EXPECT_EQ(numbers, (std::vector<uint64_t>{2, 5})) << name_of(source);
  }
}

TEST(JournalReading, ABadLineIsReportedAfterEveryLineBeforeItIsFolded) {
  for (Source source : kSources) {
    SCOPED_TRACE(name_of(source));
    std::optional<JournalError> err;
    std::vector<std::string> folds = folds_of(
        "{\"kind\":\"partner.create\",\"id\":\"a\",\"name\":\"A\"}\n"
        "{\"kind\":\"partner.create\",\"id\":\"b\",\"name\":\"B\"}\n"
        "\n"
        "{\"kind\":\n"
        "{\"kind\":\"partner.create\",\"id\":\"c\",\"name\":\"C\"}\n",
        source, &err);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->line, 4u);
    EXPECT_EQ(err->message, "not valid JSON");
    EXPECT_EQ(folds, (std::vector<std::string>{"1 partner.create a", "2 partner.create b"}));
  }
}

// A line of the longest length a journal takes is read whole, from a text and from a stream, the
// last one without its '\n' too; one byte more is refused as too long, after the lines before it
// are folded.
TEST(JournalReading, ALineAtTheLimitIsReadAndOneByteMoreIsRefused) {
  for (Source source : kSources) {
    SCOPED_TRACE(name_of(source));
    std::optional<JournalError> err;
    std::vector<std::string> folds =
        folds_of(line_of(kMaxJournalLineBytes, "a") + "\n" + line_of(kMaxJournalLineBytes, "b"), source, &err);
    EXPECT_FALSE(err);
    EXPECT_EQ(folds, (std::vector<std::string>{"1 partner.create a", "2 partner.create b"}));
    folds = folds_of(line_of(60, "a") + "\n" + line_of(kMaxJournalLineBytes + 1, "b") + "\n" + line_of(60, "c"), source,
                     &err);
    ASSERT_TRUE(err);
    EXPECT_EQ(err->line, 2u);
    EXPECT_EQ(err->message, line_too_long_words());
    EXPECT_EQ(folds, (std::vector<std::string>{"1 partner.create a"}));
  }
}

// A stream is never read whole into memory for one line: a file of one huge line is refused after
// reading one byte past the limit (the CLI read all of it first).
TEST(JournalReading, AStreamIsReadOnlyToOneBytePastTheLimitOfAHugeLine) {
  std::istringstream in(line_of(60, "a") + "\n" + std::string(8 * kMaxJournalLineBytes, 'x') + "\n");
  JournalLineReader reader;
  std::vector<uint64_t> folded;
  auto err = read_journal(in, reader, [&](const JournalLineReader& line) { folded.push_back(line.pos()); });
  ASSERT_TRUE(err);
  EXPECT_EQ(err->line, 2u);
  EXPECT_EQ(err->message, line_too_long_words());
  EXPECT_EQ(folded, (std::vector<uint64_t>{1}));
  EXPECT_EQ(static_cast<size_t>(in.tellg()), 61 + kMaxJournalLineBytes + 1);
}

TEST(JournalReading, AnEmptyTextFoldsNothing) {
  for (Source source : kSources) {
    EXPECT_TRUE(folds_of("", source).empty()) << name_of(source);
    EXPECT_TRUE(folds_of("\n \r\n", source).empty()) << name_of(source);
  }
}

// The stream replay gives the very state of the text replay, on the generated journal and on lines
// the fold refuses (an op without an id, of an unknown kind, not an object).
TEST(JournalReading, AStreamReplayGivesTheStateOfATextReplay) {
  std::string text = generated_text(3000);
  text += "{\"kind\":\"timesheet.log\",\"ticket\":\"k1\"}\n";
  text += "{\"kind\":\"time.travel\",\"id\":\"z\"}\n";
  text += "{\"kind\":\"invoice.pay\",\"id\":7}\n";
  text += "{\"pos\":0,\"op\":[1,2]}\n";
  State from_text, from_stream;
  for (auto [source, state] : {std::pair{Source::Text, &from_text}, std::pair{Source::Stream, &from_stream}}) {
    JournalLineReader reader;
    ASSERT_FALSE(read_from(source, text, reader, [state = state](const JournalLineReader& line) {
      apply_or_reject(*state, line.op(), line.context());
    })) << name_of(source);
  }
  EXPECT_GE(from_stream.rejected.size(), 4u);
  EXPECT_EQ(state_hash(from_stream), state_hash(from_text));
  EXPECT_EQ(state_to_json(from_stream), state_to_json(from_text));
}
