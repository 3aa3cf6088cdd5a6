// Calls into a loaded plugin: records and outcomes, schema checks in both directions, errors
// the plugin reports, host services, callbacks, and instance creation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "plugin_host/host_services.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "plugin_host/outcome_reader.hpp"
#include "plugin_host_fixture.hpp"

namespace dsrflow::plugin_host {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::instanceOptions;
using testing::sampleRequest;

class InvokeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto plugin = loader_.load(PluginSpec{dir_.copy(testing::kScriptedPlugin), ""});
    ASSERT_TRUE(plugin.ok()) << plugin.error().message;
    plugin_ = *plugin;
  }

  std::unique_ptr<PluginInstance> instance(const std::string& behaviour = "normal") {
    auto created = plugin_->createInstance(instanceOptions(testing::scripted(behaviour)));
    if (!created) {
      ADD_FAILURE() << created.error().message;
      return nullptr;
    }
    return std::move(created).value();
  }

  CallResult invoke(const std::string& behaviour, Action action = Action::kAccess) {
    auto made = instance(behaviour);
    if (!made) return {};
    auto result = made->invoke(sampleRequest(action), CallOptions{}, sink_);
    if (!result) {
      ADD_FAILURE() << result.error().message;
      return {};
    }
    return *result;
  }

  std::shared_ptr<ManualClock> clock_ =
      std::make_shared<ManualClock>(TimePoint{std::chrono::milliseconds{1'767'225'600'000}});
  testing::PluginDir dir_;
  InProcessLoader loader_{testing::testHost(clock_)};
  std::shared_ptr<Plugin> plugin_;
  CollectingSink sink_;
};

TEST_F(InvokeTest, AccessStreamsRecordsAndSetsTheOutcome) {
  const CallResult result = invoke("normal");
  EXPECT_EQ(result.failure, CallFailure::kNone);
  EXPECT_EQ(result.outcome, Outcome::kCompleted);
  EXPECT_FALSE(result.failed());
  EXPECT_EQ(result.counts.at("user.contact.email"), 1);
  EXPECT_EQ(result.recordsAccepted, 2U);
  EXPECT_EQ(result.recordsRefused, 0U);
  EXPECT_EQ(result.outcomeJson, R"({"outcome":"completed","counts":{"user.contact.email":1}})");
  ASSERT_EQ(sink_.records.size(), 2U);
  EXPECT_THAT(sink_.records[0], HasSubstr(R"("collection":"contacts")"));
  EXPECT_THAT(sink_.records[1], HasSubstr(R"("collection":"orders")"));
}

TEST_F(InvokeTest, EraseReportsCountsAndMethod) {
  const CallResult result = invoke("normal", Action::kErase);
  EXPECT_EQ(result.outcome, Outcome::kErased);
  EXPECT_EQ(result.method, ErasureMethod::kDeleted);
  EXPECT_EQ(result.counts.at("user.contact.email"), 2);
  EXPECT_EQ(result.counts.at("user.name"), 1);
  EXPECT_TRUE(sink_.records.empty());
}

TEST_F(InvokeTest, AnUnknownSubjectIsNotFound) {
  auto made = instance();
  auto result =
      made->invoke(sampleRequest(Action::kAccess, "unknown@example.org"), CallOptions{}, sink_);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->outcome, Outcome::kNotFound);
  EXPECT_TRUE(sink_.records.empty());
}

TEST_F(InvokeTest, TakesTheRequestAsJsonToo) {
  auto made = instance();
  auto result = made->invokeJson(
      R"({"action":"test_connection","request_id":"r","task_id":"t","identities":[]})",
      CallOptions{}, sink_);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->outcome, Outcome::kCompleted);
}

TEST_F(InvokeTest, RefusesARequestThatDoesNotMatchTheSchema) {
  auto made = instance();
  auto result = made->invokeJson(R"({"action":"access"})", CallOptions{}, sink_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(result.error().message, HasSubstr("action request does not match the schema"));
  EXPECT_FALSE(made->invokeJson("not json", CallOptions{}, sink_).ok());
}

TEST_F(InvokeTest, RefusesAnActionThePluginDoesNotSupport) {
  auto made = instance();
  auto result = made->invoke(sampleRequest(Action::kRectify), CallOptions{}, sink_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(result.error().message,
              HasSubstr("org.dsrflow.test.scripted does not support action 'rectify'"));
}

TEST_F(InvokeTest, AnInvalidOutcomeFailsTheCallWithAClearReason) {
  const CallResult result = invoke("bad_outcome");
  EXPECT_TRUE(result.failed());
  EXPECT_EQ(result.failure, CallFailure::kInvalidOutcome);
  EXPECT_FALSE(result.retryable);
  EXPECT_THAT(result.reason,
              AllOf(HasSubstr("outcome does not match the schema"), HasSubstr("[outcome]")));
  ASSERT_EQ(sink_.logs.size(), 1U);
  EXPECT_EQ(sink_.logs[0].second, "set_outcome status 5");
  // The synthesised outcome is itself valid.
  EXPECT_TRUE(readOutcome(result.outcomeJson).ok());
}

TEST_F(InvokeTest, AMissingOutcomeFailsTheCall) {
  const CallResult result = invoke("no_outcome");
  EXPECT_EQ(result.failure, CallFailure::kInvalidOutcome);
  EXPECT_THAT(result.reason, HasSubstr("without setting an outcome"));
}

TEST_F(InvokeTest, AnErrorThePluginReportsComesBackWithItsReason) {
  const CallResult result = invoke("error");
  EXPECT_TRUE(result.failed());
  EXPECT_EQ(result.failure, CallFailure::kPluginError);
  EXPECT_EQ(result.reason, "vendor API answered 503");
  EXPECT_TRUE(result.retryable);
}

TEST_F(InvokeTest, AnExceptionEscapingThePluginFailsTheCallNotTheHost) {
  const CallResult result = invoke("throw");
  EXPECT_EQ(result.failure, CallFailure::kAbiViolation);
  EXPECT_THAT(result.reason, HasSubstr("exception escaped"));
  EXPECT_FALSE(plugin_->quarantined());
  EXPECT_EQ(invoke("normal").outcome, Outcome::kCompleted);
}

TEST_F(InvokeTest, PollLaterAndADeferredOutcome) {
  const CallResult result = invoke("poll", Action::kStatus);
  EXPECT_EQ(result.outcome, Outcome::kDeferred);
  EXPECT_EQ(result.jobId, "j-1");
  ASSERT_TRUE(result.nextPoll.has_value());
  EXPECT_EQ(*result.nextPoll, parseTimestamp("2030-01-02T03:04:05.678Z").value());
  ASSERT_TRUE(result.pollLater.has_value());
  EXPECT_EQ(result.pollLater->stateJson, R"({"job":"j-1"})");
  ASSERT_EQ(sink_.polls.size(), 1U);
  EXPECT_EQ(sink_.polls[0].stateJson, R"({"job":"j-1"})");
}

TEST_F(InvokeTest, ServicesNotOfferedYetAnswerUnavailableAndTheDeadlineUsesTheClock) {
  const CallResult result = invoke("services");
  EXPECT_EQ(result.outcome, Outcome::kCompleted);
  const std::int64_t deadline = clock_->now().time_since_epoch().count() + 30'000;
  ASSERT_EQ(sink_.logs.size(), 1U);
  EXPECT_EQ(sink_.logs[0].second, "callback_url 3 send_mail 3 put_blob 3 get_blob 3 deadline " +
                                      std::to_string(deadline) + " cancelled 0 struct_size " +
                                      std::to_string(sizeof(dsrflow_host_services)));
}

TEST_F(InvokeTest, PluginLogLinesGoToTheLoggerTaggedWithPluginAndSystem) {
  std::ostringstream lines;
  Logger::instance().configure(LogLevel::kInfo, &lines);
  invoke("services");
  Logger::instance().configure(LogLevel::kInfo, nullptr);
  EXPECT_THAT(lines.str(), AllOf(HasSubstr("level=info msg=\"callback_url 3 "),
                                 HasSubstr(" plugin=org.dsrflow.test.scripted system=crm\n")));
}

TEST_F(InvokeTest, ServicesUsedOutsideTheCallAreIgnoredAndCounted) {
  auto made = instance("misuse");
  const std::uint64_t before = ignoredServiceCalls();
  for (int i = 0; i < 3; ++i) {
    auto result = made->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink_);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->outcome, Outcome::kCompleted);
  }
  // Each call logs and emits from a thread of its own; later calls also use a stale handle
  // (which may coincide with the current one, whose address is reused).
  EXPECT_GE(ignoredServiceCalls() - before, 6U);
  EXPECT_TRUE(sink_.records.empty());
}

TEST_F(InvokeTest, CallbacksReachThePlugin) {
  auto made = instance();
  auto confirmed =
      made->onCallback(R"({"method":"POST","path":"/x","body":"confirmed"})", CallOptions{}, sink_);
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
  EXPECT_TRUE(confirmed->hasOutcome);
  EXPECT_EQ(confirmed->outcome, Outcome::kErased);

  auto delivered =
      made->onCallback(R"({"method":"POST","path":"/x","body":"export"})", CallOptions{}, sink_);
  ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  EXPECT_EQ(delivered->outcome, Outcome::kCompleted);
  EXPECT_EQ(delivered->recordsAccepted, 1U);
  EXPECT_THAT(sink_.records, ElementsAre(R"({"collection":"export","fields":{"id":1}})"));

  auto other = made->onCallback(R"({"method":"GET","path":"/x"})", CallOptions{}, sink_);
  ASSERT_TRUE(other.ok()) << other.error().message;
  EXPECT_FALSE(other->hasOutcome);
  EXPECT_FALSE(other->failed());
}

TEST_F(InvokeTest, RefusesAConfigThatDoesNotMatchThePluginsSchema) {
  InstanceOptions options = instanceOptions(R"({"behaviour": 42})");
  auto created = plugin_->createInstance(options);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(created.error().message,
              AllOf(HasSubstr("system 'crm'"), HasSubstr("config does not match"),
                    HasSubstr("[behaviour]")));

  options.configJson = R"({"behaviour": "normal", "password": "x"})";
  EXPECT_FALSE(plugin_->createInstance(options).ok());
  options.configJson = "{";
  EXPECT_FALSE(plugin_->createInstance(options).ok());
}

TEST_F(InvokeTest, ACreateThatFailsReportsThePluginsReason) {
  auto created = plugin_->createInstance(instanceOptions(testing::scripted("create_fails")));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kInternal);
  EXPECT_THAT(created.error().message,
              AllOf(HasSubstr("create failed"), HasSubstr("bad credentials")));
}

// Refuses every record after the first `limit`.
class LimitedSink final : public CallSink {
 public:
  explicit LimitedSink(std::size_t limit) : limit_(limit) {}
  Status record(std::string_view) override {
    if (taken_ == limit_) return Error{ErrorCode::kUnavailable, "result store is full"};
    ++taken_;
    return Ok{};
  }
  std::size_t taken_ = 0;

 private:
  std::size_t limit_;
};

TEST_F(InvokeTest, ASinkThatCannotTakeARecordStopsAndFailsTheCall) {
  auto made = plugin_->createInstance(instanceOptions(R"({"behaviour":"bulk","count":100})"));
  ASSERT_TRUE(made.ok()) << made.error().message;
  LimitedSink sink(10);
  auto result = (*made)->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->failure, CallFailure::kSinkFailed);
  EXPECT_THAT(result->reason, HasSubstr("result store is full"));
  EXPECT_TRUE(result->retryable);
  EXPECT_EQ(sink.taken_, 10U);
  EXPECT_EQ(result->recordsAccepted, 10U);
}

TEST_F(InvokeTest, StreamsManyRecords) {
  auto made = plugin_->createInstance(instanceOptions(R"({"behaviour":"bulk","count":20000})"));
  ASSERT_TRUE(made.ok()) << made.error().message;
  DiscardingSink sink;
  auto result = (*made)->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->outcome, Outcome::kCompleted);
  EXPECT_EQ(result->recordsAccepted, 20000U);
  EXPECT_EQ(result->counts.at("user.unique_id"), 20000);
}

TEST_F(InvokeTest, CallsOnOneInstanceFromManyThreadsAreSerialised) {
  auto made = instance();
  std::vector<std::thread> threads;
  std::atomic<int> completed{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 10; ++j) {
        DiscardingSink sink;
        auto result = made->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink);
        if (result.ok() && result->outcome == Outcome::kCompleted) ++completed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(completed.load(), 40);
}

}  // namespace
}  // namespace dsrflow::plugin_host
