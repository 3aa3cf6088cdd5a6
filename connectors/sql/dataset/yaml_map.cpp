#include "sql/dataset/yaml_map.hpp"

#include <fstream>
#include <regex>
#include <sstream>

#include "sql/dataset/dataset_error.hpp"

namespace dsrflow::sql {

int lineOf(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.line >= 0 ? mark.line + 1 : 0;
}

std::string describeNode(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Scalar:
      return "a single value";
    default:
      return "nothing";
  }
}

Literal literalOf(const YAML::Node& scalar) {
  const std::string& text = scalar.Scalar();
  // yaml-cpp tags quoted scalars "!": they are strings whatever they look like.
  if (scalar.Tag() == "!") return Literal::string(text);
  if (scalar.IsNull() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return Literal::null();
  }
  if (text == "true" || text == "True" || text == "TRUE") return {Literal::Kind::kBool, "true"};
  if (text == "false" || text == "False" || text == "FALSE") return {Literal::Kind::kBool, "false"};
  static const std::regex kInteger("[-+]?[0-9]+");
  static const std::regex kNumber("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  if (std::regex_match(text, kInteger)) return {Literal::Kind::kInteger, text};
  if (std::regex_match(text, kNumber)) return {Literal::Kind::kNumber, text};
  return Literal::string(text);
}

YAML::Node loadYamlText(const std::string& text, const std::string& file) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw DatasetError(SourceLocation{file, e.mark.line >= 0 ? e.mark.line + 1 : 0, ""},
                       "not valid YAML: " + e.msg);
  }
}

YAML::Node loadYamlFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DatasetError(SourceLocation{file, 0, ""}, "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return loadYamlText(text.str(), file);
}

YamlMap::YamlMap(const YAML::Node& node, std::string file, std::string path, int line)
    // yaml-cpp hands out "zombie" nodes for absent keys; read them as an empty mapping.
    : node_(node.IsDefined() ? node : YAML::Node(YAML::NodeType::Null)),
      file_(std::move(file)),
      path_(std::move(path)),
      line_(line) {
  if (!node_.IsNull() && !node_.IsMap()) {
    throw DatasetError(SourceLocation{file_, lineOf(node_), path_},
                       "expected a mapping of keys, found " + describeNode(node_));
  }
}

std::string YamlMap::keyPath(const std::string& key) const {
  if (key.empty()) return path_;
  return path_.empty() ? key : path_ + "." + key;
}

SourceLocation YamlMap::at(const std::string& key) const {
  int line = node_.IsMap() ? lineOf(node_) : 0;
  if (line == 0) line = line_;
  if (!key.empty() && node_.IsMap()) {
    for (const auto& entry : node_) {
      if (entry.first.Scalar() == key) return {file_, lineOf(entry.first), keyPath(key)};
    }
  }
  return {file_, line, keyPath(key)};
}

void YamlMap::fail(const std::string& key, const std::string& problem) const {
  throw DatasetError(at(key), problem);
}

bool YamlMap::has(const std::string& key) const {
  if (!node_.IsMap()) return false;
  const YAML::Node& constNode = node_;  // the const overload never inserts
  const YAML::Node value = constNode[key];
  return value.IsDefined() && !value.IsNull();
}

YAML::Node YamlMap::get(const std::string& key) {
  known_.insert(key);
  if (!node_.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node& constNode = node_;
  return constNode[key];
}

YAML::Node YamlMap::raw(const std::string& key) { return get(key); }

std::string YamlMap::scalar(const std::string& key, const YAML::Node& node) const {
  if (!node.IsScalar()) fail(key, "expected a single value, found " + describeNode(node));
  return node.Scalar();
}

std::optional<std::string> YamlMap::text(const std::string& key) {
  YAML::Node node = get(key);
  if (!node.IsDefined() || node.IsNull()) return std::nullopt;
  return scalar(key, node);
}

std::string YamlMap::requiredText(const std::string& key) {
  std::optional<std::string> value = text(key);
  if (!value || value->empty()) fail(key, "is required");
  return *value;
}

std::optional<bool> YamlMap::flag(const std::string& key) {
  YAML::Node node = get(key);
  if (!node.IsDefined() || node.IsNull()) return std::nullopt;
  (void)scalar(key, node);  // fails for lists and mappings
  Literal value = literalOf(node);
  if (value.kind != Literal::Kind::kBool) {
    fail(key, "expected true or false, found '" + node.Scalar() + "'");
  }
  return value.text == "true";
}

std::optional<Literal> YamlMap::literal(const std::string& key) {
  YAML::Node node = get(key);
  if (!node.IsDefined()) return std::nullopt;
  if (node.IsNull()) return Literal::null();
  (void)scalar(key, node);  // fails for lists and mappings
  return literalOf(node);
}

std::vector<std::string> YamlMap::textList(const std::string& key) {
  YAML::Node node = get(key);
  std::vector<std::string> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (!node.IsSequence()) fail(key, "expected a list, found " + describeNode(node));
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node item = node[i];
    if (!item.IsScalar()) {
      throw DatasetError(
          SourceLocation{file_, lineOf(item), keyPath(key) + "[" + std::to_string(i) + "]"},
          "expected a single value, found " + describeNode(item));
    }
    out.push_back(item.Scalar());
  }
  return out;
}

YamlMap YamlMap::mapping(const std::string& key) {
  YAML::Node node = get(key);
  return YamlMap(node, file_, keyPath(key), at(key).line);
}

void YamlMap::eachMapping(const std::string& key, const std::function<void(YamlMap&)>& each) {
  YAML::Node node = get(key);
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsSequence()) fail(key, "expected a list, found " + describeNode(node));
  for (std::size_t i = 0; i < node.size(); ++i) {
    YamlMap item(node[i], file_, keyPath(key) + "[" + std::to_string(i) + "]", lineOf(node[i]));
    each(item);
    item.finish();
  }
}

std::vector<std::string> YamlMap::keys() const {
  std::vector<std::string> out;
  if (!node_.IsMap()) return out;
  for (const auto& entry : node_) out.push_back(entry.first.Scalar());
  return out;
}

void YamlMap::finish() const {
  if (!node_.IsMap()) return;
  for (const auto& entry : node_) {
    const std::string& key = entry.first.Scalar();
    if (known_.count(key) != 0) continue;
    std::string expected;
    for (const std::string& k : known_) expected += (expected.empty() ? "" : ", ") + k;
    throw DatasetError(SourceLocation{file_, lineOf(entry.first), keyPath(key)},
                       "unknown key (expected one of: " + expected + ")");
  }
}

}  // namespace dsrflow::sql
