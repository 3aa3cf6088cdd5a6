// Erasures held back by a legal hold are queued again when the hold ends, on each backend: at
// once when the hold is ended through LegalHoldRelease, by the sweep when it ended otherwise;
// not while another hold still stands, not for a withdrawn request; the held erasure keeps its
// identities past the purge window until then; the new request is linked to the original both
// ways and erases.

#include <algorithm>

#include "engine/legal_holds.hpp"
#include "engine/purger.hpp"
#include "engine/request_lifecycle.hpp"
#include "engine/subject_lists.hpp"
#include "workflow_engine_fixture.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

class HoldRequeueTest : public WorkflowEngineTest {
 protected:
  void SetUp() override {
    WorkflowEngineTest::SetUp();
    startEngine();
    lists_ = std::make_unique<SubjectLists>(shared(), vault_, clock_);
  }
  LegalHoldRelease release() {
    auto calendars = DeadlineCalendars::fromConfig(*config_);
    auto workflows = loadWorkflows(sourceDir() / "workflows");
    EXPECT_TRUE(calendars.ok() && workflows.ok());
    return LegalHoldRelease(shared(), vault_, clock_, std::move(calendars).value(),
                            std::move(workflows).value());
  }
  std::string hold(IdentityType type, const std::string& value) {
    auto identity = normalizeIdentity(type, "", IdentityFormat::kRaw, value);
    EXPECT_TRUE(identity.ok());
    auto added = lists_->add(SubjectListKind::kLegalHold, *identity,
                             {"litigation 2026-17", "legal"}, staff_);
    EXPECT_TRUE(added.ok()) << added.error().message;
    return added.ok() ? added->id : "";
  }
  // An erasure for Ada (by e-mail, and by customer id when given) run to its end.
  std::string erasure(const std::string& customerId = "") {
    NewRequest n;
    n.type = RequestType::kErasure;
    n.channel = Channel::kLetter;
    n.identities.push_back({IdentityType::kEmail, "", IdentityFormat::kRaw, "ada@example.com"});
    if (!customerId.empty()) {
      n.identities.push_back({IdentityType::kCustomerId, "", IdentityFormat::kRaw, customerId});
    }
    auto r = intake_->submit(n, staff_);
    EXPECT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(engine_->runUntilIdle().ok());
    EXPECT_TRUE(engine_->attestIdentity(r->id, staff_, "signed letter").ok());
    EXPECT_TRUE(engine_->approve(r->id, staff_).ok());
    EXPECT_TRUE(engine_->runUntilIdle().ok());
    return r->id;
  }
  std::vector<AuditEvent> events(const std::string& id) {
    return store()
        .readValue<std::vector<AuditEvent>>(
            [&](StoreTx& tx) { return tx.audit().listForRequest(id); })
        .value();
  }
  const AuditEvent* find(const std::vector<AuditEvent>& events, const std::string& name) {
    auto it = std::find_if(events.begin(), events.end(),
                           [&](const AuditEvent& e) { return e.event == name; });
    return it == events.end() ? nullptr : &*it;
  }
  std::size_t identityCount(const std::string& id) {
    return store()
        .readValue<std::vector<StoredIdentity>>(
            [&](StoreTx& tx) { return tx.identities().listForRequest(id); })
        .value()
        .size();
  }
  std::vector<HeldErasure> held(const std::string& id) {
    return store()
        .readValue<std::vector<HeldErasure>>(
            [&](StoreTx& tx) { return tx.heldErasures().listForRequest(id); })
        .value();
  }
  Outcome crmErasure(const std::string& id) {
    for (const auto& t : tasks(id)) {
      if (t.systemId == "crm" && t.action == Action::kErase && t.outcome) return *t.outcome;
    }
    return Outcome::kFailed;
  }

  std::unique_ptr<SubjectLists> lists_;
};

TEST_P(HoldRequeueTest, EndingTheHoldQueuesTheErasureAgainAsALinkedRequest) {
  const std::string holdId = hold(IdentityType::kEmail, "ada@example.com");
  const std::string original = erasure();
  ASSERT_EQ(request(original).status, RequestStatus::kCompletedWithExceptions);
  EXPECT_EQ(crmErasure(original), Outcome::kRetained);
  ASSERT_EQ(held(original).size(), 1U);
  EXPECT_EQ(held(original)[0].holdId, holdId);

  // The hold outlasts the identity retention window: the held erasure keeps its identities.
  clock_->advance(24h * 100);
  Purger purger(shared(), clock_, config::RetentionConfig{}, dir_->path() / "results");
  ASSERT_OK(purger.run());
  EXPECT_EQ(identityCount(original), 1U);

  auto requeued = release().endHold(holdId, staff_);
  ASSERT_OK(requeued);
  ASSERT_EQ(requeued->size(), 1U);
  EXPECT_EQ((*requeued)[0].originalId, original);
  const std::string again = (*requeued)[0].requestId;
  const Request fresh = request(again);
  EXPECT_EQ(fresh.type, RequestType::kErasure);
  EXPECT_EQ(fresh.status, RequestStatus::kReceived);
  EXPECT_EQ(fresh.step, 2) << "verified and approved for the original: starts at the fan-out";
  EXPECT_EQ(fresh.receivedAt, clock_->now()) << "the duty to erase arises when the hold ends";
  EXPECT_GT(fresh.dueAt, clock_->now() + 24h * 27);
  EXPECT_EQ(identityCount(again), 1U);
  EXPECT_EQ(held(original)[0].resolution, "requeued");
  EXPECT_EQ(held(original)[0].requeuedAs, again);

  // Both records name each other.
  const auto originalEvents = events(original);
  const auto* requeuedEvent = find(originalEvents, "erasure.requeued");
  ASSERT_NE(requeuedEvent, nullptr);
  EXPECT_THAT(requeuedEvent->detailsJson, HasSubstr(again));
  EXPECT_THAT(requeuedEvent->detailsJson, HasSubstr(holdId));
  EXPECT_EQ(requeuedEvent->actorId, "staff-1");
  const auto freshEvents = events(again);
  const auto* received = find(freshEvents, "request.received");
  ASSERT_NE(received, nullptr);
  EXPECT_THAT(received->detailsJson, HasSubstr(R"("requeued_from":")" + original));
  EXPECT_THAT(received->detailsJson, HasSubstr(R"("carried_over":["verify_identity","approve"])"));

  // The new request runs without anyone and erases this time.
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(request(again).status, RequestStatus::kCompleted);
  EXPECT_EQ(crmErasure(again), Outcome::kErased);
  EXPECT_EQ(request(original).status, RequestStatus::kCompletedWithExceptions) << "unchanged";

  // Once, and the original's identities may go now.
  EXPECT_EQ(release().endHold(holdId, staff_).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(release().requeueReleased()->empty());
  ASSERT_OK(purger.run());
  EXPECT_EQ(identityCount(original), 0U);
  // After 24 months the original's minimal record goes, and its held-erasure rows with it.
  clock_->advance(24h * 750);
  auto purged = purger.run();
  ASSERT_OK(purged);
  EXPECT_GE(purged->requestRecordsRemoved, 1U);
  EXPECT_TRUE(held(original).empty());
  auto chain = verifyAuditChain(store());
  ASSERT_OK(chain);
  EXPECT_FALSE(chain->brokenAtSeq.has_value());
}

TEST_P(HoldRequeueTest, NotWhileAnotherHoldStandsAndOtherwiseByTheSweep) {
  const std::string byEmail = hold(IdentityType::kEmail, "ada@example.com");
  const std::string byCustomer = hold(IdentityType::kCustomerId, "c-1");
  const std::string original = erasure("c-1");
  ASSERT_EQ(held(original).size(), 2U);
  auto first = release().endHold(byEmail, staff_);
  ASSERT_OK(first);
  EXPECT_TRUE(first->empty()) << "the other hold still stands";
  EXPECT_FALSE(held(original)[0].resolvedAt.has_value());

  // The second hold is ended without re-queueing (another path): the sweep queues it.
  ASSERT_OK(lists_->end(byCustomer, staff_));
  auto swept = release().requeueReleased();
  ASSERT_OK(swept);
  ASSERT_EQ(swept->size(), 1U);
  const auto* requeued = find(events(original), "erasure.requeued");
  ASSERT_NE(requeued, nullptr);
  EXPECT_EQ(requeued->actorId, "hold-release");
  EXPECT_EQ(identityCount((*swept)[0].requestId), 2U);
  EXPECT_EQ(release().endHold(byEmail, staff_).error().code, ErrorCode::kConflict);
  const std::string suppressed = [&] {
    auto grace =
        normalizeIdentity(IdentityType::kEmail, "", IdentityFormat::kRaw, "grace@example.com");
    return lists_->add(SubjectListKind::kSuppression, *grace, {"objection"}, staff_)->id;
  }();
  EXPECT_EQ(release().endHold(suppressed, staff_).error().code, ErrorCode::kInvalidArgument);
}

TEST_P(HoldRequeueTest, AnOpenOrWithdrawnErasureIsNotQueuedAgain) {
  const std::string holdId = hold(IdentityType::kEmail, "ada@example.com");
  // An erasure still on its way when the hold ends waits for the sweep after it closes.
  const std::string id = submit(RequestType::kErasure, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  auto ada = normalizeIdentity(IdentityType::kEmail, "", IdentityFormat::kRaw, "ada@example.com");
  ASSERT_OK(ada);
  auto holds = lists_->find(SubjectListKind::kLegalHold, {*ada});
  ASSERT_OK(holds);
  ASSERT_OK(store().transact(
      [&](StoreTx& tx) { return recordHeldErasure(tx, id, *holds, clock_->now()); }));
  auto ended = release().endHold(holdId, staff_);
  ASSERT_OK(ended);
  EXPECT_TRUE(ended->empty()) << "still verifying";
  EXPECT_FALSE(held(id)[0].resolvedAt.has_value());

  RequestLifecycle lifecycle(shared(), clock_, *DeadlineCalendars::fromConfig(*config_));
  ASSERT_OK(lifecycle.cancel(id, staff_, "the person withdrew"));
  auto swept = release().requeueReleased();
  ASSERT_OK(swept);
  EXPECT_TRUE(swept->empty());
  EXPECT_EQ(held(id)[0].resolution, "withdrawn");
  const auto* skipped = find(events(id), "erasure.not_requeued");
  ASSERT_NE(skipped, nullptr);
  EXPECT_THAT(skipped->detailsJson, HasSubstr("withdrawn"));
}

INSTANTIATE_TEST_SUITE_P(Backends, HoldRequeueTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgresql),
                         backendName);

}  // namespace
}  // namespace dsrflow::testing
