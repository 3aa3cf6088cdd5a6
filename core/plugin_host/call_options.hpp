#pragma once
// Per-call options of PluginInstance::invoke and onCallback.

#include <chrono>
#include <optional>
#include <stop_token>

#include "model/clock.hpp"

namespace dsrflow::plugin_host {

struct CallOptions {
  //! How long the call may run; zero means the instance's default (the system's `timeout`).
  std::chrono::milliseconds timeout{0};
  //! An absolute deadline on the host's Clock (e.g. the task's due time); the earlier of
  //! now + timeout and this applies. The plugin sees it through deadline_unix_ms.
  std::optional<TimePoint> deadline;
  //! request_stop() on the matching std::stop_source asks the plugin to stop (is_cancelled).
  std::stop_token cancellation;
};

}  // namespace dsrflow::plugin_host
