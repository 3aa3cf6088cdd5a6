#include <gmock/gmock.h>

#include <atomic>
#include <thread>

#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

AuditEvent event(const std::string& name, std::optional<std::string> requestId,
                 const std::string& prevHash) {
  AuditEvent e;
  e.at = at(5000);
  e.actorType = ActorType::kUser;
  e.actorId = "u-1";
  e.requestId = std::move(requestId);
  e.event = name;
  e.detailsJson = R"({"status":"in_progress"})";
  e.prevHash = prevHash;
  e.hash = "h(" + prevHash + "," + name + ")";
  return e;
}

// Appends one event chained onto the last, the way the audit module will.
Result<std::int64_t> appendChained(StoreTx& tx, const std::string& name,
                                   std::optional<std::string> requestId) {
  auto last = tx.audit().last();
  if (!last) return last.error();
  std::string prev = last.value() ? last.value()->hash : "";
  return tx.audit().append(event(name, std::move(requestId), prev));
}

TEST_P(StoreTest, AuditAppendAssignsIncreasingSeqAndLastFollowsIt) {
  auto empty =
      store().readValue<std::optional<AuditEvent>>([](StoreTx& tx) { return tx.audit().last(); });
  ASSERT_OK(empty);
  EXPECT_FALSE(empty->has_value());

  std::vector<std::int64_t> seqs;
  for (int i = 0; i < 3; ++i) {
    auto seq = store().transactValue<std::int64_t>([&](StoreTx& tx) {
      return appendChained(tx, "request.created",
                           i == 1 ? std::nullopt : std::optional<std::string>("r1"));
    });
    ASSERT_OK(seq);
    seqs.push_back(*seq);
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{1, 2, 3}));

  auto last =
      store().readValue<std::optional<AuditEvent>>([](StoreTx& tx) { return tx.audit().last(); });
  ASSERT_OK(last);
  ASSERT_TRUE(last->has_value());
  const AuditEvent& e = **last;
  EXPECT_EQ(e.seq, 3);
  EXPECT_EQ(e.at, at(5000));
  EXPECT_EQ(e.actorType, ActorType::kUser);
  EXPECT_EQ(e.actorId, "u-1");
  EXPECT_EQ(e.requestId, std::optional<std::string>("r1"));
  EXPECT_EQ(e.detailsJson, R"({"status":"in_progress"})");

  auto range = store().readValue<std::vector<AuditEvent>>(
      [](StoreTx& tx) { return tx.audit().listRange(2, 10); });
  ASSERT_OK(range);
  ASSERT_EQ(range->size(), 2u);
  EXPECT_EQ((*range)[0].seq, 2);
  EXPECT_FALSE((*range)[0].requestId.has_value());
  EXPECT_EQ((*range)[1].prevHash, (*range)[0].hash);

  auto forRequest = store().readValue<std::vector<AuditEvent>>(
      [](StoreTx& tx) { return tx.audit().listForRequest("r1"); });
  ASSERT_OK(forRequest);
  ASSERT_EQ(forRequest->size(), 2u);
  EXPECT_EQ((*forRequest)[0].seq, 1);
  EXPECT_EQ((*forRequest)[1].seq, 3);
}

TEST_P(StoreTest, AuditSeqHasNoGapAfterRollback) {
  ASSERT_OK(store().transactValue<std::int64_t>(
      [](StoreTx& tx) { return appendChained(tx, "a", std::nullopt); }));
  Status rolledBack = store().transact([](StoreTx& tx) -> Status {
    if (auto seq = appendChained(tx, "b", std::nullopt); !seq) return seq.error();
    return invalidArgument("changed my mind");
  });
  ASSERT_FALSE(rolledBack.ok());
  auto seq = store().transactValue<std::int64_t>(
      [](StoreTx& tx) { return appendChained(tx, "c", std::nullopt); });
  ASSERT_OK(seq);
  EXPECT_EQ(*seq, 2);
}

TEST_P(StoreTest, AuditAppendNeedsATransaction) {
  auto seq = store().readValue<std::int64_t>(
      [](StoreTx& tx) { return tx.audit().append(event("x", std::nullopt, "")); });
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(StoreTest, AuditLogRefusesUpdateAndDelete) {
  ASSERT_OK(store().transactValue<std::int64_t>(
      [](StoreTx& tx) { return appendChained(tx, "a", std::nullopt); }));
  auto updateError = rawExec("UPDATE audit_events SET event = 'forged'");
  ASSERT_TRUE(updateError.has_value());
  EXPECT_THAT(*updateError, ::testing::HasSubstr("append-only"));
  auto deleteError = rawExec("DELETE FROM audit_events");
  ASSERT_TRUE(deleteError.has_value());
  EXPECT_THAT(*deleteError, ::testing::HasSubstr("append-only"));
  auto last =
      store().readValue<std::optional<AuditEvent>>([](StoreTx& tx) { return tx.audit().last(); });
  ASSERT_OK(last);
  EXPECT_EQ((*last)->event, "a");
}

TEST_P(StoreTest, ConcurrentAuditWritersKeepOneChain) {
  const int threads = 4;
  const int perThread = 15;
  std::vector<std::thread> workers;
  std::atomic<int> failures{0};
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < perThread; ++i) {
        auto seq = store().transactValue<std::int64_t>([&](StoreTx& tx) {
          return appendChained(tx, "e" + std::to_string(t) + "-" + std::to_string(i), std::nullopt);
        });
        if (!seq.ok()) ++failures;
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(failures.load(), 0);
  auto all = store().readValue<std::vector<AuditEvent>>(
      [](StoreTx& tx) { return tx.audit().listRange(0, 1000); });
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), static_cast<std::size_t>(threads * perThread));
  std::string prev;
  for (std::size_t i = 0; i < all->size(); ++i) {
    EXPECT_EQ((*all)[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ((*all)[i].prevHash, prev) << "chain forks at seq " << (*all)[i].seq;
    prev = (*all)[i].hash;
  }
}

}  // namespace
}  // namespace dsrflow::testing
