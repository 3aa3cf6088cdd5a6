// dsrflow request reject | cancel | extend | hold | release: one change to one request, audited.

#include <Poco/JSON/Stringifier.h>

#include "app/cli_actor.hpp"
#include "app/command.hpp"
#include "app/command_support.hpp"
#include "app/request_view.hpp"
#include "app/runtime.hpp"
#include "engine/request_lifecycle.hpp"

namespace dsrflow::app {
namespace {

using Apply = std::function<Result<Request>(RequestLifecycle&, const std::string& id,
                                            const std::string& reason)>;

int runChange(CommandContext& ctx, const Arguments& args, const char* name, bool needsReason,
              const Apply& apply) {
  const std::string command = std::string("request ") + name;
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  applyLogging(*config);
  const std::string reason = args.value("--reason").value_or("");
  if (needsReason && reason.empty()) {
    ctx.err << "dsrflow " << command << ": --reason is required\n";
    return kExitUsage;
  }
  auto calendars = DeadlineCalendars::fromConfig(*config);
  if (!calendars) {
    ctx.err << "dsrflow " << command << ": " << calendars.error().message << '\n';
    return kExitUsage;
  }
  auto runtime = openRuntime(ctx, command.c_str(), config);
  if (!runtime) return kExitFailure;
  RequestLifecycle lifecycle(runtime->store, runtime->clock, std::move(calendars).value());
  auto changed = apply(lifecycle, args.positional()[0], reason);
  if (!changed) {
    ctx.err << "dsrflow " << command << ": " << changed.error().message << '\n';
    return changed.error().code == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  if (args.flag("--json")) {
    Poco::JSON::Stringifier::stringify(requestToJson(*changed, runtime->clock->now()), ctx.out, 2);
    ctx.out << '\n';
  } else {
    printRequestLine(ctx.out, *changed, runtime->clock->now());
  }
  return kExitOk;
}

Command lifecycleCommand(const char* name, const char* summary, const char* help, bool needsReason,
                         Apply apply) {
  std::string usage = std::string("usage: dsrflow [--config FILE] request ") + name + " ID" +
                      (needsReason ? " --reason TEXT" : "") + " [--json]\n\n" + help;
  return {
      std::string("request ") + name,
      summary,
      usage,
      {.valueOptions = {"--reason"}, .flags = {"--json"}, .minPositional = 1, .maxPositional = 1},
      [=](CommandContext& ctx, const Arguments& args) {
        return runChange(ctx, args, name, needsReason, apply);
      }};
}

}  // namespace

Command requestRejectCommand() {
  return lifecycleCommand(
      "reject", "refuse a request, with the reasons the person will be told",
      "Refuses a request before work on systems has begun (Art. 12(4) GDPR: the person is told\n"
      "the reasons and their right to complain and to a judicial remedy).\n",
      true, [](RequestLifecycle& l, const std::string& id, const std::string& reason) {
        return l.reject(id, cliActor(), reason);
      });
}

Command requestCancelCommand() {
  return lifecycleCommand(
      "cancel", "withdraw a request",
      "Cancels a request that has not finished, e.g. the person withdrew it.\n", true,
      [](RequestLifecycle& l, const std::string& id, const std::string& reason) {
        return l.cancel(id, cliActor(), reason);
      });
}

Command requestExtendCommand() {
  return lifecycleCommand(
      "extend", "extend the deadline once, with a reason",
      "Extends the deadline once (GDPR: by two months, Art. 12(3); CCPA: by 45 days), before the\n"
      "original deadline passes. The person must be told, with the reason.\n",
      true, [](RequestLifecycle& l, const std::string& id, const std::string& reason) {
        return l.extend(id, cliActor(), reason);
      });
}

Command requestHoldCommand() {
  return lifecycleCommand("hold", "put a request on legal hold",
                          "Interrupts the request for a legal hold (Art. 17(3)(e)); `release`\n"
                          "returns it to where it stood.\n",
                          true,
                          [](RequestLifecycle& l, const std::string& id,
                             const std::string& reason) { return l.hold(id, cliActor(), reason); });
}

Command requestReleaseCommand() {
  return lifecycleCommand("release", "release a legal hold",
                          "Returns a held request to the status it had.\n", false,
                          [](RequestLifecycle& l, const std::string& id, const std::string&) {
                            return l.release(id, cliActor());
                          });
}

}  // namespace dsrflow::app
