#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

TaskResult result(const std::string& taskId, const std::string& requestId, std::int64_t seq,
                  TaskResultKind kind = TaskResultKind::kRecord) {
  return TaskResult{taskId + "-" + std::to_string(seq),       taskId,  requestId,     seq, kind,
                    "v1:enc-3:payload" + std::to_string(seq), "enc-3", at(1000 + seq)};
}

TEST_P(StoreTest, TaskResultsPageAndVisitInSeqOrder) {
  addRequest("r1");
  addTask("t1", "r1");
  addTask("t2", "r1");
  // More than one internal page of forEachForTask, appended out of order.
  const int count = 600;
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    for (int i = count; i >= 1; --i) {
      if (auto s = tx.taskResults().append(result("t1", "r1", i)); !s) return s;
    }
    return tx.taskResults().append(result("t2", "r1", 1, TaskResultKind::kOutcome));
  }));

  auto page = store().readValue<std::vector<TaskResult>>(
      [](StoreTx& tx) { return tx.taskResults().listForTask("t1", 10, 3); });
  ASSERT_OK(page);
  ASSERT_EQ(page->size(), 3u);
  EXPECT_EQ((*page)[0], result("t1", "r1", 11));
  EXPECT_EQ((*page)[2].seq, 13);

  std::vector<std::int64_t> seqs;
  ASSERT_OK(store().read([&](StoreTx& tx) {
    return tx.taskResults().forEachForTask("t1", [&](const TaskResult& r) -> Status {
      seqs.push_back(r.seq);
      // The visitor may use the same transaction.
      return tx.tasks().get(r.taskId).ok() ? Status(Ok{}) : Status(conflict("lost task"));
    });
  }));
  ASSERT_EQ(seqs.size(), static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) EXPECT_EQ(seqs[static_cast<std::size_t>(i)], i + 1);

  // A visitor error stops the walk and comes back.
  int visited = 0;
  Status stopped = store().read([&](StoreTx& tx) {
    return tx.taskResults().forEachForTask("t1", [&](const TaskResult&) -> Status {
      if (++visited == 5) return invalidArgument("enough");
      return Ok{};
    });
  });
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.error().message, "enough");
  EXPECT_EQ(visited, 5);

  auto other = store().readValue<std::vector<TaskResult>>(
      [](StoreTx& tx) { return tx.taskResults().listForTask("t2", 0, 10); });
  ASSERT_OK(other);
  ASSERT_EQ(other->size(), 1u);
  EXPECT_EQ((*other)[0].kind, TaskResultKind::kOutcome);
}

TEST_P(StoreTest, TaskResultDuplicateSeqIsConflict) {
  addRequest("r1");
  addTask("t1", "r1");
  ASSERT_OK(store().transact(
      [&](StoreTx& tx) { return tx.taskResults().append(result("t1", "r1", 1)); }));
  TaskResult again = result("t1", "r1", 1);
  again.id = "another-id";
  Status status = store().transact([&](StoreTx& tx) { return tx.taskResults().append(again); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
}

TEST_P(StoreTest, TaskResultsCountAndPurgePerRequest) {
  addRequest("r1");
  addRequest("r2");
  addTask("t1", "r1");
  addTask("t2", "r1");
  addTask("t3", "r2");
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    for (int i = 1; i <= 3; ++i) {
      if (auto s = tx.taskResults().append(result("t1", "r1", i)); !s) return s;
    }
    if (auto s = tx.taskResults().append(result("t2", "r1", 1)); !s) return s;
    return tx.taskResults().append(result("t3", "r2", 1));
  }));
  auto count = [&](const std::string& requestId) {
    return store()
        .readValue<std::int64_t>(
            [&](StoreTx& tx) { return tx.taskResults().countForRequest(requestId); })
        .value();
  };
  EXPECT_EQ(count("r1"), 4);
  EXPECT_EQ(count("r2"), 1);
  auto deleted = store().transactValue<std::int64_t>(
      [](StoreTx& tx) { return tx.taskResults().deleteForRequest("r1"); });
  ASSERT_OK(deleted);
  EXPECT_EQ(*deleted, 4);
  EXPECT_EQ(count("r1"), 0);
  EXPECT_EQ(count("r2"), 1);
}

}  // namespace
}  // namespace dsrflow::testing
