// The host with plugins built like a vendor's, with the C++ SDK (tests/plugins): records and
// outcomes, deferred erasure with poll_later and status, host services the SDK reaches, and
// exceptions the SDK turns into errors. Plus the plain C ones: the smallest plugin, and one that
// emits schema-breaking records.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin_host/in_process_loader.hpp"
#include "plugin_host_fixture.hpp"

namespace dsrflow::plugin_host {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::instanceOptions;
using testing::sampleRequest;

constexpr const char* kAda = "ada@example.com";

class SdkPluginsTest : public ::testing::Test {
 protected:
  std::unique_ptr<PluginInstance> instance(const char* built, const std::string& config = "{}",
                                           std::shared_ptr<const SecretStore> secrets = nullptr) {
    auto plugin = testing::loadPlugin(loader_, dir_.copy(built));
    if (!plugin) return nullptr;
    InstanceOptions options = instanceOptions(config);
    options.secrets = std::move(secrets);
    auto created = plugin->createInstance(options);
    if (!created) {
      ADD_FAILURE() << created.error().message;
      return nullptr;
    }
    return std::move(created).value();
  }

  CallResult invoke(PluginInstance& instance, const ActionRequest& request) {
    auto result = instance.invoke(request, CallOptions{}, sink_);
    if (!result) {
      ADD_FAILURE() << result.error().message;
      return {};
    }
    return *result;
  }

  testing::PluginDir dir_;
  InProcessLoader loader_{testing::testHost()};
  CollectingSink sink_;
};

TEST_F(SdkPluginsTest, GoodAccessStreamsSchemaValidRecords) {
  auto good = instance(plugins::kGoodPlugin);
  ASSERT_TRUE(good);
  const CallResult result = invoke(*good, sampleRequest(Action::kAccess, kAda));
  EXPECT_EQ(result.outcome, Outcome::kCompleted);
  EXPECT_EQ(result.recordsAccepted, 3U);  // the customer and two orders
  EXPECT_EQ(result.recordsRefused, 0U);
  ASSERT_EQ(sink_.records.size(), 3U);
  EXPECT_THAT(sink_.records[0], HasSubstr(R"("collection":"customers")"));
  EXPECT_EQ(invoke(*good, sampleRequest(Action::kAccess, "nobody@example.com")).outcome,
            Outcome::kNotFound);
}

TEST_F(SdkPluginsTest, GoodEraseIsIdempotent) {
  auto good = instance(plugins::kGoodPlugin);
  ASSERT_TRUE(good);
  const CallResult erased = invoke(*good, sampleRequest(Action::kErase, kAda));
  EXPECT_EQ(erased.outcome, Outcome::kErased);
  EXPECT_EQ(erased.method, ErasureMethod::kDeleted);
  EXPECT_FALSE(erased.counts.empty());
  EXPECT_EQ(invoke(*good, sampleRequest(Action::kErase, kAda)).outcome, Outcome::kNotFound);
}

TEST_F(SdkPluginsTest, GoodDeferredEraseAsksToBePolledAndStatusSettlesIt) {
  auto good = instance(plugins::kGoodPlugin, R"({"erase_mode":"deferred","poll_ms":5000})");
  ASSERT_TRUE(good);
  const CallResult deferred = invoke(*good, sampleRequest(Action::kErase, kAda));
  EXPECT_EQ(deferred.outcome, Outcome::kDeferred);
  EXPECT_EQ(deferred.jobId, "job-1");
  ASSERT_TRUE(deferred.nextPoll.has_value());
  ASSERT_TRUE(deferred.pollLater.has_value());
  EXPECT_THAT(deferred.pollLater->stateJson, HasSubstr("job-1"));

  ActionRequest status = sampleRequest(Action::kStatus, kAda);
  status.stateJson = deferred.pollLater->stateJson;
  const CallResult settled = invoke(*good, status);
  EXPECT_EQ(settled.outcome, Outcome::kErased);
  EXPECT_EQ(settled.counts, deferred.counts.empty() ? settled.counts : deferred.counts);
}

TEST_F(SdkPluginsTest, ServicesTheHostDoesNotOfferYetAreReportedAsSuch) {
  // callback_url answers DSRFLOW_UNAVAILABLE, which the plugin turns into a clear failure.
  auto good = instance(plugins::kGoodPlugin, R"({"erase_mode":"callback"})");
  ASSERT_TRUE(good);
  const CallResult result = invoke(*good, sampleRequest(Action::kErase, kAda));
  EXPECT_TRUE(result.failed());
  EXPECT_EQ(result.reason, "the host offers no callback URL");
}

TEST_F(SdkPluginsTest, GoodReadsItsSecretThroughTheHost) {
  auto secrets = std::make_shared<MapSecretStore>(
      std::map<MapSecretStore::Key, std::string>{{{"crm", "api_token"}, "t0ken"}});
  auto withSecret = instance(plugins::kGoodPlugin, R"({"secret":"api_token"})", secrets);
  ASSERT_TRUE(withSecret);
  EXPECT_EQ(invoke(*withSecret, sampleRequest(Action::kTestConnection)).outcome,
            Outcome::kCompleted);

  auto without = instance(plugins::kGoodPlugin, R"({"secret":"api_token"})");
  ASSERT_TRUE(without);
  const CallResult missing = invoke(*without, sampleRequest(Action::kTestConnection));
  EXPECT_TRUE(missing.failed());
  EXPECT_EQ(missing.reason, "the configured secret is not set");
}

TEST_F(SdkPluginsTest, ExceptionsInAnSdkPluginBecomeErrorsNotCrashes) {
  auto throws = instance(plugins::kThrowsPlugin);
  ASSERT_TRUE(throws);
  const CallResult access = invoke(*throws, sampleRequest(Action::kAccess, kAda));
  EXPECT_EQ(access.failure, CallFailure::kPluginError);
  EXPECT_THAT(access.reason, HasSubstr("simulated connector failure"));
  const CallResult erase = invoke(*throws, sampleRequest(Action::kErase, kAda));
  EXPECT_EQ(erase.failure, CallFailure::kPluginError);

  auto plugin = testing::loadPlugin(loader_, dir_.copy(plugins::kThrowsPlugin, "again.so"));
  ASSERT_TRUE(plugin);
  auto created = plugin->createInstance(instanceOptions(R"({"throw_in_create": true})"));
  ASSERT_FALSE(created.ok());
  EXPECT_THAT(created.error().message,
              AllOf(HasSubstr("create failed"), HasSubstr("simulated failure in create")));
}

TEST_F(SdkPluginsTest, SchemaBreakingRecordsAreRefusedAndCounted) {
  auto bad = instance(plugins::kBadRecordsPlugin);
  ASSERT_TRUE(bad);
  const CallResult result = invoke(*bad, sampleRequest(Action::kAccess, kAda));
  EXPECT_EQ(result.outcome, Outcome::kCompleted);  // what the plugin claims
  EXPECT_EQ(result.recordsRefused, 7U);
  EXPECT_EQ(result.recordsAccepted, 1U);
  ASSERT_EQ(sink_.records.size(), 1U);
  EXPECT_THAT(sink_.records[0], HasSubstr(R"("collection": "c")"));
}

TEST_F(SdkPluginsTest, TheSmallestCPluginAnswers) {
  auto minimal = instance(plugins::kCMinimalPlugin);
  ASSERT_TRUE(minimal);
  EXPECT_EQ(invoke(*minimal, sampleRequest(Action::kAccess, kAda)).outcome, Outcome::kNotFound);
}

TEST_F(SdkPluginsTest, AnErrorForAnUnknownPersonIsPassedOnAsTheErrorItIs) {
  // Whether not_found should have been the answer is the conformance kit's question.
  auto plugin = instance(plugins::kNotFoundAsErrorPlugin);
  ASSERT_TRUE(plugin);
  const CallResult result = invoke(*plugin, sampleRequest(Action::kAccess, "nobody@example.com"));
  EXPECT_EQ(result.failure, CallFailure::kPluginError);
  EXPECT_FALSE(result.reason.empty());
}

}  // namespace
}  // namespace dsrflow::plugin_host
