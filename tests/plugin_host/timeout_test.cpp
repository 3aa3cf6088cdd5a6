// Timeouts and cancellation: a hanging plugin is abandoned and quarantined while the host goes
// on; a cooperative plugin stops when told and is not quarantined. Timing assertions are
// generous bounds only (the machine is shared).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <stop_token>
#include <thread>

#include "plugin_host/in_process_loader.hpp"
#include "plugin_host_fixture.hpp"

namespace dsrflow::plugin_host {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;
using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::instanceOptions;
using testing::sampleRequest;

constexpr milliseconds kShort{200};
constexpr seconds kGenerous{10};

class TimeoutTest : public ::testing::Test {
 protected:
  std::shared_ptr<Plugin> load(const char* built) {
    return testing::loadPlugin(loader_, dir_.copy(built));
  }

  testing::PluginDir dir_;
  HostOptions host_ = testing::testHost();
  InProcessLoader loader_{host_};
  CollectingSink sink_;
};

TEST_F(TimeoutTest, AHangingPluginTimesOutIsQuarantinedAndLaterCallsFailFast) {
  auto hang = load(plugins::kHangPlugin);
  ASSERT_TRUE(hang);
  auto instance = hang->createInstance(instanceOptions("{}", kShort));
  ASSERT_TRUE(instance.ok()) << instance.error().message;

  const auto started = steady_clock::now();
  auto result = (*instance)->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink_);
  EXPECT_LT(steady_clock::now() - started, kGenerous);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->failed());
  EXPECT_EQ(result->failure, CallFailure::kTimedOut);
  EXPECT_TRUE(result->retryable);
  EXPECT_THAT(result->reason,
              AllOf(HasSubstr("timed out after 200 ms"), HasSubstr("quarantined until restart")));
  EXPECT_TRUE(hang->quarantined());
  EXPECT_THAT(hang->quarantineReason(), HasSubstr("did not stop within the grace period"));

  // Every further call and create fails fast, and so does loading the same file again.
  const auto again = steady_clock::now();
  auto second = (*instance)->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink_);
  EXPECT_LT(steady_clock::now() - again, seconds(1));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->failure, CallFailure::kQuarantined);
  EXPECT_THAT(second->reason, HasSubstr("quarantined until restart"));

  auto created = hang->createInstance(instanceOptions("{}", kShort));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(created.error().message, HasSubstr("quarantined until restart"));

  auto reloaded = loader_.load(PluginSpec{dir_.copy(plugins::kHangPlugin, "again.so"), ""});
  ASSERT_FALSE(reloaded.ok());
  EXPECT_EQ(reloaded.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(reloaded.error().message, HasSubstr("quarantined until restart"));

  // The host goes on: another plugin loads and answers, and the hung instance can be dropped
  // without waiting for it.
  auto good = load(testing::kScriptedPlugin);
  ASSERT_TRUE(good);
  auto goodInstance = good->createInstance(instanceOptions(testing::scripted("normal")));
  ASSERT_TRUE(goodInstance.ok());
  auto answer = (*goodInstance)->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink_);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer->outcome, Outcome::kCompleted);
  const auto dropped = steady_clock::now();
  instance = Error{};
  EXPECT_LT(steady_clock::now() - dropped, seconds(1));
}

TEST_F(TimeoutTest, ACooperativePluginIsCancelledAtTheTimeoutWithoutQuarantine) {
  auto plugin = load(plugins::kSlowCooperativePlugin);
  ASSERT_TRUE(plugin);
  auto slow = plugin->createInstance(instanceOptions("{}", kShort));
  ASSERT_TRUE(slow.ok());
  const auto started = steady_clock::now();
  auto result = (*slow)->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink_);
  EXPECT_LT(steady_clock::now() - started, kGenerous);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->failure, CallFailure::kTimedOut);
  EXPECT_EQ(result->reason, "timed out after 200 ms");
  EXPECT_FALSE(plugin->quarantined());

  // Not quarantined: the plugin still answers (here: quickly, by configuration).
  auto quick = plugin->createInstance(instanceOptions(R"({"duration_ms": 1})"));
  ASSERT_TRUE(quick.ok());
  auto answer = (*quick)->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink_);
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer->outcome, Outcome::kCompleted);
}

TEST_F(TimeoutTest, ThePerCallTimeoutOverridesTheInstancesDefault) {
  auto plugin = load(plugins::kSlowCooperativePlugin);
  ASSERT_TRUE(plugin);
  auto slow = plugin->createInstance(instanceOptions("{}", seconds(60)));
  ASSERT_TRUE(slow.ok());
  CallOptions options;
  options.timeout = milliseconds(150);
  auto result = (*slow)->invoke(sampleRequest(Action::kAccess), options, sink_);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->reason, "timed out after 150 ms");
}

TEST_F(TimeoutTest, TheCallersCancellationTokenStopsTheCall) {
  auto plugin = load(plugins::kSlowCooperativePlugin);
  ASSERT_TRUE(plugin);
  auto slow = plugin->createInstance(instanceOptions("{}", seconds(60)));
  ASSERT_TRUE(slow.ok());
  std::stop_source stop;
  CallOptions options;
  options.cancellation = stop.get_token();
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(100));
    stop.request_stop();
  });
  const auto started = steady_clock::now();
  auto result = (*slow)->invoke(sampleRequest(Action::kAccess), options, sink_);
  canceller.join();
  EXPECT_LT(steady_clock::now() - started, kGenerous);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->failure, CallFailure::kCancelled);
  EXPECT_EQ(result->reason, "cancelled");
  EXPECT_FALSE(plugin->quarantined());

  // A token that has already fired stops the call before it starts.
  auto again = (*slow)->invoke(sampleRequest(Action::kAccess), options, sink_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->failure, CallFailure::kCancelled);
  EXPECT_THAT(again->reason, HasSubstr("before the call started"));
}

TEST_F(TimeoutTest, AnEarlierDeadlineOnTheHostClockShortensTheCall) {
  auto clock = std::make_shared<ManualClock>(TimePoint{std::chrono::milliseconds{1'000'000}});
  InProcessLoader loader(testing::testHost(clock));
  auto plugin =
      testing::loadPlugin(loader, dir_.copy(plugins::kSlowCooperativePlugin, "clocked.so"));
  ASSERT_TRUE(plugin);
  auto slow = plugin->createInstance(instanceOptions("{}", seconds(60)));
  ASSERT_TRUE(slow.ok());
  CallOptions options;
  options.deadline = clock->now() + milliseconds(150);
  auto result = (*slow)->invoke(sampleRequest(Action::kAccess), options, sink_);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->failure, CallFailure::kTimedOut);
  EXPECT_EQ(result->reason, "timed out after 150 ms");

  options.deadline = clock->now() - seconds(1);
  auto late = (*slow)->invoke(sampleRequest(Action::kAccess), options, sink_);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->failure, CallFailure::kTimedOut);
  EXPECT_THAT(late->reason, HasSubstr("deadline passed before the call started"));
}

}  // namespace
}  // namespace dsrflow::plugin_host
