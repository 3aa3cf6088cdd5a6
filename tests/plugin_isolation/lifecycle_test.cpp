// A plugin process's life: started by the registry for `isolation: process`, its stderr in
// dsrflow's log, ended and reaped with its instance, and gone when dsrflow is.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "config/config.hpp"
#include "isolation_fixture.hpp"
#include "log/logger.hpp"
#include "plugin_host/plugin_registry.hpp"
#include "plugin_isolation/process_requests.hpp"
#include "plugin_isolation/protocol.hpp"

namespace dsrflow::plugin_isolation::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(IsolationTest, TheRegistryRunsProcessIsolatedSystemsInTheirOwnProcesses) {
  HostOptions host;
  host.quarantine = new Quarantine();  // NOLINT: never destroyed, as in the host's tests
  PluginRegistry registry(std::make_shared<InProcessLoader>(host),
                          makeProcessLoader(testOptions()));
  config::SystemConfig isolated;
  isolated.id = "crm";
  isolated.plugin = dir_.copy(plugins::kGoodPlugin);
  isolated.isolation = config::Isolation::kProcess;
  isolated.memoryLimit = 512 * kMiB;
  config::SystemConfig inProcess = isolated;
  inProcess.id = "shop";
  inProcess.isolation = config::Isolation::kInProcess;
  inProcess.memoryLimit = 0;
  EXPECT_TRUE(registry.openAll({isolated, inProcess}).empty());

  auto crm = registry.instance("crm");
  ASSERT_TRUE(crm);
  auto* process = dynamic_cast<ProcessInstance*>(crm.get());
  ASSERT_NE(process, nullptr);
  EXPECT_EQ(dynamic_cast<ProcessInstance*>(registry.instance("shop").get()), nullptr);
  const std::string limits =
      dsrflow::testing::readFile("/proc/" + std::to_string(process->processId()) + "/limits");
  EXPECT_THAT(limits, ::testing::ContainsRegex("Max address space +536870912"));

  CollectingSink sink;
  auto result = crm->invoke(sampleRequest(Action::kAccess), {}, sink);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->outcome, Outcome::kCompleted);
  EXPECT_EQ(sink.records.size(), 3U);
}

TEST_F(IsolationTest, RegistryErrorsNameTheSystem) {
  PluginRegistry registry(nullptr, makeProcessLoader(testOptions()));
  config::SystemConfig system;
  system.id = "crm";
  system.plugin = dir_.path() / "missing.so";
  system.isolation = config::Isolation::kProcess;
  system.location = {"dsrflow.yaml", 12};
  auto opened = registry.open(system);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kNotFound);
  EXPECT_THAT(opened.error().message, HasSubstr("system 'crm' (dsrflow.yaml:12): "));
}

TEST_F(IsolationTest, InstancesEndTheirProcessesAndLeaveNoZombies) {
  pid_t pids[2] = {-1, -1};
  {
    auto plugin = load(plugins::kGoodPlugin);
    ASSERT_TRUE(plugin);
    auto first = create(*plugin, instanceOptions("a"));
    auto second = create(*plugin, instanceOptions("b"));
    ASSERT_TRUE(first && second);
    pids[0] = processOf(*first).processId();
    pids[1] = processOf(*second).processId();
    EXPECT_TRUE(processExists(pids[0]));
    EXPECT_TRUE(processExists(pids[1]));
  }
  EXPECT_FALSE(processExists(pids[0]));
  EXPECT_FALSE(processExists(pids[1]));
  EXPECT_TRUE(noChildrenLeft());
}

TEST_F(IsolationTest, APluginProcessExitsWhenItsStdinCloses) {
  auto started = PluginProcess::start(processSettings(testOptions(), 0, "crm"));
  ASSERT_TRUE(started.ok()) << started.error().message;
  PluginProcess& process = **started;
  auto info = requestLoad(process, PluginSpec{dir_.copy(plugins::kGoodPlugin), ""},
                          std::chrono::steady_clock::now() + 30s);
  ASSERT_TRUE(info.ok()) << info.error().message;
  ASSERT_TRUE(
      requestCreate(process, instanceOptions(), std::chrono::steady_clock::now() + 30s, 0).ok());
  // As when dsrflow dies: its end of the pipe closes; the child destroys its instance and exits.
  const ExitStatus status = process.stop(20s);
  EXPECT_EQ(status.describe(), "exited normally");
}

TEST_F(IsolationTest, AnOldProtocolIsRefused) {
  auto started = PluginProcess::start(processSettings(testOptions(), 0, "crm"));
  ASSERT_TRUE(started.ok()) << started.error().message;
  Poco::JSON::Object header = frameHeader(frame::kLoad);
  header.set("protocol", 0);
  const ExchangeEnd end =
      (*started)->exchange(encodeFrame(header), {std::chrono::steady_clock::now() + 30s, {}, {}},
                           [](const Frame&, PluginProcess&) { return Status{Ok{}}; });
  ASSERT_EQ(end.kind, ExchangeEnd::kReply);
  EXPECT_THAT(decodeError(end.reply).message, HasSubstr("plugin host speaks protocol 1"));
}

TEST_F(IsolationTest, ThePluginProcessLogsToDsrflowsLogTaggedWithTheSystem) {
  std::ostringstream log;
  Logger::instance().configure(LogLevel::kInfo, &log);
  {
    auto plugin = load(plugins::kGoodPlugin);
    ASSERT_TRUE(plugin);
    auto instance = create(*plugin, instanceOptions("crm-eu"));
    ASSERT_TRUE(instance);
    CollectingSink sink;
    invoke(*instance, sampleRequest(Action::kAccess), sink);
  }  // ending the process joins its stderr reader
  Logger::instance().configure(LogLevel::kInfo, &std::cerr);
  const std::string text = log.str();
  // The plugin's own line "access", logged in the child, reached dsrflow's log.
  EXPECT_THAT(text, ::testing::ContainsRegex(
                        "msg=\"plugin process output\" system=crm-eu pid=[0-9]+ line=.*access"));
  EXPECT_THAT(text, HasSubstr("msg=\"plugin instance created in its own process\""));
  EXPECT_THAT(text, Not(HasSubstr("ada@example.com")));
}

TEST_F(IsolationTest, ThePluginProcessHasNoSecretsInItsEnvironment) {
  ::setenv("DSRFLOW_SECRET_CRM_API_TOKEN", "s3cret", 1);
  auto plugin = load(plugins::kGoodPlugin);
  ASSERT_TRUE(plugin);
  InstanceOptions options = instanceOptions("crm", R"({"secret":"api_token"})");
  options.secrets = std::make_shared<EnvironmentSecretStore>();
  auto instance = create(*plugin, options);
  ASSERT_TRUE(instance);
  const std::string environment = dsrflow::testing::readFile(
      "/proc/" + std::to_string(processOf(*instance).processId()) + "/environ");
  EXPECT_THAT(environment, Not(HasSubstr("s3cret")));
  // read_secret is answered by dsrflow's store, which reads dsrflow's environment.
  DiscardingSink sink;
  const CallResult found = invoke(*instance, sampleRequest(Action::kTestConnection), sink);
  EXPECT_EQ(found.outcome, Outcome::kCompleted) << found.reason;
  ::unsetenv("DSRFLOW_SECRET_CRM_API_TOKEN");
  const CallResult gone = invoke(*instance, sampleRequest(Action::kTestConnection), sink);
  EXPECT_EQ(gone.reason, "the configured secret is not set");
}

}  // namespace
}  // namespace dsrflow::plugin_isolation::testing
