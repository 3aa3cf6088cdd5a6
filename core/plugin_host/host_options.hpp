#pragma once
// Settings of the in-process plugin host shared by its loader, plugins and instances.

#include <chrono>
#include <memory>

#include "model/clock.hpp"

namespace dsrflow::plugin_host {

class Quarantine;

struct HostOptions {
  //! Source of the deadlines handed to plugins (deadline_unix_ms); null: the system clock.
  //! Waiting itself uses std::chrono::steady_clock.
  std::shared_ptr<const Clock> clock;
  //! How long a call may take to stop after it was told to (timeout or cancellation) before
  //! it is abandoned and its plugin quarantined.
  std::chrono::milliseconds gracePeriod{2'000};
  //! Where abandoned plugins are recorded; null: Quarantine::process(). Must outlive the host.
  Quarantine* quarantine = nullptr;
};

}  // namespace dsrflow::plugin_host
