#include "app/arguments.hpp"

#include <iterator>

namespace dsrflow::app {

Result<Arguments> Arguments::parse(const std::vector<std::string>& args, const ArgumentSpec& spec) {
  Arguments out;
  bool onlyPositional = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (onlyPositional || arg.size() < 2 || arg[0] != '-') {
      out.positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      onlyPositional = true;
      continue;
    }
    std::string name = arg;
    std::optional<std::string> inlineValue;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      inlineValue = arg.substr(eq + 1);
    }
    if (name == "-h") name = "--help";
    if (spec.flags.count(name) > 0 || name == "--help") {
      if (inlineValue) return invalidArgument("option " + name + " takes no value");
      out.flags_.insert(name);
    } else if (spec.valueOptions.count(name) > 0) {
      if (inlineValue) {
        out.values_.emplace(name, *inlineValue);
      } else if (i + 1 < args.size()) {
        out.values_.emplace(name, args[++i]);
      } else {
        return invalidArgument("option " + name + " needs a value");
      }
    } else {
      return invalidArgument("unknown option " + name);
    }
  }
  if (out.flag("--help")) return out;  // help wins over positional checks
  if (out.positional_.size() < spec.minPositional) {
    return invalidArgument("missing argument");
  }
  if (out.positional_.size() > spec.maxPositional) {
    return invalidArgument("unexpected argument '" + out.positional_[spec.maxPositional] + "'");
  }
  return out;
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  auto [begin, end] = values_.equal_range(name);
  if (begin == end) return std::nullopt;
  return std::prev(end)->second;
}

std::vector<std::string> Arguments::values(const std::string& name) const {
  std::vector<std::string> out;
  auto [begin, end] = values_.equal_range(name);
  for (auto it = begin; it != end; ++it) out.push_back(it->second);
  return out;
}

}  // namespace dsrflow::app
