// Well-behaved calls through a plugin process: the same results, records, logs, poll requests
// and secrets as in process.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "isolation_fixture.hpp"

namespace dsrflow::plugin_isolation::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(IsolationTest, AccessStreamsRecordsThroughTheChild) {
  auto plugin = load(plugins::kGoodPlugin);
  ASSERT_TRUE(plugin);
  EXPECT_EQ(plugin->info().name, "org.dsrflow.test.good");
  EXPECT_TRUE(plugin->info().supports(Action::kAccess));
  EXPECT_FALSE(plugin->quarantined());
  auto instance = create(*plugin, instanceOptions());
  ASSERT_TRUE(instance);
  EXPECT_EQ(instance->systemId(), "crm");
  EXPECT_GT(processOf(*instance).processId(), 0);

  CollectingSink sink;
  const CallResult result = invoke(*instance, sampleRequest(Action::kAccess), sink);
  EXPECT_EQ(result.failure, CallFailure::kNone) << result.reason;
  EXPECT_EQ(result.outcome, Outcome::kCompleted);
  ASSERT_EQ(sink.records.size(), 3U);  // one customer, two orders
  EXPECT_THAT(sink.records[0], HasSubstr("\"customers\""));
  EXPECT_THAT(sink.records[1], HasSubstr("\"orders\""));
  EXPECT_EQ(result.recordsAccepted, 3U);
  EXPECT_EQ(result.recordsRefused, 0U);
  ASSERT_FALSE(sink.logs.empty());
  EXPECT_EQ(sink.logs[0].second, "access");
}

TEST_F(IsolationTest, EraseReturnsTypedCountsAndTheInstanceKeepsItsState) {
  auto plugin = load(plugins::kGoodPlugin);
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions());
  ASSERT_TRUE(instance);
  DiscardingSink sink;
  const CallResult erased = invoke(*instance, sampleRequest(Action::kErase), sink);
  EXPECT_EQ(erased.outcome, Outcome::kErased) << erased.reason;
  EXPECT_EQ(erased.method, ErasureMethod::kDeleted);
  EXPECT_EQ(erased.counts.at("user.contact.email"), 1);
  EXPECT_EQ(erased.counts.at("user.behavior.purchase_history"), 2);
  // The same process (and so the same plugin instance) serves the next call.
  const CallResult again = invoke(*instance, sampleRequest(Action::kErase), sink);
  EXPECT_EQ(again.outcome, Outcome::kNotFound);
  EXPECT_EQ(processOf(*instance).restarts(), 0U);
}

TEST_F(IsolationTest, UnknownPeopleAreNotFound) {
  auto plugin = load(plugins::kGoodPlugin);
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions());
  ASSERT_TRUE(instance);
  CollectingSink sink;
  const CallResult result =
      invoke(*instance, sampleRequest(Action::kAccess, "nobody@example.org"), sink);
  EXPECT_EQ(result.outcome, Outcome::kNotFound);
  EXPECT_TRUE(sink.records.empty());
}

TEST_F(IsolationTest, PollLaterReachesTheSinkAndTheResult) {
  auto plugin = load(plugins::kGoodPlugin);
  ASSERT_TRUE(plugin);
  auto instance =
      create(*plugin, instanceOptions("crm", R"({"erase_mode":"deferred","poll_ms":5000})"));
  ASSERT_TRUE(instance);
  CollectingSink sink;
  const CallResult deferred = invoke(*instance, sampleRequest(Action::kErase), sink);
  EXPECT_EQ(deferred.outcome, Outcome::kDeferred) << deferred.reason;
  ASSERT_TRUE(deferred.pollLater);
  ASSERT_EQ(sink.polls.size(), 1U);
  EXPECT_EQ(sink.polls[0].notBefore, deferred.pollLater->notBefore);
  EXPECT_THAT(deferred.pollLater->stateJson, HasSubstr("\"job\""));

  ActionRequest status = sampleRequest(Action::kStatus);
  status.stateJson = deferred.pollLater->stateJson;
  const CallResult done = invoke(*instance, status, sink);
  EXPECT_EQ(done.outcome, Outcome::kErased) << done.reason;
}

TEST_F(IsolationTest, CallbacksReachThePlugin) {
  auto plugin = load(plugins::kGoodPlugin);
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions());
  ASSERT_TRUE(instance);
  CollectingSink sink;
  auto result = instance->onCallback(
      R"({"method":"POST","path":"/cb","headers":{},"body":"{\"job\":\"job-9\",\"status\":\"done\"}"})",
      {}, sink);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->outcome, Outcome::kFailed);
  EXPECT_EQ(result->reason, "callback for an unknown job");
}

TEST_F(IsolationTest, SecretsComeFromTheParentsStore) {
  auto plugin = load(plugins::kGoodPlugin);
  ASSERT_TRUE(plugin);
  InstanceOptions options = instanceOptions("crm", R"({"secret":"api_token"})");
  options.secrets = std::make_shared<MapSecretStore>(
      std::map<MapSecretStore::Key, std::string>{{{"crm", "api_token"}, "t0ken"}});
  auto instance = create(*plugin, options);
  ASSERT_TRUE(instance);
  DiscardingSink sink;
  EXPECT_EQ(invoke(*instance, sampleRequest(Action::kTestConnection), sink).outcome,
            Outcome::kCompleted);

  options.secrets = std::make_shared<MapSecretStore>(std::map<MapSecretStore::Key, std::string>{});
  auto without = create(*plugin, options);
  ASSERT_TRUE(without);
  const CallResult missing = invoke(*without, sampleRequest(Action::kTestConnection), sink);
  EXPECT_EQ(missing.outcome, Outcome::kFailed);
  EXPECT_EQ(missing.reason, "the configured secret is not set");
}

TEST_F(IsolationTest, ARequestTheHostRefusesIsAnErrorAsInProcess) {
  auto plugin = load(plugins::kCrashSegvPlugin);  // supports access only
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions());
  ASSERT_TRUE(instance);
  DiscardingSink sink;
  auto unsupported = instance->invoke(sampleRequest(Action::kErase), {}, sink);
  ASSERT_FALSE(unsupported.ok());
  EXPECT_EQ(unsupported.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(unsupported.error().message,
            "plugin org.dsrflow.test.crash_segv does not support action 'erase'");
  auto malformed = instance->invokeJson(R"({"action":"access"})", {}, sink);
  ASSERT_FALSE(malformed.ok());
  EXPECT_THAT(malformed.error().message, HasSubstr("does not match the schema"));
  // Nothing ran, nothing died.
  EXPECT_EQ(processOf(*instance).restarts(), 0U);
}

// Refuses every record: the call must stop and fail with kSinkFailed.
class RefusingSink final : public CallSink {
 public:
  Status record(std::string_view) override {
    ++calls;
    return Error{ErrorCode::kUnavailable, "disk full"};
  }
  int calls = 0;
};

TEST_F(IsolationTest, ASinkThatRefusesARecordStopsTheCall) {
  auto plugin = load(plugins::kGoodPlugin);
  ASSERT_TRUE(plugin);
  auto instance = create(*plugin, instanceOptions());
  ASSERT_TRUE(instance);
  RefusingSink sink;
  const CallResult result = invoke(*instance, sampleRequest(Action::kAccess), sink);
  EXPECT_EQ(result.failure, CallFailure::kSinkFailed);
  EXPECT_EQ(result.reason, "the host could not take a record: disk full");
  EXPECT_EQ(result.recordsAccepted, 0U);
  EXPECT_EQ(sink.calls, 1);  // later records are not offered to it
  // The process is fine and serves the next call.
  CollectingSink collecting;
  EXPECT_EQ(invoke(*instance, sampleRequest(Action::kAccess), collecting).outcome,
            Outcome::kCompleted);
}

TEST_F(IsolationTest, CallsOnOneInstanceAreSerialisedAndSystemsRunApart) {
  auto plugin = load(plugins::kGoodPlugin);
  ASSERT_TRUE(plugin);
  auto crm = create(*plugin, instanceOptions("crm"));
  auto shop = create(*plugin, instanceOptions("shop"));
  ASSERT_TRUE(crm && shop);
  EXPECT_NE(processOf(*crm).processId(), processOf(*shop).processId());
  std::vector<std::thread> threads;
  std::atomic<int> completed{0};
  for (int t = 0; t < 4; ++t) {
    PluginInstance* instance = t % 2 == 0 ? crm.get() : shop.get();
    threads.emplace_back([instance, &completed] {
      for (int i = 0; i < 25; ++i) {
        CollectingSink sink;
        auto result = instance->invoke(sampleRequest(Action::kAccess), {}, sink);
        if (result.ok() && result->outcome == Outcome::kCompleted && sink.records.size() == 3) {
          ++completed;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(completed.load(), 100);
}

}  // namespace
}  // namespace dsrflow::plugin_isolation::testing
