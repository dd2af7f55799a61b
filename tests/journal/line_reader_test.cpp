// The journal line reader without a DOM (JournalLineReader, FlatJsonReader): it reads every line
// exactly as nlohmann does (same lines accepted, same errors, same values), leaves to nlohmann
// what it does not take, and a replay through it gives the state a replay through envelopes gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/apply.h"
#include "core/dates.h"
#include "core/json_guard.h"
#include "core/state_hash.h"
#include "core/state_json.h"
#include "journal/envelope.h"
#include "journal/generator.h"

using namespace deskbill;
using nlohmann::json;

namespace {

std::string value_text(const ParsedOp& op, const OpValue& v) {
  switch (v.type) {
    case OpValue::Type::Null:
      return "null";
    case OpValue::Type::Bool:
      return v.boolean ? "true" : "false";
    case OpValue::Type::Int:
      return "int " + std::to_string(v.integer);
    case OpValue::Type::Uint:
      return "uint " + std::to_string(v.unsigned_);
    case OpValue::Type::Float:
      return "float " + json(v.number).dump();
    case OpValue::Type::String:
      return "string " + json(std::string(v.text)).dump();
    case OpValue::Type::Object:
      return "object";
    case OpValue::Type::Array: {
      std::string out = "[";
      for (uint32_t k = 0; k < v.count; ++k) out += value_text(op, op.item(v.first + k)) + ",";
      return out + "]";
    }
  }
  return "?";
}

// Every field with its type and value, in key order (nlohmann's order; the reader keeps the text's).
std::string canonical(const ParsedOp& op) {
  if (!op.is_object()) return "not an object";
  std::vector<std::string> parts;
  for (const OpField& f : op.fields())
    parts.push_back(json(std::string(f.key)).dump() + ": " + value_text(op, f.value));
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const std::string& p : parts) out += p + "\n";
  return out;
}

// What the line gives through nlohmann (parse_journal_line) and through the reader, side by side.
void expect_read_alike(const std::string& line) {
  SCOPED_TRACE(line);
  Envelope e;
  std::optional<std::string> tree_error = parse_journal_line(line, e);
  JournalLineReader reader;
  std::optional<std::string> flat_error = reader.read(line);
  ASSERT_EQ(tree_error, flat_error);
  if (tree_error) return;
  EXPECT_EQ(reader.pos(), e.pos);
  EXPECT_EQ(reader.seq(), e.seq);
  EXPECT_EQ(reader.client(), e.client);
  OpContext a = reader.context(), b = e.context();
  EXPECT_EQ(a.agent, b.agent);
  EXPECT_EQ(a.accepted_at, b.accepted_at);
  EXPECT_EQ(canonical(reader.op()), canonical(ParsedOp(e.op)));
  EXPECT_EQ(reader.op().json(), e.op);  // a refused op's record is made from this tree
}

std::vector<std::string> generated_lines(uint64_t timesheets) {
  std::vector<std::string> lines;
  GeneratorOptions o;
  o.timesheets = timesheets;
  generate_journal(o, [&](const json& op) { lines.push_back(op.dump()); });
  return lines;
}

}  // namespace

TEST(JournalLineReader, ReadsTheGeneratedJournalWithoutFallingBackToTheTree) {
  JournalLineReader reader;
  uint64_t n = 0;
  for (const std::string& line : generated_lines(2000)) {
    ASSERT_FALSE(reader.read(line)) << line;
    Envelope e;
    e.pos = ++n;
    e.client = "dev-1";
    e.seq = n;
    e.agent = "ana";
    e.accepted_at = "2026-11-30T10:00:00Z";
    e.op = json::parse(line);
    std::string stored = journal_line(e);  // the stored envelope around the same op
    ASSERT_FALSE(reader.read(stored));
    EXPECT_EQ(reader.pos(), n);
    EXPECT_EQ(reader.context().accepted_at, *parse_day("2026-11-30"));
  }
  EXPECT_EQ(reader.fallbacks(), 0u);
}

TEST(JournalLineReader, ReadsEachEdgeCaseAsNlohmannDoes) {
  const char* lines[] = {
      R"({"kind":"partner.create","id":"c","name":"Ana \"Ana\" Pop\\escu\/\n\t\r\b\f"})",
      R"({"kind":"partner.create","id":"c","name":"\u0041\u00e9\ud83d\ude00"})",  // \u: left to nlohmann
      "{\"kind\":\"partner.create\",\"id\":\"c\",\"name\":\"D\xC4\x83n \xE2\x82\xAC \xF0\x9F\x98\x80\"}",
      "{\"kind\":\"partner.create\",\"id\":\"c\",\"name\":\"bad \xC0\xAF\"}",          // overlong
      "{\"kind\":\"partner.create\",\"id\":\"c\",\"name\":\"bad \xED\xA0\x80\"}",      // a surrogate
      "{\"kind\":\"partner.create\",\"id\":\"c\",\"name\":\"bad \xF4\x90\x80\x80\"}",  // past U+10FFFF
      "{\"kind\":\"partner.create\",\"id\":\"c\",\"name\":\"cut \xE2\x82\"}",
      "{\"kind\":\"partner.create\",\"id\":\"c\",\"name\":\"raw \x01 control\"}",
      R"({"kind":"timesheet.log","hours":0,"qty":-0,"a":-12,"b":18446744073709551615,"c":123456789012345678})",
      R"({"kind":"timesheet.log","hours":1.5,"qty":1e3,"a":-1.0E-2,"b":1234567890123456789})",
      R"({"kind":"timesheet.log","hours":01})",
      R"({"kind":"timesheet.log","hours":-})",
      R"({"kind":"timesheet.log","hours":.5})",
      R"({"kind":"order.add_line","taxes":["vat19","vat9"],"empty":[],"mixed":[1,-2,true,false,null,"x"]})",
      R"({"kind":"order.add_line","taxes":[["nested"]],"o":{"a":1}})",
      R"({"kind":"x","kind":"y"})",  // a repeated key: nlohmann keeps the last
      R"(  { "kind" : "x" , "id" : "a" , "v" : 1 }  )",
      "{\"kind\":\"x\"}\r",
      R"({"kind":"x"} trailing)",
      R"({"kind":"x",})",
      R"({"kind":"x" "id":"a"})",
      R"({"kind":tru})",
      R"({"kind":nul,"a":null})",
      R"({})",
      R"([])",
      R"("just text")",
      R"(42)",
      "\xEF\xBB\xBF{\"kind\":\"x\"}",  // a byte order mark
      R"({"pos":7,"client_id":"dev","seq":3,"agent":"ana","accepted_at":"2026-11-30T09:00:00Z","op":{"kind":"x","id":"a"}})",
      R"({"pos":-7,"client_id":5,"seq":"3","agent":null,"accepted_at":"2026","op":{"kind":"x"}})",
      R"({"pos":1,"op":"not an object"})",
      R"({"pos":1,"op":{"kind":"op.refused","reason":"no","op":{"kind":"timesheet.log","id":"t"}}})",
      R"({"kind":"op.refused","reason":"no","op":{"kind":"timesheet.log","id":"t"}})",
      R"({"pos":1,"op":{"kind":"x"},"extra":{"deep":[1,2]}})",
      R"({"pos":1,"op":{"kind":"x"},"op":{"kind":"y"}})",
      R"({"kind":"x","k\"ey":"v","":"empty key"})",
      R"({"kind":"x","s":"unterminated)",
      R"({"kind":"x","s":"bad escape \x"})",
      R"({"kind")",
      R"({)",
      R"({"kind":"x"}})",
  };
  for (const char* line : lines) expect_read_alike(line);
}

// The reader takes a string's plain bytes eight at a time: every byte that ends, escapes or
// breaks a string is still seen at every place in and across those eight (a quote, a backslash,
// a control character, the first, middle or last byte of a UTF-8 sequence, a bad one), in strings
// of every length around the boundaries, and at a line's very end.
TEST(JournalLineReader, SeesASpecialByteAtEveryPlaceOfALongString) {
  const std::string specials[] = {
      "\"",   "\\\"", "\\n", "\x01", "\x1F", "\x7F", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
      "\xC3", "\xA9", "\xFF"};
  for (size_t len = 0; len <= 20; ++len)
    for (size_t at = 0; at <= len; ++at)
      for (const std::string& special : specials) {
        std::string text = std::string(at, 'a') + special + std::string(len - at, 'b');
        expect_read_alike("{\"kind\":\"x\",\"name\":\"" + text + "\",\"id\":\"" + text + "\"}");
        expect_read_alike("{\"kind\":\"x\",\"name\":\"" + text);  // cut inside the string
        if (HasFatalFailure()) return;
      }
}

// Lines of the generated journal with bytes changed at random, among the bytes that matter to
// a JSON reader: each mutant is read alike (most are refused, many fall back, some stay valid).
TEST(JournalLineReader, ReadsRandomlyDamagedLinesAsNlohmannDoes) {
  std::vector<std::string> lines = generated_lines(300);
  std::vector<std::string> envelopes;
  for (size_t k = 0; k < 200 && k < lines.size(); ++k) {
    Envelope e;
    e.pos = k + 1;
    e.client = "dev";
    e.seq = k;
    e.op = json::parse(lines[k]);
    envelopes.push_back(journal_line(e));
  }
  lines.insert(lines.end(), envelopes.begin(), envelopes.end());
  const std::string bytes[] = {"\"",  "\\",   "{",    "}",     "[",    "]",    ",",    ":",    "0",
                               "7",   "-",    ".",    "e",     "E",    "+",    " ",    "t",    "f",
                               "n",   "u",    "\x01", "\xC3",  "\xA9", "\xED", "\xF4", "\x80", "\\u",
                               "\\n", "null", "true", "[1,2]", "{}",   "\"\"", "1.5",  "-0"};
  std::mt19937_64 rng(20261130);
  for (int i = 0; i < 20000; ++i) {
    std::string line = lines[rng() % lines.size()];
    int edits = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < edits && !line.empty(); ++k) {
      size_t at = rng() % line.size();
      const std::string& b = bytes[rng() % (sizeof bytes / sizeof *bytes)];
      switch (rng() % 3) {
        case 0:
          line.replace(at, 1, b);
          break;
        case 1:
          line.insert(at, b);
          break;
        default:
          line.erase(at, 1 + rng() % 3);
          break;
      }
    }
    expect_read_alike(line);
    if (HasFatalFailure()) return;
  }
}

// The fold reads the same op the same way from the flat reader and from a tree: a journal with
// refused ops (their record keeps the op's text and summary), envelopes, escapes and numbers.
TEST(JournalLineReader, ReplayGivesTheStateAReplayThroughEnvelopesGives) {
  std::string text;
  for (const std::string& line : generated_lines(3000)) text += line + "\n";
  text += R"({"kind":"timesheet.log","id":"tx1","ticket":"nope","employee":"e0","date":"2026-01-02","hours":"1"})"
          "\n";
  text += R"({"kind":"partner.create","id":"esc","name":"Tab\there \"quoted\" \u00e9"})"
          "\n";
  text += R"({"kind":"partner.create","id":"num","name":"N","payment_days":30})"
          "\n";
  text += R"({"kind":"time.travel","id":"z"})"
          "\n";
  text += R"({"pos":0,"client_id":"dev","seq":9,"accepted_at":"2026-12-01","op":{"kind":"invoice.pay","id":"none"}})"
          "\n";
  text += R"({"kind":"op.refused","reason":"Locked","op":{"kind":"timesheet.log","id":"t9"}})"
          "\n";
  text += R"({"pos":0,"op":[1,2]})"
          "\n";

  std::vector<Envelope> envelopes;
  ASSERT_FALSE(parse_journal(text, envelopes));
  State by_tree;
  for (const Envelope& e : envelopes) apply_or_reject(by_tree, e.op, e.context());

  State by_reader;
  JournalLineReader reader;
  uint64_t folded = 0;
  ASSERT_FALSE(read_journal(text, reader, [&](const JournalLineReader& line) {
    apply_or_reject(by_reader, line.op(), line.context());
    ++folded;
  }));
  EXPECT_EQ(folded, envelopes.size());
  EXPECT_GE(by_reader.rejected.size(), 5u);
  EXPECT_EQ(state_to_json(by_reader), state_to_json(by_tree));
  EXPECT_EQ(state_hash(by_reader), state_hash(by_tree));
}

TEST(JournalLineReader, ABadLineIsReportedWithItsNumber) {
  JournalLineReader reader;
  auto err = read_journal("{\"kind\":\"x\"}\n\n{\"kind\":\n", reader, [](const JournalLineReader&) {});
  ASSERT_TRUE(err);
  EXPECT_EQ(err->line, 3u);
  EXPECT_EQ(err->message, "not valid JSON");
}

TEST(JournalLineReader, ALineOverTheLimitIsRefusedBeforeReading) {
  JournalLineReader reader;
  std::string line = "{\"kind\":\"x\",\"name\":\"" + std::string(kMaxJournalLineBytes, 'a') + "\"}";
  auto err = reader.read(line);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("longer than"), std::string::npos);
}
