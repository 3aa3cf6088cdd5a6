#include "app/engine_factory.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "engine/workflow_loader.hpp"
#include "log/logger.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "plugin_host/manifest_merge.hpp"
#include "plugin_isolation/process_loader.hpp"

namespace dsrflow::app {
namespace {

std::string systemKind(const std::string& manifestJson) {
  try {
    auto manifest = Poco::JSON::Parser().parse(manifestJson).extract<Poco::JSON::Object::Ptr>();
    return manifest->optValue<std::string>("system_kind", "other");
  } catch (const Poco::Exception&) {
    return "other";
  }
}

}  // namespace

Result<EngineParts> buildEngine(const Runtime& runtime) {
  const config::Config& config = *runtime.config;
  auto workflows = loadWorkflows(config.workflowsDir);
  if (!workflows) return workflows.error();

  plugin_host::HostOptions host;
  host.clock = runtime.clock;
  EngineParts parts;
  // `isolation: process` systems run in `dsrflow plugin-host` children of this very binary.
  parts.registry = std::make_shared<plugin_host::PluginRegistry>(
      std::make_shared<plugin_host::InProcessLoader>(host),
      plugin_isolation::makeProcessLoader(plugin_isolation::processHostOptions(host)));
  parts.systemErrors = parts.registry->openAll(config.systems);
  for (const auto& error : parts.systemErrors) {
    logError("system not available", {{"error", error.message}});
  }
  std::vector<SystemHandle> systems;
  for (const auto& system : config.systems) {
    if (!system.enabled) continue;
    auto instance = parts.registry->instance(system.id);
    std::string manifest;
    if (instance) {
      // The deployment's own facts (DPA, location, retention) override the plugin's.
      auto merged =
          plugin_host::mergeManifest(instance->plugin().manifestJson, system.manifestOverrideJson);
      if (merged) {
        manifest = std::move(merged).value();
      } else {
        Error error{ErrorCode::kInvalidArgument,
                    system.location.file + ":" + std::to_string(system.location.line) +
                        ": systems: " + system.id + ": " + merged.error().message};
        logError("system not available", {{"error", error.message}});
        parts.systemErrors.push_back(std::move(error));
        instance.reset();
      }
    }
    systems.push_back({system.id, instance ? systemKind(manifest) : "other", system.timeout,
                       system.concurrency, instance, manifest});
  }
  EngineOptions options;
  options.resultsDir = config.dataDir / "results";
  options.lease.duration = config.engine.lease;
  options.parallelTasks = static_cast<std::size_t>(config.engine.parallelTasks);
  options.retry.maxAttempts = config.engine.maxAttempts;
  options.retry.firstDelay = config.engine.retryDelay;
  parts.purger =
      std::make_unique<Purger>(runtime.store, runtime.clock, config.retention, options.resultsDir);
  auto calendars = DeadlineCalendars::fromConfig(config);
  if (!calendars) return calendars.error();
  parts.holdRelease = std::make_unique<LegalHoldRelease>(
      runtime.store, runtime.vault, runtime.clock, std::move(calendars).value(), *workflows);
  parts.engine = std::make_unique<WorkflowEngine>(
      runtime.store, runtime.vault, runtime.clock, std::move(workflows).value(),
      std::make_shared<const SystemDirectory>(std::move(systems)), options);
  return parts;
}

Status runUpkeep(const EngineParts& parts) {
  if (auto purged = parts.purger->run(); !purged) return purged.error();
  if (auto requeued = parts.holdRelease->requeueReleased(); !requeued) return requeued.error();
  return Ok{};
}

}  // namespace dsrflow::app
