#include <gmock/gmock.h>

#include "store/dialect.hpp"
#include "store_fixture.hpp"

namespace dsrflow::testing {
namespace {

TEST_P(StoreTest, MigrateIsIdempotent) {
  // SetUp migrated already.
  auto version = store().currentVersion();
  ASSERT_OK(version);
  EXPECT_EQ(*version, latestSchemaVersion());
  ASSERT_OK(store().checkSchema());
  auto again = store().migrate();
  ASSERT_OK(again);
  EXPECT_TRUE(again->empty());
  auto viaOtherStore = openAgain()->migrate();
  ASSERT_OK(viaOtherStore);
  EXPECT_TRUE(viaOtherStore->empty());
}

TEST_P(StoreTest, FreshDatabaseIsAtVersionZeroAndMigratesFully) {
  TempDir dir;
  auto opened = Store::open(freshDatabaseUrl(GetParam(), dir));
  ASSERT_OK(opened);
  Store& fresh = *opened.value();
  EXPECT_EQ(fresh.currentVersion().value(), 0);
  Status check = fresh.checkSchema();
  ASSERT_FALSE(check.ok());
  EXPECT_THAT(check.error().message, ::testing::HasSubstr("dsrflow migrate"));
  auto applied = fresh.migrate();
  ASSERT_OK(applied);
  std::vector<int> all;
  for (const auto& m : detail::sqliteMigrations()) all.push_back(m.version);
  EXPECT_EQ(applied.value(), all);
  EXPECT_EQ(fresh.currentVersion().value(), latestSchemaVersion());
}

TEST_P(StoreTest, NewerDatabaseIsRefused) {
  auto error = rawExec(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)");
  ASSERT_FALSE(error.has_value()) << *error;
  auto migrated = store().migrate();
  ASSERT_FALSE(migrated.ok());
  EXPECT_EQ(migrated.error().code, ErrorCode::kConflict);
  EXPECT_THAT(migrated.error().message, ::testing::HasSubstr("9999"));
  EXPECT_THAT(migrated.error().message, ::testing::HasSubstr("upgrade dsrflow"));
  Status check = store().checkSchema();
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store().currentVersion().value(), 9999);
}

TEST(StoreMigrations, BothDialectsKnowTheSameVersions) {
  auto sqlite = detail::sqliteMigrations();
  auto postgresql = detail::postgresqlMigrations();
  ASSERT_EQ(sqlite.size(), postgresql.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, static_cast<int>(i + 1)) << "versions are 1, 2, 3, ...";
    EXPECT_EQ(sqlite[i].version, postgresql[i].version);
    EXPECT_EQ(sqlite[i].name, postgresql[i].name);
  }
}

}  // namespace
}  // namespace dsrflow::testing
