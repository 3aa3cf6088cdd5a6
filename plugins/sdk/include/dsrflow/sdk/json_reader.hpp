#pragma once
// A strict RFC 8259 JSON parser into json::Value. Rejects what the RFC rejects (trailing commas,
// comments, leading zeros, control characters in strings, text after the document) and also
// malformed UTF-8 and unpaired surrogate escapes. Integers that fit in int64 stay integers;
// other numbers become doubles. Nesting is limited so hostile input cannot exhaust the stack.
// Later duplicate keys replace earlier ones. Error messages give an offset, never input text.

#include "dsrflow/sdk/json_value.hpp"
#include "dsrflow/sdk/utf8.hpp"

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#if !(defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L)
#include <locale>
#include <sstream>
#endif

namespace dsrflow::sdk::json {

//! Thrown by parse() for text that is not JSON.
class ParseError : public std::runtime_error {
 public:
  ParseError(const std::string& message, std::size_t offset)
      : std::runtime_error("invalid JSON at offset " + std::to_string(offset) + ": " + message),
        offset_(offset) {}
  //! Byte offset of the problem in the input.
  [[nodiscard]] std::size_t offset() const noexcept { return offset_; }

 private:
  std::size_t offset_;
};

namespace detail {

class Reader {
 public:
  static constexpr int kMaxDepth = 256;

  explicit Reader(std::string_view text) noexcept : text_(text) {}

  Value document() {
    skipSpace();
    Value result = value(0);
    skipSpace();
    if (pos_ != text_.size()) fail("unexpected text after the document");
    return result;
  }

 private:
  [[noreturn]] void fail(const char* what) const { throw ParseError(what, pos_); }

  [[nodiscard]] int peek() const noexcept {
    return pos_ < text_.size() ? static_cast<unsigned char>(text_[pos_]) : -1;
  }
  [[nodiscard]] bool digitAhead() const noexcept { return peek() >= '0' && peek() <= '9'; }

  void skipSpace() noexcept {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') ++pos_;
  }

  void expect(char c, const char* what) {
    if (peek() != static_cast<unsigned char>(c)) fail(what);
    ++pos_;
  }

  Value value(int depth) {
    switch (peek()) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return Value(string());
      case 't':
        literal("true");
        return Value(true);
      case 'f':
        literal("false");
        return Value(false);
      case 'n':
        literal("null");
        return Value();
      case -1:
        fail("unexpected end of input");
      default:
        if (peek() == '-' || digitAhead()) return number();
        fail("unexpected character");
    }
  }

  void literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) fail("invalid literal");
    pos_ += word.size();
  }

  Value object(int depth) {
    if (depth > kMaxDepth) fail("nesting too deep");
    ++pos_;  // '{'
    Object members;
    // Key -> position, to find duplicates; built only once the object outgrows a scan (most
    // objects are small, and a hash table per object cost more than parsing it).
    std::unordered_map<std::string, std::size_t> index;
    skipSpace();
    if (peek() == '}') {
      ++pos_;
      return Value(std::move(members));
    }
    while (true) {
      skipSpace();
      if (peek() != '"') fail("expected a string key");
      std::string key = string();
      skipSpace();
      expect(':', "expected ':'");
      skipSpace();
      Value item = value(depth);
      const std::size_t at = earlier(members, index, key);
      if (at == members.size()) {
        members.emplace_back(std::move(key), std::move(item));
      } else {
        members[at].second = std::move(item);
      }
      skipSpace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect('}', "expected ',' or '}'");
      return Value(std::move(members));
    }
  }

  // The position of the member named `key` in `members`, or members.size() when there is none
  // (`index` learns the new key's position then).
  static std::size_t earlier(const Object& members,
                             std::unordered_map<std::string, std::size_t>& index,
                             const std::string& key) {
    constexpr std::size_t kScanLimit = 16;
    if (members.size() < kScanLimit) {
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (members[i].first == key) return i;
      }
      return members.size();
    }
    if (index.empty()) {
      for (std::size_t i = 0; i < members.size(); ++i) index.emplace(members[i].first, i);
    }
    return index.emplace(key, members.size()).first->second;
  }

  Value array(int depth) {
    if (depth > kMaxDepth) fail("nesting too deep");
    ++pos_;  // '['
    Array items;
    skipSpace();
    if (peek() == ']') {
      ++pos_;
      return Value(std::move(items));
    }
    while (true) {
      skipSpace();
      items.push_back(value(depth));
      skipSpace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect(']', "expected ',' or ']'");
      return Value(std::move(items));
    }
  }

  std::string string() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      // Copy a run of plain ASCII in one go.
      std::size_t start = pos_;
      while (pos_ < text_.size()) {
        auto c = static_cast<unsigned char>(text_[pos_]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++pos_;
      }
      out.append(text_.substr(start, pos_ - start));
      int c = peek();
      if (c == -1) fail("unterminated string");
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\\') {
        escape(out);
      } else if (c < 0x20) {
        fail("control character in string");
      } else {
        std::size_t n = utf8::sequenceLength(text_, pos_);
        if (n == 0) fail("invalid UTF-8");
        out.append(text_.substr(pos_, n));
        pos_ += n;
      }
    }
  }

  void escape(std::string& out) {
    ++pos_;  // backslash
    int c = peek();
    ++pos_;
    switch (c) {
      case '"':
        out.push_back('"');
        return;
      case '\\':
        out.push_back('\\');
        return;
      case '/':
        out.push_back('/');
        return;
      case 'b':
        out.push_back('\b');
        return;
      case 'f':
        out.push_back('\f');
        return;
      case 'n':
        out.push_back('\n');
        return;
      case 'r':
        out.push_back('\r');
        return;
      case 't':
        out.push_back('\t');
        return;
      case 'u':
        break;
      default:
        --pos_;
        fail("invalid escape");
    }
    std::uint32_t cp = hex4();
    if (cp >= 0xDC00 && cp <= 0xDFFF) fail("unpaired surrogate");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (text_.substr(pos_, 2) != "\\u") fail("unpaired surrogate");
      pos_ += 2;
      std::uint32_t low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    utf8::append(out, cp);
  }

  std::uint32_t hex4() {
    std::uint32_t cp = 0;
    for (int i = 0; i < 4; ++i) {
      int c = peek();
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        fail("invalid \\u escape");
      }
      cp = (cp << 4) | digit;
      ++pos_;
    }
    return cp;
  }

  Value number() {
    std::size_t start = pos_;
    bool integral = true;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (digitAhead()) {
      while (digitAhead()) ++pos_;
    } else {
      fail("invalid number");
    }
    if (peek() == '.') {
      integral = false;
      ++pos_;
      if (!digitAhead()) fail("invalid number");
      while (digitAhead()) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!digitAhead()) fail("invalid number");
      while (digitAhead()) ++pos_;
    }
    std::string_view token = text_.substr(start, pos_ - start);
    const char* first = token.data();
    const char* last = token.data() + token.size();
    if (integral) {
      std::int64_t n = 0;
      auto result = std::from_chars(first, last, n);
      if (result.ec == std::errc() && result.ptr == last) return Value(n);
      // Too large for int64: fall through to double.
    }
    return Value(toDouble(token, start));
  }

  double toDouble(std::string_view token, std::size_t start) const {
    double d = 0.0;
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
    auto result = std::from_chars(token.data(), token.data() + token.size(), d);
    if (result.ec == std::errc::result_out_of_range) {
      // Underflow reads as zero; overflow has no double to become.
      std::size_t e = token.find_first_of("eE");
      if (e != std::string_view::npos && e + 1 < token.size() && token[e + 1] == '-') {
        return token.front() == '-' ? -0.0 : 0.0;
      }
      throw ParseError("number out of range", start);
    }
    if (result.ec != std::errc()) throw ParseError("invalid number", start);
#else
    std::istringstream in{std::string(token)};
    in.imbue(std::locale::classic());
    in >> d;
    if (in.fail()) throw ParseError("number out of range", start);
#endif
    return d;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace detail

//! Parses one JSON document; throws ParseError.
[[nodiscard]] inline Value parse(std::string_view text) { return detail::Reader(text).document(); }

//! Parses one JSON document; nullopt (and the reason in `error`, when given) if it is not JSON.
[[nodiscard]] inline std::optional<Value> tryParse(std::string_view text,
                                                   std::string* error = nullptr) {
  try {
    return parse(text);
  } catch (const ParseError& e) {
    if (error != nullptr) *error = e.what();
    return std::nullopt;
  }
}

}  // namespace dsrflow::sdk::json
