#pragma once
// The host-side view of a plugin's instance for one configured system. The same interface is
// implemented in process (InProcessInstance) and out of process (a child `dsrflow plugin-host`),
// and both speak the same JSON: the request in, records and one outcome out.

#include <string>
#include <string_view>

#include "model/result.hpp"
#include "plugin_host/action_request.hpp"
#include "plugin_host/call_options.hpp"
#include "plugin_host/call_result.hpp"
#include "plugin_host/call_sink.hpp"
#include "plugin_host/plugin_info.hpp"

namespace dsrflow::plugin_host {

//! One plugin instance serving one system. Thread-safe: calls on one instance are serialised
//! (the ABI allows one call per instance at a time), calls on different instances run
//! concurrently. Destroying it destroys the plugin's instance (bounded by the timeout); the
//! plugin's library stays loaded as long as any instance made from it exists.
class PluginInstance {
 public:
  virtual ~PluginInstance() = default;

  //! The configured system's id.
  [[nodiscard]] virtual const std::string& systemId() const = 0;

  //! The plugin this instance was made from.
  [[nodiscard]] virtual const PluginInfo& plugin() const = 0;

  //! Runs one action. `requestJson` must match the schema's "action_request" and name an
  //! action the plugin supports, else kInvalidArgument (a caller's mistake; nothing runs).
  //! Everything that goes wrong on the plugin's side comes back as a CallResult with outcome
  //! kFailed and CallFailure set: an error the plugin reported, a timeout (the call is told to
  //! stop at the timeout and abandoned after a grace period, which quarantines the plugin), a
  //! cancellation, an invalid or missing outcome, a quarantined plugin. Records go to `sink`
  //! as they arrive, after the schema check; refused records are counted in the result.
  virtual Result<CallResult> invokeJson(std::string_view requestJson, const CallOptions& options,
                                        CallSink& sink) = 0;

  //! invokeJson with the request built from the typed struct.
  Result<CallResult> invoke(const ActionRequest& request, const CallOptions& options,
                            CallSink& sink) {
    return invokeJson(toJson(request), options, sink);
  }

  //! Hands an HTTP request that reached this task's callback URL (JSON: method, path,
  //! headers, body) to the plugin; kInvalidArgument when the plugin handles no callbacks.
  //! The result has hasOutcome == false when the plugin set no outcome.
  virtual Result<CallResult> onCallback(std::string_view httpRequestJson,
                                        const CallOptions& options, CallSink& sink) = 0;
};

}  // namespace dsrflow::plugin_host
