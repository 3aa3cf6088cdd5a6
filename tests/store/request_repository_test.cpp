#include <set>

#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

Result<Request> getRequest(Store& store, const std::string& id) {
  return store.readValue<Request>([&](StoreTx& tx) { return tx.requests().get(id); });
}

Result<std::vector<Request>> listRequests(Store& store, const RequestQuery& query) {
  return store.readValue<std::vector<Request>>(
      [&](StoreTx& tx) { return tx.requests().list(query); });
}

std::vector<std::string> ids(const std::vector<Request>& requests) {
  std::vector<std::string> out;
  for (const auto& r : requests) out.push_back(r.id);
  return out;
}

TEST_P(StoreTest, RequestRoundTripsEveryField) {
  Request r = addRequest("r1", at(1700000000123));
  auto got = getRequest(store(), "r1");
  ASSERT_OK(got);
  EXPECT_EQ(got->id, r.id);
  EXPECT_EQ(got->type, r.type);
  EXPECT_EQ(got->regulation, r.regulation);
  EXPECT_EQ(got->status, r.status);
  EXPECT_EQ(got->heldFrom, r.heldFrom);
  EXPECT_EQ(got->channel, r.channel);
  EXPECT_EQ(got->language, r.language);
  EXPECT_EQ(got->controllerId, r.controllerId);
  EXPECT_EQ(got->externalReference, r.externalReference);
  EXPECT_EQ(got->receivedAt, r.receivedAt);
  EXPECT_EQ(got->dueAt, r.dueAt);
  EXPECT_EQ(got->extendedDueAt, r.extendedDueAt);
  EXPECT_EQ(got->extensionReason, r.extensionReason);
  EXPECT_EQ(got->statusReason, r.statusReason);
  EXPECT_EQ(got->step, 2);
  EXPECT_EQ(got->duplicateOf, r.duplicateOf);
  EXPECT_EQ(got->createdAt, r.createdAt);
  EXPECT_EQ(got->updatedAt, r.updatedAt);
  EXPECT_EQ(got->version, r.version);
}

TEST_P(StoreTest, RequestUnsetOptionalsStayUnset) {
  Request r = sampleRequest("r1", at(5));
  r.status = RequestStatus::kReceived;
  r.heldFrom.reset();
  r.extendedDueAt.reset();
  r.extensionReason.clear();
  r.statusReason.clear();
  r.externalReference.clear();
  ASSERT_OK(store().transact([&](StoreTx& tx) { return tx.requests().insert(r); }));
  auto got = getRequest(store(), "r1");
  ASSERT_OK(got);
  EXPECT_FALSE(got->heldFrom.has_value());
  EXPECT_FALSE(got->extendedDueAt.has_value());
  EXPECT_EQ(got->extensionReason, "");
  EXPECT_EQ(got->statusReason, "");
  EXPECT_EQ(got->externalReference, "");
  EXPECT_EQ(got->effectiveDueAt(), r.dueAt);
}

TEST_P(StoreTest, RequestMissingIsNotFound) {
  auto got = getRequest(store(), "nope");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreTest, RequestDuplicateIdIsConflict) {
  addRequest("r1");
  Request again = sampleRequest("r1");
  Status status = store().transact([&](StoreTx& tx) { return tx.requests().insert(again); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
}

TEST_P(StoreTest, RequestUpdateUsesOptimisticConcurrency) {
  Request r = addRequest("r1", at(10));
  Request stale = r;
  r.status = RequestStatus::kInProgress;
  r.heldFrom.reset();
  r.updatedAt = at(20);
  ASSERT_OK(store().transact([&](StoreTx& tx) { return tx.requests().update(r); }));
  EXPECT_EQ(r.version, 1);

  auto got = getRequest(store(), "r1");
  ASSERT_OK(got);
  EXPECT_EQ(got->status, RequestStatus::kInProgress);
  EXPECT_FALSE(got->heldFrom.has_value());
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(got->updatedAt, at(20));

  stale.status = RequestStatus::kCancelled;
  Status status = store().transact([&](StoreTx& tx) { return tx.requests().update(stale); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.version, 0);
  EXPECT_EQ(getRequest(store(), "r1")->status, RequestStatus::kInProgress);
}

TEST_P(StoreTest, RequestCountByStatus) {
  using Counts = std::map<RequestStatus, std::int64_t>;
  auto count = [&] {
    return store().readValue<Counts>([](StoreTx& tx) { return tx.requests().countByStatus(); });
  };
  auto empty = count();
  ASSERT_OK(empty);
  EXPECT_TRUE(empty->empty());
  addRequest("r1", at(1));
  addRequest("r2", at(2));
  Request r3 = addRequest("r3", at(3));
  r3.status = RequestStatus::kCompleted;
  r3.heldFrom.reset();
  ASSERT_OK(store().transact([&](StoreTx& tx) { return tx.requests().update(r3); }));
  auto counts = count();
  ASSERT_OK(counts);
  Counts expected{{RequestStatus::kCompleted, 1}};
  const RequestStatus initial = getRequest(store(), "r1")->status;
  expected[initial] += 2;
  EXPECT_EQ(*counts, expected);
}

TEST_P(StoreTest, RequestUpdateOfMissingIsNotFound) {
  Request r = sampleRequest("ghost");
  Status status = store().transact([&](StoreTx& tx) { return tx.requests().update(r); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreTest, RequestListFilters) {
  // a: access, received, due day 10; b: erasure, completed, due 20; c: erasure, in_progress,
  // due 30 but extended to 40.
  Request a = sampleRequest("a", at(1));
  a.type = RequestType::kAccess;
  a.status = RequestStatus::kReceived;
  a.heldFrom.reset();
  a.dueAt = at(10);
  a.extendedDueAt.reset();
  Request b = sampleRequest("b", at(2));
  b.status = RequestStatus::kCompleted;
  b.heldFrom.reset();
  b.dueAt = at(20);
  b.extendedDueAt.reset();
  Request c = sampleRequest("c", at(3));
  c.status = RequestStatus::kInProgress;
  c.heldFrom.reset();
  c.dueAt = at(30);
  c.extendedDueAt = at(40);
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    for (const auto* r : {&a, &b, &c}) {
      if (auto s = tx.requests().insert(*r); !s) return s;
    }
    return Ok{};
  }));

  EXPECT_EQ(ids(listRequests(store(), {}).value()), (std::vector<std::string>{"a", "b", "c"}));
  RequestQuery byStatus;
  byStatus.status = RequestStatus::kCompleted;
  EXPECT_EQ(ids(listRequests(store(), byStatus).value()), std::vector<std::string>{"b"});
  RequestQuery byType;
  byType.type = RequestType::kErasure;
  EXPECT_EQ(ids(listRequests(store(), byType).value()), (std::vector<std::string>{"b", "c"}));
  RequestQuery due;
  due.dueBefore = at(35);  // c's extension moves it past 35
  EXPECT_EQ(ids(listRequests(store(), due).value()), (std::vector<std::string>{"a", "b"}));
  RequestQuery open;
  open.openOnly = true;
  EXPECT_EQ(ids(listRequests(store(), open).value()), (std::vector<std::string>{"a", "c"}));
  RequestQuery combined;
  combined.openOnly = true;
  combined.type = RequestType::kErasure;
  combined.dueBefore = at(41);
  EXPECT_EQ(ids(listRequests(store(), combined).value()), std::vector<std::string>{"c"});
}

TEST_P(StoreTest, RequestListPagesWithKeyset) {
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    // Two share a creation time so the id breaks the tie.
    for (int i = 0; i < 7; ++i) {
      Request r = sampleRequest("r" + std::to_string(i), at(100 + (i == 3 ? 2 : i)));
      if (auto s = tx.requests().insert(r); !s) return s;
    }
    return Ok{};
  }));
  std::vector<std::string> seen;
  RequestQuery query;
  query.limit = 3;
  for (int page = 0; page < 5; ++page) {
    auto got = listRequests(store(), query);
    ASSERT_OK(got);
    for (const auto& r : got.value()) seen.push_back(r.id);
    if (got->size() < query.limit) break;
    query.after = RequestKey{got->back().createdAt, got->back().id};
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"r0", "r1", "r2", "r3", "r4", "r5", "r6"}));
}

TEST_P(StoreTest, RequestListRejectsBadPageSize) {
  RequestQuery query;
  query.limit = 0;
  auto got = listRequests(store(), query);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidArgument);
  query.limit = kMaxPageSize + 1;
  EXPECT_FALSE(listRequests(store(), query).ok());
}

TEST_P(StoreTest, RequestFindByExternalReference) {
  Request a = sampleRequest("a", at(1));
  a.externalReference = "opendsr-42";
  Request b = sampleRequest("b", at(2));
  b.externalReference = "opendsr-42";
  Request c = sampleRequest("c", at(3));
  c.externalReference.clear();
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    for (const auto* r : {&a, &b, &c}) {
      if (auto s = tx.requests().insert(*r); !s) return s;
    }
    return Ok{};
  }));
  auto found = store().readValue<std::vector<Request>>(
      [](StoreTx& tx) { return tx.requests().findByExternalReference("opendsr-42"); });
  ASSERT_OK(found);
  EXPECT_EQ(ids(found.value()), (std::vector<std::string>{"a", "b"}));
  auto none = store().readValue<std::vector<Request>>(
      [](StoreTx& tx) { return tx.requests().findByExternalReference(""); });
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreTest, SqlInjectionAttemptIsStoredVerbatim) {
  const std::string evil = "x'); DROP TABLE requests; -- \" :name ? $1 \\ ";
  Request r = sampleRequest(evil, at(1));
  r.controllerId = evil;
  r.externalReference = evil;
  r.extensionReason = evil + "\n\t\xc3\xa4";
  ASSERT_OK(store().transact([&](StoreTx& tx) { return tx.requests().insert(r); }));
  auto got = getRequest(store(), evil);
  ASSERT_OK(got);
  EXPECT_EQ(got->id, evil);
  EXPECT_EQ(got->controllerId, evil);
  EXPECT_EQ(got->extensionReason, r.extensionReason);
  auto byRef = store().readValue<std::vector<Request>>(
      [&](StoreTx& tx) { return tx.requests().findByExternalReference(evil); });
  ASSERT_OK(byRef);
  ASSERT_EQ(byRef->size(), 1u);
  // The table is still there.
  auto all = listRequests(store(), {});
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 1u);
}

TEST_P(StoreTest, AdvanceableRequestsAreNewOnesAndOnesWhoseTasksAllEnded) {
  auto add = [&](const std::string& id, RequestStatus status, std::vector<TaskStatus> tasks) {
    Request r = sampleRequest(id, at(1));
    r.status = status;
    r.heldFrom.reset();
    ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
      if (auto s = tx.requests().insert(r); !s) return s;
      int n = 0;
      for (TaskStatus taskStatus : tasks) {
        Task t = sampleTask(id + "-t" + std::to_string(n++), id, at(1));
        t.status = taskStatus;
        if (auto s = tx.tasks().insert(t); !s) return s;
      }
      return Ok{};
    }));
  };
  add("new", RequestStatus::kReceived, {});
  add("stalled", RequestStatus::kInProgress, {TaskStatus::kDone, TaskStatus::kCancelled});
  add("assembling", RequestStatus::kAssembling, {TaskStatus::kDone});
  add("busy", RequestStatus::kInProgress, {TaskStatus::kDone, TaskStatus::kRunning});
  add("deferred", RequestStatus::kWaiting, {TaskStatus::kWaiting});
  add("review", RequestStatus::kInReview, {TaskStatus::kDone});
  add("closed", RequestStatus::kCompleted, {TaskStatus::kDone});
  auto listed = store().readValue<std::vector<Request>>(
      [](StoreTx& tx) { return tx.requests().listAdvanceable(100); });
  ASSERT_OK(listed);
  std::set<std::string> got;
  for (const auto& r : *listed) got.insert(r.id);
  EXPECT_EQ(got, (std::set<std::string>{"new", "stalled", "assembling"}));
}

}  // namespace
}  // namespace dsrflow::testing
