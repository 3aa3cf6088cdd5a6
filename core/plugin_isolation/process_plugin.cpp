#include "plugin_isolation/process_plugin.hpp"

#include "log/logger.hpp"
#include "plugin_isolation/process_instance.hpp"
#include "plugin_isolation/process_requests.hpp"

namespace dsrflow::plugin_isolation {
namespace {

ProcessHostOptions completed(ProcessHostOptions options) {
  if (!options.clock) options.clock = std::make_shared<SystemClock>();
  return options;
}

}  // namespace

ProcessPlugin::ProcessPlugin(plugin_host::PluginInfo info, ProcessHostOptions options)
    : info_(std::move(info)), options_(completed(std::move(options))) {}

std::uint64_t ProcessPlugin::memoryLimit(const plugin_host::InstanceOptions& options) const {
  return options.memoryLimit != 0 ? options.memoryLimit : options_.defaultMemoryLimit;
}

Result<std::unique_ptr<PluginProcess>> ProcessPlugin::startInstance(
    const plugin_host::InstanceOptions& options) {
  const std::uint64_t limit = memoryLimit(options);
  auto process = PluginProcess::start(processSettings(options_, limit, options.systemId));
  if (!process) return process.error();
  // Pinned to the digest seen at load: the file on disk may have been replaced since.
  auto loaded = requestLoad(**process, plugin_host::PluginSpec{info_.path, info_.sha256},
                            std::chrono::steady_clock::now() + options_.loadTimeout);
  if (!loaded) return loaded.error();
  // Create gets the timeout the in-process host gives it, plus the grace period to stop.
  const auto killAt = std::chrono::steady_clock::now() + options.timeout + options_.gracePeriod;
  if (Status created = requestCreate(**process, options, killAt, limit); !created) {
    return created.error();
  }
  return process;
}

Result<std::unique_ptr<plugin_host::PluginInstance>> ProcessPlugin::createInstance(
    const plugin_host::InstanceOptions& options) {
  const std::string who = "plugin " + info_.name + " for system '" + options.systemId + "'";
  if (options.systemId.empty()) return invalidArgument(who + ": no system id");
  if (options.timeout.count() <= 0) return invalidArgument(who + ": timeout must be positive");
  auto process = startInstance(options);
  if (!process) {
    const Error& error = process.error();
    // The in-process host's own errors already name the plugin and the system.
    if (error.message.rfind("plugin ", 0) == 0) return error;
    return Error{error.code, who + ": " + error.message};
  }
  logInfo("plugin instance created in its own process",
          {{"plugin", info_.name},
           {"system", options.systemId},
           {"pid", std::to_string((*process)->pid())}});
  return std::unique_ptr<plugin_host::PluginInstance>(
      std::make_unique<ProcessInstance>(shared_from_this(), std::move(process).value(), options));
}

}  // namespace dsrflow::plugin_isolation
