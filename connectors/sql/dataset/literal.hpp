#pragma once
// A constant written in a dataset file (a rewrite value, a flag value), kept with its YAML kind
// so `true`, `1` and `"1"` stay different things when they are bound or written back.

#include <string>
#include <utility>

namespace dsrflow::sql {

struct Literal {
  enum class Kind { kNull, kBool, kInteger, kNumber, kString };

  Kind kind = Kind::kNull;
  //! The value's text: "true"/"false", digits, a decimal number, or the string itself.
  std::string text;

  static Literal null() { return {}; }
  static Literal string(std::string s) { return {Kind::kString, std::move(s)}; }

  friend bool operator==(const Literal&, const Literal&) = default;
};

}  // namespace dsrflow::sql
