// throws: every action throws. access throws a std::runtime_error, erase throws an int (not a
// std::exception); with {"throw_in_create": true} the constructor throws too. The SDK must turn
// each into set_error + DSRFLOW_ERROR (or a NULL instance) without unwinding into the host.

#include <dsrflow/connector.hpp>

#include <stdexcept>

#include "common/metadata.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

class ThrowsPlugin final : public Connector {
 public:
  explicit ThrowsPlugin(const Config& config) {
    if (config.getBool("throw_in_create")) throw std::runtime_error("simulated failure in create");
  }
  Outcome access(Call&, const ActionRequest&) override {
    throw std::runtime_error("simulated connector failure");
  }
  Outcome erase(Call&, const ActionRequest&) override { throw 42; }
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::ThrowsPlugin, "org.dsrflow.test.throws", "1.0.0",
                  dsrflow::test_plugins::kOpenConfigSchema, dsrflow::test_plugins::kManifest)
