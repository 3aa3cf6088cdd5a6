#pragma once
// Typed, location-aware reading of one YAML mapping. Every getter marks its key as known;
// finish() then rejects any key nobody asked for, so typos are errors, not silent defaults.
// All failures throw ConfigError naming file, line and the full key path.

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/config_error.hpp"

namespace dsrflow::config {

class YamlReader {
 public:
  //! `node` must be a mapping (or null, read as empty); `path` is its key path, e.g. "systems[2]";
  //! `line` is reported for an empty mapping, which has no line of its own.
  YamlReader(YAML::Node node, std::string file, std::string path, int line = 0);

  [[nodiscard]] bool has(const std::string& key) const;

  [[nodiscard]] std::string requireString(const std::string& key);
  [[nodiscard]] std::optional<std::string> optionalString(const std::string& key);
  [[nodiscard]] std::optional<long long> optionalInt(const std::string& key, long long min,
                                                     long long max);
  [[nodiscard]] std::optional<bool> optionalBool(const std::string& key);
  [[nodiscard]] std::optional<std::chrono::milliseconds> optionalDuration(const std::string& key);
  [[nodiscard]] std::vector<std::string> stringList(const std::string& key);

  //! Calls `each` with a reader for every element of a list of mappings under `key`.
  void forEachMapping(const std::string& key, const std::function<void(YamlReader&)>& each);
  //! Calls `each` with every element of the list under `key` and its key path ("steps[2]").
  void forEachItem(const std::string& key,
                   const std::function<void(const YAML::Node&, const std::string&)>& each);
  //! The keys of this mapping, in file order (for mappings whose keys are names, not settings).
  [[nodiscard]] std::vector<std::string> keys() const;
  //! A reader for a nested mapping (empty when the key is absent).
  [[nodiscard]] YamlReader child(const std::string& key);
  //! The raw node under `key` as JSON text ("{}" when absent), for plugin configuration.
  [[nodiscard]] std::string asJson(const std::string& key);

  //! Throws for the first key that no getter asked for.
  void finish() const;

  //! Throws a ConfigError located at `key` (or at this mapping when the key is absent).
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

  [[nodiscard]] const std::string& file() const { return file_; }
  [[nodiscard]] int line() const;  //!< 1-based line of this mapping
  [[nodiscard]] int lineOf(const std::string& key) const;
  [[nodiscard]] std::string keyPath(const std::string& key) const;

 private:
  [[nodiscard]] YAML::Node get(const std::string& key);
  [[nodiscard]] std::string scalar(const std::string& key, const YAML::Node& node) const;

  YAML::Node node_;
  std::string file_;
  std::string path_;
  std::set<std::string> known_;
  int fallbackLine_ = 0;  //!< the parent's line when this mapping is absent from the file
};

//! Replaces ${NAME} with the environment variable NAME; "$$" stands for a literal "$".
//! Throws (via `fail`) when a variable is unset or the syntax is broken. Secrets stay out of the
//! configuration file this way.
std::string substituteEnvironment(const std::string& value,
                                  const std::function<void(const std::string&)>& fail);

//! Parses "250ms", "30s", "5m", "2h", "1d"; nullopt when malformed.
std::optional<std::chrono::milliseconds> parseDuration(const std::string& text);

}  // namespace dsrflow::config
