#pragma once
// Runs a call into plugin code on a thread of its own so that the caller can stop waiting: the
// only way to survive an in-process plugin that never returns is to leave it behind.

#include <chrono>
#include <functional>
#include <optional>
#include <stop_token>

namespace dsrflow::plugin_host {

enum class StopCause { kTimeout, kCancelled };

struct RunLimits {
  std::chrono::milliseconds timeout{0};  //!< until the body is told to stop
  std::chrono::milliseconds grace{0};    //!< after that, until it is abandoned
  std::stop_token cancellation;          //!< stops the body early
};

struct RunEnd {
  enum Kind { kReturned, kAbandoned, kNotStarted } kind = kNotStarted;
  std::optional<StopCause> stopped;  //!< set when onStop was called
};

//! Runs `body` on a new, detached thread and waits until it returns; when the timeout passes
//! or the cancellation fires first, calls `onStop` (once, on the caller's thread) and waits up
//! to `grace` more. kAbandoned: the body is still running and is left behind -- it owns copies
//! of everything it captured, so capture shared_ptrs, never references to the caller's stack.
//! kNotStarted: no thread could be created.
RunEnd runGuarded(std::function<void()> body, const RunLimits& limits,
                  const std::function<void(StopCause)>& onStop);

}  // namespace dsrflow::plugin_host
