// Database URLs: the backend, what its factory gets, and the password added safely.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/access/database_url.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::HasSubstr;

DatabaseUrl parsed(std::string_view url, const std::string& password = "") {
  auto result = parseDatabaseUrl(url, password);
  EXPECT_TRUE(result.ok()) << result.error().message;
  return result.ok() ? *result : DatabaseUrl{};
}

std::string errorOf(std::string_view url) {
  auto result = parseDatabaseUrl(url);
  return result.ok() ? "(no error)" : result.error().message;
}

TEST(DatabaseUrl, PostgresqlTakesUrisAndSettings) {
  // Whatever the form, SOCI gets one URI of percent-encoded settings: it splits what it is given
  // at spaces and appends "=" to a part without one.
  DatabaseUrl uri = parsed("postgresql://dsrflow@db:5432/crm?sslmode=require");
  EXPECT_EQ(uri.backend, SqlBackend::kPostgresql);
  EXPECT_EQ(uri.connect,
            "postgresql://?user=dsrflow&dbname=crm&host=db&port=5432&sslmode=require&"
            "application_name=dsrflow");
  EXPECT_EQ(uri.display, "postgresql://dsrflow@db:5432/crm?sslmode=require");
  EXPECT_EQ(
      parsed("postgres://db/crm", "p@ss w'rd&x").connect,
      "postgresql://?dbname=crm&host=db&application_name=dsrflow&password=p%40ss%20w%27rd%26x");
  EXPECT_EQ(
      parsed("postgresql://dbname='my crm' host=db application_name=crm-sync", "it's\\").connect,
      "postgresql://?dbname=my%20crm&host=db&application_name=crm-sync&password=it%27s%5C");
}

TEST(DatabaseUrl, SqliteAndMysql) {
  DatabaseUrl file = parsed("sqlite3:///var/lib/shop/shop.db");
  EXPECT_EQ(file.backend, SqlBackend::kSqlite);
  EXPECT_EQ(file.connect, "db=\"/var/lib/shop/shop.db\"");
  EXPECT_EQ(file.sqliteFile, "/var/lib/shop/shop.db");
  EXPECT_EQ(parsed("sqlite3://db=shop.db timeout=5").connect, "db=shop.db timeout=5");
  DatabaseUrl mysql = parsed("mysql://db=crm host=db user=dsrflow", "s3cr'et");
  EXPECT_EQ(mysql.backend, SqlBackend::kMysql);
  EXPECT_EQ(mysql.connect, "db=crm host=db user=dsrflow password='s3cr\\'et'");
}

TEST(DatabaseUrl, RefusesPasswordsAndUnknownBackends) {
  EXPECT_THAT(errorOf("postgresql://dsrflow:secret@db/crm"),
              HasSubstr("must not hold a password; name a secret in password_secret"));
  EXPECT_THAT(errorOf("postgresql://dbname=crm password=x"), HasSubstr("must not hold a password"));
  EXPECT_THAT(errorOf("postgresql://db/crm?password=x"), HasSubstr("must not hold a password"));
  EXPECT_THAT(errorOf("postgresql://dbname=crm bogus=1"),
              HasSubstr("not valid for PostgreSQL: invalid connection option \"bogus\""));
  EXPECT_THAT(errorOf("mysql://db=crm pass=x"), HasSubstr("must not hold a password"));
  EXPECT_THAT(errorOf("oracle://crm"), HasSubstr("unknown database backend 'oracle'"));
  EXPECT_THAT(errorOf("crm.db"),
              HasSubstr("must start with postgresql://, sqlite3:// or mysql://"));
  EXPECT_THAT(errorOf("sqlite3://"), HasSubstr("names no database"));
  EXPECT_THAT(errorOf("sqlite3:///tmp/a\"b.db"), HasSubstr("double quote"));
  EXPECT_THAT(errorOf("mysql://crm"), HasSubstr("takes SOCI settings"));
}

}  // namespace
}  // namespace dsrflow::sql
