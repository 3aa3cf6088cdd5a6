#include "app/command.hpp"

namespace dsrflow::app {

Command versionCommand() {
  return {"version",
          "print the version",
          "usage: dsrflow version\n\nPrints dsrflow's version.\n",
          {},
          [](CommandContext& ctx, const Arguments&) {
            ctx.out << "dsrflow " << DSRFLOW_VERSION << '\n';
            return kExitOk;
          }};
}

}  // namespace dsrflow::app
