// The plugin process loads plugins with the in-process host's checks, so every refusal comes
// back with the same code and message as in process.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "isolation_fixture.hpp"
#include "plugin_host/plugin_json.hpp"

namespace dsrflow::plugin_isolation::testing {
namespace {

using ::testing::HasSubstr;

class LoadErrorTest : public IsolationTest {
 protected:
  //! Loads `spec` in process and out of process; both must refuse it alike.
  Error expectSameRefusal(const PluginSpec& spec) {
    HostOptions host;
    host.quarantine = new Quarantine();  // NOLINT: never destroyed, as in the host's tests
    InProcessLoader inProcess(host);
    ProcessLoader outOfProcess(testOptions());
    auto here = inProcess.load(spec);
    auto there = outOfProcess.load(spec);
    EXPECT_FALSE(here.ok());
    EXPECT_FALSE(there.ok());
    if (here.ok() || there.ok()) return Error{};
    EXPECT_EQ(there.error().code, here.error().code);
    EXPECT_EQ(there.error().message, here.error().message);
    return there.error();
  }
};

TEST_F(LoadErrorTest, DescriptorProblems) {
  for (const char* built :
       {plugins::kBadAbiMajorPlugin, plugins::kNewerMinorPlugin,
        plugins::kBadDescriptorNullNamePlugin, plugins::kBadDescriptorNoInvokePlugin,
        plugins::kBadDescriptorSmallStructPlugin, plugins::kNoEntryPlugin,
        plugins::kBadManifestPlugin}) {
    SCOPED_TRACE(built);
    const Error error = expectSameRefusal(PluginSpec{dir_.copy(built), ""});
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  }
}

TEST_F(LoadErrorTest, MissingFile) {
  const Error error = expectSameRefusal(PluginSpec{dir_.path() / "missing.so", ""});
  EXPECT_EQ(error.code, ErrorCode::kNotFound);
}

TEST_F(LoadErrorTest, Sha256Pin) {
  const Error error =
      expectSameRefusal(PluginSpec{dir_.copy(plugins::kGoodPlugin), std::string(64, 'a')});
  EXPECT_EQ(error.code, ErrorCode::kPermissionDenied);
}

TEST_F(LoadErrorTest, NotASharedLibrary) {
  const auto path = dir_.path() / "text.so";
  std::ofstream(path) << "not an ELF file\n";
  std::filesystem::permissions(path, std::filesystem::perms(0644));
  expectSameRefusal(PluginSpec{path, ""});
}

TEST_F(LoadErrorTest, DirectoryOthersCanWrite) {
  const auto path = dir_.copy(plugins::kGoodPlugin);
  std::filesystem::permissions(dir_.path(), std::filesystem::perms(0777));
  const Error error = expectSameRefusal(PluginSpec{path, ""});
  std::filesystem::permissions(dir_.path(), std::filesystem::perms(0700));
  EXPECT_EQ(error.code, ErrorCode::kPermissionDenied);
}

TEST_F(LoadErrorTest, ConfigAndCreateFailuresMatchInProcess) {
  const auto path = dir_.copy(plugins::kGoodPlugin);
  HostOptions host;
  host.quarantine = new Quarantine();  // NOLINT
  InProcessLoader inProcessLoader(host);
  auto here = inProcessLoader.load(PluginSpec{path, ""});
  auto there = ProcessLoader(testOptions()).load(PluginSpec{path, ""});
  ASSERT_TRUE(here.ok() && there.ok());
  EXPECT_EQ(toJson((*there)->info()), toJson((*here)->info()));

  // Not an object: refused by the plugin's config schema.
  // A bad erase_mode: the plugin's create fails with its reason.
  for (const std::string config : {R"([1])", R"({"erase_mode":"sometimes"})"}) {
    SCOPED_TRACE(config);
    auto a = (*here)->createInstance(instanceOptions("crm", config));
    auto b = (*there)->createInstance(instanceOptions("crm", config));
    ASSERT_FALSE(a.ok());
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.error().code, a.error().code);
    EXPECT_EQ(b.error().message, a.error().message);
  }
}

TEST_F(LoadErrorTest, AFileReplacedAfterLoadingIsRefusedForNewInstances) {
  const auto path = dir_.copy(plugins::kGoodPlugin);
  auto plugin = ProcessLoader(testOptions()).load(PluginSpec{path, ""});
  ASSERT_TRUE(plugin.ok()) << plugin.error().message;
  std::filesystem::copy_file(plugins::kCMinimalPlugin, path,
                             std::filesystem::copy_options::overwrite_existing);
  auto instance = (*plugin)->createInstance(instanceOptions());
  ASSERT_FALSE(instance.ok());
  EXPECT_EQ(instance.error().code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(instance.error().message, HasSubstr("sha256"));
}

TEST_F(LoadErrorTest, AMissingDsrflowBinaryIsAClearError) {
  ProcessHostOptions options = testOptions();
  options.executable = dir_.path() / "no-dsrflow";
  auto plugin = ProcessLoader(options).load(PluginSpec{dir_.copy(plugins::kGoodPlugin), ""});
  ASSERT_FALSE(plugin.ok());
  EXPECT_EQ(plugin.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(plugin.error().message, HasSubstr("cannot start the plugin process"));
}

}  // namespace
}  // namespace dsrflow::plugin_isolation::testing
