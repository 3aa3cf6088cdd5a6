#include "plugin_host/in_process_plugin.hpp"

#include "log/logger.hpp"
#include "plugin_host/guarded_run.hpp"
#include "plugin_host/host_call.hpp"
#include "plugin_host/host_services.hpp"
#include "plugin_host/in_process_instance.hpp"

namespace dsrflow::plugin_host {
namespace {

HostOptions completed(HostOptions options) {
  if (!options.clock) options.clock = std::make_shared<SystemClock>();
  if (options.quarantine == nullptr) options.quarantine = &Quarantine::process();
  return options;
}

std::int64_t unixMs(TimePoint t) { return t.time_since_epoch().count(); }

}  // namespace

InProcessPlugin::InProcessPlugin(std::shared_ptr<PluginLibrary> library, PluginInfo info,
                                 JsonSchema configSchema, HostOptions options)
    : library_(std::move(library)),
      info_(std::move(info)),
      configSchema_(std::move(configSchema)),
      options_(completed(std::move(options))) {}

bool InProcessPlugin::quarantined() const {
  return options_.quarantine->reason(info_.sha256).has_value();
}

std::string InProcessPlugin::quarantineReason() const {
  return options_.quarantine->reason(info_.sha256).value_or("");
}

void InProcessPlugin::quarantine(const std::string& reason) {
  options_.quarantine->add(info_.sha256, reason, library_);
  logError("plugin quarantined until restart",
           {{"plugin", info_.name}, {"version", info_.version}, {"reason", reason}});
}

Result<std::unique_ptr<PluginInstance>> InProcessPlugin::createInstance(
    const InstanceOptions& options) {
  const std::string who = "plugin " + info_.name + " for system '" + options.systemId + "'";
  if (auto reason = options_.quarantine->reason(info_.sha256)) {
    logWarn("plugin call refused: quarantined until restart",
            {{"plugin", info_.name}, {"system", options.systemId}});
    return Error{ErrorCode::kUnavailable, who + ": quarantined until restart: " + *reason};
  }
  if (options.systemId.empty()) return invalidArgument(who + ": no system id");
  if (options.timeout.count() <= 0) return invalidArgument(who + ": timeout must be positive");
  if (auto config = configSchema_.parseAndValidate(options.configJson); !config) {
    return invalidArgument(
        who + ": config does not match the plugin's config schema: " + config.error().message);
  }

  auto call = std::make_shared<HostCall>(CallSetup{
      .kind = CallKind::kCreate,
      .pluginName = info_.name,
      .systemId = options.systemId,
      .secrets = options.secrets,
      .deadlineUnixMs = unixMs(options_.clock->now() + options.timeout),
  });
  struct Created {
    dsrflow_instance* handle = nullptr;
    bool threw = false;
  };
  auto created = std::make_shared<Created>();
  auto body = [library = library_, call, created, config = options.configJson] {
    CallBinding binding(*call);
    try {
      created->handle = library->descriptor()->create(hostServices(), CallBinding::handle(*call),
                                                      dsrflow_str{config.data(), config.size()});
    } catch (...) {
      created->threw = true;
    }
  };
  const std::string limit = std::to_string(options.timeout.count()) + " ms";
  const RunEnd end =
      runGuarded(body, RunLimits{options.timeout, options_.gracePeriod, {}}, [&](StopCause) {
        call->requestStop(CallFailure::kTimedOut, "create timed out after " + limit);
      });
  if (end.kind == RunEnd::kNotStarted) {
    return Error{ErrorCode::kUnavailable, who + ": cannot start a thread"};
  }
  if (end.kind == RunEnd::kAbandoned) {
    call->detach();
    quarantine("create for system '" + options.systemId + "' did not return within " + limit +
               " and the grace period");
    return Error{ErrorCode::kUnavailable,
                 who + ": create did not return within " + limit + "; quarantined until restart"};
  }
  if (created->threw) {
    return Error{ErrorCode::kInternal, who + ": an exception escaped create() (ABI violation)"};
  }
  if (created->handle == nullptr) {
    const std::string reason = call->errorMessage();
    return Error{call->errorRetryable() ? ErrorCode::kUnavailable : ErrorCode::kInternal,
                 who + ": create failed: " + (reason.empty() ? "no reason given" : reason)};
  }
  logInfo("plugin instance created", {{"plugin", info_.name}, {"system", options.systemId}});
  return std::unique_ptr<PluginInstance>(std::make_unique<InProcessInstance>(
      shared_from_this(), std::make_shared<NativeInstance>(library_, created->handle), options));
}

}  // namespace dsrflow::plugin_host
