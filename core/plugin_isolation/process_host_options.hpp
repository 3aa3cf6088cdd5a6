#pragma once
// Settings of process isolation shared by its loader, plugins and instances.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "model/clock.hpp"
#include "plugin_host/host_options.hpp"
#include "plugin_isolation/plugin_process.hpp"

namespace dsrflow::plugin_isolation {

//! A plugin process's address-space limit when its system sets none.
inline constexpr std::uint64_t kDefaultMemoryLimit = std::uint64_t{1} << 30U;

struct ProcessHostOptions {
  //! The dsrflow binary, run as `dsrflow plugin-host`. /proc/self/exe is the running binary
  //! itself, even when an upgrade replaced the file since it started.
  std::filesystem::path executable = "/proc/self/exe";
  //! Source of the deadlines handed to plugins; null: the system clock.
  std::shared_ptr<const Clock> clock;
  //! How long a call may take to stop after it was told to (timeout or cancellation) before
  //! its process is killed.
  std::chrono::milliseconds gracePeriod{2'000};
  //! RLIMIT_AS of a plugin process whose system sets no memory_limit.
  std::uint64_t defaultMemoryLimit = kDefaultMemoryLimit;
  //! Bounds starting a plugin process and loading the plugin in it (hashing, checks).
  std::chrono::milliseconds loadTimeout{30'000};
};

//! Process isolation with the clock and grace period of the in-process host's options.
ProcessHostOptions processHostOptions(const plugin_host::HostOptions& host);

//! How to start a plugin process under `options` (its log level follows dsrflow's logger).
ProcessSettings processSettings(const ProcessHostOptions& options, std::uint64_t memoryLimit,
                                std::string tag);

}  // namespace dsrflow::plugin_isolation
