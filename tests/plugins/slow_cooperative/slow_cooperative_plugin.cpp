// slow_cooperative: access takes a while, sleeping in small steps and checking is_cancelled
// between them: it returns DSRFLOW_CANCELLED promptly when asked to stop, and completes (with
// no records) after duration_ms otherwise. Config: duration_ms (default 60000), step_ms
// (default 10).

#include <dsrflow/connector.hpp>

#include <chrono>
#include <cstdint>
#include <thread>

#include "common/metadata.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

class SlowCooperativePlugin final : public Connector {
 public:
  explicit SlowCooperativePlugin(const Config& config)
      : duration_(config.getInt("duration_ms", 60000)), step_(config.getInt("step_ms", 10)) {}

  Outcome access(Call& call, const ActionRequest&) override {
    auto end = std::chrono::steady_clock::now() + duration_;
    while (std::chrono::steady_clock::now() < end) {
      if (call.cancelled()) {
        call.info("cancelled, stopping");
        return Outcome::cancelled();
      }
      std::this_thread::sleep_for(step_);
    }
    return Outcome::completed();
  }

 private:
  std::chrono::milliseconds duration_;
  std::chrono::milliseconds step_;
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::SlowCooperativePlugin, "org.dsrflow.test.slow_cooperative",
                  "1.0.0", dsrflow::test_plugins::kOpenConfigSchema,
                  dsrflow::test_plugins::kManifest)
