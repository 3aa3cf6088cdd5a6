// read_secret: secrets come from the environment or a map, never from the plugin's config.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "plugin_host/in_process_loader.hpp"
#include "plugin_host/secret_store.hpp"
#include "plugin_host_fixture.hpp"

namespace dsrflow::plugin_host {
namespace {

using ::testing::HasSubstr;
using testing::sampleRequest;

TEST(SecretStoreTest, NamesTheEnvironmentVariableAfterSystemAndSecret) {
  EXPECT_EQ(secretEnvironmentVariable("crm", "api_token"), "DSRFLOW_SECRET_CRM_API_TOKEN");
  EXPECT_EQ(secretEnvironmentVariable("crm-eu", "oauth.client-secret"),
            "DSRFLOW_SECRET_CRM_EU_OAUTH_CLIENT_SECRET");
}

TEST(SecretStoreTest, ValidatesSecretNames) {
  EXPECT_TRUE(isValidSecretName("api_token"));
  EXPECT_TRUE(isValidSecretName("OAuth.client-secret2"));
  EXPECT_FALSE(isValidSecretName(""));
  EXPECT_FALSE(isValidSecretName("a b"));
  EXPECT_FALSE(isValidSecretName("../etc"));
  EXPECT_FALSE(isValidSecretName(std::string(129, 'a')));
}

TEST(SecretStoreTest, ReadsTheEnvironmentAtEachLookup) {
  EnvironmentSecretStore store;
  ::unsetenv("DSRFLOW_SECRET_ENVTEST_API_TOKEN");
  EXPECT_FALSE(store.secret("envtest", "api_token").has_value());
  ::setenv("DSRFLOW_SECRET_ENVTEST_API_TOKEN", "from-env", 1);
  EXPECT_EQ(store.secret("envtest", "api_token"), "from-env");
  ::unsetenv("DSRFLOW_SECRET_ENVTEST_API_TOKEN");
}

TEST(SecretStoreTest, AMapAnswersFirstAndFallsBack) {
  ::setenv("DSRFLOW_SECRET_MAPTEST_OTHER", "env-value", 1);
  MapSecretStore store({{{"maptest", "api_token"}, "map-value"}},
                       std::make_shared<EnvironmentSecretStore>());
  EXPECT_EQ(store.secret("maptest", "api_token"), "map-value");
  EXPECT_EQ(store.secret("maptest", "other"), "env-value");
  EXPECT_FALSE(store.secret("elsewhere", "api_token").has_value());
  ::unsetenv("DSRFLOW_SECRET_MAPTEST_OTHER");
}

class PluginSecretTest : public ::testing::Test {
 protected:
  CallResult run(std::shared_ptr<const SecretStore> secrets) {
    InstanceOptions options{.systemId = "crm",
                            .configJson = R"({"behaviour":"secret","expect_secret":"s3cret"})",
                            .secrets = std::move(secrets)};
    auto instance = plugin_->createInstance(options);
    if (!instance) {
      ADD_FAILURE() << instance.error().message;
      return {};
    }
    CollectingSink sink;
    return (*instance)->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink).value();
  }

  testing::PluginDir dir_;
  InProcessLoader loader_{testing::testHost()};
  std::shared_ptr<Plugin> plugin_ =
      testing::loadPlugin(loader_, dir_.copy(testing::kScriptedPlugin));
};

TEST_F(PluginSecretTest, ThePluginReadsASecretFromTheMap) {
  auto secrets = std::make_shared<MapSecretStore>(
      std::map<MapSecretStore::Key, std::string>{{{"crm", "api_token"}, "s3cret"}});
  EXPECT_EQ(run(secrets).outcome, Outcome::kCompleted);
}

TEST_F(PluginSecretTest, ThePluginReadsASecretFromTheEnvironment) {
  ::setenv("DSRFLOW_SECRET_CRM_API_TOKEN", "s3cret", 1);
  const CallResult result = run(std::make_shared<EnvironmentSecretStore>());
  ::unsetenv("DSRFLOW_SECRET_CRM_API_TOKEN");
  EXPECT_EQ(result.outcome, Outcome::kCompleted);
}

TEST_F(PluginSecretTest, AMissingSecretIsNotFound) {
  const CallResult result = run(std::make_shared<MapSecretStore>(
      std::map<MapSecretStore::Key, std::string>{{{"other-system", "api_token"}, "s3cret"}}));
  EXPECT_EQ(result.outcome, Outcome::kFailed);
  EXPECT_EQ(result.reason, "secret status 4");  // DSRFLOW_NOT_FOUND
  EXPECT_EQ(run(nullptr).reason, "secret status 4");
}

}  // namespace
}  // namespace dsrflow::plugin_host
