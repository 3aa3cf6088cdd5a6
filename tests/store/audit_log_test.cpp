// The hash-chained audit log on each backend: appends verify; edits, deletions and reordering
// done behind the store's back (as someone with database access would) are found.

#include "audit/audit_log.hpp"

#include <gmock/gmock.h>

#include <thread>

#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::HasSubstr;

class AuditLogTest : public StoreTest {
 protected:
  void append(int n) {
    for (int i = 0; i < n; ++i) {
      AuditEntry entry{at(1000 + i), ActorType::kUser, "alice",
                       std::nullopt, "request.note",   R"({"n":)" + std::to_string(i) + "}"};
      ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
        auto appended = appendAudit(tx, entry);
        if (!appended) return appended.error();
        return Ok{};
      }));
    }
  }
  // The append-only triggers stand in the way of tampering; an attacker with database access
  // removes them first.
  void dropGuards() {
    if (GetParam() == TestBackend::kSqlite) {
      ASSERT_FALSE(rawExec("DROP TRIGGER audit_events_no_update"));
      ASSERT_FALSE(rawExec("DROP TRIGGER audit_events_no_delete"));
    } else {
      ASSERT_FALSE(rawExec("ALTER TABLE audit_events DISABLE TRIGGER USER"));
    }
  }
  AuditVerification verify() {
    auto result = verifyAuditChain(store());
    EXPECT_TRUE(result.ok()) << result.error().message;
    return result.ok() ? *result : AuditVerification{};
  }
};

TEST_P(AuditLogTest, AnIntactChainVerifies) {
  EXPECT_EQ(verify().checked, 0);
  append(5);
  auto report = verify();
  EXPECT_EQ(report.checked, 5);
  EXPECT_FALSE(report.brokenAtSeq.has_value()) << report.problem;
}

TEST_P(AuditLogTest, EachEventLinksToThePrevious) {
  append(3);
  auto events = store().readValue<std::vector<AuditEvent>>(
      [](StoreTx& tx) { return tx.audit().listRange(1, 10); });
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 3U);
  EXPECT_EQ((*events)[0].prevHash, "");
  EXPECT_EQ((*events)[1].prevHash, (*events)[0].hash);
  EXPECT_EQ((*events)[2].prevHash, (*events)[1].hash);
  EXPECT_EQ((*events)[2].hash, auditEventHash((*events)[2]));
  EXPECT_EQ((*events)[2].hash.size(), 64U);
}

TEST_P(AuditLogTest, AnEditedEventIsFound) {
  append(5);
  dropGuards();
  ASSERT_FALSE(rawExec("UPDATE audit_events SET details_json = '{\"n\":99}' WHERE seq = 3"));
  auto report = verify();
  ASSERT_TRUE(report.brokenAtSeq.has_value());
  EXPECT_EQ(*report.brokenAtSeq, 3);
  EXPECT_THAT(report.problem, HasSubstr("changed"));
}

TEST_P(AuditLogTest, AnEditedActorIsFound) {
  append(4);
  dropGuards();
  ASSERT_FALSE(rawExec("UPDATE audit_events SET actor_id = 'mallory' WHERE seq = 2"));
  EXPECT_EQ(verify().brokenAtSeq, 2);
}

TEST_P(AuditLogTest, ADeletedEventIsFound) {
  append(5);
  dropGuards();
  ASSERT_FALSE(rawExec("DELETE FROM audit_events WHERE seq = 2"));
  auto report = verify();
  EXPECT_EQ(report.brokenAtSeq, 3);
  EXPECT_THAT(report.problem, HasSubstr("deleted"));
}

TEST_P(AuditLogTest, AReorderedPairIsFound) {
  append(5);
  dropGuards();
  // Swap the contents of events 2 and 4 and keep each row's seq: the order of what happened
  // changes while seq stays dense.
  ASSERT_FALSE(rawExec("UPDATE audit_events SET seq = -2 WHERE seq = 2"));
  ASSERT_FALSE(rawExec("UPDATE audit_events SET seq = 2 WHERE seq = 4"));
  ASSERT_FALSE(rawExec("UPDATE audit_events SET seq = 4 WHERE seq = -2"));
  EXPECT_EQ(verify().brokenAtSeq, 2);
}

TEST_P(AuditLogTest, ConcurrentWritersKeepOneChain) {
  constexpr int kThreads = 4;
  constexpr int kEach = 25;
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        AuditEntry entry{at(i),        ActorType::kSystem, "worker-" + std::to_string(t),
                         std::nullopt, "task.completed",   "{}"};
        Status s = store().transact([&](StoreTx& tx) -> Status {
          auto appended = appendAudit(tx, entry);
          if (!appended) return appended.error();
          return Ok{};
        });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(failures.load(), 0);
  auto report = verify();
  EXPECT_EQ(report.checked, kThreads * kEach);
  EXPECT_FALSE(report.brokenAtSeq.has_value()) << report.problem;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgresql),
                         backendName);

}  // namespace
}  // namespace dsrflow::testing
