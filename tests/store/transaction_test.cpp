#include <stdexcept>

#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

bool requestExists(Store& store, const std::string& id) {
  return store.readValue<Request>([&](StoreTx& tx) { return tx.requests().get(id); }).ok();
}

TEST_P(StoreTest, TransactionRollsBackOnError) {
  Status status = store().transact([](StoreTx& tx) -> Status {
    if (auto s = tx.requests().insert(sampleRequest("r1")); !s) return s;
    return invalidArgument("validation failed later");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().message, "validation failed later");
  EXPECT_FALSE(requestExists(store(), "r1"));
}

TEST_P(StoreTest, TransactionRollsBackOnExceptionAndRethrows) {
  EXPECT_THROW(store().transact([](StoreTx& tx) -> Status {
    if (auto s = tx.requests().insert(sampleRequest("r1")); !s) return s;
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  EXPECT_FALSE(requestExists(store(), "r1"));
  // The connection is usable afterwards.
  addRequest("r2");
  EXPECT_TRUE(requestExists(store(), "r2"));
}

TEST_P(StoreTest, DatabaseErrorDoomsTheTransactionEvenWhenIgnored) {
  addRequest("r1");
  Status status = store().transact([](StoreTx& tx) -> Status {
    if (auto s = tx.requests().insert(sampleRequest("r2")); !s) return s;
    // A duplicate: the caller ignores the error and carries on.
    Status ignored = tx.requests().insert(sampleRequest("r1"));
    EXPECT_EQ(ignored.error().code, ErrorCode::kConflict);
    Status after = tx.requests().insert(sampleRequest("r3"));
    EXPECT_FALSE(after.ok());
    return Ok{};
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(requestExists(store(), "r2"));
  EXPECT_FALSE(requestExists(store(), "r3"));
}

TEST_P(StoreTest, ExpectedFailuresDoNotDoomTheTransaction) {
  addRequest("r1");
  Request stale = sampleRequest("r1");
  stale.version = 41;
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    EXPECT_EQ(tx.requests().get("missing").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tx.requests().update(stale).error().code, ErrorCode::kConflict);
    return tx.requests().insert(sampleRequest("r2"));
  }));
  EXPECT_TRUE(requestExists(store(), "r2"));
}

TEST_P(StoreTest, TransactValueReturnsTheValueAfterCommit) {
  auto version = store().transactValue<std::int64_t>([](StoreTx& tx) -> Result<std::int64_t> {
    Request r = sampleRequest("r1");
    if (auto s = tx.requests().insert(r); !s) return s.error();
    if (auto s = tx.requests().update(r); !s) return s.error();
    return r.version;
  });
  ASSERT_OK(version);
  EXPECT_EQ(*version, 1);
  EXPECT_TRUE(requestExists(store(), "r1"));
}

TEST_P(StoreTest, NestedCallsAreRefused) {
  EXPECT_THROW(store().transact(
                   [&](StoreTx&) { return store().read([](StoreTx&) -> Status { return Ok{}; }); }),
               std::logic_error);
  // Still usable.
  addRequest("r1");
}

TEST_P(StoreTest, SecondStoreSeesCommittedWrites) {
  auto other = openAgain();
  ASSERT_NE(other, nullptr);
  addRequest("r1");
  EXPECT_TRUE(requestExists(*other, "r1"));
  ASSERT_OK(other->transact([](StoreTx& tx) { return tx.requests().insert(sampleRequest("r2")); }));
  EXPECT_TRUE(requestExists(store(), "r2"));
  // A stale update through the first store loses against the second store's update.
  auto mine =
      store().readValue<Request>([](StoreTx& tx) { return tx.requests().get("r1"); }).value();
  auto theirs = mine;
  ASSERT_OK(other->transact([&](StoreTx& tx) { return tx.requests().update(theirs); }));
  Status lost = store().transact([&](StoreTx& tx) { return tx.requests().update(mine); });
  EXPECT_EQ(lost.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace dsrflow::testing
