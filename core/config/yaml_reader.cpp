#include "config/yaml_reader.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <sstream>

namespace dsrflow::config {
namespace {

int oneBased(const YAML::Mark& mark) { return mark.line >= 0 ? mark.line + 1 : 0; }

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "a scalar";
  }
}

}  // namespace

YamlReader::YamlReader(YAML::Node node, std::string file, std::string path, int line)
    // yaml-cpp hands out "zombie" nodes for absent keys that throw on most calls (even on
    // assignment): read them as an empty mapping.
    : node_(node.IsDefined() ? node : YAML::Node(YAML::NodeType::Null)),
      file_(std::move(file)),
      path_(std::move(path)),
      fallbackLine_(line) {
  if (!node_.IsNull() && !node_.IsMap()) {
    throw ConfigError(file_, oneBased(node_.Mark()), path_,
                      "expected a mapping of keys, found " + describe(node_));
  }
}

int YamlReader::line() const { return std::max(oneBased(node_.Mark()), fallbackLine_); }

std::string YamlReader::keyPath(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

int YamlReader::lineOf(const std::string& key) const {
  if (node_.IsMap()) {
    for (const auto& entry : node_) {
      if (entry.first.Scalar() == key) return oneBased(entry.first.Mark());
    }
  }
  return line();
}

void YamlReader::fail(const std::string& key, const std::string& message) const {
  throw ConfigError(file_, key.empty() ? line() : lineOf(key), key.empty() ? path_ : keyPath(key),
                    message);
}

bool YamlReader::has(const std::string& key) const {
  if (!node_.IsMap()) return false;
  const YAML::Node& constNode = node_;
  const YAML::Node value = constNode[key];
  return value.IsDefined() && !value.IsNull();
}

YAML::Node YamlReader::get(const std::string& key) {
  known_.insert(key);
  if (!node_.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node& constNode = node_;  // the const overload never inserts
  return constNode[key];
}

std::string YamlReader::scalar(const std::string& key, const YAML::Node& node) const {
  if (!node.IsScalar()) fail(key, "expected a single value, found " + describe(node));
  return substituteEnvironment(node.Scalar(), [&](const std::string& m) { fail(key, m); });
}

std::string YamlReader::requireString(const std::string& key) {
  auto value = optionalString(key);
  if (!value || value->empty()) fail(key, "is required");
  return *value;
}

std::optional<std::string> YamlReader::optionalString(const std::string& key) {
  YAML::Node node = get(key);
  if (!node.IsDefined() || node.IsNull()) return std::nullopt;
  return scalar(key, node);
}

std::optional<long long> YamlReader::optionalInt(const std::string& key, long long min,
                                                 long long max) {
  auto text = optionalString(key);
  if (!text) return std::nullopt;
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(*text, &used, 10);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text->size())
    fail(key, "expected a whole number, found '" + *text + "'");
  if (value < min || value > max) {
    fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return value;
}

std::optional<bool> YamlReader::optionalBool(const std::string& key) {
  auto text = optionalString(key);
  if (!text) return std::nullopt;
  if (*text == "true" || *text == "yes" || *text == "on") return true;
  if (*text == "false" || *text == "no" || *text == "off") return false;
  fail(key, "expected true or false, found '" + *text + "'");
}

std::optional<std::chrono::milliseconds> YamlReader::optionalDuration(const std::string& key) {
  auto text = optionalString(key);
  if (!text) return std::nullopt;
  auto duration = parseDuration(*text);
  if (!duration) fail(key, "expected a duration such as 30s, 500ms or 5m, found '" + *text + "'");
  return duration;
}

std::vector<std::string> YamlReader::stringList(const std::string& key) {
  YAML::Node node = get(key);
  std::vector<std::string> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (!node.IsSequence()) fail(key, "expected a list, found " + describe(node));
  for (std::size_t i = 0; i < node.size(); ++i) {
    out.push_back(scalar(key + "[" + std::to_string(i) + "]", node[i]));
  }
  return out;
}

void YamlReader::forEachMapping(const std::string& key,
                                const std::function<void(YamlReader&)>& each) {
  YAML::Node node = get(key);
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsSequence()) fail(key, "expected a list, found " + describe(node));
  for (std::size_t i = 0; i < node.size(); ++i) {
    YamlReader reader(node[i], file_, keyPath(key) + "[" + std::to_string(i) + "]");
    each(reader);
    reader.finish();
  }
}

void YamlReader::forEachItem(
    const std::string& key,
    const std::function<void(const YAML::Node&, const std::string&)>& each) {
  YAML::Node node = get(key);
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsSequence()) fail(key, "expected a list, found " + describe(node));
  for (std::size_t i = 0; i < node.size(); ++i) {
    each(node[i], keyPath(key) + "[" + std::to_string(i) + "]");
  }
}

std::vector<std::string> YamlReader::keys() const {
  std::vector<std::string> out;
  if (!node_.IsMap()) return out;
  for (const auto& entry : node_) out.push_back(entry.first.Scalar());
  return out;
}

YamlReader YamlReader::child(const std::string& key) {
  return YamlReader(get(key), file_, keyPath(key), lineOf(key));
}

namespace {

Poco::Dynamic::Var toJson(const YAML::Node& node,
                          const std::function<std::string(const YAML::Node&)>& text) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
      for (const auto& entry : node) object->set(entry.first.Scalar(), toJson(entry.second, text));
      return object;
    }
    case YAML::NodeType::Sequence: {
      Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
      for (const auto& item : node) array->add(toJson(item, text));
      return array;
    }
    case YAML::NodeType::Scalar: {
      std::string value = text(node);
      if (node.Tag() == "!") return value;  // quoted: always a string
      static const std::regex kInteger("[-+]?[0-9]+");
      static const std::regex kFloat("[-+]?([0-9]*\\.[0-9]+|[0-9]+\\.[0-9]*)([eE][-+]?[0-9]+)?");
      if (value == "true") return true;
      if (value == "false") return false;
      if (value == "null" || value == "~") return Poco::Dynamic::Var();
      if (std::regex_match(value, kInteger)) {
        try {
          return std::stoll(value);
        } catch (const std::exception&) {
          return value;  // too large for an integer: keep the digits as text
        }
      }
      if (std::regex_match(value, kFloat)) return std::stod(value);
      return value;
    }
    default:
      return Poco::Dynamic::Var();
  }
}

}  // namespace

std::string YamlReader::asJson(const std::string& key) {
  YAML::Node node = get(key);
  if (!node.IsDefined() || node.IsNull()) return "{}";
  if (!node.IsMap()) fail(key, "expected a mapping, found " + describe(node));
  auto json = toJson(node, [&](const YAML::Node& n) { return scalar(key, n); });
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(json, out);
  return out.str();
}

void YamlReader::finish() const {
  if (!node_.IsMap()) return;
  for (const auto& entry : node_) {
    const std::string& key = entry.first.Scalar();
    if (known_.count(key) == 0) {
      std::string known;
      for (const auto& k : known_) known += (known.empty() ? "" : ", ") + k;
      throw ConfigError(file_, oneBased(entry.first.Mark()), keyPath(key),
                        "unknown key (expected one of: " + known + ")");
    }
  }
}

std::string substituteEnvironment(const std::string& value,
                                  const std::function<void(const std::string&)>& fail) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '$') {
      out += value[i];
      continue;
    }
    if (i + 1 < value.size() && value[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    if (i + 1 >= value.size() || value[i + 1] != '{') {
      out += '$';
      continue;
    }
    auto close = value.find('}', i + 2);
    if (close == std::string::npos) fail("unterminated ${...} (write $$ for a literal $)");
    std::string name = value.substr(i + 2, close - i - 2);
    static const std::regex kName("[A-Za-z_][A-Za-z0-9_]*");
    if (!std::regex_match(name, kName)) fail("'${" + name + "}' is not a valid variable name");
    const char* env = std::getenv(name.c_str());
    if (env == nullptr) fail("environment variable " + name + " is not set");
    out += env;
    i = close;
  }
  return out;
}

std::optional<std::chrono::milliseconds> parseDuration(const std::string& text) {
  static const std::regex kDuration("([0-9]+)(ms|s|m|h|d)");
  std::smatch match;
  if (!std::regex_match(text, match, kDuration)) return std::nullopt;
  long long amount = 0;
  try {
    amount = std::stoll(match[1].str());
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const std::string unit = match[2].str();
  long long factor = unit == "ms"  ? 1
                     : unit == "s" ? 1000
                     : unit == "m" ? 60'000
                     : unit == "h" ? 3'600'000
                                   : 86'400'000;
  if (amount > (1LL << 40)) return std::nullopt;
  return std::chrono::milliseconds(amount * factor);
}

}  // namespace dsrflow::config
