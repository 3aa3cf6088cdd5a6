#pragma once
// Runs the real dsrflow binary without a configuration from the environment.

#include <string>
#include <vector>

#include "support/process.hpp"

namespace dsrflow::testing {

inline ProcessResult dsrflow(const std::vector<std::string>& args) {
  return runProcess(DSRFLOW_BINARY, args, {{"DSRFLOW_CONFIG", ""}});
}

}  // namespace dsrflow::testing
