#include "app/command.hpp"
#include "app/command_support.hpp"
#include "store/store.hpp"

namespace dsrflow::app {

Command migrateCommand() {
  return {"migrate",
          "apply pending store migrations",
          "usage: dsrflow [--config FILE] migrate\n\n"
          "Applies every schema migration the configured store lacks, each in its own\n"
          "transaction, and prints the resulting schema version. Refuses a database whose\n"
          "schema is newer than this build.\n",
          {},
          [](CommandContext& ctx, const Arguments&) {
            auto config = loadConfigOrReport(ctx);
            if (!config) return static_cast<int>(kExitUsage);
            applyLogging(*config);
            if (!ensureDataDir(ctx, *config)) return static_cast<int>(kExitFailure);
            auto store = Store::open(config->store.url);
            if (!store) {
              ctx.err << "dsrflow migrate: " << store.error().message << '\n';
              return static_cast<int>(kExitFailure);
            }
            auto applied = (*store)->migrate();
            if (!applied) {
              ctx.err << "dsrflow migrate: " << applied.error().message << '\n';
              return static_cast<int>(kExitFailure);
            }
            for (int v : *applied) ctx.out << "applied migration " << v << '\n';
            ctx.out << "schema version " << latestSchemaVersion()
                    << (applied->empty() ? " (up to date)" : "") << '\n';
            return static_cast<int>(kExitOk);
          }};
}

}  // namespace dsrflow::app
