#pragma once
// Strict, located reading of one YAML mapping for dataset files (ours and fideslang's). Every
// getter marks its key as known; finish() rejects the keys nobody asked for, so a typo is an
// error at its line rather than a silent default. Failures throw DatasetError with
// FILE:LINE: KEY.PATH.

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sql/dataset/literal.hpp"
#include "sql/dataset/source_location.hpp"

namespace dsrflow::sql {

class YamlMap {
 public:
  //! `node` must be a mapping; absent or null reads as an empty one. `path` is its key path
  //! ("" at the top), `line` the line reported for it when it has none of its own.
  YamlMap(const YAML::Node& node, std::string file, std::string path, int line = 0);

  [[nodiscard]] bool has(const std::string& key) const;

  //! A single value; nullopt when absent or null.
  [[nodiscard]] std::optional<std::string> text(const std::string& key);
  //! A single non-empty value; fails when absent.
  [[nodiscard]] std::string requiredText(const std::string& key);
  //! true/false; nullopt when absent.
  [[nodiscard]] std::optional<bool> flag(const std::string& key);
  //! A single value with its YAML kind; nullopt when the key is absent.
  [[nodiscard]] std::optional<Literal> literal(const std::string& key);
  //! A list of single values (empty when absent).
  [[nodiscard]] std::vector<std::string> textList(const std::string& key);
  //! The node under `key` as it is (undefined when absent), for values of several shapes.
  [[nodiscard]] YAML::Node raw(const std::string& key);

  //! A reader for the mapping under `key` (empty when absent). Call finish() on it.
  [[nodiscard]] YamlMap mapping(const std::string& key);
  //! Calls `each` with a reader for every mapping in the list under `key`, then finishes it.
  void eachMapping(const std::string& key, const std::function<void(YamlMap&)>& each);
  //! The keys of this mapping in file order (for mappings whose keys are data, not settings).
  [[nodiscard]] std::vector<std::string> keys() const;

  //! Where `key` is (this mapping when `key` is empty or absent).
  [[nodiscard]] SourceLocation at(const std::string& key) const;
  [[nodiscard]] SourceLocation location() const { return at(""); }
  [[nodiscard]] std::string keyPath(const std::string& key) const;
  [[nodiscard]] const std::string& file() const { return file_; }

  //! Throws DatasetError located at `key`.
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const;
  //! Throws for the first key no getter asked for.
  void finish() const;

 private:
  [[nodiscard]] YAML::Node get(const std::string& key);
  [[nodiscard]] std::string scalar(const std::string& key, const YAML::Node& node) const;

  YAML::Node node_;
  std::string file_;
  std::string path_;
  int line_ = 0;
  std::set<std::string> known_;
};

//! The 1-based line of a node (0 when yaml-cpp does not know it).
int lineOf(const YAML::Node& node);

//! "a list", "a mapping", "nothing" or "a single value", for messages.
std::string describeNode(const YAML::Node& node);

//! A scalar's value with its kind: quoted text is always a string; plain true/false, null/~,
//! integers and decimal numbers are what they look like; everything else is a string.
Literal literalOf(const YAML::Node& scalar);

//! Parses a whole file; a syntax error throws DatasetError at its line. A missing or
//! unreadable file throws DatasetError naming it.
YAML::Node loadYamlFile(const std::string& file);
//! Parses text that came from `file` (a name for messages only).
YAML::Node loadYamlText(const std::string& text, const std::string& file);

}  // namespace dsrflow::sql
