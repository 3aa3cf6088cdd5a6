#pragma once
// A JSON Schema (draft 7) validator over the SDK's json::Value, for the conformance kit: vendors
// have no JSON Schema library, and the kit must check manifests, records, outcomes and configs
// against the same schemas the host uses.
//
// Supported: boolean schemas, type, enum, const, multipleOf, maximum, exclusiveMaximum, minimum,
// exclusiveMinimum, maxLength, minLength, pattern, items (schema or array), additionalItems,
// maxItems, minItems, uniqueItems, contains, maxProperties, minProperties, required,
// properties, patternProperties, additionalProperties, dependencies, propertyNames, if/then/
// else, allOf, anyOf, oneOf, not, definitions and $ref to a JSON pointer in the same document.
// Not supported, and refused when compiling: $ref to another document. Ignored, as draft 7
// allows for annotations: format, title, description, default, examples, $comment, $id,
// $schema, and keywords it does not know. Patterns are ECMAScript regular expressions
// (std::regex) matched against the UTF-8 bytes; string lengths count code points. As in
// dsrflow's host, "integer" means a number written without fraction or exponent (3, not 3.0).

#include "dsrflow/sdk/json_reader.hpp"
#include "dsrflow/sdk/json_value.hpp"
#include "dsrflow/sdk/json_writer.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>

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

//! Validates one value against one (sub)schema; returns the first violation or "".
class SchemaChecker {
 public:
  explicit SchemaChecker(const SchemaDocument& doc) : doc_(doc) {}

  std::string check(const json::Value& schema, const json::Value& v, const std::string& path,
                    int depth) const {
    if (depth > kMaxDepth) return path + ": schema references nest too deeply";
    if (schema.isBool()) return schema.asBool() ? "" : path + ": no value is allowed here";
    if (const json::Value* ref = schema.find("$ref")) {
      // Draft 7: $ref makes the keywords beside it ignored.
      return check(*doc_.resolve(ref->asString()), v, path, depth + 1);
    }
    std::string problem = generic(schema, v, path);
    if (problem.empty() && v.isNumber()) problem = numeric(schema, v, path);
    if (problem.empty() && v.isString()) problem = text(schema, v.asString(), path);
    if (problem.empty() && v.isArray()) problem = array(schema, v, path, depth);
    if (problem.empty() && v.isObject()) problem = object(schema, v, path, depth);
    if (problem.empty()) problem = combined(schema, v, path, depth);
    return problem;
  }

 private:
  static constexpr int kMaxDepth = 200;

  std::string generic(const json::Value& schema, const json::Value& v,
                      const std::string& path) const {
    if (const json::Value* type = schema.find("type")) {
      bool ok = false;
      if (type->isString()) {
        ok = hasType(v, type->asString());
      } else {
        for (const json::Value& t : type->asArray()) ok = ok || hasType(v, t.asString());
      }
      if (!ok) return path + ": must be of type " + json::write(*type);
    }
    if (const json::Value* options = schema.find("enum")) {
      bool ok = false;
      for (const json::Value& o : options->asArray()) ok = ok || jsonEquals(o, v);
      if (!ok) return path + ": must be one of the enum values";
    }
    if (const json::Value* c = schema.find("const"); c != nullptr && !jsonEquals(*c, v)) {
      return path + ": must equal the const value";
    }
    return {};
  }

  static std::string numeric(const json::Value& schema, const json::Value& v,
                             const std::string& path) {
    auto less = [](const json::Value& a, const json::Value& b) {
      if (a.isInteger() && b.isInteger()) return a.asInt() < b.asInt();
      return a.asDouble() < b.asDouble();
    };
    if (const json::Value* m = schema.find("maximum"); m != nullptr && less(*m, v)) {
      return path + ": above the maximum " + json::write(*m);
    }
    if (const json::Value* m = schema.find("exclusiveMaximum"); m != nullptr && !less(v, *m)) {
      return path + ": not below the exclusiveMaximum " + json::write(*m);
    }
    if (const json::Value* m = schema.find("minimum"); m != nullptr && less(v, *m)) {
      return path + ": below the minimum " + json::write(*m);
    }
    if (const json::Value* m = schema.find("exclusiveMinimum"); m != nullptr && !less(*m, v)) {
      return path + ": not above the exclusiveMinimum " + json::write(*m);
    }
    if (const json::Value* m = schema.find("multipleOf")) {
      bool ok = false;
      if (v.isInteger() && m->isInteger()) {
        ok = v.asInt() % m->asInt() == 0;
      } else {
        const double q = v.asDouble() / m->asDouble();
        ok =
            std::isfinite(q) && std::fabs(q - std::round(q)) <= 1e-9 * std::fmax(1.0, std::fabs(q));
      }
      if (!ok) return path + ": not a multiple of " + json::write(*m);
    }
    return {};
  }

  std::string text(const json::Value& schema, const std::string& s, const std::string& path) const {
    const std::size_t length = codePoints(s);
    if (const json::Value* m = schema.find("maxLength"); m != nullptr && length > *count(*m)) {
      return path + ": longer than maxLength " + json::write(*m);
    }
    if (const json::Value* m = schema.find("minLength"); m != nullptr && length < *count(*m)) {
      return path + ": shorter than minLength " + json::write(*m);
    }
    if (const json::Value* p = schema.find("pattern"); p != nullptr && !matches(p->asString(), s)) {
      return path + ": does not match the pattern " + p->asString();
    }
    return {};
  }

  std::string array(const json::Value& schema, const json::Value& v, const std::string& path,
                    int depth) const {
    const json::Array& items = v.asArray();
    if (const json::Value* m = schema.find("maxItems"); m != nullptr && items.size() > *count(*m)) {
      return path + ": more than maxItems " + json::write(*m) + " items";
    }
    if (const json::Value* m = schema.find("minItems"); m != nullptr && items.size() < *count(*m)) {
      return path + ": fewer than minItems " + json::write(*m) + " items";
    }
    if (const json::Value* u = schema.find("uniqueItems"); u != nullptr && u->asBool()) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        for (std::size_t j = i + 1; j < items.size(); ++j) {
          if (jsonEquals(items[i], items[j])) return path + ": items are not unique";
        }
      }
    }
    if (const json::Value* each = schema.find("items")) {
      if (each->isArray()) {
        const json::Value* extra = schema.find("additionalItems");
        for (std::size_t i = 0; i < items.size(); ++i) {
          const json::Value* sub = i < each->size() ? &each->asArray()[i] : extra;
          if (sub == nullptr) break;
          std::string problem = check(*sub, items[i], path + "/" + std::to_string(i), depth + 1);
          if (!problem.empty()) return problem;
        }
      } else {
        for (std::size_t i = 0; i < items.size(); ++i) {
          std::string problem = check(*each, items[i], path + "/" + std::to_string(i), depth + 1);
          if (!problem.empty()) return problem;
        }
      }
    }
    if (const json::Value* c = schema.find("contains")) {
      bool found = false;
      for (std::size_t i = 0; i < items.size() && !found; ++i) {
        found = check(*c, items[i], path, depth + 1).empty();
      }
      if (!found) return path + ": no item matches the contains schema";
    }
    return {};
  }

  std::string object(const json::Value& schema, const json::Value& v, const std::string& path,
                     int depth) const {
    if (const json::Value* m = schema.find("maxProperties");
        m != nullptr && v.size() > *count(*m)) {
      return path + ": more than maxProperties " + json::write(*m) + " properties";
    }
    if (const json::Value* m = schema.find("minProperties");
        m != nullptr && v.size() < *count(*m)) {
      return path + ": fewer than minProperties " + json::write(*m) + " properties";
    }
    if (const json::Value* required = schema.find("required")) {
      for (const json::Value& r : required->asArray()) {
        if (!v.contains(r.asString())) {
          return path + ": the required property '" + r.asString() + "' is missing";
        }
      }
    }
    const json::Value* properties = schema.find("properties");
    const json::Value* patterns = schema.find("patternProperties");
    const json::Value* additional = schema.find("additionalProperties");
    const json::Value* names = schema.find("propertyNames");
    for (const json::Member& m : v.asObject()) {
      const std::string at = path + "/" + pointerToken(m.first);
      bool matched = false;
      if (properties != nullptr) {
        if (const json::Value* sub = properties->find(m.first)) {
          matched = true;
          std::string problem = check(*sub, m.second, at, depth + 1);
          if (!problem.empty()) return problem;
        }
      }
      if (patterns != nullptr) {
        for (const json::Member& p : patterns->asObject()) {
          if (!matches(p.first, m.first)) continue;
          matched = true;
          std::string problem = check(p.second, m.second, at, depth + 1);
          if (!problem.empty()) return problem;
        }
      }
      if (!matched && additional != nullptr) {
        if (additional->isBool() && !additional->asBool()) {
          return path + ": the property '" + m.first + "' is not allowed";
        }
        std::string problem = check(*additional, m.second, at, depth + 1);
        if (!problem.empty()) return problem;
      }
      if (names != nullptr && !check(*names, json::Value(m.first), at, depth + 1).empty()) {
        return at + ": the property name does not match propertyNames";
      }
    }
    if (const json::Value* dependencies = schema.find("dependencies")) {
      for (const json::Member& d : dependencies->asObject()) {
        if (!v.contains(d.first)) continue;
        if (d.second.isArray()) {
          for (const json::Value& r : d.second.asArray()) {
            if (!v.contains(r.asString())) {
              return path + ": the property '" + r.asString() + "' is required with '" + d.first +
                     "'";
            }
          }
        } else if (std::string problem = check(d.second, v, path, depth + 1); !problem.empty()) {
          return problem;
        }
      }
    }
    return {};
  }

  std::string combined(const json::Value& schema, const json::Value& v, const std::string& path,
                       int depth) const {
    if (const json::Value* all = schema.find("allOf")) {
      for (const json::Value& sub : all->asArray()) {
        std::string problem = check(sub, v, path, depth + 1);
        if (!problem.empty()) return problem;
      }
    }
    if (const json::Value* any = schema.find("anyOf")) {
      bool ok = false;
      for (const json::Value& sub : any->asArray())
        ok = ok || check(sub, v, path, depth + 1).empty();
      if (!ok) return path + ": matches none of the anyOf schemas";
    }
    if (const json::Value* one = schema.find("oneOf")) {
      std::size_t n = 0;
      for (const json::Value& sub : one->asArray()) {
        if (check(sub, v, path, depth + 1).empty()) ++n;
      }
      if (n != 1) {
        return path + ": matches " + std::to_string(n) + " of the oneOf schemas, not 1";
      }
    }
    if (const json::Value* no = schema.find("not");
        no != nullptr && check(*no, v, path, depth + 1).empty()) {
      return path + ": matches the schema under not";
    }
    if (const json::Value* condition = schema.find("if")) {
      const bool holds = check(*condition, v, path, depth + 1).empty();
      const json::Value* branch = schema.find(holds ? "then" : "else");
      if (branch != nullptr) return check(*branch, v, path, depth + 1);
    }
    return {};
  }

  bool matches(const std::string& pattern, const std::string& text) const {
    auto it = doc_.patterns.find(pattern);
    if (it == doc_.patterns.end()) return false;
    try {
      return std::regex_search(text, it->second);
    } catch (const std::regex_error&) {
      return false;  // too complex to evaluate: counted as a mismatch
    }
  }

  const SchemaDocument& doc_;
};

}  // namespace detail

//! A compiled JSON Schema (or one subschema of a document). Immutable; copies share the
//! document; safe to use from several threads.
class SchemaValidator {
 public:
  //! Compiles the subschema at `pointer` ("#" for the root, "#/definitions/record") of
  //! `document`. nullopt, with the reason in `error`, when the schema is malformed.
  static std::optional<SchemaValidator> compile(json::Value document, std::string_view pointer,
                                                std::string* error = nullptr) {
    auto doc = std::make_shared<detail::SchemaDocument>();
    doc->document = std::move(document);
    const json::Value* root = doc->resolve(pointer);
    std::string problem;
    if (root == nullptr) {
      problem = std::string(pointer) + ": not found in the schema document";
    } else {
      // The whole document: $refs may lead anywhere in it.
      problem = detail::SchemaCompiler(*doc).check(doc->document, "#");
    }
    if (!problem.empty()) {
      if (error != nullptr) *error = problem;
      return std::nullopt;
    }
    return SchemaValidator(std::move(doc), root);
  }

  //! Parses `schemaJson` and compiles its root.
  static std::optional<SchemaValidator> compile(std::string_view schemaJson,
                                                std::string* error = nullptr) {
    std::optional<json::Value> document = json::tryParse(schemaJson, error);
    if (!document) return std::nullopt;
    return compile(std::move(*document), "#", error);
  }

  //! "" when `value` is valid; otherwise its first violation, "<JSON pointer>: <rule>". Never
  //! contains the offending value (it may be personal data).
  [[nodiscard]] std::string validate(const json::Value& value) const {
    return detail::SchemaChecker(*doc_).check(*root_, value, "#", 0);
  }

  //! Parses `text` and validates it; "not JSON: ..." when it does not parse.
  [[nodiscard]] std::string validateText(std::string_view text) const {
    std::string error;
    std::optional<json::Value> value = json::tryParse(text, &error);
    if (!value) return "not JSON: " + error;
    return validate(*value);
  }

 private:
  SchemaValidator(std::shared_ptr<const detail::SchemaDocument> doc, const json::Value* root)
      : doc_(std::move(doc)), root_(root) {}

  std::shared_ptr<const detail::SchemaDocument> doc_;
  const json::Value* root_;
};

}  // namespace dsrflow::conformance
