#pragma once
// The host-side view of a loaded plugin: what it is (PluginInfo) and a factory of instances,
// one per configured system. Implemented in process (InProcessPlugin) and out of process.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "model/result.hpp"
#include "plugin_host/plugin_info.hpp"
#include "plugin_host/plugin_instance.hpp"
#include "plugin_host/secret_store.hpp"

namespace dsrflow::plugin_host {

//! What an instance is made for: one system and its configuration.
struct InstanceOptions {
  std::string systemId;                        //!< tags logs, names the secrets
  std::string configJson = "{}";               //!< the system's `config:` block (no secrets)
  std::chrono::milliseconds timeout{30'000};   //!< default per call; also bounds create/destroy
  std::shared_ptr<const SecretStore> secrets;  //!< read_secret; null: no secrets
  //! isolation: process: the plugin process's address-space limit in bytes; 0: the loader's
  //! default. Not used in process.
  std::uint64_t memoryLimit = 0;
};

//! A loaded, checked plugin. Always held by shared_ptr: every instance keeps its plugin (and
//! so the shared library or child process) alive. Thread-safe.
class Plugin {
 public:
  virtual ~Plugin() = default;

  [[nodiscard]] virtual const PluginInfo& info() const = 0;

  //! Validates options.configJson against the plugin's config schema, then has the plugin
  //! create its instance. Errors: kInvalidArgument (config invalid), kUnavailable (plugin
  //! quarantined, create timed out), kInternal (the plugin's create failed, with its reason).
  virtual Result<std::unique_ptr<PluginInstance>> createInstance(
      const InstanceOptions& options) = 0;

  //! True once a call into the plugin was abandoned (it did not return): nothing of it runs
  //! again until the process restarts.
  [[nodiscard]] virtual bool quarantined() const = 0;

  //! Why it was quarantined; empty when it is not.
  [[nodiscard]] virtual std::string quarantineReason() const = 0;
};

}  // namespace dsrflow::plugin_host
