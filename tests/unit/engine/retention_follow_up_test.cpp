// Which follow-up erasures a retained outcome schedules: one per end date, none without one.

#include "engine/retention_follow_up.hpp"

#include <gtest/gtest.h>

#include "engine/task_params.hpp"
#include "model/time_format.hpp"

namespace dsrflow {
namespace {

Task eraseTask() {
  Task t;
  t.id = "t1";
  t.requestId = "r1";
  t.systemId = "erp";
  t.action = Action::kErase;
  t.step = 3;
  t.paramsJson = R"({"categories":["user"]})";
  return t;
}

TEST(RetentionFollowUp, OneErasurePerEndDateForTheCategoriesKeptUntilThen) {
  const auto followUps = retentionFollowUps(eraseTask(), R"json({"kind":"retained","retained":[
      {"legal_basis":"HGB 257 (vouchers)","category":"user.financial","retention_end":"2034-12-31"},
      {"legal_basis":"HGB 257 (letters)","category":"user.contact","retention_end":"2032-12-31"},
      {"legal_basis":"AO 147","category":"user.financial.bank_account","retention_end":"2034-12-31"},
      {"legal_basis":"Art. 17(3)(e) GDPR"}]})json",
                                            TimePoint{});
  ASSERT_EQ(followUps.size(), 2U);
  EXPECT_EQ(formatUtcSeconds(*followUps[0].nextRunAt), "2033-01-01T00:00:00Z");
  EXPECT_EQ(parseTaskParams(followUps[0].paramsJson)->categories,
            std::vector<std::string>{"user.contact"});
  EXPECT_EQ(formatUtcSeconds(*followUps[1].nextRunAt), "2035-01-01T00:00:00Z");
  EXPECT_EQ(parseTaskParams(followUps[1].paramsJson)->categories,
            (std::vector<std::string>{"user.financial", "user.financial.bank_account"}));
  for (const auto& t : followUps) {
    EXPECT_EQ(t.step, kAfterWorkflow);
    EXPECT_EQ(t.action, Action::kErase);
    EXPECT_EQ(t.systemId, "erp");
    EXPECT_EQ(t.status, TaskStatus::kPending);
    EXPECT_GT(*t.dueAt, *t.nextRunAt);
  }
}

TEST(RetentionFollowUp, AnItemWithoutCategoryCoversWhatTheTaskCovered) {
  const auto followUps = retentionFollowUps(
      eraseTask(), R"({"retained":[{"legal_basis":"x","retention_end":"2030-06-30"}]})", {});
  ASSERT_EQ(followUps.size(), 1U);
  EXPECT_EQ(parseTaskParams(followUps[0].paramsJson)->categories, std::vector<std::string>{"user"});
}

TEST(RetentionFollowUp, NothingForOtherActionsUndatedOrUnreadableOutcomes) {
  Task access = eraseTask();
  access.action = Action::kAccess;
  const std::string dated = R"({"retained":[{"legal_basis":"x","retention_end":"2030-06-30"}]})";
  EXPECT_TRUE(retentionFollowUps(access, dated, {}).empty());
  EXPECT_TRUE(
      retentionFollowUps(eraseTask(), R"({"retained":[{"legal_basis":"hold"}]})", {}).empty());
  EXPECT_TRUE(retentionFollowUps(eraseTask(),
                                 R"({"retained":[{"legal_basis":"x","retention_end":"soon"}]})", {})
                  .empty());
  EXPECT_TRUE(retentionFollowUps(eraseTask(), "not json", {}).empty());
  EXPECT_TRUE(retentionFollowUps(eraseTask(), R"({"kind":"erased"})", {}).empty());
}

}  // namespace
}  // namespace dsrflow
