#pragma once
// The conformance checks' Driver over dsrflow's real plugin host (core/plugin_host): checked
// loading (file trust, sha256 pin), the host's descriptor checks, valijson validation of the
// ABI's shapes and the plugin's config, and calls through PluginInstance with its timeouts and
// quarantine. Calls run in process, so the checks run it in a child process per check (the
// kit's isolated runner) to survive plugins that crash.

#include <dsrflow/conformance/driver.hpp>
#include <dsrflow/conformance/settings.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "plugin_host/plugin.hpp"
#include "plugin_host/plugin_instance.hpp"
#include "plugin_host/plugin_library.hpp"
#include "plugin_host/plugin_loader.hpp"
#include "plugin_host/secret_store.hpp"

namespace dsrflow::conformance {

struct HostDriverOptions {
  std::filesystem::path path;            //!< the plugin file
  std::string sha256;                    //!< optional pin, hex
  std::string systemId = "conformance";  //!< tags logs; names secrets (DSRFLOW_SECRET_<ID>_...)
  //! read_secret; null: the kit settings' secrets, then the process environment.
  std::shared_ptr<const plugin_host::SecretStore> secrets;
  //! Loads the plugin for create/invoke; null: the in-process loader with the settings' stop
  //! bound as its grace period. (Process isolation's loader runs calls in a plugin process.)
  std::shared_ptr<plugin_host::PluginLoader> loader;
  //! isolation: process: the plugin process's address-space limit in bytes; 0: the default.
  std::uint64_t memoryLimit = 0;
};

//! One plugin file, at most one instance. Not thread-safe (a check runs on one thread).
class HostDriver final : public Driver {
 public:
  HostDriver(HostDriverOptions options, Settings settings);
  ~HostDriver() override;
  HostDriver(const HostDriver&) = delete;
  HostDriver& operator=(const HostDriver&) = delete;

  const PluginFacts& describe() override;
  std::string validate(Shape shape, std::string_view json) override;
  std::string checkSchema(std::string_view schemaJson) override;
  std::string validateAgainst(std::string_view schemaJson, std::string_view json) override;
  std::string create(std::string_view configJson) override;
  CallReport invoke(std::string_view requestJson, std::chrono::milliseconds timeout) override;
  std::string destroy() override;

 private:
  HostDriverOptions options_;
  Settings settings_;
  bool described_ = false;
  PluginFacts facts_;
  std::shared_ptr<plugin_host::PluginLibrary> library_;  // what describe() read
  std::shared_ptr<plugin_host::Plugin> plugin_;          // loaded by the host's loader
  std::unique_ptr<plugin_host::PluginInstance> instance_;
};

}  // namespace dsrflow::conformance
