#include "plugin_host/guarded_run.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

namespace dsrflow::plugin_host {
namespace {

struct Completion {
  std::mutex mutex;
  std::condition_variable changed;
  bool done = false;
  bool cancelled = false;
};

}  // namespace

RunEnd runGuarded(std::function<void()> body, const RunLimits& limits,
                  const std::function<void(StopCause)>& onStop) {
  auto completion = std::make_shared<Completion>();
  try {
    std::thread([completion, body = std::move(body)]() mutable {
      body();
      // Drop what the body captured before reporting, so that when the caller sees the call
      // finished this thread no longer holds the instance or the library.
      body = nullptr;
      {
        std::lock_guard lock(completion->mutex);
        completion->done = true;
      }
      completion->changed.notify_all();
    }).detach();
  } catch (const std::system_error&) {
    return RunEnd{RunEnd::kNotStarted, std::nullopt};
  }

  std::stop_callback onCancel(limits.cancellation, [completion] {
    {
      std::lock_guard lock(completion->mutex);
      completion->cancelled = true;
    }
    completion->changed.notify_all();
  });
  std::unique_lock lock(completion->mutex);
  // Real waiting uses the steady clock: wall-clock jumps must not cut calls short.
  completion->changed.wait_for(lock, limits.timeout,
                               [&] { return completion->done || completion->cancelled; });
  if (completion->done) return RunEnd{RunEnd::kReturned, std::nullopt};
  const StopCause cause = completion->cancelled ? StopCause::kCancelled : StopCause::kTimeout;
  lock.unlock();
  onStop(cause);
  lock.lock();
  completion->changed.wait_for(lock, limits.grace, [&] { return completion->done; });
  return RunEnd{completion->done ? RunEnd::kReturned : RunEnd::kAbandoned, cause};
}

}  // namespace dsrflow::plugin_host
