#include "plugin_host/record_check.hpp"

#include <dsrflow/sdk/json_reader.hpp>

#include <string>

namespace dsrflow::plugin_host {
namespace {

namespace json = dsrflow::sdk::json;

Status refused(const std::string& path, const char* rule) {
  return invalidArgument("at " + path + ": " + rule);
}

bool lowerOrDigit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// ^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$, the schema's "category".
bool isCategory(const std::string& s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  bool afterDot = false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (afterDot) return false;
      afterDot = true;
    } else if (lowerOrDigit(s[i])) {
      afterDot = false;
    } else {
      return false;
    }
  }
  return !afterDot;
}

bool isOrigin(const std::string& s) {
  return s == "provided" || s == "observed" || s == "inferred";
}

// The path of member `name` below `path`, as the schema validator writes it.
std::string below(const std::string& path, std::string_view name) {
  return path + "[" + std::string(name) + "]";
}

Status checkCategories(const json::Value& categories) {
  constexpr const char* path = "[categories]";
  if (!categories.isObject()) return refused(path, "is not an object");
  for (const auto& [field, list] : categories.asObject()) {
    // Paths are spelt out only for a refusal: most records pass.
    if (!list.isArray()) return refused(below(path, field), "is not an array");
    const json::Array& items = list.asArray();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].isString() || !isCategory(items[i].asString())) {
        return refused(below(below(path, field), std::to_string(i)),
                       "is not a data category key (e.g. user.contact.email)");
      }
    }
  }
  return Ok{};
}

Status checkOrigin(const json::Value& origin) {
  constexpr const char* path = "[origin]";
  if (!origin.isObject()) return refused(path, "is not an object");
  for (const auto& [field, value] : origin.asObject()) {
    if (!value.isString() || !isOrigin(value.asString())) {
      return refused(below(path, field), "is not one of provided, observed, inferred");
    }
  }
  return Ok{};
}

}  // namespace

Status checkRecord(std::string_view text) {
  json::Value record;
  try {
    record = json::parse(text);
  } catch (const json::ParseError& e) {
    return invalidArgument(std::string("not JSON: ") + e.what());
  }
  if (!record.isObject()) return refused("<root>", "is not an object");
  const json::Value* collection = record.find("collection");
  if (collection == nullptr) return refused("<root>", "missing required property 'collection'");
  if (!collection->isString() || collection->asString().empty()) {
    return refused("[collection]", "is not a non-empty string");
  }
  const json::Value* fields = record.find("fields");
  if (fields == nullptr) return refused("<root>", "missing required property 'fields'");
  if (!fields->isObject()) return refused("[fields]", "is not an object");
  if (const json::Value* categories = record.find("categories")) {
    if (Status s = checkCategories(*categories); !s) return s;
  }
  if (const json::Value* origin = record.find("origin")) {
    if (Status s = checkOrigin(*origin); !s) return s;
  }
  if (const json::Value* key = record.find("key"); key != nullptr && !key->isObject()) {
    return refused("[key]", "is not an object");
  }
  return Ok{};
}

}  // namespace dsrflow::plugin_host
