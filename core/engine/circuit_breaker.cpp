#include "engine/circuit_breaker.hpp"

namespace dsrflow {

CircuitBreaker::CircuitBreaker(std::shared_ptr<const Clock> clock, int threshold,
                               std::chrono::milliseconds cooldown)
    : clock_(std::move(clock)), threshold_(threshold), cooldown_(cooldown) {}

bool CircuitBreaker::allows(const std::string& systemId, TimePoint* retryAt) const {
  std::lock_guard lock(mutex_);
  auto it = states_.find(systemId);
  if (it == states_.end() || it->second.failures < threshold_) return true;
  if (clock_->now() >= it->second.openUntil) return true;  // half-open: one call goes out
  if (retryAt != nullptr) *retryAt = it->second.openUntil;
  return false;
}

void CircuitBreaker::recordSuccess(const std::string& systemId) {
  std::lock_guard lock(mutex_);
  states_.erase(systemId);
}

void CircuitBreaker::recordFailure(const std::string& systemId) {
  std::lock_guard lock(mutex_);
  State& s = states_[systemId];
  ++s.failures;
  if (s.failures >= threshold_) s.openUntil = clock_->now() + cooldown_;
}

}  // namespace dsrflow
