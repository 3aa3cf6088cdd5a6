// Identities and results sealed by the vault, stored on each backend, found and read again
// across a key rotation; the database holds no clear value.

#include "vault/identity_vault.hpp"

#include <gmock/gmock.h>

#include "crypto/key_ring_admin.hpp"
#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class IdentityVaultTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(crypto::initKeyRing(keysDir(), clock_).ok());
    vault_ = loadVault();
  }
  std::filesystem::path keysDir() const { return dir_->path() / "keys"; }
  std::unique_ptr<IdentityVault> loadVault() {
    auto ring = crypto::KeyRing::load(keysDir());
    EXPECT_TRUE(ring.ok()) << ring.error().message;
    return std::make_unique<IdentityVault>(
        std::make_shared<const crypto::KeyRing>(std::move(ring).value()));
  }
  static Identity email(const std::string& value) {
    return normalizeIdentity(IdentityType::kEmail, "", IdentityFormat::kRaw, value).value();
  }
  void storeIdentity(const std::string& id, const std::string& requestId, const Identity& who) {
    auto sealed = vault_->seal(id, requestId, who);
    ASSERT_OK(sealed);
    ASSERT_OK(store().transact([&](StoreTx& tx) { return tx.identities().add(*sealed); }));
  }
  std::vector<std::string> requestsOf(const Identity& who) {
    auto hashes = vault_->lookupHashes(who);
    EXPECT_TRUE(hashes.ok());
    auto ids = store().readValue<std::vector<std::string>>(
        [&](StoreTx& tx) { return tx.identities().findRequestIdsByLookupHash(*hashes); });
    EXPECT_TRUE(ids.ok()) << ids.error().message;
    return ids.ok() ? *ids : std::vector<std::string>{};
  }

  ManualClock clock_{TimePoint(std::chrono::milliseconds(1'700'000'000'000))};
  std::unique_ptr<IdentityVault> vault_;
};

TEST_P(IdentityVaultTest, FindsAndOpensIdentitiesAcrossARotation) {
  addRequest("r1", at(1));
  addRequest("r2", at(2));
  const Identity alice = email(" Alice@Example.COM ");
  storeIdentity("i1", "r1", alice);

  ASSERT_TRUE(crypto::rotateKeyRing(keysDir(), clock_).ok());
  vault_ = loadVault();
  storeIdentity("i2", "r2", alice);

  EXPECT_THAT(requestsOf(alice), UnorderedElementsAre("r1", "r2"));
  EXPECT_TRUE(requestsOf(email("bob@example.com")).empty());

  auto stored = store().readValue<std::vector<StoredIdentity>>(
      [](StoreTx& tx) { return tx.identities().listForRequest("r1"); });
  ASSERT_OK(stored);
  ASSERT_EQ(stored->size(), 1U);
  EXPECT_EQ((*stored)[0].encKeyId, "enc-1");
  EXPECT_THAT((*stored)[0].ciphertext, Not(HasSubstr("alice")));
  auto opened = vault_->open((*stored)[0]);
  ASSERT_OK(opened);
  EXPECT_EQ(*opened, alice);
}

TEST_P(IdentityVaultTest, TheDatabaseHoldsNoClearValue) {
  addRequest("r1", at(1));
  storeIdentity("i1", "r1", email("carol.secret@example.org"));
  storeIdentity(
      "i2", "r1",
      normalizeIdentity(IdentityType::kCustom, "loyalty_id", IdentityFormat::kRaw, "CH-4711")
          .value());
  // Dump the table through SQL and look for the clear values.
  auto rows = store().readValue<std::vector<StoredIdentity>>(
      [](StoreTx& tx) { return tx.identities().listForRequest("r1"); });
  ASSERT_OK(rows);
  for (const auto& row : *rows) {
    for (const std::string& column : {row.ciphertext, row.lookupHash, row.type}) {
      EXPECT_THAT(column, Not(HasSubstr("carol")));
      EXPECT_THAT(column, Not(HasSubstr("4711")));
    }
  }
  EXPECT_EQ((*rows)[1].type, "custom:loyalty_id");
  auto opened = vault_->open((*rows)[1]);
  ASSERT_OK(opened);
  EXPECT_EQ(opened->value, "CH-4711");
  EXPECT_EQ(opened->subtype, "loyalty_id");
}

TEST_P(IdentityVaultTest, ACiphertextMovedToAnotherRequestDoesNotOpen) {
  addRequest("r1", at(1));
  auto sealed = vault_->seal("i1", "r1", email("dave@example.com"));
  ASSERT_OK(sealed);
  StoredIdentity moved = *sealed;
  moved.requestId = "r2";
  auto opened = vault_->open(moved);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kPermissionDenied);
  StoredIdentity retyped = *sealed;
  retyped.type = "customer_id";
  EXPECT_FALSE(vault_->open(retyped).ok());
}

TEST_P(IdentityVaultTest, SameCharactersOfAnotherTypeDoNotMatch) {
  addRequest("r1", at(1));
  storeIdentity(
      "i1", "r1",
      normalizeIdentity(IdentityType::kCustomerId, "", IdentityFormat::kRaw, "12345").value());
  auto asExternal =
      normalizeIdentity(IdentityType::kExternalId, "shop", IdentityFormat::kRaw, "12345");
  ASSERT_OK(asExternal);
  EXPECT_TRUE(requestsOf(*asExternal).empty());
}

TEST_P(IdentityVaultTest, ResultsAreSealedPerTaskAndSeq) {
  addRequest("r1", at(1));
  addTask("t1", "r1", at(2));
  TaskResult result{"res1", "t1", "r1", 0, TaskResultKind::kRecord, "", "", at(3)};
  auto sealed = vault_->sealResult(result, R"({"fields":{"email":"erin@example.com"}})");
  ASSERT_OK(sealed);
  ASSERT_OK(store().transact([&](StoreTx& tx) { return tx.taskResults().append(*sealed); }));
  auto listed = store().readValue<std::vector<TaskResult>>(
      [](StoreTx& tx) { return tx.taskResults().listForTask("t1", -1, 10); });
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 1U);
  EXPECT_THAT((*listed)[0].payload, Not(HasSubstr("erin")));
  auto opened = vault_->openResult((*listed)[0]);
  ASSERT_OK(opened);
  EXPECT_THAT(*opened, HasSubstr("erin@example.com"));
  TaskResult reordered = (*listed)[0];
  reordered.seq = 1;
  EXPECT_FALSE(vault_->openResult(reordered).ok());
}

TEST(QualifiedType, Parses) {
  EXPECT_EQ(parseQualifiedType("email")->first, IdentityType::kEmail);
  EXPECT_EQ(parseQualifiedType("custom:loyalty_id")->second, "loyalty_id");
  EXPECT_FALSE(parseQualifiedType("custom").ok());
  EXPECT_FALSE(parseQualifiedType("email:x").ok());
  EXPECT_FALSE(parseQualifiedType("fax").ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentityVaultTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgresql),
                         backendName);

}  // namespace
}  // namespace dsrflow::testing
