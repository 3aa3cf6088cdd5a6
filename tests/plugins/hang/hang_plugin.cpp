// hang: access never returns and never looks at cancellation (it sleeps in a loop, so a hung
// call costs no CPU). The host must time it out and abandon it; in process the thread stays
// stuck, so host tests should run it isolated or accept a leaked thread.

#include <dsrflow/connector.hpp>

#include <chrono>
#include <thread>

#include "common/metadata.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

class HangPlugin final : public Connector {
 public:
  Outcome access(Call& call, const ActionRequest&) override {
    call.info("hanging");
    while (true) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::HangPlugin, "org.dsrflow.test.hang", "1.0.0",
                  dsrflow::test_plugins::kOpenConfigSchema, dsrflow::test_plugins::kManifest)
