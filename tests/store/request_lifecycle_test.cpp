// Reject, cancel, extend, hold and release on each backend: the transition table decides, the
// change and its audit event land together.

#include "engine/request_lifecycle.hpp"

#include <gmock/gmock.h>

#include "audit/audit_log.hpp"
#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

// 2026-01-30 10:00 UTC: a GDPR request received then is due at the end of 2 March in Berlin
// (28 February is a Saturday).
constexpr long long kReceived = 1769767200000;

class RequestLifecycleTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    config::Config config;
    config::ControllerConfig acme;
    acme.id = "acme";
    acme.name = "ACME";
    config.controllers.push_back(acme);
    auto calendars = DeadlineCalendars::fromConfig(config);
    ASSERT_OK(calendars);
    lifecycle_ = std::make_unique<RequestLifecycle>(storePtr(), clock_, *calendars);
  }
  std::shared_ptr<Store> storePtr() {
    // The fixture owns the store; lend it without taking ownership.
    return std::shared_ptr<Store>(&store(), [](Store*) {});
  }
  Request fresh(const std::string& id, RequestStatus status) {
    Request r = sampleRequest(id, at(kReceived));
    r.status = status;
    r.heldFrom.reset();
    r.extendedDueAt.reset();
    r.extensionReason.clear();
    r.statusReason.clear();
    r.dueAt = at(kReceived) + 24h * 31;
    EXPECT_TRUE(store().transact([&](StoreTx& tx) { return tx.requests().insert(r); }).ok());
    return r;
  }
  std::vector<AuditEvent> events(const std::string& id) {
    return store()
        .readValue<std::vector<AuditEvent>>(
            [&](StoreTx& tx) { return tx.audit().listForRequest(id); })
        .value();
  }

  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>(at(kReceived) + 24h);
  std::unique_ptr<RequestLifecycle> lifecycle_;
  Actor staff_{ActorType::kUser, "staff-1"};
};

TEST_P(RequestLifecycleTest, RejectBeforeWorkBeginsWithAReason) {
  fresh("r1", RequestStatus::kVerifying);
  EXPECT_EQ(lifecycle_->reject("r1", staff_, " ").error().code, ErrorCode::kInvalidArgument);
  auto rejected = lifecycle_->reject("r1", staff_, "identity could not be verified");
  ASSERT_OK(rejected);
  EXPECT_EQ(rejected->status, RequestStatus::kRejected);
  EXPECT_EQ(rejected->statusReason, "identity could not be verified");
  auto audit = events("r1");
  ASSERT_EQ(audit.size(), 1U);
  EXPECT_EQ(audit[0].event, "request.rejected");
  EXPECT_EQ(audit[0].actorId, "staff-1");
  EXPECT_THAT(audit[0].detailsJson, HasSubstr(R"("from":"verifying")"));
  EXPECT_THAT(audit[0].detailsJson, Not(HasSubstr("identity could not")));

  fresh("r2", RequestStatus::kInProgress);
  auto late = lifecycle_->reject("r2", staff_, "too late");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
}

TEST_P(RequestLifecycleTest, CancelFromAnyOpenStatusButNotTwice) {
  fresh("r1", RequestStatus::kWaiting);
  auto cancelled = lifecycle_->cancel("r1", staff_, "withdrawn by the person");
  ASSERT_OK(cancelled);
  EXPECT_EQ(cancelled->status, RequestStatus::kCancelled);
  auto again = lifecycle_->cancel("r1", staff_, "again");
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(again.error().message, HasSubstr("from 'cancelled' to 'cancelled'"));
  EXPECT_EQ(events("r1").size(), 1U);
  EXPECT_EQ(lifecycle_->cancel("missing", staff_, "x").error().code, ErrorCode::kNotFound);
}

TEST_P(RequestLifecycleTest, ExtendOnceBeforeTheDeadline) {
  fresh("r1", RequestStatus::kInProgress);
  auto extended = lifecycle_->extend("r1", staff_, "many systems, complex request");
  ASSERT_OK(extended);
  ASSERT_TRUE(extended->extendedDueAt.has_value());
  EXPECT_GT(*extended->extendedDueAt, extended->dueAt + 24h * 55);
  EXPECT_EQ(extended->status, RequestStatus::kInProgress);
  auto twice = lifecycle_->extend("r1", staff_, "more time");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto audit = events("r1");
  ASSERT_EQ(audit.size(), 1U);
  EXPECT_EQ(audit[0].event, "request.extended");
  EXPECT_THAT(audit[0].detailsJson, HasSubstr("due_at"));

  fresh("r2", RequestStatus::kInProgress);
  clock_->advance(24h * 40);  // past the first deadline
  EXPECT_FALSE(lifecycle_->extend("r2", staff_, "too late").ok());
}

TEST_P(RequestLifecycleTest, HoldAndReleaseReturnToTheInterruptedStatus) {
  fresh("r1", RequestStatus::kAwaitingApproval);
  auto held = lifecycle_->hold("r1", staff_, "litigation hold LH-7");
  ASSERT_OK(held);
  EXPECT_EQ(held->status, RequestStatus::kOnHold);
  EXPECT_EQ(held->heldFrom, RequestStatus::kAwaitingApproval);
  EXPECT_EQ(lifecycle_->hold("r1", staff_, "again").error().code, ErrorCode::kConflict);
  auto released = lifecycle_->release("r1", staff_);
  ASSERT_OK(released);
  EXPECT_EQ(released->status, RequestStatus::kAwaitingApproval);
  EXPECT_FALSE(released->heldFrom.has_value());
  EXPECT_EQ(lifecycle_->release("r1", staff_).error().code, ErrorCode::kConflict);
  auto audit = events("r1");
  ASSERT_EQ(audit.size(), 2U);
  EXPECT_EQ(audit[1].event, "request.released");

  fresh("r2", RequestStatus::kCompleted);
  EXPECT_EQ(lifecycle_->hold("r2", staff_, "hold").error().code, ErrorCode::kConflict);
  auto verified = verifyAuditChain(store());
  ASSERT_OK(verified);
  EXPECT_FALSE(verified->brokenAtSeq.has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, RequestLifecycleTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgresql),
                         backendName);

}  // namespace
}  // namespace dsrflow::testing
