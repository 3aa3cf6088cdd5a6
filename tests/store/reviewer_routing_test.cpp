// Contested automated decisions (Art. 22(3)) on each backend: the route_to_reviewer step records
// the review with its own due date, staff name the reviewer (before or after routing, with a due
// date of their choosing within the request's deadline), and only that reviewer, or an admin
// overriding with a reason, finishes the review.

#include <algorithm>

#include "engine/purger.hpp"
#include "engine/reviewer_routing.hpp"
#include "workflow_engine_fixture.hpp"

namespace dsrflow::testing {
namespace {

using namespace std::chrono_literals;

class ReviewerRoutingTest : public WorkflowEngineTest {
 protected:
  ReviewerAssignments assignments() {
    auto calendars = DeadlineCalendars::fromConfig(*config_);
    auto workflows = loadWorkflows(sourceDir() / "workflows");
    EXPECT_TRUE(calendars.ok() && workflows.ok());
    return ReviewerAssignments(shared(), clock_, std::move(calendars).value(),
                               std::move(workflows).value());
  }
  std::optional<ReviewerAssignment> assignment(const std::string& id) {
    return store()
        .readValue<std::optional<ReviewerAssignment>>(
            [&](StoreTx& tx) { return tx.review().findAssignment(id); })
        .value();
  }
  bool audited(const std::string& id, const std::string& event, const std::string& detail = "") {
    auto events = store().readValue<std::vector<AuditEvent>>(
        [&](StoreTx& tx) { return tx.audit().listForRequest(id); });
    return std::any_of(events->begin(), events->end(), [&](const AuditEvent& e) {
      return e.event == event && e.detailsJson.find(detail) != std::string::npos;
    });
  }
  // A contest_decision request for Ada, verified and routed to review.
  std::string routedRequest() {
    startEngine();
    const std::string id = submit(RequestType::kContestDecision, "ada@example.com");
    EXPECT_TRUE(engine_->runUntilIdle().ok());
    EXPECT_TRUE(engine_->attestIdentity(id, staff_, "signed letter").ok());
    EXPECT_TRUE(engine_->runUntilIdle().ok());
    EXPECT_EQ(request(id).status, RequestStatus::kInReview);
    return id;
  }
  date::year_month_day dayAfter(std::chrono::hours offset) {
    return date::year_month_day(date::floor<date::days>(clock_->now() + offset));
  }

  const Actor jane_{ActorType::kUser, "jane"};
};

TEST_P(ReviewerRoutingTest, TheNamedReviewerFinishesTheReviewByItsOwnDueDate) {
  const std::string id = routedRequest();
  const TimePoint routed = clock_->now();
  auto routedTo = assignment(id);
  ASSERT_TRUE(routedTo.has_value());
  EXPECT_EQ(routedTo->role, "staff");
  EXPECT_TRUE(routedTo->reviewer.empty()) << "the workflow names a role; staff name the person";
  EXPECT_EQ(routedTo->routedAt, routed);
  EXPECT_EQ(routedTo->dueAt, routed + 7 * 24h) << "due_in: 7d from routing";
  EXPECT_TRUE(audited(id, "request.routed_to_reviewer", R"("role":"staff")"));

  // Advancing again changes nothing.
  clock_->advance(1h);
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->advance(id));
  EXPECT_EQ(assignment(id), routedTo);

  EXPECT_EQ(engine_->finishReview(id, staff_).error().code, ErrorCode::kConflict)
      << "no reviewer is named yet";
  auto named = assignments().assign(id, "jane", std::nullopt, staff_);
  ASSERT_OK(named);
  EXPECT_EQ(named->reviewer, "jane");
  EXPECT_EQ(named->dueAt, routedTo->dueAt) << "the step's due date stands";
  EXPECT_TRUE(audited(id, "review.reviewer_assigned", R"("reviewer":"jane")"));

  EXPECT_EQ(engine_->finishReview(id, staff_).error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(engine_->finishReview(id, jane_, "no need").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(request(id).status, RequestStatus::kInReview);
  // Through the CLI Jane is cli:jane.
  ASSERT_OK(engine_->finishReview(id, {ActorType::kUser, "cli:jane"}));
  EXPECT_EQ(request(id).status, RequestStatus::kCompleted);
  EXPECT_TRUE(assignment(id)->finishedAt.has_value());
  EXPECT_FALSE(audited(id, "review.overridden"));
  EXPECT_EQ(assignments().assign(id, "bob", std::nullopt, staff_).error().code,
            ErrorCode::kConflict);
  // After 24 months the minimal record goes, and its assignment with it.
  clock_->advance(24h * 750);
  Purger purger(shared(), clock_, config::RetentionConfig{}, dir_->path() / "results");
  ASSERT_EQ(purger.run()->requestRecordsRemoved, 1U);
  EXPECT_FALSE(assignment(id).has_value());
}

TEST_P(ReviewerRoutingTest, OnlyAnAdminOverridesWithAReason) {
  const std::string id = routedRequest();
  ASSERT_OK(assignments().assign(id, "jane", std::nullopt, staff_));
  ASSERT_OK(store().transact([&](StoreTx& tx) {
    User carol{"u-1", "carol", "Carol", UserRole::kAdmin, "x", false, clock_->now()};
    User erin{"u-2", "erin", "Erin", UserRole::kStaff, "x", false, clock_->now()};
    if (auto s = tx.users().add(carol); !s) return s;
    return tx.users().add(erin);
  }));
  EXPECT_EQ(engine_->finishReview(id, {ActorType::kUser, "erin"}, "jane is away").error().code,
            ErrorCode::kPermissionDenied)
      << "staff are not admins";
  EXPECT_EQ(engine_->finishReview(id, {ActorType::kToken, "t-1"}, "jane is away").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(engine_->finishReview(id, {ActorType::kUser, "carol"}, "  ").error().code,
            ErrorCode::kPermissionDenied)
      << "an override needs a reason";
  EXPECT_FALSE(audited(id, "review.overridden"));
  ASSERT_OK(engine_->finishReview(id, {ActorType::kUser, "carol"}, "jane is on leave"));
  EXPECT_EQ(request(id).status, RequestStatus::kCompleted);
  EXPECT_TRUE(audited(id, "review.overridden", R"("reason":"jane is on leave")"));
  auto chain = verifyAuditChain(store());
  ASSERT_OK(chain);
  EXPECT_FALSE(chain->brokenAtSeq.has_value());
}

TEST_P(ReviewerRoutingTest, StaffNameTheReviewerAndDueDateBeforeRouting) {
  startEngine();
  const std::string id = submit(RequestType::kContestDecision, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(request(id).status, RequestStatus::kVerifying);
  auto code = [&](const std::string& reviewer, std::optional<date::year_month_day> due) {
    auto r = assignments().assign(id, reviewer, due, staff_);
    return r.ok() ? ErrorCode::kInternal : r.error().code;
  };
  EXPECT_EQ(code("Jane Doe", std::nullopt), ErrorCode::kInvalidArgument);
  EXPECT_EQ(code("jane", dayAfter(-48h)), ErrorCode::kInvalidArgument) << "in the past";
  EXPECT_EQ(code("jane", dayAfter(24h * 200)), ErrorCode::kInvalidArgument)
      << "after the request's own deadline";
  const std::string access = submit(RequestType::kAccess, "grace@example.com");
  auto notRouted = assignments().assign(access, "jane", std::nullopt, staff_);
  ASSERT_FALSE(notRouted.ok());
  EXPECT_EQ(notRouted.error().code, ErrorCode::kConflict);

  auto named = assignments().assign(id, "jane", dayAfter(72h), staff_);
  ASSERT_OK(named);
  ASSERT_TRUE(named->dueAt.has_value());
  EXPECT_GT(*named->dueAt, clock_->now() + 48h);
  EXPECT_LE(*named->dueAt, clock_->now() + 96h);
  EXPECT_FALSE(named->routedAt.has_value());

  ASSERT_OK(engine_->attestIdentity(id, staff_, "signed letter"));
  ASSERT_OK(engine_->runUntilIdle());
  auto routed = assignment(id);
  ASSERT_TRUE(routed.has_value());
  EXPECT_EQ(routed->reviewer, "jane");
  EXPECT_EQ(routed->dueAt, named->dueAt) << "the date staff set stands";
  EXPECT_TRUE(routed->routedAt.has_value());
  ASSERT_OK(engine_->finishReview(id, jane_));
  EXPECT_EQ(request(id).status, RequestStatus::kCompleted);
}

TEST_P(ReviewerRoutingTest, DueDatesCountFromReceiptOrRoutingAndNeverPassTheDeadline) {
  startEngine();
  const std::string id = submit(RequestType::kContestDecision, "ada@example.com");
  const Request r = request(id);
  clock_->advance(48h);
  RouteToReviewerStep fromReceipt;
  fromReceipt.dueIn = 72h;
  fromReceipt.dueFrom = RouteToReviewerStep::DueFrom::kReceipt;
  fromReceipt.reviewer = "jane";
  ASSERT_OK(store().transact(
      [&](StoreTx& tx) { return routeToReviewer(tx, r, fromReceipt, clock_->now()); }));
  EXPECT_EQ(assignment(id)->dueAt, r.receivedAt + 72h);
  EXPECT_EQ(assignment(id)->reviewer, "jane");

  const std::string other = submit(RequestType::kContestDecision, "grace@example.com");
  RouteToReviewerStep long_;
  long_.dueIn = 24h * 90;
  const Request second = request(other);
  ASSERT_OK(store().transact(
      [&](StoreTx& tx) { return routeToReviewer(tx, second, long_, clock_->now()); }));
  EXPECT_EQ(assignment(other)->dueAt, request(other).effectiveDueAt());
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewerRoutingTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgresql),
                         backendName);

}  // namespace
}  // namespace dsrflow::testing
