// Requests driven through the shipped workflows by the engine, against real plugins loaded in
// process, on each backend: people's steps, fan-out, counts-only access pass, deferred tasks,
// the sealed answer and the audit trail.

#include "engine/workflow_engine.hpp"

#include "engine/purger.hpp"
#include "engine/retention_follow_up.hpp"
#include "engine/subject_lists.hpp"
#include "model/time_format.hpp"
#include "workflow_engine_fixture.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

TEST_P(WorkflowEngineTest, AccessRequestRunsThroughPeopleAndSystems) {
  startEngine();
  const std::string id = submit(RequestType::kAccess, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(request(id).status, RequestStatus::kVerifying);
  EXPECT_EQ(engine_->approve(id, staff_).error().code, ErrorCode::kConflict);

  ASSERT_OK(engine_->attestIdentity(id, staff_, "called back on the number on file"));
  // A letter needs no approval (the workflow asks it for api and opendsr): straight to work.
  EXPECT_EQ(request(id).status, RequestStatus::kInProgress);
  ASSERT_EQ(tasks(id).size(), 2U);
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(request(id).status, RequestStatus::kInReview);

  ASSERT_OK(engine_->finishReview(id, staff_));
  const Request done = request(id);
  EXPECT_EQ(done.status, RequestStatus::kCompleted);

  auto bundle = answer(id);
  EXPECT_EQ(bundle->getValue<std::string>("format"), "access_package");
  auto systems = bundle->getArray("systems");
  ASSERT_EQ(systems->size(), 2U);
  std::size_t records = 0;
  for (std::size_t i = 0; i < systems->size(); ++i) {
    auto s = systems->getObject(static_cast<unsigned>(i));
    if (s->getValue<std::string>("system") == "crm") {
      EXPECT_EQ(s->getValue<std::string>("outcome"), "completed");
      records = s->getArray("records")->size();
    } else {
      EXPECT_EQ(s->getValue<std::string>("outcome"), "not_found");
    }
  }
  EXPECT_EQ(records, 3U);  // Ada and her two orders

  // The answer rests encrypted.
  const std::string onDisk = readFile(dir_->path() / "results" / (id + ".json.sealed"));
  EXPECT_THAT(onDisk, Not(HasSubstr("ada@example.com")));
  auto chain = verifyAuditChain(store());
  ASSERT_OK(chain);
  EXPECT_FALSE(chain->brokenAtSeq.has_value());
}

TEST_P(WorkflowEngineTest, ErasureKeepsCountsNotRowsAndErases) {
  startEngine();
  const std::string id = submit(RequestType::kErasure, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->attestIdentity(id, staff_, "signed letter"));
  EXPECT_EQ(request(id).status, RequestStatus::kAwaitingApproval);
  ASSERT_OK(engine_->approve(id, staff_));
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(request(id).status, RequestStatus::kCompleted);
  auto all = tasks(id);
  ASSERT_EQ(all.size(), 4U);  // access pass and erase, on two systems
  std::size_t erased = 0;
  for (const auto& t : all) {
    EXPECT_EQ(t.status, TaskStatus::kDone);
    if (t.action == Action::kErase && t.outcome == Outcome::kErased) ++erased;
  }
  EXPECT_EQ(erased, 1U);
  auto bundle = answer(id);
  EXPECT_EQ(bundle->getValue<std::string>("format"), "erasure_certificate");
  auto systems = bundle->getArray("systems");
  for (std::size_t i = 0; i < systems->size(); ++i) {
    auto s = systems->getObject(static_cast<unsigned>(i));
    EXPECT_FALSE(s->has("records")) << "an erasure keeps no rows";
    if (s->getValue<std::string>("system") == "crm" &&
        s->getValue<std::string>("action") == "access") {
      EXPECT_GT(s->getObject("counts")->size(), 0U);
    }
  }
  // Erased: a new access request finds nothing at the CRM any more.
  const std::string again = submit(RequestType::kAccess, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->attestIdentity(again, staff_, "signed letter"));
  ASSERT_OK(engine_->runUntilIdle());
  for (const auto& t : tasks(again)) EXPECT_EQ(t.outcome, Outcome::kNotFound);
}

TEST_P(WorkflowEngineTest, DataRetainedUntilADateIsErasedWhenTheRetentionEnds) {
  startEngine("retain");  // the CRM keeps Ada's orders until 2030-12-31 (HGB §257)
  const std::string id = submit(RequestType::kErasure, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->attestIdentity(id, staff_, "signed letter"));
  ASSERT_OK(engine_->approve(id, staff_));
  ASSERT_OK(engine_->runUntilIdle());
  // The request ends now, with the retention as its exception; the erasure waits for the date.
  EXPECT_EQ(request(id).status, RequestStatus::kCompletedWithExceptions);
  auto followUp = [&]() -> std::optional<Task> {
    for (const auto& t : tasks(id)) {
      if (t.step == kAfterWorkflow) return t;
    }
    return std::nullopt;
  };
  ASSERT_TRUE(followUp().has_value());
  EXPECT_EQ(followUp()->systemId, "crm");
  EXPECT_EQ(followUp()->status, TaskStatus::kPending);
  EXPECT_EQ(formatUtcSeconds(*followUp()->nextRunAt), "2031-01-01T00:00:00Z");
  EXPECT_THAT(followUp()->paramsJson, HasSubstr("user.behavior.purchase_history"));
  // The erasure certificate says when the kept data goes.
  bool scheduled = false;
  auto systems = answer(id)->getArray("systems");
  for (std::size_t i = 0; i < systems->size(); ++i) {
    auto entry = systems->getObject(static_cast<unsigned>(i));
    if (entry->getValue<std::string>("outcome") != "scheduled") continue;
    scheduled = true;
    EXPECT_EQ(entry->getValue<std::string>("scheduled_for"), "2031-01-01T00:00:00Z");
  }
  EXPECT_TRUE(scheduled);

  // Until then the request keeps the (encrypted) identities the erasure will need.
  config::RetentionConfig retention;
  Purger purger(shared(), clock_, retention, dir_->path() / "results");
  clock_->advance(std::chrono::hours(24 * 200));
  ASSERT_OK(purger.run());
  auto identities = [&] {
    return store()
        .readValue<std::vector<StoredIdentity>>(
            [&](StoreTx& tx) { return tx.identities().listForRequest(id); })
        .value()
        .size();
  };
  EXPECT_EQ(identities(), 1U);
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(followUp()->status, TaskStatus::kPending) << "not before the retention ends";

  clock_->set(*followUp()->nextRunAt + 1h);
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(followUp()->status, TaskStatus::kDone);
  EXPECT_EQ(followUp()->outcome, Outcome::kErased);
  EXPECT_EQ(request(id).status, RequestStatus::kCompletedWithExceptions) << "its record stays";
  auto events = store().readValue<std::vector<AuditEvent>>(
      [&](StoreTx& tx) { return tx.audit().listForRequest(id); });
  ASSERT_OK(events);
  std::vector<std::string> names;
  for (const auto& e : *events) names.push_back(e.event);
  EXPECT_THAT(names, Contains("task.retention_erasure_scheduled"));
  EXPECT_EQ(names.back(), "task.erased") << "the erasure is appended to the request's record";

  // Now nothing is left to run: the identities go with the next purge.
  clock_->advance(std::chrono::hours(24 * 100));
  ASSERT_OK(purger.run());
  EXPECT_EQ(identities(), 0U);
}

TEST_P(WorkflowEngineTest, EveryRecordOfALargeAnswerIsStored) {
  // 150 orders: more records than the runner stores per transaction, and not a multiple.
  std::string orders;
  for (int i = 0; i < 150; ++i) orders += (i ? ",\"o-" : "\"o-") + std::to_string(i) + "\"";
  startEngine(
      "immediate", {},
      R"([{"id": "c-1", "email": "ada@example.com", "name": "Ada", "orders": [)" + orders + "]}]");
  const std::string id = submit(RequestType::kAccess, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->attestIdentity(id, staff_, "signed letter"));
  ASSERT_OK(engine_->runUntilIdle());
  for (const auto& t : tasks(id)) {
    if (t.systemId != "crm") continue;
    auto results = store().readValue<std::vector<TaskResult>>(
        [&](StoreTx& tx) { return tx.taskResults().listForTask(t.id, -1, 1000); });
    ASSERT_OK(results);
    std::size_t records = 0;
    std::int64_t expectedSeq = 0;
    for (const auto& r : *results) {
      EXPECT_EQ(r.seq, expectedSeq++) << "results are numbered without gaps";
      if (r.kind == TaskResultKind::kRecord) ++records;
    }
    EXPECT_EQ(records, 151U) << "the customer and 150 orders";
  }
}

TEST_P(WorkflowEngineTest, DeferredTasksWaitAndArePolled) {
  startEngine("deferred");
  const std::string id = submit(RequestType::kDelete, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->attestIdentity(id, staff_, "email verification link"));
  ASSERT_OK(engine_->approve(id, staff_));
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(request(id).status, RequestStatus::kWaiting);
  clock_->advance(2min);
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(request(id).status, RequestStatus::kCompleted);
  std::size_t erased = 0;
  for (const auto& t : tasks(id)) {
    if (t.action == Action::kErase && t.outcome == Outcome::kErased) ++erased;
  }
  EXPECT_EQ(erased, 1U);
}

TEST_P(WorkflowEngineTest, ATaskWhoseWorkerDiedRunsAgain) {
  startEngine();
  const std::string id = submit(RequestType::kAccess, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->attestIdentity(id, staff_, "signed letter"));
  // A worker claimed the CRM's task and died: the task stays `running` with its lease.
  Task crm;
  for (auto& t : tasks(id)) {
    if (t.systemId == "crm") crm = t;
  }
  crm.status = TaskStatus::kRunning;
  crm.attempts = 1;
  crm.nextRunAt = clock_->now() + 70s;
  ASSERT_OK(store().transact([&](StoreTx& tx) { return tx.tasks().update(crm); }));
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(request(id).status, RequestStatus::kInProgress) << "the lease still holds";

  clock_->advance(2min);
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(request(id).status, RequestStatus::kInReview);
  for (const auto& t : tasks(id)) {
    if (t.systemId != "crm") continue;
    EXPECT_EQ(t.outcome, Outcome::kCompleted);
    EXPECT_EQ(t.attempts, 2);
  }
  auto events = store().readValue<std::vector<AuditEvent>>(
      [&](StoreTx& tx) { return tx.audit().listForRequest(id); });
  ASSERT_OK(events);
  EXPECT_TRUE(std::any_of(events->begin(), events->end(),
                          [](const AuditEvent& e) { return e.event == "task.interrupted"; }));
}

TEST_P(WorkflowEngineTest, AnOpenCircuitPutsTasksBackWithoutCallingTheSystem) {
  // The CRM's plugin throws on every call: after five failures its circuit opens for a minute.
  const auto broken = dir_->path() / "plugins" / "throws.so";
  std::filesystem::copy_file(kThrowsPlugin, broken);
  startEngine("immediate", broken);
  std::vector<std::string> first;
  for (int i = 0; i < 5; ++i) first.push_back(submit(RequestType::kAccess, "grace@example.com"));
  for (const auto& id : first) ASSERT_OK(engine_->attestIdentity(id, staff_, "signed letter"));
  ASSERT_OK(engine_->runUntilIdle());
  for (const auto& id : first) {
    for (const auto& t : tasks(id)) {
      if (t.systemId == "crm") {
        EXPECT_EQ(t.outcome, Outcome::kFailed);
      }
    }
  }

  const std::string next = submit(RequestType::kAccess, "grace@example.com");
  ASSERT_OK(engine_->attestIdentity(next, staff_, "signed letter"));
  ASSERT_OK(engine_->runUntilIdle());
  for (const auto& t : tasks(next)) {
    if (t.systemId == "crm") {
      EXPECT_EQ(t.status, TaskStatus::kPending) << "put back to wait";
      EXPECT_EQ(t.attempts, 0) << "no call, no attempt used up";
      ASSERT_TRUE(t.nextRunAt.has_value());
      EXPECT_GT(*t.nextRunAt, clock_->now());
    } else {
      EXPECT_EQ(t.outcome, Outcome::kCompleted) << "the other system is not held up";
    }
  }
}

TEST_P(WorkflowEngineTest, StaffRetryOnlyTheSystemsThatFailed) {
  // The CRM's plugin is broken at first (it throws), then fixed by the operator.
  const auto broken = dir_->path() / "plugins" / "throws.so";
  std::filesystem::copy_file(kThrowsPlugin, broken);
  startEngine("immediate", broken);
  const std::string id = submit(RequestType::kAccess, "grace@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->attestIdentity(id, staff_, "signed letter"));
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->finishReview(id, staff_));
  ASSERT_EQ(request(id).status, RequestStatus::kCompletedWithExceptions);
  EXPECT_EQ(engine_->retryFailed("missing", staff_).error().code, ErrorCode::kNotFound);

  startEngine();
  auto retried = engine_->retryFailed(id, staff_);
  ASSERT_OK(retried);
  EXPECT_EQ(*retried, 1U);
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_EQ(request(id).status, RequestStatus::kInReview);
  ASSERT_OK(engine_->finishReview(id, staff_));
  EXPECT_EQ(request(id).status, RequestStatus::kCompleted);
  for (const auto& t : tasks(id)) {
    EXPECT_NE(t.outcome, Outcome::kFailed) << t.systemId;
    if (t.systemId == "newsletter") {
      EXPECT_EQ(t.attempts, 1) << "the newsletter ran once";
    }
  }
  EXPECT_EQ(engine_->retryFailed(id, staff_).error().code, ErrorCode::kConflict);
}

TEST_P(WorkflowEngineTest, ClosedRequestsKeepTheirRecordButLoseResultsAndIdentitiesInTime) {
  startEngine();
  const std::string id = submit(RequestType::kAccess, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->attestIdentity(id, staff_, "signed letter"));
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->finishReview(id, staff_));
  ASSERT_EQ(request(id).status, RequestStatus::kCompleted);
  auto results = [&] {
    return store().readValue<std::int64_t>(
        [&](StoreTx& tx) { return tx.taskResults().countForRequest(id); });
  };
  auto identities = [&] {
    return store()
        .readValue<std::vector<StoredIdentity>>(
            [&](StoreTx& tx) { return tx.identities().listForRequest(id); })
        .value()
        .size();
  };
  ASSERT_GT(*results(), 0);
  config::RetentionConfig retention;  // 30 days of results, 90 of identities
  Purger purger(shared(), clock_, retention, dir_->path() / "results");
  ASSERT_EQ(purger.run()->requestsWithResultsPurged, 0U) << "nothing is due yet";

  clock_->advance(24h * 31);
  auto first = purger.run();
  ASSERT_OK(first);
  EXPECT_EQ(first->requestsWithResultsPurged, 1U);
  EXPECT_EQ(*results(), 0);
  EXPECT_EQ(identities(), 1U);
  EXPECT_FALSE(std::filesystem::exists(dir_->path() / "results" / (id + ".json.sealed")));
  EXPECT_EQ(purger.run()->requestsWithResultsPurged, 0U) << "idempotent";

  clock_->advance(24h * 60);
  auto second = purger.run();
  ASSERT_OK(second);
  EXPECT_EQ(second->requestsWithIdentitiesPurged, 1U);
  EXPECT_EQ(identities(), 0U);
  // The minimal request record stays, without identities, for 24 months; the audit chain
  // stays for good.
  EXPECT_EQ(request(id).status, RequestStatus::kCompleted);
  clock_->advance(24h * 600);
  EXPECT_EQ(purger.run()->requestRecordsRemoved, 0U) << "not yet 24 months";
  EXPECT_EQ(request(id).status, RequestStatus::kCompleted);
  clock_->advance(24h * 140);
  auto third = purger.run();
  ASSERT_OK(third);
  EXPECT_EQ(third->requestRecordsRemoved, 1U);
  EXPECT_EQ(
      store().readValue<Request>([&](StoreTx& tx) { return tx.requests().get(id); }).error().code,
      ErrorCode::kNotFound);
  EXPECT_EQ(purger.run()->requestRecordsRemoved, 0U) << "idempotent";
  auto events = store().readValue<std::vector<AuditEvent>>(
      [&](StoreTx& tx) { return tx.audit().listForRequest(id); });
  ASSERT_OK(events);
  EXPECT_EQ(events->back().event, "request.record_removed");
  auto chain = verifyAuditChain(store());
  ASSERT_OK(chain);
  EXPECT_FALSE(chain->brokenAtSeq.has_value());
}

TEST_P(WorkflowEngineTest, OptOutNeedsNoVerificationAndSuppresses) {
  startEngine();
  const std::string id = submit(RequestType::kOptOut, "Grace@Example.com", Channel::kWeb);
  ASSERT_OK(engine_->runUntilIdle());
  // No plugin here suppresses: the fan-out has nobody to ask and the request completes, with
  // the person on the suppression list.
  EXPECT_EQ(request(id).status, RequestStatus::kCompleted);
  SubjectLists lists(shared(), vault_, clock_);
  auto grace =
      normalizeIdentity(IdentityType::kEmail, "", IdentityFormat::kRaw, "grace@example.com");
  ASSERT_OK(grace);
  auto entries = lists.find(SubjectListKind::kSuppression, {*grace});
  ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 1U);
  EXPECT_EQ((*entries)[0].requestId, id);
}

TEST_P(WorkflowEngineTest, ALegalHoldRetainsInsteadOfErasing) {
  startEngine();
  SubjectLists lists(shared(), vault_, clock_);
  auto ada = normalizeIdentity(IdentityType::kEmail, "", IdentityFormat::kRaw, "ada@example.com");
  ASSERT_OK(ada);
  ASSERT_OK(lists.add(SubjectListKind::kLegalHold, *ada, {"litigation 2026-17", "legal"}, staff_));
  const std::string id = submit(RequestType::kErasure, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->attestIdentity(id, staff_, "signed letter"));
  ASSERT_OK(engine_->approve(id, staff_));
  ASSERT_OK(engine_->runUntilIdle());
  EXPECT_EQ(request(id).status, RequestStatus::kCompletedWithExceptions);
  for (const auto& t : tasks(id)) {
    if (t.action != Action::kErase) continue;
    EXPECT_EQ(t.outcome, Outcome::kRetained);
    EXPECT_THAT(t.lastError, HasSubstr("Art. 17(3)(e)"));
  }
  // The CRM was never asked to erase: Ada is still there.
  const std::string access = submit(RequestType::kAccess, "ada@example.com");
  ASSERT_OK(engine_->runUntilIdle());
  ASSERT_OK(engine_->attestIdentity(access, staff_, "signed letter"));
  ASSERT_OK(engine_->runUntilIdle());
  bool found = false;
  for (const auto& t : tasks(access)) found = found || t.outcome == Outcome::kCompleted;
  EXPECT_TRUE(found);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkflowEngineTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgresql),
                         backendName);

}  // namespace
}  // namespace dsrflow::testing
