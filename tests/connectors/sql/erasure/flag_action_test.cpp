// suppress and restrict on the generated SQLite CRM: the flags its dataset names are set on the
// person's rows only, once, and a dry run changes nothing.

#include "sql/erasure/flag_action.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connectors/sql/sample_crm_db.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

class FlagActionTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::openSampleCrm(dir_ / "crm.db", graph_, db_); }

  FlagReport flag(const std::string& email, FlagAction action, bool dryRun = false) {
    FlagOptions options;
    options.dryRun = dryRun;
    auto report = runFlagAction(*db_, *graph_, {SeedValue{"email", email}}, action, options);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : FlagReport{};
  }

  // do_not_email and restricted_at of every contact: "1|0|NULL" per row.
  std::vector<std::string> contactFlags() {
    soci::session db(*soci::factory_sqlite3(), "db=\"" + (dir_ / "crm.db").string() + "\"");
    std::vector<std::string> out;
    soci::rowset<soci::row> rows =
        db.prepare << "SELECT CAST(id AS TEXT) || '|' || CAST(do_not_email AS TEXT) || '|' || "
                      "COALESCE(restricted_at, 'NULL') FROM contact ORDER BY id";
    for (const soci::row& row : rows) out.push_back(row.get<std::string>(0));
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<DatasetGraph> graph_;
  std::unique_ptr<SqlDatabase> db_;
};

TEST_F(FlagActionTest, SuppressSetsTheDatasetsFlagOnThePersonsRowsOnce) {
  const FlagReport report = flag("ann@example.com", FlagAction::kSuppress);
  EXPECT_EQ(report.rowsFound, 14U);
  EXPECT_EQ(report.flaggableRows, 1U);
  ASSERT_EQ(report.flagged.size(), 1U);
  EXPECT_EQ(report.flagged[0].collection, "contact");
  EXPECT_EQ(report.flagged[0].field, "do_not_email");
  EXPECT_EQ(report.flagged[0].rows, 1);
  ASSERT_EQ(report.statements.size(), 1U);
  EXPECT_EQ(report.statements[0].sql(),
            "UPDATE `contact` SET `do_not_email` = :v0 WHERE `id` IN (:v1)");
  EXPECT_THAT(contactFlags(), ElementsAre("1|1|NULL", "2|0|NULL", "3|0|NULL"));

  const FlagReport again = flag("ann@example.com", FlagAction::kSuppress);
  EXPECT_EQ(again.flagged[0].rows, 0);
  EXPECT_EQ(again.flagged[0].already, 1);
  EXPECT_THAT(again.statements, IsEmpty());
}

TEST_F(FlagActionTest, RestrictStampsTheTimeOnceAndKeepsIt) {
  const FlagReport report = flag("bob@example.com", FlagAction::kRestrict);
  EXPECT_EQ(report.flagged.at(0).rows, 1);
  EXPECT_EQ(report.statements.at(0).sql(),
            "UPDATE `contact` SET `restricted_at` = CURRENT_TIMESTAMP WHERE `id` IN (:v0)");
  const std::vector<std::string> flags = contactFlags();
  EXPECT_EQ(flags[0], "1|0|NULL");
  EXPECT_THAT(flags[1], MatchesRegex("2\\|0\\|[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}"));
  EXPECT_EQ(flag("bob@example.com", FlagAction::kRestrict).flagged.at(0).already, 1);
  EXPECT_EQ(contactFlags()[1], flags[1]);  // the first restriction's time stays
}

TEST_F(FlagActionTest, ADryRunChangesNothingAndUnknownPeopleHaveNothingToFlag) {
  const std::string before = testing::dumpSqlite(dir_ / "crm.db");
  const FlagReport plan = flag("cat@example.com", FlagAction::kSuppress, true);
  ASSERT_EQ(plan.statements.size(), 1U);
  EXPECT_EQ(plan.statements[0].rows.at(0).at(0).value.canonical(), "3");
  EXPECT_EQ(testing::dumpSqlite(dir_ / "crm.db"), before);

  const FlagReport nobody = flag("zed@example.com", FlagAction::kRestrict);
  EXPECT_EQ(nobody.rowsFound, 0U);
  EXPECT_EQ(nobody.flaggableRows, 0U);
  EXPECT_THAT(nobody.statements, IsEmpty());
  EXPECT_THAT(testing::dumpSqlite(dir_ / "crm.db"), HasSubstr("3|'cat@example.com'|'Cat'|11|0|"));
}

}  // namespace
}  // namespace dsrflow::sql
