#include <gtest/gtest.h>

#include "engine/task_runner.hpp"

namespace dsrflow {
namespace {

using namespace std::chrono_literals;

TEST(RetryDelay, DoublesWithJitterWithinTwentyPercent) {
  RetryPolicy policy;
  policy.firstDelay = 10s;
  for (int attempt = 1; attempt <= 5; ++attempt) {
    const auto nominal = 10s * (1 << (attempt - 1));
    for (const char* task : {"t-1", "t-2", "t-3"}) {
      const auto d = retryDelay(policy, task, attempt);
      EXPECT_GE(d, nominal * 8 / 10) << task << " attempt " << attempt;
      EXPECT_LE(d, nominal * 12 / 10) << task << " attempt " << attempt;
      EXPECT_EQ(d, retryDelay(policy, task, attempt)) << "deterministic";
    }
  }
  EXPECT_NE(retryDelay(policy, "t-1", 1), retryDelay(policy, "t-2", 1))
      << "different tasks spread out";
}

}  // namespace
}  // namespace dsrflow
