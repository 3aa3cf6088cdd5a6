// A plugin is data before it is code: refusals of descriptors, ABI versions and manifests.
#include "plugin_host/descriptor_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "plugin_host/in_process_loader.hpp"
#include "plugin_host_fixture.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::plugin_host {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::PluginDir;
namespace fs = std::filesystem;

class DescriptorTest : public ::testing::Test {
 protected:
  Error refusal(const char* built) {
    const fs::path path = dir_.copy(built);
    auto plugin = loader_.load(PluginSpec{path, ""});
    EXPECT_FALSE(plugin.ok()) << built;
    if (plugin.ok()) return Error{};
    EXPECT_THAT(plugin.error().message, HasSubstr(path.string()));
    return plugin.error();
  }

  PluginDir dir_;
  InProcessLoader loader_{testing::testHost()};
};

TEST_F(DescriptorTest, LoadsAGoodPluginAndDescribesIt) {
  const fs::path path = dir_.copy(testing::kScriptedPlugin);
  auto plugin = loader_.load(PluginSpec{path, ""});
  ASSERT_TRUE(plugin.ok()) << plugin.error().message;
  const PluginInfo& info = (*plugin)->info();
  EXPECT_EQ(info.name, "org.dsrflow.test.scripted");
  EXPECT_EQ(info.version, "1.0.0");
  EXPECT_EQ(info.abiMajor, DSRFLOW_ABI_MAJOR);
  EXPECT_EQ(info.abiMinor, DSRFLOW_ABI_MINOR);
  EXPECT_EQ(info.actions(), (std::vector<Action>{Action::kAccess, Action::kErase, Action::kStatus,
                                                 Action::kTestConnection}));
  EXPECT_TRUE(info.supports(Action::kErase));
  EXPECT_FALSE(info.supports(Action::kRectify));
  EXPECT_TRUE(info.handlesCallbacks);
  EXPECT_THAT(info.configSchemaJson, HasSubstr("behaviour"));
  EXPECT_THAT(info.manifestJson, HasSubstr("processor"));
  EXPECT_EQ(info.path, path);
  EXPECT_EQ(info.sha256.size(), 64U);
  EXPECT_FALSE((*plugin)->quarantined());
}

TEST_F(DescriptorTest, LoadsEveryWellFormedTestPluginAndRefusesTheRest) {
  // Loading runs no action, so even the crashing plugins may be loaded in process.
  const std::set<std::string> refused = {"bad_abi_major",
                                         "newer_minor",
                                         "bad_descriptor_null_name",
                                         "bad_descriptor_no_invoke",
                                         "no_entry",
                                         "bad_descriptor_small_struct",
                                         "bad_manifest"};
  for (const auto& [name, built] : plugins::kAllTestPlugins) {
    const fs::path path = dir_.copy(built);
    auto plugin = loader_.load(PluginSpec{path, ""});
    EXPECT_EQ(plugin.ok(), refused.count(name) == 0)
        << name << ": " << (plugin.ok() ? "loaded" : plugin.error().message);
    if (!plugin.ok()) {
      EXPECT_THAT(plugin.error().message, HasSubstr(path.string()));
    }
  }
}

TEST_F(DescriptorTest, RefusesAnotherAbiMajor) {
  const Error e = refusal(plugins::kBadAbiMajorPlugin);
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(e.message, AllOf(HasSubstr("built for plugin ABI 2.0"),
                               HasSubstr("this host implements ABI 1.0"),
                               HasSubstr("major version must match")));
}

TEST_F(DescriptorTest, RefusesANewerMinor) {
  EXPECT_THAT(refusal(plugins::kNewerMinorPlugin).message,
              AllOf(HasSubstr("built for plugin ABI 1.99"), HasSubstr("newer than this host's")));
}

TEST_F(DescriptorTest, RefusesADescriptorWithoutInvoke) {
  EXPECT_THAT(refusal(plugins::kBadDescriptorNoInvokePlugin).message,
              HasSubstr("org.dsrflow.test.raw 1.0.0: descriptor lacks create, destroy or invoke"));
}

TEST_F(DescriptorTest, RefusesADescriptorWithoutName) {
  EXPECT_THAT(refusal(plugins::kBadDescriptorNullNamePlugin).message,
              HasSubstr("descriptor has no name"));
}

TEST_F(DescriptorTest, RefusesADescriptorSmallerThanAbi10) {
  EXPECT_THAT(refusal(plugins::kBadDescriptorSmallStructPlugin).message,
              AllOf(HasSubstr("descriptor struct_size"), HasSubstr("smaller than ABI 1.0's")));
}

TEST_F(DescriptorTest, RefusesANameThatIsNotReverseDns) {
  EXPECT_THAT(refusal(testing::kBadNamePlugin).message, HasSubstr("not a reverse-DNS name"));
}

TEST_F(DescriptorTest, RefusesALibraryWithoutTheEntrySymbol) {
  EXPECT_THAT(refusal(plugins::kNoEntryPlugin).message,
              AllOf(HasSubstr("exports no dsrflow_plugin_entry"), HasSubstr("dsrflow plugin?")));
}

TEST_F(DescriptorTest, RefusesAnInvalidManifest) {
  EXPECT_THAT(refusal(plugins::kBadManifestPlugin).message,
              AllOf(HasSubstr("org.dsrflow.test.bad_manifest 1.0.0: manifest invalid"),
                    HasSubstr("<root>")));
}

TEST_F(DescriptorTest, RefusesAConfigSchemaThatIsNotJson) {
  EXPECT_THAT(refusal(testing::kBadConfigSchemaPlugin).message,
              AllOf(HasSubstr("config schema"), HasSubstr("not JSON")));
}

TEST_F(DescriptorTest, RefusesAFileThatIsNoSharedLibrary) {
  const fs::path text = dir_.path() / "notes.so";
  dsrflow::testing::writeFile(text, "not an ELF file\n");
  auto plugin = loader_.load(PluginSpec{text, ""});
  ASSERT_FALSE(plugin.ok());
  EXPECT_THAT(plugin.error().message,
              AllOf(HasSubstr(text.string()), HasSubstr("cannot load it as a shared library")));
  EXPECT_THAT(plugin.error().message, ::testing::Not(HasSubstr("/proc/self/fd")));
}

TEST(ReverseDnsName, AcceptsDottedLowerCaseLabels) {
  EXPECT_TRUE(isReverseDnsName("com.example.crm"));
  EXPECT_TRUE(isReverseDnsName("org.dsrflow.test_plugin-2"));
  EXPECT_FALSE(isReverseDnsName("crm"));
  EXPECT_FALSE(isReverseDnsName("Com.example"));
  EXPECT_FALSE(isReverseDnsName("com..example"));
  EXPECT_FALSE(isReverseDnsName("com.example."));
  EXPECT_FALSE(isReverseDnsName("1com.example"));
  EXPECT_FALSE(isReverseDnsName("com.exa mple"));
  EXPECT_FALSE(isReverseDnsName(std::string(300, 'a') + ".b"));
}

TEST(DescriptorCheck, RefusesANullDescriptor) {
  auto checked = checkDescriptor(nullptr, "/x/p.so", "");
  ASSERT_FALSE(checked.ok());
  EXPECT_THAT(checked.error().message, HasSubstr("returned no descriptor"));
}

}  // namespace
}  // namespace dsrflow::plugin_host
