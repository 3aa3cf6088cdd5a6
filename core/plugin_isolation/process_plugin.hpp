#pragma once
// A plugin checked in a plugin process, behind the Plugin interface: each instance made from
// it runs in a plugin process of its own.

#include <memory>

#include "plugin_host/plugin.hpp"
#include "plugin_isolation/plugin_process.hpp"
#include "plugin_isolation/process_host_options.hpp"

namespace dsrflow::plugin_isolation {

class ProcessPlugin final : public plugin_host::Plugin,
                            public std::enable_shared_from_this<ProcessPlugin> {
 public:
  //! Made by ProcessLoader from the PluginInfo a plugin process reported.
  ProcessPlugin(plugin_host::PluginInfo info, ProcessHostOptions options);

  // Plugin
  [[nodiscard]] const plugin_host::PluginInfo& info() const override { return info_; }
  //! Starts the instance's plugin process, which loads the plugin pinned to the digest seen at
  //! load (a file replaced since is refused) and creates the instance; errors as in process.
  Result<std::unique_ptr<plugin_host::PluginInstance>> createInstance(
      const plugin_host::InstanceOptions& options) override;
  //! Never: a plugin process that does not stop is killed, not left behind.
  [[nodiscard]] bool quarantined() const override { return false; }
  [[nodiscard]] std::string quarantineReason() const override { return ""; }

  //! A new plugin process with the instance of `options` created in it (also for restarts).
  Result<std::unique_ptr<PluginProcess>> startInstance(const plugin_host::InstanceOptions& options);

  [[nodiscard]] const ProcessHostOptions& options() const { return options_; }
  [[nodiscard]] const Clock& clock() const { return *options_.clock; }
  //! The memory limit `options` give, or the default.
  [[nodiscard]] std::uint64_t memoryLimit(const plugin_host::InstanceOptions& options) const;

 private:
  const plugin_host::PluginInfo info_;
  ProcessHostOptions options_;  // clock never null here
};

}  // namespace dsrflow::plugin_isolation
