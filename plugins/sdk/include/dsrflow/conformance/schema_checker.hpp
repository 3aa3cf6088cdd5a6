#pragma once
// The JSON Schema validator's validation step (schema_validator.hpp): one value against one
// compiled (sub)schema, keyword by keyword, stopping at the first violation.

#include "dsrflow/conformance/schema_document.hpp"
#include "dsrflow/sdk/json_writer.hpp"

#include <cmath>
#include <cstddef>
#include <string>

namespace dsrflow::conformance::detail {

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

}  // namespace dsrflow::conformance::detail
