// bad_manifest: a working plugin whose manifest lacks the required role, purposes and
// data_categories. The host's descriptor check must refuse it before creating an instance.

#include <dsrflow/connector.hpp>

#include "common/metadata.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

inline constexpr char kIncompleteManifest[] = R"({"system_kind": "crm"})";

class BadManifestPlugin final : public Connector {
 public:
  Outcome access(Call&, const ActionRequest&) override { return Outcome::notFound(); }
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::BadManifestPlugin, "org.dsrflow.test.bad_manifest",
                  "1.0.0", dsrflow::test_plugins::kOpenConfigSchema,
                  dsrflow::test_plugins::kIncompleteManifest)
