#include "dsrflow/sdk/action_request.hpp"

#include "sdk/support/schema_check.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace dsrflow::sdk {
namespace {

constexpr const char* kRequest = R"({
  "action": "erase", "request_id": "r-1", "task_id": "t-9", "request_type": "erasure",
  "regulation": "gdpr",
  "identities": [
    {"type": "email", "format": "sha256", "value": "ab12"},
    {"type": "email", "format": "raw", "value": "ada@example.com"},
    {"type": "external_id", "subtype": "loyalty_id", "format": "raw", "value": "L-7"}
  ],
  "categories": ["user.contact", "user.behavior.browsing_history"],
  "dry_run": true,
  "changes": [{"category": "user.name", "field": "name", "value": "Ada King"}],
  "state": {"job": 42},
  "future_property": 1
})";

TEST(ActionRequest, ReadsEveryProperty) {
  ActionRequest r = ActionRequest::parse(kRequest);
  EXPECT_EQ(r.action, Action::erase);
  EXPECT_EQ(r.requestId, "r-1");
  EXPECT_EQ(r.taskId, "t-9");
  EXPECT_EQ(r.requestType, "erasure");
  EXPECT_EQ(r.regulation, "gdpr");
  ASSERT_EQ(r.identities.size(), 3u);
  EXPECT_EQ(r.identities[2].subtype, "loyalty_id");
  EXPECT_EQ(r.categories.size(), 2u);
  EXPECT_TRUE(r.dryRun);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].field, "name");
  EXPECT_EQ(r.changes[0].value.asString(), "Ada King");
  EXPECT_EQ(r.state["job"].asInt(), 42);
  EXPECT_EQ(r.raw["future_property"].asInt(), 1);
  EXPECT_EQ(testing::schemaErrors("action_request", kRequest), "");
}

TEST(ActionRequest, FindsIdentitiesByTypeFormatAndSubtype) {
  ActionRequest r = ActionRequest::parse(kRequest);
  ASSERT_NE(r.identity("email"), nullptr);
  EXPECT_EQ(r.identity("email")->value, "ada@example.com");
  EXPECT_EQ(r.identity("email", "sha256")->value, "ab12");
  EXPECT_EQ(r.identity("external_id", "raw", "loyalty_id")->value, "L-7");
  EXPECT_EQ(r.identity("external_id", "raw", "other"), nullptr);
  EXPECT_EQ(r.identity("phone"), nullptr);
}

TEST(ActionRequest, CoversMatchesWholeCategoryPrefixes) {
  ActionRequest r = ActionRequest::parse(kRequest);
  EXPECT_TRUE(r.covers("user.contact"));
  EXPECT_TRUE(r.covers("user.contact.email"));
  EXPECT_TRUE(r.covers("user.behavior.browsing_history"));
  EXPECT_FALSE(r.covers("user.contactless"));
  EXPECT_FALSE(r.covers("user"));
  EXPECT_FALSE(r.covers("user.behavior"));
  EXPECT_FALSE(r.covers("user.name"));
  EXPECT_TRUE(r.coversAny({"user.name", "user.contact.phone_number"}));
  EXPECT_FALSE(r.coversAny({"user.name"}));
  EXPECT_TRUE(r.coversAny({}));
}

TEST(ActionRequest, NoCategoriesCoverEverything) {
  ActionRequest r = ActionRequest::parse(R"({"action": "access", "identities": []})");
  EXPECT_TRUE(r.covers("user.anything.at.all"));
  EXPECT_FALSE(r.dryRun);
  EXPECT_TRUE(r.state.isNull());
}

TEST(ActionRequest, RejectsUnknownActionsAndWrongTypes) {
  EXPECT_THROW((void)ActionRequest::parse(R"({"action": "teleport"})"), std::invalid_argument);
  EXPECT_THROW((void)ActionRequest::parse(R"({})"), std::invalid_argument);
  EXPECT_THROW((void)ActionRequest::parse(R"([])"), std::invalid_argument);
  EXPECT_THROW((void)ActionRequest::parse(R"({"action": "access", "identities": {}})"),
               json::TypeError);
  EXPECT_THROW((void)ActionRequest::parse(R"({"action": "access", "dry_run": "yes"})"),
               json::TypeError);
  EXPECT_THROW((void)ActionRequest::parse("{"), json::ParseError);
}

TEST(ActionRequest, ActionNamesRoundTrip) {
  for (Action a : kAllActions) EXPECT_EQ(actionFromName(actionName(a)), a);
  EXPECT_STREQ(actionName(Action::testConnection), "test_connection");
  EXPECT_FALSE(actionFromName("Access").has_value());
}

}  // namespace
}  // namespace dsrflow::sdk
