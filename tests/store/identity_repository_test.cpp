#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

StoredIdentity identity(const std::string& id, const std::string& requestId,
                        const std::string& hash, const std::string& hashKey = "hk-2") {
  return StoredIdentity{id,      requestId, "email", IdentityFormat::kRaw, "v1:enc-3:" + id,
                        "enc-3", hash,      hashKey};
}

Result<std::vector<std::string>> lookup(Store& store, const std::vector<LookupHash>& hashes) {
  return store.readValue<std::vector<std::string>>(
      [&](StoreTx& tx) { return tx.identities().findRequestIdsByLookupHash(hashes); });
}

TEST_P(StoreTest, IdentitiesListInInsertionOrderAndPurge) {
  addRequest("r1");
  addRequest("r2");
  StoredIdentity custom{
      "i1",   "r1",  "custom:loyalty_id", IdentityFormat::kSha256, "v1:enc-3:AAA", "enc-3",
      "aa11", "hk-2"};
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    if (auto s = tx.identities().add(identity("i9", "r1", "ff00")); !s) return s;
    if (auto s = tx.identities().add(custom); !s) return s;
    return tx.identities().add(identity("i3", "r2", "bb22"));
  }));
  auto listed = store().readValue<std::vector<StoredIdentity>>(
      [](StoreTx& tx) { return tx.identities().listForRequest("r1"); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0], identity("i9", "r1", "ff00"));
  EXPECT_EQ((*listed)[1], custom);

  auto deleted = store().transactValue<std::int64_t>(
      [](StoreTx& tx) { return tx.identities().deleteForRequest("r1"); });
  ASSERT_OK(deleted);
  EXPECT_EQ(*deleted, 2);
  auto after = store().readValue<std::vector<StoredIdentity>>(
      [](StoreTx& tx) { return tx.identities().listForRequest("r1"); });
  ASSERT_OK(after);
  EXPECT_TRUE(after->empty());
  // The request itself survives the purge; the other request keeps its identity.
  EXPECT_TRUE(store().readValue<Request>([](StoreTx& tx) { return tx.requests().get("r1"); }).ok());
  EXPECT_EQ(lookup(store(), {{"hk-2", "bb22"}}).value(), std::vector<std::string>{"r2"});
}

TEST_P(StoreTest, OpenRequestLookupSkipsClosedRequestsAndOtherTypes) {
  auto add = [&](const std::string& id, RequestType type, RequestStatus status) {
    Request r = sampleRequest(id);
    r.type = type;
    r.status = status;
    r.heldFrom.reset();
    ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
      if (auto s = tx.requests().insert(r); !s) return s;
      return tx.identities().add(identity("i-" + id, id, "5ame"));
    }));
  };
  add("open-access", RequestType::kAccess, RequestStatus::kInProgress);
  add("closed-access", RequestType::kAccess, RequestStatus::kCompleted);
  add("rejected-access", RequestType::kAccess, RequestStatus::kRejected);
  add("open-erasure", RequestType::kErasure, RequestStatus::kVerifying);
  auto found = store().readValue<std::vector<std::string>>([](StoreTx& tx) {
    const std::vector<LookupHash> hashes{{"hk-2", "5ame"}};
    return tx.identities().findOpenRequestIdsByLookupHash(hashes, RequestType::kAccess);
  });
  ASSERT_OK(found);
  EXPECT_EQ(*found, std::vector<std::string>{"open-access"});
}

TEST_P(StoreTest, IdentityLookupMatchesAnyHashIncludingRetiredKeys) {
  addRequest("r1");
  addRequest("r2");
  addRequest("r3");
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    // r1 was hashed with the retired key hk-1, r2 and r3 with the current key hk-2.
    if (auto s = tx.identities().add(identity("i1", "r1", "0ld0", "hk-1")); !s) return s;
    if (auto s = tx.identities().add(identity("i2", "r2", "5ame")); !s) return s;
    if (auto s = tx.identities().add(identity("i3", "r3", "5ame")); !s) return s;
    // Same hex under another key must not match.
    return tx.identities().add(identity("i4", "r3", "0ld0", "hk-9"));
  }));
  auto found = lookup(store(), {{"hk-2", "5ame"}, {"hk-1", "0ld0"}, {"hk-2", "5ame"}});
  ASSERT_OK(found);
  EXPECT_EQ(found.value(), (std::vector<std::string>{"r2", "r3", "r1"}));
  auto none = lookup(store(), {{"hk-2", "0ld0"}});
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
  auto empty = lookup(store(), {});
  ASSERT_OK(empty);
  EXPECT_TRUE(empty->empty());
}

TEST_P(StoreTest, IdentityOfMissingRequestIsRefused) {
  Status status = store().transact(
      [&](StoreTx& tx) { return tx.identities().add(identity("i1", "missing", "aa")); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace dsrflow::testing
