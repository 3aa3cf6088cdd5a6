// The embedded ABI schema, outcome reading and request building.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin_host/action_request.hpp"
#include "plugin_host/embedded_schema.hpp"
#include "plugin_host/json_schema.hpp"
#include "plugin_host/outcome_reader.hpp"
#include "plugin_host/plugin_schema.hpp"
#include "plugin_host_fixture.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::plugin_host {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(EmbeddedSchemaTest, IsTheSdksSchemaFile) {
  const auto file =
      dsrflow::testing::sourceDir() / "plugins" / "sdk" / "schema" / "dsrflow-plugin.schema.json";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "source tree not found at " << file;
  EXPECT_EQ(pluginSchemaJson(), dsrflow::testing::readFile(file));
}

TEST(PluginSchemaTest, ChecksRecordsWithoutEchoingValues) {
  const auto& record = PluginSchema::instance().record();
  EXPECT_TRUE(record.parseAndValidate(R"({"collection":"c","fields":{"email":"a@b.org"}})").ok());
  auto bad = record.parseAndValidate(
      R"({"collection":"c","fields":{},"categories":{"email":["Secret.Value@example.org"]}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.error().message, AllOf(HasSubstr("[categories][email][0]"),
                                         Not(HasSubstr("Secret.Value@example.org"))));
  EXPECT_THAT(record.parseAndValidate("{").error().message, HasSubstr("not JSON"));
}

TEST(PluginSchemaTest, ChecksManifestsAndRequests) {
  EXPECT_FALSE(PluginSchema::instance().manifest().parseAndValidate("{}").ok());
  EXPECT_FALSE(PluginSchema::instance().actionRequest().parseAndValidate("[]").ok());
}

TEST(JsonSchemaTest, RefusesSchemasThatAreNotUsable) {
  EXPECT_THAT(JsonSchema::compile("{").error().message, HasSubstr("not JSON"));
  EXPECT_THAT(JsonSchema::compile("[1]").error().message, HasSubstr("not an object"));
  EXPECT_THAT(JsonSchema::compile(R"({"$ref":"https://example.org/remote.json"})").error().message,
              HasSubstr("not a usable JSON Schema"));
  auto schema = JsonSchema::compile(R"({"type":"object","required":["url"]})");
  ASSERT_TRUE(schema.ok());
  EXPECT_TRUE(schema->parseAndValidate(R"({"url":"x"})").ok());
  EXPECT_THAT(schema->parseAndValidate("{}").error().message, HasSubstr("<root>"));
}

TEST(OutcomeReaderTest, ReadsEveryTypedField) {
  auto result = readOutcome(
      R"({"outcome":"retained","counts":{"user.financial":3},"method":"nulled","reason":"HGB 257",)"
      R"("retryable":true,"job_id":"J","next_poll":"2026-11-29T10:00:00Z","instructions":"call"})");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->outcome, Outcome::kRetained);
  EXPECT_EQ(result->counts.at("user.financial"), 3);
  EXPECT_EQ(result->method, ErasureMethod::kNulled);
  EXPECT_EQ(result->reason, "HGB 257");
  EXPECT_TRUE(result->retryable);
  EXPECT_EQ(result->jobId, "J");
  EXPECT_EQ(result->instructions, "call");
  EXPECT_EQ(result->nextPoll, parseTimestamp("2026-11-29T10:00:00Z").value());
  EXPECT_EQ(result->failure, CallFailure::kNone);
}

TEST(OutcomeReaderTest, RefusesInvalidOutcomes) {
  EXPECT_FALSE(readOutcome(R"({"counts":{}})").ok());
  EXPECT_FALSE(readOutcome(R"({"outcome":"erased","counts":{"x":-1}})").ok());
  EXPECT_FALSE(readOutcome(R"({"outcome":"erased","method":"shredded"})").ok());
  EXPECT_THAT(
      readOutcome(R"({"outcome":"deferred","next_poll":"2026-02-31T00:00:00Z"})").error().message,
      HasSubstr("next_poll"));
}

TEST(OutcomeReaderTest, ParsesTimestamps) {
  using std::chrono::milliseconds;
  EXPECT_EQ(parseTimestamp("1970-01-01T00:00:01Z").value(), TimePoint{milliseconds{1000}});
  EXPECT_EQ(parseTimestamp("1970-01-01T00:00:01.5Z").value(), TimePoint{milliseconds{1500}});
  EXPECT_EQ(parseTimestamp("1970-01-01T00:00:00.123456Z").value(), TimePoint{milliseconds{123}});
  EXPECT_FALSE(parseTimestamp("1970-01-01 00:00:00Z").ok());
  EXPECT_FALSE(parseTimestamp("1970-13-01T00:00:00Z").ok());
  EXPECT_FALSE(parseTimestamp("1970-01-01T00:00:00.Z").ok());
}

TEST(OutcomeReaderTest, AFailedCallCarriesAValidOutcome) {
  const CallResult failed = failedCall(CallFailure::kTimedOut, "timed out after 5 ms", true);
  EXPECT_EQ(failed.outcome, Outcome::kFailed);
  EXPECT_EQ(failed.failure, CallFailure::kTimedOut);
  auto reread = readOutcome(failed.outcomeJson);
  ASSERT_TRUE(reread.ok()) << failed.outcomeJson;
  EXPECT_EQ(reread->reason, "timed out after 5 ms");
  EXPECT_TRUE(reread->retryable);
  EXPECT_EQ(toString(CallFailure::kTimedOut), "timed_out");
  EXPECT_EQ(parseCallFailure("quarantined"), CallFailure::kQuarantined);
}

TEST(ActionRequestTest, BuildsSchemaValidJson) {
  ActionRequest request = testing::sampleRequest(Action::kRectify);
  request.categories = {"user.contact"};
  request.dryRun = true;
  request.changes.push_back({"user.contact.email", "email", R"("new@example.org")"});
  request.stateJson = R"({"job":"j"})";
  const std::string json = toJson(request);
  EXPECT_TRUE(PluginSchema::instance().actionRequest().parseAndValidate(json).ok()) << json;
  EXPECT_THAT(json,
              AllOf(HasSubstr(R"("action":"rectify")"), HasSubstr(R"("dry_run":true)"),
                    HasSubstr(R"("state":{"job":"j"})"), HasSubstr(R"("value":"new@example.org")"),
                    HasSubstr(R"("regulation":"gdpr")")));
  request.stateJson = "{";
  EXPECT_THROW((void)toJson(request), std::invalid_argument);
}

}  // namespace
}  // namespace dsrflow::plugin_host
