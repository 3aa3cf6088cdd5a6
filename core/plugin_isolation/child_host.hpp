#pragma once
// The plugin process's side (`dsrflow plugin-host`): it loads one plugin with the in-process
// host (the same checks: file trust, sha256 pin, descriptor, schema), creates the one instance
// of its system and runs each call it is sent, streaming records, logs and poll requests back.

#include <chrono>
#include <cstdint>

#include "model/result.hpp"

namespace dsrflow::plugin_isolation {

struct ChildHostOptions {
  //! The in-process host's grace period. dsrflow passes more than its own, so that it kills a
  //! call that does not stop before the child would abandon it.
  std::chrono::milliseconds grace{7'000};
};

//! Limits the process's address space (RLIMIT_AS, soft and hard) to `bytes`; 0: no limit. Also
//! keeps glibc to two malloc arenas, so that threads do not reserve the limit away. Call before
//! loading any plugin.
Status applyMemoryLimit(std::uint64_t bytes);

//! Serves requests from `input` (dsrflow's frames) on `output` until `input` closes; takes over
//! both descriptors. Returns the process's exit code.
int runChildHost(int input, int output, const ChildHostOptions& options);

}  // namespace dsrflow::plugin_isolation
