// oom: access allocates memory and touches it, 64 MiB at a time, until an allocation fails;
// then it aborts (there is no graceful way out of memory exhaustion for this plugin). A host
// running it in a child process with a memory limit sees the child die. So that it cannot eat
// a shared test machine when no limit is set, it also aborts after max_mb (config, default
// 2048) MiB. Only run it isolated in a child process.

#include <dsrflow/connector.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "common/metadata.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

class OomPlugin final : public Connector {
 public:
  explicit OomPlugin(const Config& config) : maxMb_(config.getInt("max_mb", 2048)) {}

  Outcome access(Call& call, const ActionRequest&) override {
    call.info("allocating until out of memory");
    constexpr std::size_t kChunk = std::size_t{64} << 20;
    for (std::int64_t mb = 0;; mb += 64) {
      if (mb >= maxMb_) std::abort();
      void* chunk = std::malloc(kChunk);
      if (chunk == nullptr) std::abort();
      std::memset(chunk, 0xA5, kChunk);
      chunks_.push_back(chunk);  // kept, so the compiler cannot drop the allocation
    }
  }

 private:
  std::int64_t maxMb_;
  std::vector<void*> chunks_;
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::OomPlugin, "org.dsrflow.test.oom", "1.0.0",
                  dsrflow::test_plugins::kOpenConfigSchema, dsrflow::test_plugins::kManifest)
