#include "app/command.hpp"
#include "app/command_support.hpp"
#include "engine/workflow_loader.hpp"

namespace dsrflow::app {

Command configCheckCommand() {
  return {"config check",
          "validate a configuration file without starting",
          "usage: dsrflow config check [FILE]\n\n"
          "Reads FILE (default: the --config file), its conf.d/ directory and the workflows it\n"
          "names, checks every key and value, and prints either a summary or the first error\n"
          "as FILE:LINE: KEY: PROBLEM.\n"
          "Exit code 0 when valid, 2 when not.\n",
          {.minPositional = 0, .maxPositional = 1},
          [](CommandContext& ctx, const Arguments& args) {
            if (!args.positional().empty()) ctx.configPath = args.positional()[0];
            auto config = loadConfigOrReport(ctx);
            if (!config) return static_cast<int>(kExitUsage);
            auto workflows = loadWorkflows(config->workflowsDir);
            if (!workflows) {
              ctx.err << "dsrflow: " << workflows.error().message << '\n';
              return static_cast<int>(kExitUsage);
            }
            ctx.out << config->source.string() << ": ok (" << config->controllers.size()
                    << " controller(s), " << config->systems.size() << " system(s), "
                    << workflows->size() << " workflow(s))\n";
            return static_cast<int>(kExitOk);
          }};
}

}  // namespace dsrflow::app
