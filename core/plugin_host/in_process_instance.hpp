#pragma once
// A plugin instance living in this process, behind the PluginInstance interface.

#include <dsrflow/plugin.h>

#include <memory>
#include <mutex>
#include <string>

#include "plugin_host/host_call.hpp"
#include "plugin_host/plugin.hpp"
#include "plugin_host/plugin_library.hpp"

namespace dsrflow::plugin_host {

class InProcessPlugin;

//! The plugin's own instance handle and the library its code lives in; shared with threads
//! that run calls, so that an abandoned call keeps both alive.
struct NativeInstance {
  NativeInstance(std::shared_ptr<PluginLibrary> lib, dsrflow_instance* h)
      : library(std::move(lib)), handle(h) {}
  std::shared_ptr<PluginLibrary> library;
  dsrflow_instance* handle = nullptr;
};

class InProcessInstance final : public PluginInstance {
 public:
  InProcessInstance(std::shared_ptr<InProcessPlugin> plugin, std::shared_ptr<NativeInstance> native,
                    InstanceOptions options);
  //! Calls the plugin's destroy (bounded by the timeout) unless the plugin is quarantined:
  //! then a call may still be running on the instance, and it is left as it is.
  ~InProcessInstance() override;
  InProcessInstance(const InProcessInstance&) = delete;
  InProcessInstance& operator=(const InProcessInstance&) = delete;

  // PluginInstance
  [[nodiscard]] const std::string& systemId() const override { return options_.systemId; }
  [[nodiscard]] const PluginInfo& plugin() const override;
  Result<CallResult> invokeJson(std::string_view requestJson, const CallOptions& options,
                                CallSink& sink) override;
  Result<CallResult> onCallback(std::string_view httpRequestJson, const CallOptions& options,
                                CallSink& sink) override;

 private:
  Result<CallResult> call(CallKind kind, std::string_view json, const CallOptions& options,
                          CallSink& sink);
  Result<CallResult> run(CallKind kind, std::string json, const CallOptions& options,
                         CallSink& sink);

  std::shared_ptr<InProcessPlugin> plugin_;
  std::shared_ptr<NativeInstance> native_;
  const InstanceOptions options_;
  std::mutex callMutex_;  // one call at a time per instance (ABI rule)
};

}  // namespace dsrflow::plugin_host
