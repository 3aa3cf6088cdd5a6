#include "app/cli.hpp"

namespace dsrflow::app {

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (!args.empty() && args[0] == "version") {
    out << "dsrflow " << DSRFLOW_VERSION << '\n';
    return kExitOk;
  }
  err << "usage: dsrflow <command>\n";
  return kExitUsage;
}

}  // namespace dsrflow::app
