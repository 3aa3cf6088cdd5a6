// `dsrflow dataset import-fides`, `dataset check` and `dataset erase-plan` through the real
// binary.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>

#include "cli_process.hpp"
#include "connectors/sql/sample_crm.hpp"
#include "support/fixtures.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow {
namespace {

using testing::dsrflow;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using testing::TempDir;
using testing::writeFile;

constexpr const char* kTwoDatasets = R"(dataset:
  - fides_key: shop
    collections:
      - name: customer
        fields:
          - {name: email, data_categories: [user.contact.email], fides_meta: {identity: email}}
  - fides_key: archive
    collections:
      - name: old_customer
        fields:
          - {name: email, data_categories: [user.contact.email]}
)";

// `text` with `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

class DatasetCliTest : public ::testing::Test {
 protected:
  std::string path(const char* name) const { return (dir_ / name).string(); }
  TempDir dir_;
};

TEST_F(DatasetCliTest, ImportsFidesExampleAndTheResultChecksClean) {
  DSRFLOW_REQUIRE_FIXTURES();
  const std::string fides =
      (*testing::fixturesDir() / "fides" / "postgres_example_test_dataset.yml").string();
  auto imported = dsrflow({"dataset", "import-fides", fides, "--output", path("fides.yaml")});
  ASSERT_EQ(imported.exitCode, 0) << imported.err;
  EXPECT_EQ(imported.out, "wrote " + path("fides.yaml") +
                              " (dataset postgres_example_test_dataset: 11 table(s), 48 field(s) "
                              "(48 with data categories), 6 identity field(s), 10 link(s))\n");
  EXPECT_THAT(imported.err, StartsWith("note: " + fides + ":75: "));

  auto checked = dsrflow({"dataset", "check", path("fides.yaml")});
  EXPECT_EQ(checked.exitCode, 0) << checked.err;
  EXPECT_THAT(checked.out, StartsWith(path("fides.yaml") + ": ok (dataset "));
  EXPECT_THAT(checked.out, Not(HasSubstr("warning")));

  // Without --output the dataset goes to stdout; an existing file is never overwritten.
  auto printed = dsrflow({"dataset", "import-fides", fides});
  EXPECT_EQ(printed.exitCode, 0);
  EXPECT_EQ(printed.out, testing::readFile(dir_ / "fides.yaml"));
  auto again = dsrflow({"dataset", "import-fides", fides, "--output", path("fides.yaml")});
  EXPECT_EQ(again.exitCode, 2);
  EXPECT_THAT(again.err, HasSubstr(path("fides.yaml") + " exists"));
}

TEST_F(DatasetCliTest, AFileWithSeveralDatasetsNeedsAChoice) {
  writeFile(dir_ / "two.yml", kTwoDatasets);
  auto ambiguous = dsrflow({"dataset", "import-fides", path("two.yml")});
  EXPECT_EQ(ambiguous.exitCode, 2);
  EXPECT_THAT(ambiguous.err,
              HasSubstr("holds 2 datasets; choose one with --dataset (shop, archive)"));
  auto unknown = dsrflow({"dataset", "import-fides", path("two.yml"), "--dataset", "crm"});
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_THAT(unknown.err, HasSubstr("has no dataset 'crm' (it has: shop, archive)"));

  auto archive = dsrflow(
      {"dataset", "import-fides", path("two.yml"), "--dataset", "archive", "--output", "-"});
  ASSERT_EQ(archive.exitCode, 0) << archive.err;
  EXPECT_THAT(archive.out, HasSubstr("dataset: archive\n"));
  writeFile(dir_ / "archive.yaml", archive.out);
  // Nothing seeds a search in the archive: valid, with a warning.
  auto checked = dsrflow({"dataset", "check", path("archive.yaml")});
  EXPECT_EQ(checked.exitCode, 0) << checked.err;
  EXPECT_THAT(checked.out, HasSubstr("warning: " + path("archive.yaml") +
                                     ":10: tables[0]: no identity reaches table 'old_customer'"));
}

TEST_F(DatasetCliTest, ErrorsNameFileLineAndKeyAndExitWithTwo) {
  writeFile(dir_ / "shop.yaml", R"(dataset: shop
tables:
  - name: orders
    fields:
      - name: customer_id
        references: [{field: customer.id, direction: from}]
)");
  auto broken = dsrflow({"dataset", "check", path("shop.yaml")});
  EXPECT_EQ(broken.exitCode, 2);
  EXPECT_EQ(broken.err, "dsrflow: " + path("shop.yaml") +
                            ":6: tables[0].fields[0].references[0].field: refers to table "
                            "'customer', which dataset 'shop' does not have\n");

  // The missing table lives in a second file of the same system: checked together, it is fine.
  writeFile(dir_ / "crm.yaml", R"(dataset: crm
tables:
  - name: customer
    fields:
      - {name: id, primary_key: true}
      - {name: email, categories: [user.contact.email], origin: provided, identity: email}
)");
  writeFile(dir_ / "shop.yaml", R"(dataset: shop
tables:
  - name: orders
    fields:
      - name: customer_id
        references: [{field: crm.customer.id, direction: from}]
)");
  auto alone = dsrflow({"dataset", "check", path("shop.yaml")});
  EXPECT_EQ(alone.exitCode, 2);
  EXPECT_THAT(alone.err, HasSubstr("refers to dataset 'crm'"));
  auto together = dsrflow({"dataset", "check", path("shop.yaml"), path("crm.yaml")});
  EXPECT_EQ(together.exitCode, 0) << together.err;

  auto missing = dsrflow({"dataset", "import-fides", path("nope.yml")});
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_EQ(missing.err, "dsrflow: " + path("nope.yml") + ": cannot read the file\n");
  EXPECT_EQ(dsrflow({"dataset", "check"}).exitCode, 2);
}

TEST_F(DatasetCliTest, ErasePlanShowsTheStatementsAndRowsAndChangesNothing) {
  testing::createSampleCrm(dir_ / "crm.db");
  writeFile(dir_ / "crm.yaml", testing::kSampleCrmDataset);
  const std::string before = testing::dumpSqlite(dir_ / "crm.db");
  const std::string url = "sqlite3://" + path("crm.db");
  auto plan = dsrflow({"dataset", "erase-plan", "--url", url, "--dataset", path("crm.yaml"),
                       "--email", "Ann@Example.com"});
  ASSERT_EQ(plan.exitCode, 0) << plan.err;
  EXPECT_EQ(testing::dumpSqlite(dir_ / "crm.db"), before);
  EXPECT_THAT(plan.out, StartsWith("erase plan for " + url +
                                   " (a dry run: nothing was changed)\n"
                                   "rows found: 14; the erasure would answer needs_review\n"));
  EXPECT_THAT(plan.out, HasSubstr("left for review (other people's rows link to them):\n"
                                  "  household id=10 (linked from contact)\n"));
  EXPECT_THAT(plan.out, HasSubstr("  1. UPDATE `newsletter` SET `address` = :v0 WHERE `id` IN "
                                  "(:v1)\n     runs 2 times, once per row; rows: id=1; id=3\n"));
  EXPECT_THAT(plan.out, HasSubstr("  7. DELETE FROM `contact` WHERE `id` IN (:v0)\n"
                                  "     rows: id=1\n"));
  EXPECT_THAT(plan.out, Not(HasSubstr("psd:")));

  auto topics = dsrflow({"dataset", "erase-plan", "--url", url, "--dataset", path("crm.yaml"),
                         "--email", "bob@example.com", "--category", "user.privacy_preferences"});
  ASSERT_EQ(topics.exitCode, 0) << topics.err;
  EXPECT_THAT(topics.out, HasSubstr("values it would erase: user.privacy_preferences 1\n"));

  auto nobody = dsrflow({"dataset", "erase-plan", "--url", url, "--dataset", path("crm.yaml")});
  EXPECT_EQ(nobody.exitCode, 2);
  EXPECT_THAT(nobody.err, HasSubstr("name the person with --email"));
  auto missing = dsrflow({"dataset", "erase-plan", "--url", "sqlite3://" + path("none.db"),
                          "--dataset", path("crm.yaml"), "--email", "ann@example.com"});
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_THAT(missing.err, HasSubstr("there is no SQLite database at"));
}

TEST_F(DatasetCliTest, CheckWithUrlWarnsOfWhatTheDatabaseDeletesOrChangesOnItsOwn) {
  testing::createSampleCrm(dir_ / "crm.db");
  {
    soci::session db(*soci::factory_sqlite3(), "db=\"" + path("crm.db") + "\"");
    db << "CREATE TABLE login (id INTEGER PRIMARY KEY, contact_id INTEGER REFERENCES "
          "contact(id) ON DELETE CASCADE)";
    db << "CREATE TABLE visit (id INTEGER PRIMARY KEY, contact_id INTEGER REFERENCES "
          "contact(id) ON DELETE SET NULL)";
    db << "CREATE TABLE audit_trail (id INTEGER PRIMARY KEY, contact_id INTEGER REFERENCES "
          "contact(id) ON DELETE CASCADE)";
    db << "INSERT INTO login VALUES (1, 1), (2, 1), (3, 2)";
    db << "INSERT INTO visit VALUES (1, 1)";
  }
  // audit_trail is declared and kept out of the search on purpose: no warning for it.
  writeFile(dir_ / "crm.yaml", std::string(testing::kSampleCrmDataset) +
                                   "  - name: audit_trail\n    skip: true\n    fields:\n"
                                   "      - {name: id, primary_key: true}\n");
  const std::string url = "sqlite3://" + path("crm.db");
  auto checked = dsrflow({"dataset", "check", path("crm.yaml"), "--url", url});
  ASSERT_EQ(checked.exitCode, 0) << checked.err;
  EXPECT_THAT(checked.out, HasSubstr(url + ": every declared table and column exists; 6 foreign "
                                           "key(s) read\n"));
  EXPECT_THAT(checked.out,
              HasSubstr("warning: " + path("crm.yaml") +
                        ":4: tables[0]: the database deletes rows of 'login', a table the dataset "
                        "does not describe, with the rows of 'contact' they refer to (ON DELETE "
                        "CASCADE on contact_id): erasure does not search that table and only "
                        "counts those rows (describe it, or declare it with skip: true)\n"));
  EXPECT_THAT(checked.out, HasSubstr("tables[0]: the database sets contact_id of 'visit', a table "
                                     "the dataset does not describe, to NULL when rows of "
                                     "'contact' are deleted"));
  EXPECT_THAT(checked.out, Not(HasSubstr("audit_trail")));

  // The erase plan says what the database will do; the dataset check said why.
  auto plan = dsrflow({"dataset", "erase-plan", "--url", url, "--dataset", path("crm.yaml"),
                       "--email", "ann@example.com"});
  ASSERT_EQ(plan.exitCode, 0) << plan.err;
  EXPECT_THAT(plan.out,
              HasSubstr("what the database does itself (its foreign keys):\n"
                        "  deletes 2 row(s) of login (foreign key on contact_id to contact); a "
                        "table the dataset does not describe\n"
                        "  sets contact_id to NULL in 1 row(s) of visit (foreign key on "
                        "contact_id to contact); a table the dataset does not describe\n"));

  // A database that lacks a declared column fails the check.
  writeFile(dir_ / "wrong.yaml",
            replaced(testing::kSampleCrmDataset, "{name: topic,", "{name: subject,"));
  auto wrong = dsrflow({"dataset", "check", path("wrong.yaml"), "--url", url});
  EXPECT_EQ(wrong.exitCode, 2);
  EXPECT_THAT(wrong.err, HasSubstr("subject"));
}

}  // namespace
}  // namespace dsrflow

namespace dsrflow {
namespace {

TEST_F(DatasetCliTest, InfersADraftFromTheSampleCrmThatChecksClean) {
  testing::createSampleCrm(dir_ / "crm.db");
  const std::string url = "sqlite3://" + path("crm.db");
  auto inferred = dsrflow({"dataset", "infer", "--url", url, "--output", path("draft.yaml")});
  ASSERT_EQ(inferred.exitCode, 0) << inferred.err;
  EXPECT_EQ(inferred.out, "wrote " + path("draft.yaml") +
                              " (dataset crm: 8 table(s), 28 field(s) (6 with data categories), 1 "
                              "identity field(s), 3 link(s))\n");
  EXPECT_EQ(inferred.err, "");
  const std::string draft = testing::readFile(dir_ / "draft.yaml");
  EXPECT_THAT(draft, StartsWith("# DRAFT written by `dsrflow dataset infer` from " + url + ".\n"));
  EXPECT_THAT(draft, HasSubstr("  - name: contact_tag\n"
                               "    link_table: {left: contact_id, right: tag_id}\n"));
  EXPECT_THAT(draft, HasSubstr("      - name: household_id\n        references:\n"
                               "          - {field: household.id, direction: from}\n"));

  auto checked = dsrflow({"dataset", "check", path("draft.yaml")});
  EXPECT_EQ(checked.exitCode, 0) << checked.err;
  EXPECT_THAT(checked.out, StartsWith(path("draft.yaml") + ": ok (dataset crm: "));

  // stdout without --output, a name of one's choosing; a reviewed file is never overwritten.
  auto printed = dsrflow({"dataset", "infer", "--url", url, "--dataset", "shop-crm"});
  ASSERT_EQ(printed.exitCode, 0) << printed.err;
  EXPECT_THAT(printed.out, HasSubstr("\ndataset: shop-crm\n"));
  auto again = dsrflow({"dataset", "infer", "--url", url, "--output", path("draft.yaml")});
  EXPECT_EQ(again.exitCode, 2);
  EXPECT_THAT(again.err, HasSubstr(path("draft.yaml") + " exists"));
}

TEST_F(DatasetCliTest, InferRefusesBadOptions) {
  testing::createSampleCrm(dir_ / "crm.db");
  const std::string url = "sqlite3://" + path("crm.db");
  auto noUrl = dsrflow({"dataset", "infer"});
  EXPECT_EQ(noUrl.exitCode, 2);
  EXPECT_THAT(noUrl.err, HasSubstr("--url is required"));
  auto schema = dsrflow({"dataset", "infer", "--url", url, "--schema", "main"});
  EXPECT_EQ(schema.exitCode, 2);
  EXPECT_THAT(schema.err, HasSubstr("SQLite databases have no schemas"));
  auto name = dsrflow({"dataset", "infer", "--url", url, "--dataset", "a.b"});
  EXPECT_EQ(name.exitCode, 2);
  EXPECT_THAT(name.err, HasSubstr("'a.b' is not a dataset name"));
  auto password =
      dsrflow({"dataset", "infer", "--url", url, "--password-env", "DSRFLOW_TEST_UNSET_PASSWORD"});
  EXPECT_EQ(password.exitCode, 2);
  EXPECT_THAT(password.err,
              HasSubstr("the environment variable DSRFLOW_TEST_UNSET_PASSWORD is not set"));
  auto missing = dsrflow({"dataset", "infer", "--url", "sqlite3://" + path("none.db")});
  EXPECT_NE(missing.exitCode, 0);
  EXPECT_EQ(missing.out, "");
  writeFile(dir_ / "empty.db", "");
  auto empty = dsrflow({"dataset", "infer", "--url", "sqlite3://" + path("empty.db")});
  EXPECT_EQ(empty.exitCode, 2);
  EXPECT_THAT(empty.err, HasSubstr("the database holds no table"));
}

}  // namespace
}  // namespace dsrflow
