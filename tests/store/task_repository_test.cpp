#include <future>
#include <thread>

#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

Result<Task> getTask(Store& store, const std::string& id) {
  return store.readValue<Task>([&](StoreTx& tx) { return tx.tasks().get(id); });
}

std::vector<std::string> ids(const std::vector<Task>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) out.push_back(t.id);
  return out;
}

TEST_P(StoreTest, TaskRoundTripsAndUpdatesWithVersion) {
  addRequest("r1");
  Task t = addTask("t1", "r1", at(100));
  auto got = getTask(store(), "t1");
  ASSERT_OK(got);
  EXPECT_EQ(got->requestId, "r1");
  EXPECT_EQ(got->systemId, "crm");
  EXPECT_EQ(got->action, Action::kErase);
  EXPECT_EQ(got->step, 3);
  EXPECT_EQ(got->paramsJson, R"({"categories":["user.contact"]})");
  EXPECT_EQ(got->status, TaskStatus::kPending);
  EXPECT_FALSE(got->outcome.has_value());
  EXPECT_FALSE(got->nextRunAt.has_value());
  EXPECT_FALSE(got->dueAt.has_value());
  EXPECT_EQ(got->lastError, "");
  EXPECT_EQ(got->createdAt, at(100));

  Task stale = t;
  t.status = TaskStatus::kWaiting;
  t.outcome = Outcome::kDeferred;
  t.attempts = 3;
  t.nextRunAt = at(500);
  t.dueAt = at(900);
  t.lastError = "vendor said 503";
  t.leaseOwner = "host-a:17:0badcafe";
  t.updatedAt = at(200);
  ASSERT_OK(store().transact([&](StoreTx& tx) { return tx.tasks().update(t); }));
  EXPECT_EQ(t.version, 1);
  got = getTask(store(), "t1");
  ASSERT_OK(got);
  EXPECT_EQ(got->status, TaskStatus::kWaiting);
  EXPECT_EQ(got->outcome, Outcome::kDeferred);
  EXPECT_EQ(got->attempts, 3);
  EXPECT_EQ(got->nextRunAt, at(500));
  EXPECT_EQ(got->dueAt, at(900));
  EXPECT_EQ(got->lastError, "vendor said 503");
  EXPECT_EQ(got->leaseOwner, "host-a:17:0badcafe");
  EXPECT_EQ(got->updatedAt, at(200));
  EXPECT_EQ(got->version, 1);

  // Clearing optionals stores NULLs again.
  t.outcome.reset();
  t.nextRunAt.reset();
  t.lastError.clear();
  ASSERT_OK(store().transact([&](StoreTx& tx) { return tx.tasks().update(t); }));
  got = getTask(store(), "t1");
  EXPECT_FALSE(got->outcome.has_value());
  EXPECT_FALSE(got->nextRunAt.has_value());
  EXPECT_EQ(got->lastError, "");

  Status conflicted = store().transact([&](StoreTx& tx) { return tx.tasks().update(stale); });
  ASSERT_FALSE(conflicted.ok());
  EXPECT_EQ(conflicted.error().code, ErrorCode::kConflict);
  Task ghost = sampleTask("ghost", "r1");
  Status missing = store().transact([&](StoreTx& tx) { return tx.tasks().update(ghost); });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(getTask(store(), "ghost").error().code, ErrorCode::kNotFound);
}

TEST_P(StoreTest, TaskListForRequestOldestFirst) {
  addRequest("r1");
  addRequest("r2");
  addTask("t-b", "r1", at(2));
  addTask("t-a", "r1", at(3));
  addTask("t-c", "r2", at(1));
  auto listed = store().readValue<std::vector<Task>>(
      [](StoreTx& tx) { return tx.tasks().listForRequest("r1"); });
  ASSERT_OK(listed);
  EXPECT_EQ(ids(listed.value()), (std::vector<std::string>{"t-b", "t-a"}));
}

TEST_P(StoreTest, TaskForMissingRequestIsRefused) {
  Task t = sampleTask("t1", "missing");
  Status status = store().transact([&](StoreTx& tx) { return tx.tasks().insert(t); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
}

TEST_P(StoreTest, ListRunnableTakesDuePendingAndWaitingTasks) {
  addRequest("r1");
  auto make = [&](const std::string& id, TaskStatus status, std::optional<TimePoint> next) {
    Task t = sampleTask(id, "r1", at(1));
    t.status = status;
    t.nextRunAt = next;
    return t;
  };
  std::vector<Task> tasks{
      make("pending-now", TaskStatus::kPending, std::nullopt),
      make("pending-due", TaskStatus::kPending, at(50)),
      make("pending-later", TaskStatus::kPending, at(150)),
      make("waiting-due", TaskStatus::kWaiting, at(100)),
      make("waiting-later", TaskStatus::kWaiting, at(101)),
      make("waiting-callback", TaskStatus::kWaiting, std::nullopt),
      make("running", TaskStatus::kRunning, at(10)),
      make("done", TaskStatus::kDone, at(10)),
  };
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    for (const auto& t : tasks) {
      if (auto s = tx.tasks().insert(t); !s) return s;
    }
    return Ok{};
  }));
  auto runnable = store().readValue<std::vector<Task>>(
      [](StoreTx& tx) { return tx.tasks().listRunnable(at(100), 10); });
  ASSERT_OK(runnable);
  EXPECT_EQ(ids(runnable.value()),
            (std::vector<std::string>{"pending-now", "pending-due", "waiting-due"}));
  auto limited = store().readValue<std::vector<Task>>(
      [](StoreTx& tx) { return tx.tasks().listRunnable(at(100), 1); });
  ASSERT_OK(limited);
  EXPECT_EQ(ids(limited.value()), std::vector<std::string>{"pending-now"});
  auto bad = store().readValue<std::vector<Task>>(
      [](StoreTx& tx) { return tx.tasks().listRunnable(at(100), 0); });
  EXPECT_FALSE(bad.ok());
}

TEST_P(StoreTest, HeartbeatsRenewOnlyTheOwnersRunningTasksAndKeepTheirVersion) {
  addRequest("r1");
  auto make = [&](const std::string& id, TaskStatus status, const std::string& owner) {
    Task t = sampleTask(id, "r1", at(1));
    t.status = status;
    t.nextRunAt = at(100);
    t.leaseOwner = owner;
    return t;
  };
  std::vector<Task> tasks{make("mine", TaskStatus::kRunning, "w1"),
                          make("theirs", TaskStatus::kRunning, "w2"),
                          make("mine-finished", TaskStatus::kDone, "w1")};
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    for (const auto& t : tasks) {
      if (auto s = tx.tasks().insert(t); !s) return s;
    }
    return Ok{};
  }));
  auto renewed = store().transactValue<std::size_t>(
      [](StoreTx& tx) { return tx.tasks().renewLeases("w1", at(900)); });
  ASSERT_OK(renewed);
  EXPECT_EQ(*renewed, 1U);
  EXPECT_EQ(getTask(store(), "mine")->nextRunAt, at(900));
  EXPECT_EQ(getTask(store(), "mine")->version, 0) << "a heartbeat is not a change of the task";
  EXPECT_EQ(getTask(store(), "theirs")->nextRunAt, at(100));
  EXPECT_EQ(getTask(store(), "mine-finished")->nextRunAt, at(100));

  auto running =
      store().readValue<std::vector<Task>>([](StoreTx& tx) { return tx.tasks().listRunning(10); });
  ASSERT_OK(running);
  EXPECT_EQ(ids(*running), (std::vector<std::string>{"theirs", "mine"})) << "lease ending first";
}

TEST_P(StoreTest, LockingATaskSkipsOneAnotherTransactionHolds) {
  addRequest("r1");
  addTask("t1", "r1");
  EXPECT_EQ(
      store().readValue<Task>([](StoreTx& tx) { return tx.tasks().lock("nope"); }).error().code,
      ErrorCode::kNotFound);
  if (GetParam() == TestBackend::kSqlite) {
    // SQLite serialises writers (BEGIN IMMEDIATE), so there is never a lock to skip.
    auto locked = store().transactValue<Task>([](StoreTx& tx) { return tx.tasks().lock("t1"); });
    ASSERT_OK(locked);
    return;
  }
  // One worker holds the row in an open transaction; another worker's lock() does not wait for
  // it but reports the task as unavailable, and gets it once the first transaction ends.
  auto other = openAgain();
  std::promise<void> holding;
  std::promise<void> release;
  std::thread holder([&] {
    Status s = store().transact([&](StoreTx& tx) -> Status {
      auto locked = tx.tasks().lock("t1");
      if (!locked) return locked.error();
      holding.set_value();
      release.get_future().wait();
      return Ok{};
    });
    EXPECT_TRUE(s.ok()) << s.error().message;
  });
  holding.get_future().wait();
  auto skipped = other->transactValue<Task>([](StoreTx& tx) { return tx.tasks().lock("t1"); });
  release.set_value();
  holder.join();
  ASSERT_FALSE(skipped.ok());
  EXPECT_EQ(skipped.error().code, ErrorCode::kNotFound);
  auto later = other->transactValue<Task>([](StoreTx& tx) { return tx.tasks().lock("t1"); });
  ASSERT_OK(later);
  EXPECT_EQ(later->id, "t1");
}

}  // namespace
}  // namespace dsrflow::testing
