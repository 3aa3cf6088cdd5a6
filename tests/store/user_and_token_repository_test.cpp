#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

User user(const std::string& id, const std::string& username, UserRole role) {
  return User{
      id,    username, "Name of " + username, role, "$argon2id$v=19$m=65536,t=3,p=4$abc$def",
      false, at(77)};
}

TEST_P(StoreTest, UsersAddFindListDisable) {
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    if (auto s = tx.users().add(user("u2", "zoe", UserRole::kAuditor)); !s) return s;
    return tx.users().add(user("u1", "adam", UserRole::kAdmin));
  }));
  auto byId = store().readValue<User>([](StoreTx& tx) { return tx.users().get("u2"); });
  ASSERT_OK(byId);
  EXPECT_EQ(*byId, user("u2", "zoe", UserRole::kAuditor));
  auto byName =
      store().readValue<User>([](StoreTx& tx) { return tx.users().findByUsername("adam"); });
  ASSERT_OK(byName);
  EXPECT_EQ(byName->id, "u1");
  EXPECT_EQ(byName->role, UserRole::kAdmin);
  auto missing =
      store().readValue<User>([](StoreTx& tx) { return tx.users().findByUsername("eve"); });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().message.find("eve"), std::string::npos);

  auto listed = store().readValue<std::vector<User>>([](StoreTx& tx) { return tx.users().list(); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].username, "adam");

  ASSERT_OK(store().transact([](StoreTx& tx) { return tx.users().setDisabled("u1", true); }));
  ASSERT_OK(
      store().transact([](StoreTx& tx) { return tx.users().setPasswordHash("u1", "new-hash"); }));
  auto changed = store().readValue<User>([](StoreTx& tx) { return tx.users().get("u1"); });
  ASSERT_OK(changed);
  EXPECT_TRUE(changed->disabled);
  EXPECT_EQ(changed->passwordHash, "new-hash");
  Status missingUser =
      store().transact([](StoreTx& tx) { return tx.users().setDisabled("nobody", true); });
  ASSERT_FALSE(missingUser.ok());
  EXPECT_EQ(missingUser.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreTest, UsernameIsUniqueAndErrorQuotesNoValue) {
  ASSERT_OK(store().transact(
      [](StoreTx& tx) { return tx.users().add(user("u1", "alice.smith", UserRole::kStaff)); }));
  Status duplicate = store().transact(
      [](StoreTx& tx) { return tx.users().add(user("u2", "alice.smith", UserRole::kStaff)); });
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  // PostgreSQL's DETAIL line would quote the username; the store drops it.
  EXPECT_EQ(duplicate.error().message.find("alice.smith"), std::string::npos)
      << duplicate.error().message;
}

TEST_P(StoreTest, ApiTokensFindRevokeTouch) {
  ApiToken plain{"t1",   "ci",         std::string(64, 'a'), "requests:read,requests:write",
                 at(10), std::nullopt, std::nullopt,         std::nullopt};
  ApiToken expiring{"t2",   "temp", std::string(64, 'b'), "[\"audit:read\"]",
                    at(20), at(99), std::nullopt,         std::nullopt};
  ASSERT_OK(store().transact([&](StoreTx& tx) -> Status {
    if (auto s = tx.apiTokens().add(plain); !s) return s;
    return tx.apiTokens().add(expiring);
  }));
  auto found = store().readValue<ApiToken>(
      [](StoreTx& tx) { return tx.apiTokens().findByHash(std::string(64, 'a')); });
  ASSERT_OK(found);
  EXPECT_EQ(*found, plain);
  auto second = store().readValue<ApiToken>(
      [](StoreTx& tx) { return tx.apiTokens().findByHash(std::string(64, 'b')); });
  ASSERT_OK(second);
  EXPECT_EQ(*second, expiring);
  EXPECT_EQ(store()
                .readValue<ApiToken>([](StoreTx& tx) { return tx.apiTokens().findByHash("00"); })
                .error()
                .code,
            ErrorCode::kNotFound);

  ASSERT_OK(store().transact([](StoreTx& tx) { return tx.apiTokens().touch("t1", at(300)); }));
  ASSERT_OK(store().transact([](StoreTx& tx) { return tx.apiTokens().revoke("t1", at(400)); }));
  ASSERT_OK(store().transact([](StoreTx& tx) { return tx.apiTokens().revoke("t1", at(500)); }));
  found = store().readValue<ApiToken>(
      [](StoreTx& tx) { return tx.apiTokens().findByHash(std::string(64, 'a')); });
  ASSERT_OK(found);
  EXPECT_EQ(found->lastUsedAt, at(300));
  EXPECT_EQ(found->revokedAt, at(400)) << "revoking again keeps the first time";

  Status missing =
      store().transact([](StoreTx& tx) { return tx.apiTokens().revoke("nope", at(1)); });
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  missing = store().transact([](StoreTx& tx) { return tx.apiTokens().touch("nope", at(1)); });
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  auto listed =
      store().readValue<std::vector<ApiToken>>([](StoreTx& tx) { return tx.apiTokens().list(); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].id, "t1");
  EXPECT_EQ((*listed)[1].id, "t2");

  ApiToken sameHash = plain;
  sameHash.id = "t3";
  Status duplicate = store().transact([&](StoreTx& tx) { return tx.apiTokens().add(sameHash); });
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace dsrflow::testing
