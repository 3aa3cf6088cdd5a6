#pragma once
// The JSON Schema validator's compile step (schema_validator.hpp): the schema document, JSON
// Schema's notions of equality, type and length, and the check that a schema is well-formed.

#include "dsrflow/sdk/json_reader.hpp"
#include "dsrflow/sdk/json_value.hpp"

#include <cmath>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace dsrflow::conformance {

namespace json = ::dsrflow::sdk::json;

namespace detail {

//! JSON equality as JSON Schema defines it: numbers by value (1 equals 1.0), object members in
//! any order.
inline bool jsonEquals(const json::Value& a, const json::Value& b) {
  if (a.isNumber() && b.isNumber()) {
    if (a.isInteger() && b.isInteger()) return a.asInt() == b.asInt();
    return a.asDouble() == b.asDouble();
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case json::Type::array: {
      const json::Array& x = a.asArray();
      const json::Array& y = b.asArray();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!jsonEquals(x[i], y[i])) return false;
      }
      return true;
    }
    case json::Type::object: {
      if (a.size() != b.size()) return false;
      for (const json::Member& m : a.asObject()) {
        const json::Value* other = b.find(m.first);
        if (other == nullptr || !jsonEquals(m.second, *other)) return false;
      }
      return true;
    }
    default:
      return a == b;
  }
}

//! Code points in well-formed UTF-8 (bytes that do not continue a sequence).
inline std::size_t codePoints(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

//! A JSON pointer token with ~ and / escaped.
inline std::string pointerToken(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

//! A non-negative integer keyword value, or nullopt.
inline std::optional<std::size_t> count(const json::Value& v) {
  if (!v.isNumber()) return std::nullopt;
  if (v.isInteger()) {
    return v.asInt() >= 0 ? std::optional<std::size_t>(static_cast<std::size_t>(v.asInt()))
                          : std::nullopt;
  }
  const double d = v.asDouble();
  if (d < 0 || d != std::floor(d) || d > 9.0e15) return std::nullopt;
  return static_cast<std::size_t>(d);
}

inline bool isTypeName(std::string_view name) {
  return name == "null" || name == "boolean" || name == "object" || name == "array" ||
         name == "number" || name == "string" || name == "integer";
}

inline bool hasType(const json::Value& v, std::string_view name) {
  if (name == "null") return v.isNull();
  if (name == "boolean") return v.isBool();
  if (name == "object") return v.isObject();
  if (name == "array") return v.isArray();
  if (name == "string") return v.isString();
  if (name == "number") return v.isNumber();
  // Like dsrflow's host (valijson): an integer is written as one; 3.0 is a number.
  if (name == "integer") return v.isInteger();
  return false;
}

//! The schema document and what compiling it prepared (regular expressions).
struct SchemaDocument {
  json::Value document;
  std::map<std::string, std::regex, std::less<>> patterns;

  //! The value at a "#..." JSON pointer, or nullptr.
  [[nodiscard]] const json::Value* resolve(std::string_view ref) const {
    if (ref.empty() || ref.front() != '#') return nullptr;
    std::string_view pointer = ref.substr(1);
    const json::Value* at = &document;
    while (!pointer.empty()) {
      if (pointer.front() != '/') return nullptr;
      pointer.remove_prefix(1);
      const std::size_t end = pointer.find('/');
      std::string token(pointer.substr(0, end));
      pointer = end == std::string_view::npos ? std::string_view() : pointer.substr(end);
      std::string key;
      for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() &&
            (token[i + 1] == '0' || token[i + 1] == '1')) {
          key += token[i + 1] == '0' ? '~' : '/';
          ++i;
        } else {
          key += token[i];
        }
      }
      if (at->isObject()) {
        at = at->find(key);
      } else if (at->isArray()) {
        if (key.empty() || key.find_first_not_of("0123456789") != std::string::npos) return nullptr;
        const std::size_t index = static_cast<std::size_t>(std::stoull(key));
        if (index >= at->size()) return nullptr;
        at = &at->asArray()[index];
      } else {
        return nullptr;
      }
      if (at == nullptr) return nullptr;
    }
    return at;
  }
};

//! Checks that a schema is well-formed and prepares its patterns. Returns the first problem.
class SchemaCompiler {
 public:
  explicit SchemaCompiler(SchemaDocument& doc) : doc_(doc) {}

  std::string check(const json::Value& schema, const std::string& path) {
    if (schema.isBool()) return {};
    if (!schema.isObject()) return path + ": a schema must be an object or a boolean";
    for (const json::Member& m : schema.asObject()) {
      std::string problem = keyword(m.first, m.second, path + "/" + pointerToken(m.first));
      if (!problem.empty()) return problem;
    }
    return {};
  }

 private:
  std::string keyword(const std::string& name, const json::Value& v, const std::string& at) {
    if (name == "$ref") {
      if (!v.isString()) return at + ": must be a string";
      if (v.asString().empty() || v.asString().front() != '#') {
        return at + ": references to other documents are not supported";
      }
      const json::Value* target = doc_.resolve(v.asString());
      if (target == nullptr) return at + ": points nowhere in the document";
      if (!target->isObject() && !target->isBool()) return at + ": does not point to a schema";
      return {};
    }
    if (name == "type") {
      if (v.isString()) return isTypeName(v.asString()) ? "" : at + ": unknown type";
      if (!v.isArray() || v.size() == 0) return at + ": must be a type name or an array of them";
      for (const json::Value& t : v.asArray()) {
        if (!t.isString() || !isTypeName(t.asString())) return at + ": unknown type";
      }
      return {};
    }
    if (name == "enum") return v.isArray() ? "" : at + ": must be an array";
    if (name == "multipleOf") {
      return v.isNumber() && v.asDouble() > 0 ? "" : at + ": must be a number above 0";
    }
    if (name == "maximum" || name == "minimum" || name == "exclusiveMaximum" ||
        name == "exclusiveMinimum") {
      return v.isNumber() ? "" : at + ": must be a number";
    }
    if (name == "maxLength" || name == "minLength" || name == "maxItems" || name == "minItems" ||
        name == "maxProperties" || name == "minProperties") {
      return count(v) ? "" : at + ": must be a non-negative integer";
    }
    if (name == "pattern") return v.isString() ? pattern(v.asString(), at) : at + ": not a string";
    if (name == "uniqueItems") return v.isBool() ? "" : at + ": must be a boolean";
    if (name == "required") {
      if (!v.isArray()) return at + ": must be an array of strings";
      for (const json::Value& r : v.asArray()) {
        if (!r.isString()) return at + ": must be an array of strings";
      }
      return {};
    }
    if (name == "items") {
      if (!v.isArray()) return check(v, at);
      return schemaArray(v, at, false);
    }
    if (name == "additionalItems" || name == "contains" || name == "additionalProperties" ||
        name == "propertyNames" || name == "not" || name == "if" || name == "then" ||
        name == "else") {
      return check(v, at);
    }
    if (name == "properties" || name == "definitions" || name == "patternProperties") {
      if (!v.isObject()) return at + ": must be an object of schemas";
      for (const json::Member& m : v.asObject()) {
        const std::string sub = at + "/" + pointerToken(m.first);
        if (name == "patternProperties") {
          std::string problem = pattern(m.first, sub);
          if (!problem.empty()) return problem;
        }
        std::string problem = check(m.second, sub);
        if (!problem.empty()) return problem;
      }
      return {};
    }
    if (name == "dependencies") {
      if (!v.isObject()) return at + ": must be an object";
      for (const json::Member& m : v.asObject()) {
        const std::string sub = at + "/" + pointerToken(m.first);
        if (m.second.isArray()) {
          for (const json::Value& r : m.second.asArray()) {
            if (!r.isString()) return sub + ": must be an array of strings or a schema";
          }
        } else if (std::string problem = check(m.second, sub); !problem.empty()) {
          return problem;
        }
      }
      return {};
    }
    if (name == "allOf" || name == "anyOf" || name == "oneOf") return schemaArray(v, at, true);
    if (name == "format") return v.isString() ? "" : at + ": must be a string";
    return {};  // annotations and unknown keywords
  }

  std::string schemaArray(const json::Value& v, const std::string& at, bool nonEmpty) {
    if (!v.isArray() || (nonEmpty && v.size() == 0)) {
      return at + (nonEmpty ? ": must be a non-empty array of schemas" : ": must be an array");
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string problem = check(v.asArray()[i], at + "/" + std::to_string(i));
      if (!problem.empty()) return problem;
    }
    return {};
  }

  std::string pattern(const std::string& text, const std::string& at) {
    if (doc_.patterns.count(text) != 0) return {};
    try {
      doc_.patterns.emplace(text, std::regex(text, std::regex::ECMAScript));
    } catch (const std::regex_error&) {
      return at + ": not a valid regular expression";
    }
    return {};
  }

  SchemaDocument& doc_;
};

}  // namespace detail
}  // namespace dsrflow::conformance
