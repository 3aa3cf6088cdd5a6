// PluginInfo and CallResult survive a trip through JSON (the child-process contract).
#include "plugin_host/plugin_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin_host/outcome_reader.hpp"

namespace dsrflow::plugin_host {
namespace {

using ::testing::HasSubstr;

TEST(PluginJsonTest, PluginInfoRoundTrips) {
  PluginInfo info;
  info.name = "com.example.crm";
  info.version = "1.4.2";
  info.abiMajor = 1;
  info.abiMinor = 0;
  info.actionBits = actionBit(Action::kAccess) | actionBit(Action::kExplain);
  info.configSchemaJson = R"({"type":"object"})";
  info.manifestJson = R"({"system_kind":"crm"})";
  info.handlesCallbacks = true;
  info.path = "/usr/lib/dsrflow/plugins/crm.so";
  info.sha256 = std::string(64, 'f');
  auto read = readPluginInfo(toJson(info));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->name, info.name);
  EXPECT_EQ(read->version, info.version);
  EXPECT_EQ(read->abiMajor, 1);
  EXPECT_EQ(read->actionBits, info.actionBits);
  EXPECT_EQ(read->configSchemaJson, info.configSchemaJson);
  EXPECT_EQ(read->manifestJson, info.manifestJson);
  EXPECT_TRUE(read->handlesCallbacks);
  EXPECT_EQ(read->path, info.path);
  EXPECT_EQ(read->sha256, info.sha256);
  EXPECT_THAT(readPluginInfo(R"({"name":"x"})").error().message, HasSubstr("plugin info"));
  EXPECT_FALSE(readPluginInfo("[]").ok());
}

TEST(PluginJsonTest, CallResultRoundTripsWithTheOutcomeVerbatim) {
  const std::string outcome = R"({"outcome":"erased","method":"deleted","counts":{"user.name":2}})";
  CallResult result = readOutcome(outcome).value();
  result.recordsAccepted = 3;
  result.recordsRefused = 1;
  result.elapsed = std::chrono::milliseconds(42);
  result.pollLater = PollRequest{TimePoint{std::chrono::milliseconds(1'000)}, R"({"j":1})"};
  auto read = readCallResult(toJson(result));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->outcomeJson, outcome);
  EXPECT_EQ(read->outcome, Outcome::kErased);
  EXPECT_EQ(read->method, ErasureMethod::kDeleted);
  EXPECT_EQ(read->counts.at("user.name"), 2);
  EXPECT_EQ(read->recordsAccepted, 3U);
  EXPECT_EQ(read->recordsRefused, 1U);
  EXPECT_EQ(read->elapsed, std::chrono::milliseconds(42));
  ASSERT_TRUE(read->pollLater.has_value());
  EXPECT_EQ(read->pollLater->notBefore, TimePoint{std::chrono::milliseconds(1'000)});
  EXPECT_EQ(read->pollLater->stateJson, R"({"j":1})");
}

TEST(PluginJsonTest, FailuresAndCallbacksWithoutOutcomeRoundTrip) {
  auto failed = readCallResult(toJson(failedCall(CallFailure::kCrashed, "child died", true)));
  ASSERT_TRUE(failed.ok()) << failed.error().message;
  EXPECT_EQ(failed->failure, CallFailure::kCrashed);
  EXPECT_EQ(failed->reason, "child died");
  EXPECT_TRUE(failed->retryable);

  CallResult none;
  none.hasOutcome = false;
  auto read = readCallResult(toJson(none));
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_FALSE(read->hasOutcome);

  EXPECT_FALSE(readCallResult(R"({"has_outcome":true,"outcome_json":"{}","failure":"none",)"
                              R"("records_accepted":0,"records_refused":0,"elapsed_ms":0})")
                   .ok());
}

}  // namespace
}  // namespace dsrflow::plugin_host
