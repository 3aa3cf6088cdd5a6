#include "plugin_isolation/process_loader.hpp"

#include "log/logger.hpp"
#include "plugin_isolation/process_plugin.hpp"
#include "plugin_isolation/process_requests.hpp"

namespace dsrflow::plugin_isolation {
namespace {

LogLevel loggerLevel() {
  for (LogLevel level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn}) {
    if (Logger::instance().enabled(level)) return level;
  }
  return LogLevel::kError;
}

}  // namespace

ProcessHostOptions processHostOptions(const plugin_host::HostOptions& host) {
  ProcessHostOptions options;
  options.clock = host.clock;
  options.gracePeriod = host.gracePeriod;
  return options;
}

ProcessSettings processSettings(const ProcessHostOptions& options, std::uint64_t memoryLimit,
                                std::string tag) {
  // The child's own host abandons a call that does not stop only well after dsrflow killed it.
  const std::chrono::milliseconds childGrace = options.gracePeriod * 2 + std::chrono::seconds(5);
  return ProcessSettings{.executable = options.executable,
                         .memoryLimit = memoryLimit,
                         .childGrace = childGrace,
                         .logLevel = loggerLevel(),
                         .tag = std::move(tag)};
}

ProcessLoader::ProcessLoader(ProcessHostOptions options) : options_(std::move(options)) {}

Result<std::shared_ptr<plugin_host::Plugin>> ProcessLoader::load(
    const plugin_host::PluginSpec& spec) {
  auto process = PluginProcess::start(
      processSettings(options_, options_.defaultMemoryLimit, spec.path.filename().string()));
  if (!process) {
    return Error{process.error().code,
                 "plugin '" + spec.path.string() + "': " + process.error().message};
  }
  auto info = requestLoad(**process, spec, std::chrono::steady_clock::now() + options_.loadTimeout);
  (*process)->stop(options_.gracePeriod);
  if (!info) return info.error();
  logInfo("plugin checked for process isolation", {{"plugin", info->name},
                                                   {"version", info->version},
                                                   {"path", spec.path.string()},
                                                   {"sha256", info->sha256}});
  return std::shared_ptr<plugin_host::Plugin>(
      std::make_shared<ProcessPlugin>(std::move(info).value(), options_));
}

std::shared_ptr<plugin_host::PluginLoader> makeProcessLoader(ProcessHostOptions options) {
  return std::make_shared<ProcessLoader>(std::move(options));
}

}  // namespace dsrflow::plugin_isolation
