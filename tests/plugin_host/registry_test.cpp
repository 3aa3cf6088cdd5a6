// The registry turns configured systems into instances, with the loader's refusals attributed
// to the system and its place in the configuration.
#include "plugin_host/plugin_registry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin_host/in_process_loader.hpp"
#include "plugin_host_fixture.hpp"

namespace dsrflow::plugin_host {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::sampleRequest;

class RegistryTest : public ::testing::Test {
 protected:
  config::SystemConfig system(const std::string& id, const std::string& behaviour = "normal") {
    config::SystemConfig s;
    s.id = id;
    s.plugin = plugin_;
    s.pluginConfigJson = R"({"behaviour":")" + behaviour + R"("})";
    s.location = {"/etc/dsrflow/dsrflow.yaml", 42};
    return s;
  }

  testing::PluginDir dir_;
  std::filesystem::path plugin_ = dir_.copy(testing::kScriptedPlugin);
  PluginRegistry registry_{
      std::make_shared<InProcessLoader>(testing::testHost()), nullptr,
      std::make_shared<MapSecretStore>(std::map<MapSecretStore::Key, std::string>{})};
};

TEST_F(RegistryTest, OpensAnInstancePerSystemAndSharesThePlugin) {
  auto crm = registry_.open(system("crm"));
  auto bi = registry_.open(system("bi"));
  ASSERT_TRUE(crm.ok()) << crm.error().message;
  ASSERT_TRUE(bi.ok()) << bi.error().message;
  EXPECT_EQ(&(*crm)->plugin(), &(*bi)->plugin());
  EXPECT_EQ(registry_.instance("crm"), *crm);
  EXPECT_EQ(registry_.instance("nope"), nullptr);
  EXPECT_THAT(registry_.systemIds(), ElementsAre("bi", "crm"));
  CollectingSink sink;
  auto result =
      registry_.instance("bi")->invoke(sampleRequest(Action::kTestConnection), CallOptions{}, sink);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, Outcome::kCompleted);
}

TEST_F(RegistryTest, ReopeningASystemReplacesItsInstance) {
  auto first = registry_.open(system("crm"));
  auto second = registry_.open(system("crm", "error"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(registry_.instance("crm"), *second);
  EXPECT_NE(*first, *second);
}

TEST_F(RegistryTest, ErrorsNameTheSystemAndWhereItIsConfigured) {
  auto pinned = system("crm");
  pinned.sha256 = std::string(64, '0');
  auto result = registry_.open(pinned);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(result.error().message,
              AllOf(HasSubstr("system 'crm' (/etc/dsrflow/dsrflow.yaml:42)"),
                    HasSubstr("the configuration pins")));

  auto badConfig = system("bi", "no-such-behaviour");
  EXPECT_THAT(registry_.open(badConfig).error().message,
              AllOf(HasSubstr("system 'bi'"), HasSubstr("config does not match")));
}

TEST_F(RegistryTest, ProcessIsolationIsRefusedUntilItExists) {
  auto isolated = system("crm");
  isolated.isolation = config::Isolation::kProcess;
  auto result = registry_.open(isolated);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(result.error().message,
              AllOf(HasSubstr("system 'crm'"), HasSubstr("isolation: process")));
}

TEST_F(RegistryTest, OpenAllReportsOnlyTheSystemsThatFailed) {
  auto disabled = system("off", "no-such-behaviour");
  disabled.enabled = false;
  auto broken = system("broken");
  broken.plugin = dir_.path() / "missing.so";
  auto errors = registry_.openAll({system("crm"), disabled, broken});
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].code, ErrorCode::kNotFound);
  EXPECT_THAT(errors[0].message, HasSubstr("system 'broken'"));
  EXPECT_THAT(registry_.systemIds(), ElementsAre("crm"));
}

}  // namespace
}  // namespace dsrflow::plugin_host
