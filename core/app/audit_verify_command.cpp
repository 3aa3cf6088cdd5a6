#include "app/command.hpp"
#include "app/command_support.hpp"
#include "audit/audit_log.hpp"

namespace dsrflow::app {

Command auditVerifyCommand() {
  return {"audit verify",
          "check the audit log's hash chain",
          "usage: dsrflow [--config FILE] audit verify\n\n"
          "Reads every audit event in order and checks that each links to the one before and\n"
          "matches its own hash. Reports the first broken link: an event changed, deleted or\n"
          "reordered behind dsrflow's back. Exit code 0 when intact, 1 when broken.\n",
          {},
          [](CommandContext& ctx, const Arguments&) {
            auto config = loadConfigOrReport(ctx);
            if (!config) return static_cast<int>(kExitUsage);
            applyLogging(*config);
            auto store = Store::open(config->store.url);
            if (!store) {
              ctx.err << "dsrflow audit verify: " << store.error().message << '\n';
              return static_cast<int>(kExitFailure);
            }
            auto report = verifyAuditChain(**store);
            if (!report) {
              ctx.err << "dsrflow audit verify: " << report.error().message << '\n';
              return static_cast<int>(kExitFailure);
            }
            if (report->brokenAtSeq) {
              ctx.out << "audit log BROKEN at event " << *report->brokenAtSeq << ": "
                      << report->problem << " (" << report->checked << " events checked)\n";
              return static_cast<int>(kExitFailure);
            }
            ctx.out << "audit log intact: " << report->checked << " events\n";
            return static_cast<int>(kExitOk);
          }};
}

}  // namespace dsrflow::app
