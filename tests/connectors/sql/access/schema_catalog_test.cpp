// `dataset infer`'s catalog reading on real databases: the generated SQLite sample CRM, a
// PostgreSQL schema made here (composite and cross-schema keys, a key to a unique column) and
// Ethyca Fides' example database (third-party fixture). Each draft must be a valid dataset.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "connectors/sql/sample_crm_db.hpp"
#include "sql/access/schema_catalog.hpp"
#include "sql/dataset/dataset_validation.hpp"
#include "sql/dataset/schema_inference.hpp"
#include "support/fixtures.hpp"
#include "support/mariadb_server.hpp"
#include "support/postgres_server.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const TableSchema& tableOf(const DatabaseSchema& schema, const std::string& name) {
  for (const TableSchema& t : schema.tables) {
    if (t.name == name) return t;
  }
  throw std::out_of_range("no table " + name);
}

std::vector<std::string> namesOf(const DatabaseSchema& schema) {
  std::vector<std::string> out;
  for (const TableSchema& t : schema.tables) out.push_back(t.name);
  return out;
}

void expectValid(const InferredDataset& inferred) {
  Status valid = validateDataset(inferred.dataset);
  EXPECT_TRUE(valid.ok()) << valid.error().message;
}

TEST(SchemaCatalog, ReadsTheSqliteSampleCrm) {
  testing::TempDir dir;
  std::unique_ptr<DatasetGraph> graph;
  std::unique_ptr<SqlDatabase> db;
  testing::openSampleCrm(dir.path() / "crm.db", graph, db);
  auto schema = readSchema(*db, "");
  ASSERT_TRUE(schema.ok()) << schema.error().message;
  EXPECT_THAT(namesOf(*schema), ElementsAre("contact", "contact_tag", "household", "invoice",
                                            "newsletter", "note", "orders", "tag"));
  const TableSchema& contact = tableOf(*schema, "contact");
  EXPECT_THAT(contact.columns,
              ElementsAre("id", "email", "name", "household_id", "do_not_email", "restricted_at"));
  EXPECT_THAT(contact.primaryKey, ElementsAre("id"));
  ASSERT_EQ(contact.foreignKeys.size(), 1U);
  EXPECT_THAT(contact.foreignKeys[0].columns, ElementsAre("household_id"));
  EXPECT_EQ(contact.foreignKeys[0].referencedTable, "household");
  EXPECT_THAT(contact.foreignKeys[0].referencedColumns, ElementsAre("id"));
  EXPECT_EQ(contact.foreignKeys[0].onDelete, ReferentialAction::kNoAction);
  EXPECT_THAT(tableOf(*schema, "contact_tag").primaryKey, ElementsAre("contact_id", "tag_id"));
  EXPECT_THAT(tableOf(*schema, "invoice").foreignKeys, IsEmpty());

  const InferredDataset inferred = inferDataset(*schema, "crm", "");
  expectValid(inferred);
  const Dataset& d = inferred.dataset;
  EXPECT_EQ(d.tableAt("contact").fieldAt("email").identity, "email");
  EXPECT_THAT(d.tableAt("contact").fieldAt("name").categories, ElementsAre("user.name"));
  EXPECT_THAT(d.tableAt("invoice").fieldAt("billing_name").categories, ElementsAre("user.name"));
  EXPECT_THAT(d.tableAt("orders").fieldAt("total").categories, IsEmpty());
  const Reference& household = d.tableAt("contact").fieldAt("household_id").references.at(0);
  EXPECT_EQ(household.target, (FieldRef{"", "household", "id"}));
  EXPECT_EQ(household.direction, Direction::kFrom);
  ASSERT_TRUE(d.tableAt("contact_tag").linkTable.has_value());
  EXPECT_EQ(d.tableAt("contact_tag").fieldAt("contact_id").references.at(0).target,
            (FieldRef{"", "contact", "id"}));
  EXPECT_THAT(inferred.notes, IsEmpty());

  // What erasure reads: every key with its table, and the primary keys of those tables.
  auto keys = readForeignKeys(*db, {""});
  ASSERT_TRUE(keys.ok()) << keys.error().message;
  EXPECT_EQ(keys->defaultSchema, "");
  std::vector<std::string> names;
  for (const CatalogForeignKey& k : keys->foreignKeys) {
    names.push_back(k.table + "(" + k.key.columns.at(0) + ") -> " + k.key.referencedTable + "(" +
                    k.key.referencedColumns.at(0) + ")");
  }
  EXPECT_THAT(
      names, ElementsAre("contact(household_id) -> household(id)", "contact_tag(tag_id) -> tag(id)",
                         "contact_tag(contact_id) -> contact(id)"));
  EXPECT_THAT(keys->primaryKeys.at({"", "contact_tag"}), ElementsAre("contact_id", "tag_id"));
}

TEST(SchemaCatalog, ReadsTheOnDeleteRuleOfSqlite) {
  testing::TempDir dir;
  std::unique_ptr<DatasetGraph> graph;
  std::unique_ptr<SqlDatabase> db;
  testing::openSampleCrm(dir.path() / "crm.db", graph, db);
  ASSERT_NO_FATAL_FAILURE(testing::runStatements(
      *db, {"CREATE TABLE visit (id INTEGER PRIMARY KEY, contact_id INTEGER REFERENCES "
            "contact ON DELETE CASCADE, tag_id INTEGER REFERENCES tag(id) ON DELETE SET NULL, "
            "household_id INTEGER REFERENCES household(id) ON DELETE SET DEFAULT, note_id "
            "INTEGER REFERENCES note(id) ON DELETE RESTRICT)"}));
  auto schema = readSchema(*db, "");
  ASSERT_TRUE(schema.ok()) << schema.error().message;
  std::vector<std::pair<std::string, ReferentialAction>> rules;
  for (const ForeignKeySchema& k : tableOf(*schema, "visit").foreignKeys) {
    rules.emplace_back(k.columns.at(0) + "->" + k.referencedTable + "." + k.referencedColumns.at(0),
                       k.onDelete);
  }
  EXPECT_THAT(
      rules,
      ::testing::UnorderedElementsAre(
          std::pair{std::string("contact_id->contact.id"), ReferentialAction::kCascade},
          std::pair{std::string("tag_id->tag.id"), ReferentialAction::kSetNull},
          std::pair{std::string("household_id->household.id"), ReferentialAction::kSetDefault},
          std::pair{std::string("note_id->note.id"), ReferentialAction::kRestrict}));
}

class PostgresSchemaCatalogTest : public ::testing::Test {
 protected:
  void open(const std::string& name) {
    try {
      url_ =
          testing::PostgresServer::shared().createDatabase(name + "_" + std::to_string(getpid()));
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
    testing::openDatabase(url_, db_);
  }

  std::string url_;
  std::unique_ptr<SqlDatabase> db_;
};

TEST_F(PostgresSchemaCatalogTest, ReadsTablesKeysAndForeignKeysOfOneSchema) {
  ASSERT_NO_FATAL_FAILURE(open("sql_infer"));
  ASSERT_NO_FATAL_FAILURE(testing::runStatements(
      *db_,
      {"CREATE SCHEMA crm", "CREATE SCHEMA billing",
       "CREATE TABLE billing.ledger (code text PRIMARY KEY)",
       "CREATE TABLE crm.person (id serial PRIMARY KEY, \"eMail\" varchar(100) UNIQUE, "
       "first_name text, mobile text, date_of_birth date, dropped int)",
       "ALTER TABLE crm.person DROP COLUMN dropped",
       "CREATE TABLE crm.price (region text, code text, amount numeric, "
       "PRIMARY KEY (region, code))",
       "CREATE TABLE crm.purchase (id bigint PRIMARY KEY, person_id int REFERENCES crm.person "
       "ON DELETE CASCADE, contact_email varchar(100) REFERENCES crm.person(\"eMail\") ON "
       "DELETE SET NULL, region text, code text REFERENCES billing.ledger, FOREIGN KEY (region, "
       "code) REFERENCES crm.price ON DELETE RESTRICT)",
       "CREATE TABLE billing.charge (no int PRIMARY KEY, person_id int REFERENCES crm.person ON "
       "DELETE SET DEFAULT)",
       "CREATE TABLE crm.event_log (at timestamptz, ip inet)",
       "CREATE VIEW crm.person_view AS SELECT * FROM crm.person",
       "CREATE TABLE public.elsewhere (id int)"}));

  auto schema = readSchema(*db_, "crm");
  ASSERT_TRUE(schema.ok()) << schema.error().message;
  EXPECT_EQ(schema->schema, "crm");
  EXPECT_THAT(namesOf(*schema), ElementsAre("event_log", "person", "price", "purchase"));
  EXPECT_THAT(tableOf(*schema, "person").columns,
              ElementsAre("id", "eMail", "first_name", "mobile", "date_of_birth"));
  EXPECT_THAT(tableOf(*schema, "price").primaryKey, ElementsAre("region", "code"));
  EXPECT_THAT(tableOf(*schema, "event_log").primaryKey, IsEmpty());
  const TableSchema& purchase = tableOf(*schema, "purchase");
  ASSERT_EQ(purchase.foreignKeys.size(), 4U);
  std::map<std::string, ReferentialAction> rules;
  for (const ForeignKeySchema& k : purchase.foreignKeys) rules[k.columns.back()] = k.onDelete;
  EXPECT_EQ(rules.at("person_id"), ReferentialAction::kCascade);
  EXPECT_EQ(rules.at("contact_email"), ReferentialAction::kSetNull);
  EXPECT_EQ(rules.at("code"), ReferentialAction::kRestrict);  // (region, code) -> price

  // Erasure's read: keys starting or ending in crm (billing.charge refers to crm.person), and the
  // primary keys of the tables they start from.
  auto keys = readForeignKeys(*db_, {"crm"});
  ASSERT_TRUE(keys.ok()) << keys.error().message;
  std::vector<std::string> names;
  for (const CatalogForeignKey& k : keys->foreignKeys) {
    names.push_back(k.schema + "." + k.table + "(" + k.key.columns.back() + ") -> " +
                    k.key.referencedSchema + "." + k.key.referencedTable);
  }
  EXPECT_THAT(names, ::testing::UnorderedElementsAre("billing.charge(person_id) -> crm.person",
                                                     "crm.purchase(person_id) -> crm.person",
                                                     "crm.purchase(contact_email) -> crm.person",
                                                     "crm.purchase(code) -> billing.ledger",
                                                     "crm.purchase(code) -> crm.price"));
  for (const CatalogForeignKey& k : keys->foreignKeys) {
    if (k.table == "charge") {
      EXPECT_EQ(k.key.onDelete, ReferentialAction::kSetDefault);
    }
  }
  EXPECT_THAT(keys->primaryKeys.at({"billing", "charge"}), ElementsAre("no"));
  EXPECT_THAT(keys->primaryKeys.at({"crm", "purchase"}), ElementsAre("id"));
  auto inPublic = readForeignKeys(*db_, {""});
  ASSERT_TRUE(inPublic.ok()) << inPublic.error().message;
  EXPECT_EQ(inPublic->defaultSchema, "public");
  EXPECT_THAT(inPublic->foreignKeys, IsEmpty());

  const InferredDataset inferred = inferDataset(*schema, "crm", "crm");
  expectValid(inferred);
  const Dataset& d = inferred.dataset;
  EXPECT_EQ(d.schema, "crm");
  const Table& person = d.tableAt("person");
  EXPECT_TRUE(person.fieldAt("id").primaryKey);
  EXPECT_EQ(person.fieldAt("eMail").identity, "email");
  EXPECT_EQ(person.fieldAt("mobile").identity, "phone");
  EXPECT_THAT(person.fieldAt("date_of_birth").categories,
              ElementsAre("user.demographic.date_of_birth"));
  const Table& p = d.tableAt("purchase");
  EXPECT_EQ(p.fieldAt("person_id").references.at(0).target, (FieldRef{"", "person", "id"}));
  EXPECT_EQ(p.fieldAt("contact_email").references.at(0).target, (FieldRef{"", "person", "eMail"}));
  EXPECT_EQ(p.fieldAt("contact_email").references.at(0).direction, Direction::kFrom);
  EXPECT_THAT(p.fieldAt("code").references, IsEmpty());
  EXPECT_EQ(d.tableAt("event_log").fieldAt("ip").origin, Origin::kObserved);
  ASSERT_EQ(inferred.notes.size(), 2U);
  EXPECT_THAT(inferred.notes, ::testing::Contains(HasSubstr("-> billing.ledger (code)")));
  EXPECT_THAT(inferred.notes, ::testing::Contains(HasSubstr("(region, code) -> price")));

  // Without a schema: the connection's current one (public).
  auto current = readSchema(*db_, "");
  ASSERT_TRUE(current.ok()) << current.error().message;
  EXPECT_EQ(current->schema, "public");
  EXPECT_THAT(namesOf(*current), ElementsAre("elsewhere"));
  auto none = readSchema(*db_, "nothing_here");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message, "schema nothing_here holds no table");
}

TEST_F(PostgresSchemaCatalogTest, DraftsFidesExampleDatabase) {
  DSRFLOW_REQUIRE_FIXTURES();
  ASSERT_NO_FATAL_FAILURE(open("sql_infer_fides"));
  auto bin = testing::PostgresServer::findBinDir();
  ASSERT_TRUE(bin) << "no PostgreSQL client programs found";
  testing::ProcessResult load =
      testing::runProcess((*bin / "psql").string(),
                          {"-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url_, "-f",
                           (*testing::fixturesDir() / "fides" / "postgres_sample.sql").string()});
  ASSERT_EQ(load.exitCode, 0) << load.err;

  auto schema = readSchema(*db_, "public");
  ASSERT_TRUE(schema.ok()) << schema.error().message;
  const InferredDataset inferred = inferDataset(*schema, "fides", "");
  expectValid(inferred);
  const Dataset& d = inferred.dataset;
  EXPECT_EQ(d.tables.size(), 15U);
  const Table& customer = d.tableAt("customer");
  EXPECT_TRUE(customer.fieldAt("id").primaryKey);
  EXPECT_EQ(customer.fieldAt("email").identity, "email");
  EXPECT_THAT(customer.fieldAt("name").categories, ElementsAre("user.name"));
  const Table& address = d.tableAt("address");
  EXPECT_THAT(address.fieldAt("street").categories, ElementsAre("user.contact.address.street"));
  EXPECT_THAT(address.fieldAt("city").categories, ElementsAre("user.contact.address.city"));
  EXPECT_THAT(address.fieldAt("zip").categories, ElementsAre("user.contact.address.postal_code"));
  EXPECT_THAT(d.tableAt("composite_pk_test").primaryKey(), ::testing::SizeIs(2));
}

TEST(SchemaCatalog, ReadsAMariadbDatabase) {
  const std::string name = "sql_infer_" + std::to_string(getpid());
  std::string url;
  try {
    testing::MariadbServer::shared().createDatabase(name);
    url = testing::MariadbServer::shared().url(name);
  } catch (const std::exception& e) {
    FAIL() << e.what();
  }
  std::unique_ptr<SqlDatabase> db;
  ASSERT_NO_FATAL_FAILURE(testing::openDatabase(url, db));
  ASSERT_NO_FATAL_FAILURE(testing::runStatements(
      *db, {"CREATE TABLE member (id INT PRIMARY KEY, email VARCHAR(100), phone VARCHAR(40))",
            "CREATE TABLE topic (id INT PRIMARY KEY, title VARCHAR(100))",
            "CREATE TABLE subscription (member_id INT, topic_id INT, PRIMARY KEY (member_id, "
            "topic_id), FOREIGN KEY (member_id) REFERENCES member (id) ON DELETE CASCADE, "
            "FOREIGN KEY (topic_id) REFERENCES topic (id))",
            "CREATE VIEW member_view AS SELECT id FROM member"}));
  auto schema = readSchema(*db, "");
  ASSERT_TRUE(schema.ok()) << schema.error().message;
  EXPECT_EQ(schema->schema, name);
  EXPECT_THAT(namesOf(*schema), ElementsAre("member", "subscription", "topic"));
  EXPECT_THAT(tableOf(*schema, "subscription").primaryKey, ElementsAre("member_id", "topic_id"));
  auto keys = readForeignKeys(*db, {""});
  ASSERT_TRUE(keys.ok()) << keys.error().message;
  EXPECT_EQ(keys->defaultSchema, name);
  ASSERT_EQ(keys->foreignKeys.size(), 2U);
  // MariaDB calls the default RESTRICT.
  for (const CatalogForeignKey& k : keys->foreignKeys) {
    EXPECT_EQ(k.key.onDelete, k.key.referencedTable == "member" ? ReferentialAction::kCascade
                                                                : ReferentialAction::kRestrict);
  }
  EXPECT_THAT(keys->primaryKeys.at({name, "subscription"}), ElementsAre("member_id", "topic_id"));
  const InferredDataset inferred = inferDataset(*schema, "news", "");
  expectValid(inferred);
  const Dataset& d = inferred.dataset;
  EXPECT_EQ(d.tableAt("member").fieldAt("email").identity, "email");
  EXPECT_EQ(d.tableAt("member").fieldAt("phone").identity, "phone");
  const Table& subscription = d.tableAt("subscription");
  ASSERT_TRUE(subscription.linkTable.has_value());
  EXPECT_EQ(subscription.fieldAt("topic_id").references.at(0).target,
            (FieldRef{"", "topic", "id"}));
  EXPECT_EQ(subscription.fieldAt("member_id").references.at(0).direction, Direction::kFrom);
}

}  // namespace
}  // namespace dsrflow::sql
