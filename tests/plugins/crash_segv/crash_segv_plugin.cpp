// crash_segv: access dereferences a null pointer (SIGSEGV). Only run it isolated in a child
// process: in process it takes the host down, which is the point of isolation.

#include <dsrflow/connector.hpp>

#include "common/metadata.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

class CrashSegvPlugin final : public Connector {
 public:
  Outcome access(Call& call, const ActionRequest&) override {
    call.info("about to crash");
    // Through a volatile pointer, so the compiler cannot turn the fault into a trap or drop it.
    volatile int* volatile target = nullptr;
    *target = 42;
    return Outcome::completed();
  }
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::CrashSegvPlugin, "org.dsrflow.test.crash_segv", "1.0.0",
                  dsrflow::test_plugins::kOpenConfigSchema, dsrflow::test_plugins::kManifest)
