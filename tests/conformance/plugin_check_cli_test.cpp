// `dsrflow plugin check`, the real binary: the table on stdout, exit 0 when every check passes
// (or is skipped), 1 when one fails (also when the plugin crashes: the command survives), 2 for
// usage errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/fixtures.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "test_plugins.hpp"

namespace dsrflow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::ProcessResult;

ProcessResult check(std::vector<std::string> args) {
  args.insert(args.begin(), {"plugin", "check"});
  return testing::runProcess(DSRFLOW_BINARY, args, {{"DSRFLOW_CONFIG", ""}});
}

// Quick limits, so that nothing here waits long.
std::vector<std::string> quick(std::vector<std::string> args) {
  for (const char* a : {"--timeout", "1000", "--stop-bound", "1000"}) args.emplace_back(a);
  return args;
}

TEST(PluginCheckCliTest, WellBehavedPluginPassesEveryCheck) {
  auto r = check(quick({testing::kGoodPlugin, "--email", "Ada@Example.com"}));
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("CHECK        RESULT  DETAIL\n"));
  EXPECT_THAT(r.out, HasSubstr("access       pass    completed, 3 records\n"));
  EXPECT_THAT(r.out, HasSubstr("erase_twice  pass    first erased, then not_found\n"));
  EXPECT_THAT(r.out, HasSubstr("9 checks: 9 passed, 0 failed, 0 skipped\n"));
  EXPECT_THAT(r.out, Not(HasSubstr("ada@example.com")));  // the subject is never printed
}

TEST(PluginCheckCliTest, AViolationFailsItsCheckAndTheCommand) {
  auto r = check(quick({testing::kEraseNotIdempotentPlugin, "--email", "ada@example.com"}));
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("erase_twice  FAIL    the second erase failed"));
  EXPECT_THAT(r.out, HasSubstr("9 checks: 8 passed, 1 failed, 0 skipped\n"));
}

TEST(PluginCheckCliTest, ACrashingPluginFailsChecksNotTheCommand) {
  auto r = check(quick({testing::kCrashSegvPlugin}));
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("access       FAIL    crashed (SIGSEGV) during: invoke access"));
  EXPECT_THAT(r.out, HasSubstr("9 checks: 3 passed, 5 failed, 1 skipped\n"));
}

TEST(PluginCheckCliTest, ProcessIsolationReportsTheCrashFromThePluginProcess) {
  auto r = check(quick({testing::kCrashSegvPlugin, "--isolation", "process"}));
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("access answered with crashed: the plugin process died of SIGSEGV"));
  EXPECT_THAT(r.out, HasSubstr("9 checks: 3 passed, 5 failed, 1 skipped\n"));
  auto good =
      check(quick({testing::kGoodPlugin, "--isolation", "process", "--customer-id", "c-1"}));
  EXPECT_EQ(good.exitCode, 0) << good.out << good.err;
}

TEST(PluginCheckCliTest, RefusedPluginsFailTheDescriptorCheck) {
  auto r = check({testing::kNoEntryPlugin});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("descriptor   FAIL    it exports no dsrflow_plugin_entry"));
  auto pinned = check({testing::kGoodPlugin, "--sha256", std::string(64, '0')});
  EXPECT_EQ(pinned.exitCode, 1) << pinned.out << pinned.err;
  EXPECT_THAT(pinned.out, HasSubstr("descriptor   FAIL    the host refuses the file"));
}

TEST(PluginCheckCliTest, RunsOnlyTheChecksAskedFor) {
  auto r = check({testing::kBadManifestPlugin, "--check", "descriptor", "--check", "manifest"});
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("manifest     FAIL    the manifest does not match the schema"));
  EXPECT_THAT(r.out, HasSubstr("2 checks: 1 passed, 1 failed, 0 skipped\n"));
}

TEST(PluginCheckCliTest, TakesTheConfigFromAFile) {
  testing::TempDir dir;
  const auto config = dir / "hello.json";
  testing::writeFile(config,
                     R"({"people": [{"id": "c-7", "email": "kit@example.org", "name": "Kit"}]})");
  auto r = check(quick({testing::kHelloConnectorPlugin, "--plugin-config", config.string(),
                        "--customer-id", "c-7"}));
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("access       pass    completed, 1 records\n"));
  // A config the plugin's schema refuses fails the config check (and the checks that create).
  auto refused = check(quick({testing::kHelloConnectorPlugin, "--config-json", R"({"x": 1})"}));
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_THAT(refused.out, HasSubstr("config       FAIL    the given config does not match"));
}

TEST(PluginCheckCliTest, ChecksAConfiguredSystem) {
  testing::TempDir dir;
  const auto config = dir / "dsrflow.yaml";
  testing::writeFile(config, "data_dir: " + (dir / "data").string() +
                                 "\ncontrollers:\n  - {id: acme, name: ACME GmbH}\n"
                                 "systems:\n  - id: crm\n    plugin: " +
                                 std::string(testing::kGoodPlugin) +
                                 "\n    timeout: 2s\n    config: {erase_mode: deferred}\n");
  auto r = testing::runProcess(DSRFLOW_BINARY,
                               {"--config", config.string(), "plugin", "check", "--system", "crm",
                                "--email", "grace@example.com"},
                               {{"DSRFLOW_CONFIG", ""}});
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("erase_twice  pass    first deferred, then not_found\n"));
  auto unknown = testing::runProcess(
      DSRFLOW_BINARY, {"--config", config.string(), "plugin", "check", "--system", "nope"},
      {{"DSRFLOW_CONFIG", ""}});
  EXPECT_EQ(unknown.exitCode, 2);
}

TEST(PluginCheckCliTest, ListsTheChecks) {
  auto r = check({"--list"});
  EXPECT_EQ(r.exitCode, 0);
  for (const char* id : {"descriptor", "manifest", "config", "access", "records", "not_found",
                         "errors", "timeouts", "erase_twice"}) {
    EXPECT_THAT(r.out, HasSubstr(std::string(id) + " ")) << id;
  }
}

TEST(PluginCheckCliTest, UsageErrorsExitWithTwo) {
  const std::string good = testing::kGoodPlugin;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {},
           {good, "--system", "crm"},
           {good, "--check", "nonsense"},
           {good, "--timeout", "0"},
           {good, "--timeout", "soon"},
           {good, "--config-json", "[1]"},
           {good, "--config-json", "{}", "--plugin-config", "x.json"},
           {good, "--plugin-config", "/nonexistent/config.json"},
           {good, "--isolation", "container"},
           {good, "--email", "not an address"},
           {good, "--unknown"},
       }) {
    auto r = check(args);
    EXPECT_EQ(r.exitCode, 2) << ::testing::PrintToString(args) << r.out << r.err;
  }
}

}  // namespace
}  // namespace dsrflow
