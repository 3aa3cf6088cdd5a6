#pragma once
// A plugin loaded into this process (Boost.DLL), behind the Plugin interface.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "model/clock.hpp"
#include "plugin_host/host_options.hpp"
#include "plugin_host/json_schema.hpp"
#include "plugin_host/plugin.hpp"
#include "plugin_host/plugin_library.hpp"
#include "plugin_host/quarantine.hpp"

namespace dsrflow::plugin_host {

class InProcessPlugin final : public Plugin, public std::enable_shared_from_this<InProcessPlugin> {
 public:
  //! Made by InProcessLoader from a library whose descriptor passed checkDescriptor.
  InProcessPlugin(std::shared_ptr<PluginLibrary> library, PluginInfo info, JsonSchema configSchema,
                  HostOptions options);

  // Plugin
  [[nodiscard]] const PluginInfo& info() const override { return info_; }
  Result<std::unique_ptr<PluginInstance>> createInstance(const InstanceOptions& options) override;
  [[nodiscard]] bool quarantined() const override;
  [[nodiscard]] std::string quarantineReason() const override;

  //! Marks the plugin as never to be called again and keeps its library loaded for good.
  void quarantine(const std::string& reason);

  [[nodiscard]] const std::shared_ptr<PluginLibrary>& library() const { return library_; }
  [[nodiscard]] const dsrflow_plugin_descriptor& descriptor() const {
    return *library_->descriptor();
  }
  [[nodiscard]] const Clock& clock() const { return *options_.clock; }
  [[nodiscard]] std::chrono::milliseconds gracePeriod() const { return options_.gracePeriod; }

 private:
  std::shared_ptr<PluginLibrary> library_;
  const PluginInfo info_;
  const JsonSchema configSchema_;
  HostOptions options_;  // clock and quarantine are never null here
};

}  // namespace dsrflow::plugin_host
