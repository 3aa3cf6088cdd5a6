#pragma once
// Compact JSON serialisation of json::Value. Output is always valid JSON and valid UTF-8:
// well-formed UTF-8 passes through unescaped, control characters are escaped, and bytes that
// are not UTF-8 (say, Latin-1 from a legacy database) become U+FFFD rather than breaking the
// document. Numbers are locale-independent; NaN and infinities, which JSON lacks, become null.

#include "dsrflow/sdk/json_value.hpp"
#include "dsrflow/sdk/utf8.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace dsrflow::sdk::json {

//! Appends `text` as a JSON string literal (with quotes).
inline void writeString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (std::size_t i = 0; i < text.size();) {
    // A run of printable ASCII needing no escape (most text) is copied in one go.
    const std::size_t start = i;
    while (i < text.size()) {
      auto plain = static_cast<unsigned char>(text[i]);
      if (plain < 0x20 || plain >= 0x80 || plain == '"' || plain == '\\') break;
      ++i;
    }
    out.append(text.substr(start, i - start));
    if (i == text.size()) break;
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      std::size_t n = utf8::sequenceLength(text, i);
      if (n == 0) {
        out.append(utf8::kReplacement);
        ++i;
      } else {
        out.append(text.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        out.append("\\u00");  // the other control characters
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0x0F]);
    }
    ++i;
  }
  out.push_back('"');
}

//! Appends an integer.
inline void writeInteger(std::string& out, std::int64_t n) {
  char buf[24];
  auto result = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, static_cast<std::size_t>(result.ptr - buf));
}

//! Appends a number in the shortest form that reads back to the same double; a whole number
//! keeps a ".0" so it reads back as a number, not an integer.
inline void writeDouble(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out.append("null");
    return;
  }
  char buf[40];
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
  auto result = std::to_chars(buf, buf + sizeof buf, d);
  std::string_view text(buf, static_cast<std::size_t>(result.ptr - buf));
#else
  // Older standard libraries lack floating-point to_chars; %.17g round-trips, and the decimal
  // separator is forced to '.' whatever the process locale says.
  int length = std::snprintf(buf, sizeof buf, "%.17g", d);
  std::string_view text(buf, length > 0 ? static_cast<std::size_t>(length) : 0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (buf[i] == ',') buf[i] = '.';
  }
#endif
  out.append(text);
  if (text.find_first_of(".eE") == std::string_view::npos) out.append(".0");
}

//! Appends `value` compactly.
inline void write(std::string& out, const Value& value) {
  switch (value.type()) {
    case Type::null:
      out.append("null");
      return;
    case Type::boolean:
      out.append(value.asBool() ? "true" : "false");
      return;
    case Type::integer:
      writeInteger(out, value.asInt());
      return;
    case Type::number:
      writeDouble(out, value.asDouble());
      return;
    case Type::string:
      writeString(out, value.asString());
      return;
    case Type::array: {
      out.push_back('[');
      bool first = true;
      for (const Value& item : value.asArray()) {
        if (!first) out.push_back(',');
        first = false;
        write(out, item);
      }
      out.push_back(']');
      return;
    }
    case Type::object: {
      out.push_back('{');
      bool first = true;
      for (const Member& member : value.asObject()) {
        if (!first) out.push_back(',');
        first = false;
        writeString(out, member.first);
        out.push_back(':');
        write(out, member.second);
      }
      out.push_back('}');
      return;
    }
  }
}

//! `value` as compact JSON text.
[[nodiscard]] inline std::string write(const Value& value) {
  std::string out;
  write(out, value);
  return out;
}

}  // namespace dsrflow::sdk::json
