#include <gmock/gmock.h>

#include <filesystem>

#include "store/store.hpp"
#include "store/store_url.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::HasSubstr;

TEST(StoreUrl, SqliteForms) {
  auto absolute = parseStoreUrl("sqlite:///var/lib/dsrflow/store.db");
  ASSERT_TRUE(absolute.ok());
  EXPECT_EQ(absolute->backend, StoreBackend::kSqlite);
  EXPECT_EQ(absolute->target, "/var/lib/dsrflow/store.db");
  auto relative = parseStoreUrl("sqlite:data/store.db");
  ASSERT_TRUE(relative.ok());
  EXPECT_EQ(relative->target, "data/store.db");
  auto memory = parseStoreUrl("sqlite::memory:");
  ASSERT_TRUE(memory.ok());
  EXPECT_EQ(memory->target, ":memory:");
}

TEST(StoreUrl, SqliteMistakesAreExplained) {
  auto ambiguous = parseStoreUrl("sqlite://data/store.db");
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(ambiguous.error().message, HasSubstr("absolute"));
  EXPECT_FALSE(parseStoreUrl("sqlite:").ok());
  EXPECT_FALSE(parseStoreUrl("sqlite:///").ok());
  EXPECT_FALSE(parseStoreUrl("sqlite:/tmp/a\"b.db").ok());
}

TEST(StoreUrl, PostgresForms) {
  auto plain = parseStoreUrl("postgresql://dsr@db.internal:5433/dsrflow");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->backend, StoreBackend::kPostgresql);
  EXPECT_EQ(plain->target,
            "postgresql://dsr@db.internal:5433/dsrflow?options=-c%20client_min_messages%3Dwarning");
  auto shortScheme = parseStoreUrl("postgres://dsr@db/dsrflow?sslmode=require");
  ASSERT_TRUE(shortScheme.ok());
  EXPECT_EQ(
      shortScheme->target,
      "postgresql://dsr@db/dsrflow?sslmode=require&options=-c%20client_min_messages%3Dwarning");
  auto ownOptions = parseStoreUrl("postgresql://db/x?options=-c%20search_path%3Ddsr");
  ASSERT_TRUE(ownOptions.ok());
  EXPECT_EQ(ownOptions->target, "postgresql://db/x?options=-c%20search_path%3Ddsr");
  EXPECT_FALSE(parseStoreUrl("postgresql://").ok());
}

TEST(StoreUrl, PasswordsAreRedacted) {
  auto url =
      parseStoreUrl("postgresql://dsr:s3cret@db:5432/dsrflow?password=other&sslmode=require");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->redacted, "postgresql://dsr:***@db:5432/dsrflow?password=***&sslmode=require");
  EXPECT_THAT(url->target, HasSubstr("s3cret"));  // libpq still needs it
}

TEST(StoreUrl, UnknownSchemeIsInvalidArgument) {
  auto mysql = parseStoreUrl("mysql://root@localhost/dsr");
  ASSERT_FALSE(mysql.ok());
  EXPECT_EQ(mysql.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(mysql.error().message, HasSubstr("'mysql'"));
  auto bare = parseStoreUrl("/var/lib/dsrflow/store.db");
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(parseStoreUrl("").ok());
}

TEST(StoreOpen, BadUrlIsInvalidArgument) {
  auto opened = Store::open("oracle://scott:tiger@db/orcl");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(opened.error().message, ::testing::Not(HasSubstr("tiger")));
}

TEST(StoreOpen, MissingSqliteDirectoryIsUnavailable) {
  TempDir dir;
  auto opened = Store::open("sqlite://" + (dir / "no/such/dir/store.db").string());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
}

TEST(StoreOpen, UnreachablePostgresIsUnavailableWithoutPassword) {
  // Port 1 on loopback refuses at once.
  auto opened = Store::open("postgresql://dsr:s3cret@127.0.0.1:1/dsrflow?connect_timeout=2");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(opened.error().message, ::testing::Not(HasSubstr("s3cret")));
}

TEST(StoreOpen, SqliteFileUsesWriteAheadLog) {
  TempDir dir;
  auto opened = Store::open("sqlite:" + (dir / "wal.db").string());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  ASSERT_TRUE(opened.value()->migrate().ok());
  EXPECT_TRUE(std::filesystem::exists(dir / "wal.db-wal"));
}

TEST(StoreOpen, InMemorySqliteWorks) {
  auto opened = Store::open("sqlite::memory:");
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto applied = opened.value()->migrate();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(opened.value()->backend(), StoreBackend::kSqlite);
}

}  // namespace
}  // namespace dsrflow::testing
