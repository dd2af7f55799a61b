// An op read without a DOM: its top-level fields as typed values, text viewed where it already
// lies (in the journal line, or in the json the UI built), a list's items in one flat array.
// The fold reads every op through this; building an nlohmann tree per op (maps, a string per
// key and value, then freeing it all) cost about half of a replay (docs/benchmarks.md).
#pragma once
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace deskbill {

struct OpValue {
  enum class Type : uint8_t { Null, Bool, Int, Uint, Float, String, Array, Object };
  Type type = Type::Null;
  bool boolean = false;
  int64_t integer = 0;     // Int: a negative integer, as nlohmann reads one
  uint64_t unsigned_ = 0;  // Uint: a non-negative integer
  double number = 0;       // Float
  std::string_view text;   // String, decoded
  uint32_t first = 0;      // Array: its items are ParsedOp::item(first .. first + count - 1);
  uint32_t count = 0;      // items that are themselves lists or objects are kept as their type only

  bool is_string() const { return type == Type::String; }
  bool is_integer() const { return type == Type::Int || type == Type::Uint; }
};

struct OpField {
  std::string_view key;
  OpValue value;
};

class ParsedOp {
 public:
  ParsedOp() = default;
  // Views into `op`, which must outlive this ParsedOp and stay unchanged.
  explicit ParsedOp(const nlohmann::json& op) { assign(op); }
  ParsedOp(const ParsedOp&) = delete;
  ParsedOp& operator=(const ParsedOp&) = delete;

  void assign(const nlohmann::json& op);
  void clear();

  bool is_object() const { return object_; }
  // The field, or null when it is absent (a JSON null is a field of type Null).
  const OpValue* find(std::string_view key) const {
    for (const OpField& f : fields_)
      if (f.key == key) return &f.value;
    return nullptr;
  }
  const OpValue& item(uint32_t k) const { return items_[k]; }
  const std::vector<OpField>& fields() const { return fields_; }

  // The op as a tree, for the rare paths that need one (a refused op's record and summary):
  // the json it was built from, or its text parsed once.
  const nlohmann::json& json() const;

 private:
  friend class FlatJsonReader;
  bool object_ = true;
  std::vector<OpField> fields_;
  std::vector<OpValue> items_;
  std::string decoded_;    // strings that had escapes, decoded; reserved up front so views stay valid
  std::string_view text_;  // the op's JSON text, when read from text
  const nlohmann::json* source_ = nullptr;
  mutable std::unique_ptr<nlohmann::json> parsed_;
};

// Reads a JSON object of flat fields (strings, integers, true, false, null, lists of those)
// straight into a ParsedOp. It accepts a strict subset of JSON and reads it exactly as nlohmann
// would; anything outside it (a fraction, an exponent, a \u escape, a nested object, a repeated
// key, a byte that is not strict UTF-8) makes it answer false, and the caller reads the text with
// nlohmann, which then decides, so both readers accept and refuse the same lines.
class FlatJsonReader {
 public:
  // Reads the object at text[pos]; on success pos is just past it. With `nested_op`, a field
  // "op" whose value is an object is read into *nested_op (the journal's envelope); without it,
  // a nested object answers false.
  static bool read_object(std::string_view text, size_t& pos, ParsedOp& out, ParsedOp* nested_op = nullptr);
  // Reads a whole text that is one such object (surrounding whitespace allowed).
  static bool read(std::string_view text, ParsedOp& out, ParsedOp* nested_op = nullptr);
};

}  // namespace deskbill
