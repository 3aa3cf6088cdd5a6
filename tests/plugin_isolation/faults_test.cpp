// Plugins that crash, abort, run out of memory, hang or take long: each fails only its own
// call with a clear reason, the plugin process is restarted on the next call, and dsrflow and
// the other systems carry on.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <thread>

#include "isolation_fixture.hpp"

namespace dsrflow::plugin_isolation::testing {
namespace {

using ::testing::HasSubstr;

class FaultTest : public IsolationTest {
 protected:
  void SetUp() override {
    good_ = load(plugins::kGoodPlugin);
    ASSERT_TRUE(good_);
    goodInstance_ = create(*good_, instanceOptions("good"));
    ASSERT_TRUE(goodInstance_);
  }

  //! A call on another system still works.
  void expectOthersServed() {
    CollectingSink sink;
    const CallResult result = invoke(*goodInstance_, sampleRequest(Action::kAccess), sink);
    EXPECT_EQ(result.outcome, Outcome::kCompleted) << result.reason;
    EXPECT_EQ(sink.records.size(), 3U);
  }

  //! One access call on a fresh system of `built`.
  CallResult accessOnce(const char* built, const InstanceOptions& options,
                        const CallOptions& call = {}) {
    auto plugin = load(built);
    if (!plugin) return CallResult{};
    auto instance = create(*plugin, options);
    if (!instance) return CallResult{};
    CollectingSink sink;
    return invoke(*instance, sampleRequest(Action::kAccess), sink, call);
  }

  std::shared_ptr<Plugin> good_;
  std::unique_ptr<PluginInstance> goodInstance_;
};

TEST_F(FaultTest, ASegfaultFailsOnlyItsCallAndTheProcessIsRestarted) {
  auto plugin = load(plugins::kCrashSegvPlugin);
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions("crashy"));
  ASSERT_TRUE(instance);
  const pid_t first = processOf(*instance).processId();
  CollectingSink sink;
  const CallResult crashed = invoke(*instance, sampleRequest(Action::kAccess), sink);
  EXPECT_EQ(crashed.outcome, Outcome::kFailed);
  EXPECT_EQ(crashed.failure, CallFailure::kCrashed);
  EXPECT_THAT(crashed.reason, HasSubstr("plugin process died of SIGSEGV"));
  EXPECT_TRUE(crashed.retryable);
  // The plugin's log line before the crash made it across.
  ASSERT_FALSE(sink.logs.empty());
  EXPECT_EQ(sink.logs[0].second, "about to crash");
  EXPECT_EQ(processOf(*instance).processId(), -1);
  EXPECT_FALSE(processExists(first));  // reaped, no zombie
  expectOthersServed();

  // The next call starts a new process (and crashes it again: this plugin always does).
  const CallResult again = invoke(*instance, sampleRequest(Action::kAccess), sink);
  EXPECT_EQ(again.failure, CallFailure::kCrashed);
  EXPECT_EQ(processOf(*instance).restarts(), 1U);
  expectOthersServed();
}

TEST_F(FaultTest, AnAbortIsACrashWithItsSignal) {
  const CallResult result = accessOnce(plugins::kAbortPlugin, instanceOptions("aborting"));
  EXPECT_EQ(result.failure, CallFailure::kCrashed);
  EXPECT_THAT(result.reason, HasSubstr("plugin process died of SIGABRT"));
  expectOthersServed();
}

TEST_F(FaultTest, RunningOutOfMemoryHitsTheLimitAndFailsOnlyItsCall) {
  const CallResult result =
      accessOnce(plugins::kOomPlugin, instanceOptions("hungry", "{}", 30s, 256 * kMiB));
  EXPECT_EQ(result.failure, CallFailure::kCrashed);
  // The plugin aborts when malloc fails under the limit.
  EXPECT_THAT(result.reason, HasSubstr("plugin process died of SIGABRT"));
  EXPECT_THAT(result.reason, HasSubstr("memory limit 256 MiB"));
  expectOthersServed();
}

TEST_F(FaultTest, TheMemoryLimitIsSetOnThePluginProcess) {
  auto instance = create(*good_, instanceOptions("limited", "{}", 30s, 300 * kMiB));
  ASSERT_TRUE(instance);
  const pid_t pid = processOf(*instance).processId();
  const std::string limits = dsrflow::testing::readFile("/proc/" + std::to_string(pid) + "/limits");
  EXPECT_THAT(limits, ::testing::ContainsRegex("Max address space +314572800 +314572800"));

  auto defaulted = create(*good_, instanceOptions("defaulted"));
  ASSERT_TRUE(defaulted);
  const std::string defaults = dsrflow::testing::readFile(
      "/proc/" + std::to_string(processOf(*defaulted).processId()) + "/limits");
  EXPECT_THAT(defaults, ::testing::ContainsRegex("Max address space +1073741824 +1073741824"));
}

TEST_F(FaultTest, AHangIsKilledAfterTimeoutAndGrace) {
  auto plugin = load(plugins::kHangPlugin);
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions("stuck", "{}", 300ms));
  ASSERT_TRUE(instance);
  const pid_t first = processOf(*instance).processId();
  CollectingSink sink;
  const auto started = std::chrono::steady_clock::now();
  const CallResult result = invoke(*instance, sampleRequest(Action::kAccess), sink);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(result.failure, CallFailure::kTimedOut);
  EXPECT_THAT(result.reason, HasSubstr("timed out after 300 ms"));
  EXPECT_THAT(result.reason, HasSubstr("so its process was killed"));
  EXPECT_LT(took, 20s);
  EXPECT_FALSE(processExists(first));
  EXPECT_FALSE(plugin->quarantined());  // killed, not left behind
  expectOthersServed();
}

TEST_F(FaultTest, ACooperativePluginStopsAtItsTimeoutWithoutBeingKilled) {
  auto plugin = load(plugins::kSlowCooperativePlugin);
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions("slow", "{}", 200ms));
  ASSERT_TRUE(instance);
  const pid_t pid = processOf(*instance).processId();
  CollectingSink sink;
  const CallResult result = invoke(*instance, sampleRequest(Action::kAccess), sink);
  EXPECT_EQ(result.failure, CallFailure::kTimedOut);
  EXPECT_EQ(result.reason, "timed out after 200 ms");
  EXPECT_EQ(processOf(*instance).processId(), pid);
  EXPECT_EQ(processOf(*instance).restarts(), 0U);
}

TEST_F(FaultTest, AKilledProcessIsRestartedWithTheInstancesConfig) {
  auto plugin = load(plugins::kSlowCooperativePlugin);
  ASSERT_TRUE(plugin);
  // It looks at cancellation only every 1.5 s: longer than timeout + grace.
  auto instance =
      create(*plugin, instanceOptions("sleepy", R"({"duration_ms":1500,"step_ms":1500})", 100ms));
  ASSERT_TRUE(instance);
  CollectingSink sink;
  const CallResult killed = invoke(*instance, sampleRequest(Action::kAccess), sink);
  EXPECT_EQ(killed.failure, CallFailure::kTimedOut);
  EXPECT_THAT(killed.reason, HasSubstr("its process was killed"));

  CallOptions generous;
  generous.timeout = 30s;
  const CallResult completed = invoke(*instance, sampleRequest(Action::kAccess), sink, generous);
  EXPECT_EQ(completed.failure, CallFailure::kNone) << completed.reason;
  EXPECT_EQ(completed.outcome, Outcome::kCompleted);
  EXPECT_GE(completed.elapsed, 1500ms);  // the config (duration_ms) came back with the restart
  EXPECT_EQ(processOf(*instance).restarts(), 1U);
}

TEST_F(FaultTest, CancellationReachesThePluginProcess) {
  auto plugin = load(plugins::kSlowCooperativePlugin);
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions("slow"));
  ASSERT_TRUE(instance);
  const pid_t pid = processOf(*instance).processId();
  std::stop_source stop;
  std::thread canceller([&stop] {
    std::this_thread::sleep_for(200ms);
    stop.request_stop();
  });
  CallOptions options;
  options.cancellation = stop.get_token();
  CollectingSink sink;
  const auto started = std::chrono::steady_clock::now();
  const CallResult result = invoke(*instance, sampleRequest(Action::kAccess), sink, options);
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 20s);
  EXPECT_EQ(result.failure, CallFailure::kCancelled);
  EXPECT_EQ(result.reason, "cancelled");
  // The plugin saw it: it logged and returned on its own, so its process lives on.
  ASSERT_FALSE(sink.logs.empty());
  EXPECT_EQ(sink.logs.back().second, "cancelled, stopping");
  EXPECT_EQ(processOf(*instance).processId(), pid);
}

TEST_F(FaultTest, ACancellationThePluginIgnoresKillsItsProcess) {
  auto plugin = load(plugins::kHangPlugin);
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions("stuck"));
  ASSERT_TRUE(instance);
  std::stop_source stop;
  std::thread canceller([&stop] {
    std::this_thread::sleep_for(200ms);
    stop.request_stop();
  });
  CallOptions options;
  options.cancellation = stop.get_token();
  CollectingSink sink;
  const CallResult result = invoke(*instance, sampleRequest(Action::kAccess), sink, options);
  canceller.join();
  EXPECT_EQ(result.failure, CallFailure::kCancelled);
  EXPECT_THAT(result.reason, HasSubstr("so its process was killed"));
  EXPECT_EQ(processOf(*instance).processId(), -1);
}

TEST_F(FaultTest, AProcessKilledWhileIdleIsReplacedBeforeTheNextCall) {
  const pid_t pid = processOf(*goodInstance_).processId();
  // A pidfd turns readable once the whole process has exited (all its threads), which is
  // when the instance can reap it.
  const int exited = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  ASSERT_GE(exited, 0);
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  pollfd p{exited, POLLIN, 0};
  ASSERT_EQ(::poll(&p, 1, 10'000), 1);
  ::close(exited);
  expectOthersServed();  // this very instance: the call never met the dead process
  EXPECT_EQ(processOf(*goodInstance_).restarts(), 1U);
  EXPECT_NE(processOf(*goodInstance_).processId(), pid);
  EXPECT_FALSE(processExists(pid));
}

TEST_F(FaultTest, AProcessKilledFromOutsideDuringACallFailsThatCall) {
  auto plugin = load(plugins::kSlowCooperativePlugin);
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions("slow"));
  ASSERT_TRUE(instance);
  const pid_t pid = processOf(*instance).processId();
  std::thread killer([pid] {
    std::this_thread::sleep_for(200ms);
    ::kill(pid, SIGKILL);
  });
  CollectingSink sink;
  const CallResult result = invoke(*instance, sampleRequest(Action::kAccess), sink);
  killer.join();
  EXPECT_EQ(result.failure, CallFailure::kCrashed);
  EXPECT_THAT(result.reason, HasSubstr("plugin process died of SIGKILL (killed from outside"));
  expectOthersServed();
}

TEST_F(FaultTest, AnAlreadyCancelledCallDoesNotStart) {
  std::stop_source stop;
  stop.request_stop();
  CallOptions options;
  options.cancellation = stop.get_token();
  CollectingSink sink;
  const CallResult result = invoke(*goodInstance_, sampleRequest(Action::kAccess), sink, options);
  EXPECT_EQ(result.failure, CallFailure::kCancelled);
  EXPECT_TRUE(sink.records.empty());
}

}  // namespace
}  // namespace dsrflow::plugin_isolation::testing
