#pragma once
// One circuit breaker per system: after `threshold` failures in a row the system is left alone
// for `cooldown` (its tasks wait instead of piling more calls onto something that is down);
// then one call is let through, and a success closes the circuit again.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "model/clock.hpp"

namespace dsrflow {

class CircuitBreaker {
 public:
  CircuitBreaker(std::shared_ptr<const Clock> clock, int threshold = 5,
                 std::chrono::milliseconds cooldown = std::chrono::minutes(1));

  //! Whether a call to the system may go out now; when not, when it may.
  [[nodiscard]] bool allows(const std::string& systemId, TimePoint* retryAt = nullptr) const;
  void recordSuccess(const std::string& systemId);
  void recordFailure(const std::string& systemId);

 private:
  struct State {
    int failures = 0;
    TimePoint openUntil{};
  };
  std::shared_ptr<const Clock> clock_;
  int threshold_;
  std::chrono::milliseconds cooldown_;
  mutable std::mutex mutex_;
  std::map<std::string, State> states_;
};

}  // namespace dsrflow
