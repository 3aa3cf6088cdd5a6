#pragma once
// The plugins and instances of the configured systems: what the app wires up at start and the
// engine asks for by system id.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "model/result.hpp"
#include "plugin_host/plugin.hpp"
#include "plugin_host/plugin_instance.hpp"
#include "plugin_host/plugin_loader.hpp"
#include "plugin_host/secret_store.hpp"

namespace dsrflow::plugin_host {

//! Builds one plugin instance per configured system, loading each plugin file once (systems
//! that name the same file and pin share one Plugin). Thread-safe.
class PluginRegistry {
 public:
  //! `inProcess` serves `isolation: in_process`; `process` serves `isolation: process` and may
  //! be null until process isolation exists (such systems are then refused). `secrets` feeds
  //! read_secret; null: EnvironmentSecretStore.
  PluginRegistry(std::shared_ptr<PluginLoader> inProcess, std::shared_ptr<PluginLoader> process,
                 std::shared_ptr<const SecretStore> secrets = nullptr);

  //! Loads (or reuses) the system's plugin and creates its instance, replacing an instance of
  //! the same system id. Errors name the system and where it is configured.
  Result<std::shared_ptr<PluginInstance>> open(const config::SystemConfig& system);

  //! Opens every enabled system; returns the errors of those that could not be opened (the
  //! others are open).
  std::vector<Error> openAll(const std::vector<config::SystemConfig>& systems);

  //! The instance of a system opened before, or null.
  [[nodiscard]] std::shared_ptr<PluginInstance> instance(std::string_view systemId) const;

  //! The ids of the open systems, sorted.
  [[nodiscard]] std::vector<std::string> systemIds() const;

 private:
  Result<std::shared_ptr<Plugin>> plugin(const config::SystemConfig& system);

  std::shared_ptr<PluginLoader> inProcess_;
  std::shared_ptr<PluginLoader> process_;
  std::shared_ptr<const SecretStore> secrets_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Plugin>> plugins_;  // by isolation, path and pin
  std::map<std::string, std::shared_ptr<PluginInstance>, std::less<>> instances_;
};

}  // namespace dsrflow::plugin_host
