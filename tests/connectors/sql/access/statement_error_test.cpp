// A statement the database refuses for a constraint fails as kConflict, on every backend: it
// will fail the same way however often it is tried, so an erasure must not be retried but
// fixed. The error names the table and the kind of constraint, never the database's own text,
// which quotes the values (personal data).

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "connectors/sql/sample_crm_db.hpp"
#include "sql/access/select_query.hpp"
#include "support/mariadb_server.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSecret = "Ann Secret-Name";

class StatementErrorTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    static int databases = 0;  // one database per test of this process
    const std::string name =
        "sql_refused_" + std::to_string(getpid()) + "_" + std::to_string(++databases);
    std::string url;
    try {
      if (GetParam() == "postgresql") {
        url = testing::PostgresServer::shared().createDatabase(name);
      } else if (GetParam() == "mariadb") {
        testing::MariadbServer::shared().createDatabase(name);
        url = testing::MariadbServer::shared().url(name);
      } else {
        testing::writeFile(dir_ / "refused.db", "");
        url = "sqlite3://" + (dir_ / "refused.db").string();
      }
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
    ASSERT_NO_FATAL_FAILURE(testing::openDatabase(url, db_));
    ASSERT_NO_FATAL_FAILURE(testing::runStatements(
        *db_,
        {"CREATE TABLE parent (id integer PRIMARY KEY, name varchar(50) NOT NULL)",
         "CREATE TABLE child (id integer PRIMARY KEY, parent_id integer NOT NULL, "
         "FOREIGN KEY (parent_id) REFERENCES parent (id))",
         "INSERT INTO parent VALUES (1, 'Ann Secret-Name')", "INSERT INTO child VALUES (10, 1)"}));
  }

  // Runs `sql` with `value` bound where it ends; the failure it must be.
  Error refused(const std::string& sql, const SqlValue& value, const std::string& table) {
    SelectQuery query{sql, {}};
    query.sql += addBind(query, value);
    auto done = db_->execute(query, table);
    EXPECT_FALSE(done.ok()) << sql << " changed " << (done.ok() ? *done : 0) << " rows";
    return done.ok() ? Error{ErrorCode::kInternal, "not refused"} : done.error();
  }

  static std::string kind(const std::string& expected) {
    return expected + " of the database refused it";
  }

  testing::TempDir dir_{"sql-refused"};
  std::unique_ptr<SqlDatabase> db_;
};

TEST_P(StatementErrorTest, DeletingARowOthersReferToIsAConflictNamingAForeignKey) {
  const Error error = refused("DELETE FROM parent WHERE id = ", SqlValue::ofInteger(1), "parent");
  EXPECT_EQ(error.code, ErrorCode::kConflict) << error.message;
  EXPECT_THAT(error.message,
              AllOf(HasSubstr("the statement on parent failed"), HasSubstr(kind("a foreign key"))));
}

TEST_P(StatementErrorTest, NullInANotNullColumnIsAConflictThatQuotesNoValue) {
  const Error error =
      refused("UPDATE parent SET name = NULL WHERE name = ", SqlValue::ofText(kSecret), "parent");
  EXPECT_EQ(error.code, ErrorCode::kConflict) << error.message;
  EXPECT_THAT(error.message, AllOf(HasSubstr(kind("a NOT NULL column")), Not(HasSubstr("Ann"))));
}

TEST_P(StatementErrorTest, ADuplicateKeyIsAConflictThatQuotesNoValue) {
  SelectQuery query{"INSERT INTO parent VALUES (1, ", {}};
  query.sql += addBind(query, SqlValue::ofText(kSecret)) + ")";
  auto done = db_->execute(query, "parent");
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, ErrorCode::kConflict) << done.error().message;
  EXPECT_THAT(done.error().message, AllOf(HasSubstr(kind("a unique key")), Not(HasSubstr("Ann"))));
}

INSTANTIATE_TEST_SUITE_P(Backends, StatementErrorTest,
                         ::testing::Values("postgresql", "mariadb", "sqlite"),
                         [](const ::testing::TestParamInfo<std::string>& backend) {
                           return backend.param;
                         });

}  // namespace
}  // namespace dsrflow::sql
