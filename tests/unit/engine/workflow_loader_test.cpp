#include "engine/workflow_loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::TempDir;
using testing::writeFile;

class WorkflowLoaderTest : public ::testing::Test {
 protected:
  std::string errorOf(const std::string& yaml) {
    writeFile(dir_ / "w.yaml", yaml);
    auto result = loadWorkflowFile(dir_ / "w.yaml");
    EXPECT_FALSE(result.ok()) << yaml;
    return result.ok() ? "" : result.error().message;
  }
  std::string file() const { return (dir_ / "w.yaml").string(); }
  TempDir dir_;
};

TEST(ShippedWorkflows, ServeEveryRequestTypeOnce) {
  auto workflows = loadWorkflows(testing::sourceDir() / "workflows");
  ASSERT_TRUE(workflows.ok()) << workflows.error().message;
  std::size_t types = 0;
  for (const auto& w : *workflows) types += w.requestTypes.size();
  EXPECT_EQ(types, kRequestTypeNames.size());
}

TEST(ShippedWorkflows, ErasureRunsACountsOnlyAccessPassFirst) {
  auto w = loadWorkflowFile(testing::sourceDir() / "workflows" / "erasure.yaml");
  ASSERT_TRUE(w.ok()) << w.error().message;
  std::vector<const FanOutStep*> fanOuts;
  for (const auto& step : w->steps) {
    if (const auto* f = std::get_if<FanOutStep>(&step)) fanOuts.push_back(f);
  }
  ASSERT_EQ(fanOuts.size(), 2U);
  EXPECT_EQ(fanOuts[0]->action, Action::kAccess);
  EXPECT_TRUE(fanOuts[0]->countsOnly);
  EXPECT_EQ(fanOuts[1]->action, Action::kErase);
  EXPECT_EQ(stepName(w->steps.back()), "notify_recipients");
}

TEST_F(WorkflowLoaderTest, ReadsEveryStepType) {
  writeFile(dir_ / "w.yaml", R"(workflow: everything
request_types: [erasure]
steps:
  - verify_identity: {required: false}
  - approve: {channels: [api, letter]}
  - fan_out:
      action: erase
      systems: {kinds: [crm], ids: [billing]}
      categories: [user.contact, user.financial]
      after: {billing: [crm, shop]}
  - wait
  - review: {required: false}
  - route_to_reviewer: {reviewer_role: dpo, reviewer: jane.doe, due_in: 3d, due_from: receipt}
  - assemble: {format: erasure_certificate}
  - deliver
  - notify_recipients
)");
  auto w = loadWorkflowFile(dir_ / "w.yaml");
  ASSERT_TRUE(w.ok()) << w.error().message;
  ASSERT_EQ(w->steps.size(), 9U);
  EXPECT_FALSE(std::get<VerifyIdentityStep>(w->steps[0]).required);
  EXPECT_EQ(std::get<ApproveStep>(w->steps[1]).channels,
            (std::vector<Channel>{Channel::kApi, Channel::kLetter}));
  const auto& fan = std::get<FanOutStep>(w->steps[2]);
  EXPECT_FALSE(fan.systems.all);
  EXPECT_EQ(fan.systems.kinds, std::vector<std::string>{"crm"});
  EXPECT_EQ(fan.categories.size(), 2U);
  EXPECT_EQ(fan.after.at("billing"), (std::vector<std::string>{"crm", "shop"}));
  const auto& route = std::get<RouteToReviewerStep>(w->steps[5]);
  EXPECT_EQ(route.dueIn, std::chrono::hours(72));
  EXPECT_EQ(route.dueFrom, RouteToReviewerStep::DueFrom::kReceipt);
  EXPECT_EQ(route.reviewerRole, "dpo");
  EXPECT_EQ(route.reviewer, "jane.doe");
}

TEST_F(WorkflowLoaderTest, ErrorsNameFileLineAndKey) {
  const std::string head = "workflow: w\nrequest_types: [access]\nsteps:\n";
  EXPECT_THAT(errorOf(head + "  - fan_out: {action: access}\n  - teleport\n"),
              StartsWith(file() + ":5: steps[1]: unknown step type 'teleport'"));
  EXPECT_THAT(errorOf(head + "  - fan_out: {action: obliterate}\n"),
              StartsWith(file() + ":4: steps[0].fan_out.action: expected access, erase"));
  EXPECT_THAT(errorOf(head + "  - fan_out: {action: access, colour: red}\n"),
              StartsWith(file() + ":4: steps[0].fan_out.colour: unknown key"));
  EXPECT_THAT(errorOf(head + "  - fan_out: {action: access, categories: [User]}\n"),
              HasSubstr("'User' is not a data category"));
  EXPECT_THAT(errorOf(head + "  - fan_out: {action: erase, counts_only: true}\n"),
              HasSubstr("only an access fan-out can keep counts only"));
  EXPECT_THAT(errorOf(head + "  - fan_out: {action: access}\n  - deliver\n"),
              HasSubstr("deliver needs an assemble step before it"));
  EXPECT_THAT(errorOf(head + "  - fan_out: {action: access}\n  - verify_identity\n"),
              HasSubstr("verify_identity must come before fan_out"));
  EXPECT_THAT(errorOf(head + "  - wait\n"), HasSubstr("a workflow needs at least one fan_out"));
  EXPECT_THAT(errorOf("workflow: w\nrequest_types: [forget]\nsteps: []\n"),
              HasSubstr("request_types: unknown value 'forget'"));
  EXPECT_THAT(errorOf(head + "  - {fan_out: {action: access}, wait: null}\n"),
              HasSubstr("a step is a step type, or one step type with its settings"));
  EXPECT_THAT(errorOf(head + "  - assemble: {format: pdf}\n"),
              HasSubstr("expected access_package"));
  EXPECT_THAT(errorOf(head + "  - route_to_reviewer: {due_in: 30m}\n"),
              StartsWith(file() + ":4: steps[0].route_to_reviewer.due_in: must be at least 1h"));
  EXPECT_THAT(errorOf(head + "  - route_to_reviewer: {due_from: decision}\n"),
              HasSubstr("due_from: expected routing or receipt, found 'decision'"));
  EXPECT_THAT(errorOf(head + "  - route_to_reviewer: {reviewer: 'Jane Doe'}\n"),
              HasSubstr("reviewer: 'Jane Doe' is not a user name"));
  EXPECT_THAT(errorOf(head + "  - route_to_reviewer: {due: 3d}\n"),
              HasSubstr("route_to_reviewer.due: unknown key"));
}

TEST_F(WorkflowLoaderTest, EveryRequestTypeMustBeServedExactlyOnce) {
  writeFile(dir_ / "a.yaml",
            "workflow: a\nrequest_types: [access]\nsteps:\n  - fan_out: {action: access}\n");
  writeFile(dir_ / "b.yaml",
            "workflow: b\nrequest_types: [access]\nsteps:\n  - fan_out: {action: access}\n");
  auto twice = loadWorkflows(dir_.path());
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.error().message, HasSubstr("'access' is already served by"));
  std::filesystem::remove(dir_ / "b.yaml");
  auto missing = loadWorkflows(dir_.path());
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error().message,
              HasSubstr("no workflow serves the request types portability"));
}

}  // namespace
}  // namespace dsrflow
