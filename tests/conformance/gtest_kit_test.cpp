// The GoogleTest face of the kit, used the way a vendor uses it: one registered test per check
// for each of the well-behaved plugins (all pass or skip).
#include "dsrflow/conformance/gtest.hpp"

#include "test_plugins.hpp"

namespace {

constexpr char kAda[] = R"({"type": "email", "format": "raw", "value": "ada@example.com"})";

DSRFLOW_CONFORMANCE_TESTS(GoodPluginConformance, dsrflow::testing::kGoodPlugin, "{}", kAda);
DSRFLOW_CONFORMANCE_TESTS(CMinimalPluginConformance, dsrflow::testing::kCMinimalPlugin, "{}", "");
DSRFLOW_CONFORMANCE_TESTS(
    HelloConnectorConformance, dsrflow::testing::kHelloConnectorPlugin,
    R"({"people": [{"id": "c-9", "email": "kit@example.org", "name": "Kit"}]})",
    R"([{"type": "customer_id", "format": "raw", "value": "c-9"}])");

// The good plugin in its deferred-erasure mode: erase answers deferred, then not_found.
[[maybe_unused]] const bool kDeferred = [] {
  dsrflow::conformance::Settings settings;
  settings.configJson = R"({"erase_mode": "deferred"})";
  settings.subjectJson = kAda;
  settings.callTimeout = std::chrono::milliseconds(2000);
  dsrflow::conformance::registerTests("GoodPluginDeferredConformance",
                                      dsrflow::testing::kGoodPlugin, settings);
  return true;
}();

}  // namespace
