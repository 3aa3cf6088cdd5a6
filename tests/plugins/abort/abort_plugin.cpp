// abort: access calls std::abort() (SIGABRT). Only run it isolated in a child process.

#include <dsrflow/connector.hpp>

#include <cstdlib>

#include "common/metadata.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

class AbortPlugin final : public Connector {
 public:
  Outcome access(Call& call, const ActionRequest&) override {
    call.info("about to abort");
    std::abort();
  }
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::AbortPlugin, "org.dsrflow.test.abort", "1.0.0",
                  dsrflow::test_plugins::kOpenConfigSchema, dsrflow::test_plugins::kManifest)
