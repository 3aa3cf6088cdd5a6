#include "plugin_host/plugin_registry.hpp"

#include <algorithm>

#include "log/logger.hpp"

namespace dsrflow::plugin_host {
namespace {

std::string where(const config::SystemConfig& system) {
  std::string text = "system '" + system.id + "'";
  if (!system.location.file.empty()) {
    text += " (" + system.location.file + ":" + std::to_string(system.location.line) + ")";
  }
  return text;
}

}  // namespace

PluginRegistry::PluginRegistry(std::shared_ptr<PluginLoader> inProcess,
                               std::shared_ptr<PluginLoader> process,
                               std::shared_ptr<const SecretStore> secrets)
    : inProcess_(std::move(inProcess)),
      process_(std::move(process)),
      secrets_(secrets ? std::move(secrets) : std::make_shared<EnvironmentSecretStore>()) {}

Result<std::shared_ptr<Plugin>> PluginRegistry::plugin(const config::SystemConfig& system) {
  const bool isolated = system.isolation == config::Isolation::kProcess;
  const std::string key = std::string(isolated ? "process:" : "in_process:") +
                          system.plugin.string() + "#" + system.sha256;
  {
    std::lock_guard lock(mutex_);
    if (auto it = plugins_.find(key); it != plugins_.end()) return it->second;
  }
  PluginLoader* loader = isolated ? process_.get() : inProcess_.get();
  if (loader == nullptr) {
    return Error{ErrorCode::kUnavailable, std::string("isolation: ") +
                                              (isolated ? "process" : "in_process") +
                                              " is not available in this build"};
  }
  // Loading runs outside the lock: it reads and hashes a file and runs the plugin's
  // initialisers. Two concurrent opens of one file may both load it; the first one is kept.
  auto loaded = loader->load(PluginSpec{system.plugin, system.sha256});
  if (!loaded) return loaded.error();
  std::lock_guard lock(mutex_);
  return plugins_.try_emplace(key, *loaded).first->second;
}

Result<std::shared_ptr<PluginInstance>> PluginRegistry::open(const config::SystemConfig& system) {
  auto loaded = plugin(system);
  if (!loaded) {
    return Error{loaded.error().code, where(system) + ": " + loaded.error().message};
  }
  InstanceOptions options{.systemId = system.id,
                          .configJson = system.pluginConfigJson,
                          .timeout = system.timeout,
                          .secrets = secrets_,
                          .memoryLimit = system.memoryLimit};
  auto created = (*loaded)->createInstance(options);
  if (!created) {
    return Error{created.error().code, where(system) + ": " + created.error().message};
  }
  std::shared_ptr<PluginInstance> instance = std::move(created).value();
  std::shared_ptr<PluginInstance> previous;
  {
    std::lock_guard lock(mutex_);
    auto& slot = instances_[system.id];
    previous = std::move(slot);
    slot = instance;
  }
  // The replaced instance (if any) is destroyed here, outside the lock.
  return instance;
}

std::vector<Error> PluginRegistry::openAll(const std::vector<config::SystemConfig>& systems) {
  std::vector<Error> errors;
  for (const auto& system : systems) {
    if (!system.enabled) continue;
    auto opened = open(system);
    if (!opened) {
      logError("system not available: its plugin was refused",
               {{"system", system.id}, {"reason", opened.error().message}});
      errors.push_back(opened.error());
    }
  }
  return errors;
}

std::shared_ptr<PluginInstance> PluginRegistry::instance(std::string_view systemId) const {
  std::lock_guard lock(mutex_);
  auto it = instances_.find(systemId);
  return it == instances_.end() ? nullptr : it->second;
}

std::vector<std::string> PluginRegistry::systemIds() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> ids;
  for (const auto& [id, instance] : instances_) ids.push_back(id);
  return ids;
}

}  // namespace dsrflow::plugin_host
