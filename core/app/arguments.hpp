#pragma once
// A deliberately small command-line parser: `--name value`, `--name=value`, boolean `--flag`,
// and positional arguments. Anything not declared is a usage error (exit code 2).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/result.hpp"

namespace dsrflow::app {

struct ArgumentSpec {
  std::set<std::string> valueOptions;  //!< e.g. {"--config", "--port"}
  std::set<std::string> flags;         //!< e.g. {"--json", "--help"}
  std::size_t minPositional = 0;
  std::size_t maxPositional = 0;
};

class Arguments {
 public:
  //! Parses `args` against `spec`; errors are kInvalidArgument with a usage message.
  static Result<Arguments> parse(const std::vector<std::string>& args, const ArgumentSpec& spec);

  [[nodiscard]] bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  //! The last value given for `name`.
  [[nodiscard]] std::optional<std::string> value(const std::string& name) const;
  //! Every value given for a repeatable option, in order.
  [[nodiscard]] std::vector<std::string> values(const std::string& name) const;
  [[nodiscard]] const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::set<std::string> flags_;
  std::multimap<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

}  // namespace dsrflow::app
