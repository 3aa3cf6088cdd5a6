// Suppression and legal-hold lists on each backend: found by any identity, across a key
// rotation, never twice, ended rather than deleted, audited without personal data.

#include "engine/subject_lists.hpp"

#include <gmock/gmock.h>

#include "crypto/key_ring_admin.hpp"
#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SubjectListsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(crypto::initKeyRing(dir_->path() / "keys", *clock_).ok());
    reload();
  }
  void reload() {
    auto ring = crypto::KeyRing::load(dir_->path() / "keys");
    ASSERT_TRUE(ring.ok()) << ring.error().message;
    auto vault = std::make_shared<const IdentityVault>(
        std::make_shared<const crypto::KeyRing>(std::move(ring).value()));
    lists_ = std::make_unique<SubjectLists>(std::shared_ptr<Store>(&store(), [](Store*) {}), vault,
                                            clock_);
  }
  static Identity email(const std::string& v) {
    return normalizeIdentity(IdentityType::kEmail, "", IdentityFormat::kRaw, v).value();
  }
  static Identity phone(const std::string& v) {
    return normalizeIdentity(IdentityType::kPhone, "", IdentityFormat::kRaw, v).value();
  }

  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>(at(1'700'000'000'000));
  std::unique_ptr<SubjectLists> lists_;
  Actor staff_{ActorType::kUser, "staff-1"};
};

TEST_P(SubjectListsTest, SuppressedPeopleAreFoundByAnyIdentityAfterRotation) {
  auto added = lists_->add(SubjectListKind::kSuppression, email("Ann@Example.com"),
                           {"objection to direct marketing (Art. 21(3))"}, staff_);
  ASSERT_OK(added);
  ASSERT_TRUE(crypto::rotateKeyRing(dir_->path() / "keys", *clock_).ok());
  reload();
  auto found = lists_->find(SubjectListKind::kSuppression,
                            {phone("+49 30 1234567"), email("ann@example.com")});
  ASSERT_OK(found);
  ASSERT_EQ(found->size(), 1U);
  EXPECT_EQ((*found)[0].id, added->id);
  EXPECT_TRUE(lists_->find(SubjectListKind::kSuppression, {email("bob@example.com")})->empty());
  // Another list does not see it.
  EXPECT_TRUE(lists_->find(SubjectListKind::kLegalHold, {email("ann@example.com")})->empty());
}

TEST_P(SubjectListsTest, AddingTwiceKeepsOneEntry) {
  auto first =
      lists_->add(SubjectListKind::kSuppression, email("c@example.com"), {"opt-out"}, staff_);
  auto second =
      lists_->add(SubjectListKind::kSuppression, email("c@example.com"), {"again"}, staff_);
  ASSERT_OK(first);
  ASSERT_OK(second);
  EXPECT_EQ(first->id, second->id);
  auto all = store().readValue<std::vector<SubjectListEntry>>(
      [](StoreTx& tx) { return tx.subjectLists().list(SubjectListKind::kSuppression, true); });
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 1U);
}

TEST_P(SubjectListsTest, HoldsNeedAnOwnerAndEndWithoutBeingDeleted) {
  EXPECT_EQ(lists_->add(SubjectListKind::kLegalHold, email("d@example.com"), {"litigation"}, staff_)
                .error()
                .code,
            ErrorCode::kInvalidArgument);
  NewListEntry hold{"litigation 2026-17", "legal department", std::nullopt, at(1'710'000'000'000)};
  auto added = lists_->add(SubjectListKind::kLegalHold, email("d@example.com"), hold, staff_);
  ASSERT_OK(added);
  EXPECT_EQ(added->reviewAt, at(1'710'000'000'000));
  clock_->advance(std::chrono::hours(1));
  ASSERT_OK(lists_->end(added->id, staff_));
  EXPECT_EQ(lists_->end(added->id, staff_).error().code, ErrorCode::kConflict);
  EXPECT_EQ(lists_->end("missing", staff_).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(lists_->find(SubjectListKind::kLegalHold, {email("d@example.com")})->empty());
  auto all = store().readValue<std::vector<SubjectListEntry>>(
      [](StoreTx& tx) { return tx.subjectLists().list(SubjectListKind::kLegalHold, true); });
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1U);
  EXPECT_EQ((*all)[0].removedAt, at(1'700'000'000'000) + std::chrono::hours(1));
  EXPECT_TRUE(store()
                  .readValue<std::vector<SubjectListEntry>>([](StoreTx& tx) {
                    return tx.subjectLists().list(SubjectListKind::kLegalHold, false);
                  })
                  ->empty());
  auto events = store().readValue<std::vector<AuditEvent>>(
      [](StoreTx& tx) { return tx.audit().listRange(1, 10); });
  ASSERT_OK(events);
  ASSERT_EQ(events->size(), 2U);
  EXPECT_EQ((*events)[0].event, "legal_hold.added");
  EXPECT_EQ((*events)[1].event, "legal_hold.ended");
  for (const auto& e : *events) EXPECT_THAT(e.detailsJson, Not(HasSubstr("d@example")));
}

INSTANTIATE_TEST_SUITE_P(Backends, SubjectListsTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgresql),
                         backendName);

}  // namespace
}  // namespace dsrflow::testing
