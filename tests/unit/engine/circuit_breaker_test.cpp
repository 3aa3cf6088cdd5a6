#include "engine/circuit_breaker.hpp"

#include <gtest/gtest.h>

namespace dsrflow {
namespace {

using namespace std::chrono_literals;

TEST(CircuitBreaker, OpensAfterRepeatedFailuresAndHalfOpensAfterTheCooldown) {
  auto clock = std::make_shared<ManualClock>(TimePoint(1'000'000ms));
  CircuitBreaker breaker(clock, 3, 1min);
  EXPECT_TRUE(breaker.allows("crm"));
  breaker.recordFailure("crm");
  breaker.recordFailure("crm");
  EXPECT_TRUE(breaker.allows("crm"));
  breaker.recordFailure("crm");
  TimePoint retryAt{};
  EXPECT_FALSE(breaker.allows("crm", &retryAt));
  EXPECT_EQ(retryAt, clock->now() + 1min);
  EXPECT_TRUE(breaker.allows("bi")) << "other systems are not affected";
  clock->advance(1min);
  EXPECT_TRUE(breaker.allows("crm")) << "half-open after the cooldown";
  breaker.recordFailure("crm");
  EXPECT_FALSE(breaker.allows("crm")) << "a failed probe opens it again";
  clock->advance(1min);
  breaker.recordSuccess("crm");
  EXPECT_TRUE(breaker.allows("crm"));
  breaker.recordFailure("crm");
  EXPECT_TRUE(breaker.allows("crm")) << "a success resets the count";
}

}  // namespace
}  // namespace dsrflow
