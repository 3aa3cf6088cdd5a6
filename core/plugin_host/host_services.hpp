#pragma once
// The C table of host services (dsrflow_host_services) handed to in-process plugins, and the
// binding between a dsrflow_call* and the HostCall behind it.
//
// A service only acts when its dsrflow_call* is the call currently running on the calling
// thread (bound with CallBinding). A plugin that keeps the pointer and uses it after the call,
// or from a thread of its own, is ignored and counted -- the host never dereferences a stale
// pointer.

#include <dsrflow/plugin.h>

#include <cstdint>

#include "plugin_host/host_call.hpp"

namespace dsrflow::plugin_host {

//! The one table every plugin gets (static storage, ABI DSRFLOW_ABI_MAJOR.MINOR).
const dsrflow_host_services* hostServices();

//! Makes `call` the current call of this thread while alive. Not copyable; nests.
class CallBinding {
 public:
  explicit CallBinding(HostCall& call);
  ~CallBinding();
  CallBinding(const CallBinding&) = delete;
  CallBinding& operator=(const CallBinding&) = delete;

  //! The opaque handle the plugin receives for `call`.
  static dsrflow_call* handle(HostCall& call);

 private:
  HostCall* previous_;
};

//! How many service calls were ignored (outside a call, or from another thread), process-wide.
std::uint64_t ignoredServiceCalls();

}  // namespace dsrflow::plugin_host
