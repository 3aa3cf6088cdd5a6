#pragma once
// A plugin instance in a supervised plugin process, behind the PluginInstance interface.

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "plugin_host/plugin.hpp"
#include "plugin_isolation/plugin_process.hpp"

namespace dsrflow::plugin_isolation {

class ProcessPlugin;

//! Forwards every call to its plugin process. When the process dies (a crash, the memory
//! limit) or is killed (a call that did not stop within timeout + grace), only the call that
//! was running fails (kCrashed or kTimedOut / kCancelled); the next call starts a new process
//! and creates the instance again with the same options. Thread-safe: calls are serialised.
class ProcessInstance final : public plugin_host::PluginInstance {
 public:
  ProcessInstance(std::shared_ptr<ProcessPlugin> plugin, std::unique_ptr<PluginProcess> process,
                  plugin_host::InstanceOptions options);
  //! Has the plugin destroy its instance (bounded by the timeout and the grace period), then
  //! ends the plugin process and reaps it.
  ~ProcessInstance() override;
  ProcessInstance(const ProcessInstance&) = delete;
  ProcessInstance& operator=(const ProcessInstance&) = delete;

  // PluginInstance
  [[nodiscard]] const std::string& systemId() const override { return options_.systemId; }
  [[nodiscard]] const plugin_host::PluginInfo& plugin() const override;
  Result<plugin_host::CallResult> invokeJson(std::string_view requestJson,
                                             const plugin_host::CallOptions& options,
                                             plugin_host::CallSink& sink) override;
  Result<plugin_host::CallResult> onCallback(std::string_view httpRequestJson,
                                             const plugin_host::CallOptions& options,
                                             plugin_host::CallSink& sink) override;

  //! The plugin process's id; -1 while there is none (the next call starts one).
  [[nodiscard]] pid_t processId() const;
  //! How often a new plugin process was started after one ended.
  [[nodiscard]] unsigned restarts() const;

 private:
  Result<plugin_host::CallResult> call(std::string_view type, std::string_view json,
                                       const plugin_host::CallOptions& options,
                                       plugin_host::CallSink& sink);
  Result<plugin_host::CallResult> run(std::string_view type, std::string_view json,
                                      const plugin_host::CallOptions& options,
                                      plugin_host::CallSink& sink);
  //! A failure decided here (not reported by the plugin process), logged.
  plugin_host::CallResult failed(plugin_host::CallFailure failure, std::string reason) const;
  //! The reason a call failed when its process ended without a result.
  plugin_host::CallResult processEnded(const ExchangeEnd& end, std::chrono::milliseconds wait);

  std::shared_ptr<ProcessPlugin> plugin_;
  const plugin_host::InstanceOptions options_;
  std::mutex mutex_;  // one call at a time (ABI rule); guards process_
  std::unique_ptr<PluginProcess> process_;
  std::atomic<pid_t> pid_{-1};
  std::atomic<unsigned> restarts_{0};
};

}  // namespace dsrflow::plugin_isolation
