#include "core/parsed_op.h"

#include <cstring>

namespace deskbill {

namespace {

OpValue scalar_of(const nlohmann::json& v) {
  OpValue out;
  switch (v.type()) {
    case nlohmann::json::value_t::boolean:
      out.type = OpValue::Type::Bool;
      out.boolean = v.get<bool>();
      break;
    case nlohmann::json::value_t::number_integer:
      out.type = OpValue::Type::Int;
      out.integer = v.get<int64_t>();
      break;
    case nlohmann::json::value_t::number_unsigned:
      out.type = OpValue::Type::Uint;
      out.unsigned_ = v.get<uint64_t>();
      break;
    case nlohmann::json::value_t::number_float:
      out.type = OpValue::Type::Float;
      out.number = v.get<double>();
      break;
    case nlohmann::json::value_t::string:
      out.type = OpValue::Type::String;
      out.text = v.get_ref<const std::string&>();
      break;
    case nlohmann::json::value_t::array:
      out.type = OpValue::Type::Array;
      break;
    case nlohmann::json::value_t::object:
      out.type = OpValue::Type::Object;
      break;
    default:
      break;
  }
  return out;
}

}  // namespace

void ParsedOp::clear() {
  object_ = true;
  fields_.clear();
  items_.clear();
  decoded_.clear();
  text_ = {};
  source_ = nullptr;
  parsed_.reset();
}

void ParsedOp::assign(const nlohmann::json& op) {
  clear();
  source_ = &op;
  object_ = op.is_object();
  if (!object_) return;
  for (auto it = op.begin(); it != op.end(); ++it) {
    OpValue v = scalar_of(*it);
    if (v.type == OpValue::Type::Array) {
      v.first = static_cast<uint32_t>(items_.size());
      for (const auto& x : *it) items_.push_back(scalar_of(x));
      v.count = static_cast<uint32_t>(items_.size()) - v.first;
    }
    fields_.push_back(OpField{it.key(), v});
  }
}

const nlohmann::json& ParsedOp::json() const {
  if (source_) return *source_;
  if (!parsed_) {
    // text_ was read by FlatJsonReader, so it is valid JSON; an empty op reads as null.
    parsed_ = std::make_unique<nlohmann::json>(
        text_.empty() ? nlohmann::json() : nlohmann::json::parse(text_, nullptr, /*allow_exceptions=*/false));
  }
  return *parsed_;
}

// ---- FlatJsonReader ----

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
void skip_space(std::string_view t, size_t& i) {
  while (i < t.size() && is_space(t[i])) ++i;
}
bool in(unsigned char c, unsigned char lo, unsigned char hi) { return c >= lo && c <= hi; }

// The length of the UTF-8 sequence at t[i] (a lead byte >= 0x80), or 0 when it is not one
// nlohmann accepts (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
size_t utf8_length(std::string_view t, size_t i) {
  auto at = [&](size_t k) -> unsigned char { return i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0; };
  unsigned char c = at(0);
  if (in(c, 0xC2, 0xDF)) return in(at(1), 0x80, 0xBF) ? 2 : 0;
  if (c == 0xE0) return in(at(1), 0xA0, 0xBF) && in(at(2), 0x80, 0xBF) ? 3 : 0;
  if (in(c, 0xE1, 0xEC) || in(c, 0xEE, 0xEF)) return in(at(1), 0x80, 0xBF) && in(at(2), 0x80, 0xBF) ? 3 : 0;
  if (c == 0xED) return in(at(1), 0x80, 0x9F) && in(at(2), 0x80, 0xBF) ? 3 : 0;
  if (c == 0xF0) return in(at(1), 0x90, 0xBF) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF) ? 4 : 0;
  if (in(c, 0xF1, 0xF3)) return in(at(1), 0x80, 0xBF) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF) ? 4 : 0;
  if (c == 0xF4) return in(at(1), 0x80, 0x8F) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF) ? 4 : 0;
  return 0;
}

char unescaped(char e) {
  switch (e) {
    case '"':
      return '"';
    case '\\':
      return '\\';
    case '/':
      return '/';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return 0;  // \u and anything else: left to nlohmann
  }
}

// The bytes among the 8 at p that end or escape a string, are a control character or start or
// continue a UTF-8 sequence: the high bit of each such byte (and maybe of bytes after the first
// one, as a borrow carries), so the lowest set bit is the first such byte exactly; 0 if none.
inline uint64_t special_bytes(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  uint64_t x;
  std::memcpy(&x, p, 8);
  uint64_t quote = x ^ (kOnes * '"'), backslash = x ^ (kOnes * '\\');
  return (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | ((x - kOnes * 0x20) & ~x) | x) & kHigh;
}

// The string at t[i] == '"'. Without escapes it is viewed in place; with them it is decoded into
// `decoded`, whose capacity was reserved for the whole text so earlier views stay valid.
bool read_string(std::string_view t, size_t& i, std::string& decoded, std::string_view& out) {
  size_t start = ++i;
  bool escapes = false;
  for (;;) {
    // Straight to the next byte that is not plain printable ASCII, eight bytes at a time: a
    // string's bytes were 28 % of a replay's instructions, taken one by one.
    if (i + 8 <= t.size()) {
      uint64_t special = special_bytes(t.data() + i);
      if (special == 0) {
        i += 8;
        continue;
      }
      i += static_cast<size_t>(__builtin_ctzll(special)) / 8;
    }
    if (i >= t.size()) return false;
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == '"') break;
    if (c == '\\') {
      if (i + 1 >= t.size() || !unescaped(t[i + 1])) return false;
      escapes = true;
      i += 2;
    } else if (c < 0x20) {
      return false;  // a raw control character: nlohmann refuses it, and says why
    } else if (c < 0x80) {
      ++i;
    } else {
      size_t n = utf8_length(t, i);
      if (n == 0) return false;
      i += n;
    }
  }
  std::string_view raw = t.substr(start, i - start);
  ++i;
  if (!escapes) {
    out = raw;
    return true;
  }
  if (decoded.size() + raw.size() > decoded.capacity()) return false;  // would move earlier views
  size_t at = decoded.size();
  for (size_t k = 0; k < raw.size(); ++k) decoded.push_back(raw[k] == '\\' ? unescaped(raw[++k]) : raw[k]);
  out = std::string_view(decoded.data() + at, decoded.size() - at);
  return true;
}

// An integer of at most 18 digits (no fraction, no exponent): read as nlohmann does, a
// non-negative one as unsigned. Longer ones may overflow to a float there: left to it.
bool read_integer(std::string_view t, size_t& i, OpValue& v) {
  bool negative = t[i] == '-';
  size_t k = i + negative;
  size_t digits = k;
  if (k >= t.size() || t[k] < '0' || t[k] > '9') return false;
  if (t[k] == '0') {
    ++k;
  } else {
    while (k < t.size() && t[k] >= '0' && t[k] <= '9') ++k;
  }
  if (k < t.size() && (t[k] == '.' || t[k] == 'e' || t[k] == 'E')) return false;
  if (k - digits > 18) return false;
  uint64_t u = 0;
  for (size_t d = digits; d < k; ++d) u = u * 10 + static_cast<uint64_t>(t[d] - '0');
  if (negative) {
    v.type = OpValue::Type::Int;
    v.integer = -static_cast<int64_t>(u);
  } else {
    v.type = OpValue::Type::Uint;
    v.unsigned_ = u;
  }
  i = k;
  return true;
}

bool read_word(std::string_view t, size_t& i, std::string_view word) {
  if (t.substr(i, word.size()) != word) return false;
  i += word.size();
  return true;
}

// A string, an integer, true, false or null.
bool read_scalar(std::string_view t, size_t& i, std::string& decoded, OpValue& v) {
  if (i >= t.size()) return false;
  char c = t[i];
  if (c == '"') {
    v.type = OpValue::Type::String;
    return read_string(t, i, decoded, v.text);
  }
  if (c == '-' || (c >= '0' && c <= '9')) return read_integer(t, i, v);
  if (c == 't' && read_word(t, i, "true")) {
    v.type = OpValue::Type::Bool;
    v.boolean = true;
    return true;
  }
  if (c == 'f' && read_word(t, i, "false")) {
    v.type = OpValue::Type::Bool;
    return true;
  }
  if (c == 'n' && read_word(t, i, "null")) return true;  // Type::Null
  return false;
}

}  // namespace

bool FlatJsonReader::read_object(std::string_view t, size_t& i, ParsedOp& out, ParsedOp* nested_op) {
  if (i >= t.size() || t[i] != '{') return false;
  size_t start = i++;
  skip_space(t, i);
  if (i < t.size() && t[i] == '}') {
    ++i;
    out.text_ = t.substr(start, i - start);
    return true;
  }
  for (;;) {
    skip_space(t, i);
    if (i >= t.size() || t[i] != '"') return false;
    OpField f;
    if (!read_string(t, i, out.decoded_, f.key)) return false;
    for (const OpField& seen : out.fields_)
      if (seen.key == f.key) return false;  // nlohmann keeps the last one; rare enough to leave to it
    skip_space(t, i);
    if (i >= t.size() || t[i] != ':') return false;
    ++i;
    skip_space(t, i);
    if (i >= t.size()) return false;
    if (t[i] == '[') {
      ++i;
      f.value.type = OpValue::Type::Array;
      f.value.first = static_cast<uint32_t>(out.items_.size());
      skip_space(t, i);
      if (i < t.size() && t[i] == ']') {
        ++i;
      } else {
        for (;;) {
          skip_space(t, i);
          OpValue item;
          if (!read_scalar(t, i, out.decoded_, item)) return false;
          out.items_.push_back(item);
          skip_space(t, i);
          if (i >= t.size()) return false;
          if (t[i] == ']') {
            ++i;
            break;
          }
          if (t[i] != ',') return false;
          ++i;
        }
      }
      f.value.count = static_cast<uint32_t>(out.items_.size()) - f.value.first;
    } else if (t[i] == '{') {
      if (!nested_op || f.key != "op") return false;
      if (!read_object(t, i, *nested_op, nullptr)) return false;
      f.value.type = OpValue::Type::Object;
    } else if (!read_scalar(t, i, out.decoded_, f.value)) {
      return false;
    }
    out.fields_.push_back(f);
    skip_space(t, i);
    if (i >= t.size()) return false;
    if (t[i] == '}') {
      ++i;
      out.text_ = t.substr(start, i - start);
      return true;
    }
    if (t[i] != ',') return false;
    ++i;
  }
}

bool FlatJsonReader::read(std::string_view text, ParsedOp& out, ParsedOp* nested_op) {
  out.clear();
  out.decoded_.reserve(text.size());
  if (nested_op) {
    nested_op->clear();
    nested_op->decoded_.reserve(text.size());
  }
  size_t i = 0;
  skip_space(text, i);
  if (!read_object(text, i, out, nested_op)) return false;
  skip_space(text, i);
  return i == text.size();
}

}  // namespace deskbill
