#pragma once
// Every read of the current time goes through a Clock so that deadline, retry and retention
// logic is tested against a clock the test controls, never against wall time.

#include <chrono>
#include <mutex>

namespace dsrflow {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

//! Source of the current UTC time. Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual TimePoint now() const = 0;
};

//! Wall-clock time; the only place that calls system_clock::now().
class SystemClock final : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

//! A clock that moves only when told to; for tests and simulations.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
  [[nodiscard]] TimePoint now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void set(TimePoint t) {
    std::lock_guard lock(mutex_);
    now_ = t;
  }
  void advance(std::chrono::milliseconds d) {
    std::lock_guard lock(mutex_);
    now_ += d;
  }

 private:
  mutable std::mutex mutex_;
  TimePoint now_;
};

}  // namespace dsrflow
