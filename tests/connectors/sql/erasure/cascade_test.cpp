// Erasure against the database's own foreign-key actions, on SQLite and on the shared PostgreSQL
// server: a shared row ON DELETE CASCADE deletes is reported deleted (not left for review), a
// retained row or another person's row a cascade would delete keeps the row it hangs from (its
// fields erased in place), SET NULL on rows of other people is reported, tables the dataset does
// not describe are counted, and the database's keys order the DELETEs. The dry run tells the
// same.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "connectors/sql/sample_crm_db.hpp"
#include "sql/erasure/erasure.hpp"
#include "sql/erasure/retention_period.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

const std::string kThisYear = todayUtc().substr(0, 4);

constexpr const char* kPerson = R"yaml(dataset: club
origin: provided
tables:
  - name: person
    erasure: delete_row
    fields:
      - {name: id, primary_key: true, categories: [user.unique_id], origin: observed}
      - {name: email, categories: [user.contact.email], identity: email}
      - {name: name, categories: [user.name]}
)yaml";

constexpr const char* kPersonTable =
    "CREATE TABLE person (id INTEGER PRIMARY KEY, email TEXT, name TEXT)";
constexpr const char* kAnnAndBob =
    "INSERT INTO person VALUES (1, 'ann@example.com', 'Ann'), (2, 'bob@example.com', 'Bob')";

class CascadeTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Creates the tables (on a new SQLite file or PostgreSQL database) and the dataset's graph.
  void open(const std::string& tables, std::initializer_list<const char*> statements) {
    std::string url;
    if (GetParam() == "sqlite") {
      std::ofstream(dir_ / "club.db").close();
      url = "sqlite3://" + (dir_ / "club.db").string();
    } else {
      static std::atomic<int> counter{0};
      try {
        url = testing::PostgresServer::shared().createDatabase(
            "sql_cascade_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
      } catch (const std::exception& e) {
        FAIL() << e.what();
      }
    }
    ASSERT_NO_FATAL_FAILURE(testing::openDatabase(url, db_));
    ASSERT_NO_FATAL_FAILURE(testing::runStatements(*db_, statements));
    ASSERT_NO_FATAL_FAILURE(testing::buildGraph(std::string(kPerson) + tables, graph_));
  }

  ErasureReport erase(bool dryRun = false) {
    ErasureOptions options;
    options.dryRun = dryRun;
    auto report = runErasure(*db_, *graph_, {SeedValue{"email", "ann@example.com"}}, options);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : ErasureReport{};
  }

  // The rows of `table` as "v|v|..." (NULL for NULL), by id.
  std::vector<std::string> rowsOf(const std::string& table) {
    std::vector<std::string> out;
    Status read = db_->select(SelectQuery{"SELECT * FROM " + table + " ORDER BY id", {}}, table,
                              [&](const soci::row& row) {
                                std::string text;
                                for (std::size_t i = 0; i < row.size(); ++i) {
                                  const SqlValue v = valueAt(row, i);
                                  text += (i == 0 ? "" : "|") +
                                          (v.isNull() ? std::string("NULL") : v.canonical());
                                }
                                out.push_back(text);
                                return true;
                              });
    EXPECT_TRUE(read.ok()) << read.error().message;
    return out;
  }

  static std::vector<std::string> erasedOf(const ErasureReport& report) {
    std::vector<std::string> out;
    for (const ErasedItem& item : report.erased) {
      out.push_back(item.collection + " " + std::string(toString(item.method)) + " " +
                    std::to_string(item.rows) +
                    (item.cascadeFrom.empty() ? "" : " by cascade from " + item.cascadeFrom));
    }
    return out;
  }

  static std::vector<std::string> cascadesOf(const ErasureReport& report) {
    std::vector<std::string> out;
    for (const CascadeItem& item : report.cascades) {
      std::string columns;
      for (const std::string& c : item.columns) columns += (columns.empty() ? "" : ",") + c;
      const char* action = item.action == ReferentialAction::kCascade   ? "delete"
                           : item.action == ReferentialAction::kSetNull ? "set_null"
                                                                        : "other";
      out.push_back(std::string(action) + " " + item.table + "(" + columns + ") from " + item.from +
                    ": " + std::to_string(item.rows) + " shared " + std::to_string(item.shared) +
                    " others " + std::to_string(item.others) +
                    (item.inDataset ? "" : " not in the dataset"));
    }
    return out;
  }

  static std::vector<std::string> statementsOf(const ErasureReport& report) {
    std::vector<std::string> out;
    for (const PlannedStatement& s : report.statements) {
      out.push_back(s.action + " " + s.collection + (s.field.empty() ? "" : "." + s.field));
    }
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<DatasetGraph> graph_;
  std::unique_ptr<SqlDatabase> db_;
};

TEST_P(CascadeTest, ASharedRowTheDatabaseDeletesWithThePersonIsReportedDeleted) {
  ASSERT_NO_FATAL_FAILURE(open(R"yaml(  - name: bond
    erasure: delete_row
    fields:
      - {name: id, primary_key: true}
      - name: a_id
        references: [{field: person.id, direction: from}]
      - name: b_id
        references: [{field: person.id, direction: from}]
      - {name: kind, categories: [user.relationship]}
)yaml",
                               {kPersonTable,
                                "CREATE TABLE bond (id INTEGER PRIMARY KEY, a_id INTEGER "
                                "REFERENCES person(id) ON DELETE CASCADE, b_id INTEGER "
                                "REFERENCES person(id) ON DELETE CASCADE, kind TEXT)",
                                kAnnAndBob, "INSERT INTO bond VALUES (7, 1, 2, 'spouse')"}));
  const ErasureReport plan = erase(true);
  const ErasureReport report = erase();
  for (const ErasureReport* r : {&plan, &report}) {
    // Bob's row links to the bond too, but the database deletes it with Ann's row: it cannot
    // stay for review, and the report says who deleted it.
    EXPECT_THAT(r->review, IsEmpty());
    EXPECT_STREQ(erasureAnswer(*r), "erased");
    EXPECT_THAT(erasedOf(*r),
                ElementsAre("person delete_row 1", "bond delete_row 1 by cascade from person"));
    EXPECT_THAT(cascadesOf(*r), ElementsAre("delete bond(a_id) from person: 1 shared 1 others 0"));
    EXPECT_THAT(r->counts, ElementsAre(Pair("user.contact.email", 1), Pair("user.name", 1),
                                       Pair("user.relationship", 1), Pair("user.unique_id", 1)));
    // The erasure itself deletes only Ann's row.
    EXPECT_THAT(statementsOf(*r), ElementsAre("delete_row person"));
  }
  EXPECT_THAT(rowsOf("person"), ElementsAre("2|bob@example.com|Bob"));
  EXPECT_THAT(rowsOf("bond"), IsEmpty());
}

TEST_P(CascadeTest, ARetainedRowKeepsTheRowTheDatabaseWouldDeleteItWith) {
  ASSERT_NO_FATAL_FAILURE(open(R"yaml(  - name: invoice
    erasure:
      retain: {basis: "AO §147 (1) 4", years: 10, from: issued}
    fields:
      - {name: id, primary_key: true}
      - name: person_id
        references: [{field: person.id, direction: from}]
      - {name: issued}
      - {name: amount, categories: [user.financial], origin: observed}
)yaml",
                               {kPersonTable,
                                "CREATE TABLE invoice (id INTEGER PRIMARY KEY, person_id INTEGER "
                                "REFERENCES person(id) ON DELETE CASCADE, issued TEXT, amount "
                                "INTEGER)",
                                kAnnAndBob}));
  const std::string thisYear = kThisYear + "-02-10";
  ASSERT_NO_FATAL_FAILURE(testing::runStatements(
      *db_, {"INSERT INTO invoice VALUES (1, 1, '2010-06-30', 20)",
             ("INSERT INTO invoice VALUES (2, 1, '" + thisYear + "', 5)").c_str(),
             ("INSERT INTO invoice VALUES (3, 2, '" + thisYear + "', 10)").c_str()}));
  const ErasureReport plan = erase(true);
  const ErasureReport report = erase();
  for (const ErasureReport* r : {&plan, &report}) {
    // The invoice of this year is kept ten years; deleting Ann's row would make the database
    // delete it. So her row stays, its fields erased in place, and the report says why.
    ASSERT_EQ(r->retained.size(), 1U);
    EXPECT_EQ(r->retained[0].collection, "invoice");
    ASSERT_EQ(r->kept.size(), 1U);
    EXPECT_EQ(r->kept[0].collection, "person");
    EXPECT_EQ(r->kept[0].protects, "invoice");
    EXPECT_THAT(r->kept[0].columns, ElementsAre("person_id"));
    EXPECT_TRUE(r->kept[0].retained);
    EXPECT_EQ(r->kept[0].rows, 1);
    EXPECT_THAT(erasedOf(*r), ElementsAre("person set_null 1", "invoice delete_row 1"));
    EXPECT_EQ(r->keysKept, 1U);  // Ann's id stays: the invoice refers to it
    EXPECT_THAT(cascadesOf(*r), IsEmpty());
    EXPECT_THAT(statementsOf(*r),
                ElementsAre("set_null person.email", "set_null person.name", "delete_row invoice"));
  }
  EXPECT_THAT(rowsOf("person"), ElementsAre("1|NULL|NULL", "2|bob@example.com|Bob"));
  EXPECT_THAT(rowsOf("invoice"), ElementsAre("2|1|" + thisYear + "|5", "3|2|" + thisYear + "|10"));
}

TEST_P(CascadeTest, ColumnsTheDatabaseSetsToNullAreReported) {
  ASSERT_NO_FATAL_FAILURE(open(R"yaml(  - name: note
    erasure: delete_row
    fields:
      - {name: id, primary_key: true}
      - name: about_id
        references: [{field: person.id, direction: from}]
      - {name: author_id}
      - {name: body, categories: [user.content]}
)yaml",
                               {kPersonTable,
                                "CREATE TABLE note (id INTEGER PRIMARY KEY, about_id INTEGER "
                                "REFERENCES person(id) ON DELETE CASCADE, author_id INTEGER "
                                "REFERENCES person(id) ON DELETE SET NULL, body TEXT)",
                                kAnnAndBob,
                                "INSERT INTO note VALUES (1, 1, 2, 'Bob on Ann'), "
                                "(2, 2, 1, 'Ann on Bob'), (3, 2, 2, 'Bob on Bob')"}));
  const ErasureReport plan = erase(true);
  const ErasureReport report = erase();
  for (const ErasureReport* r : {&plan, &report}) {
    // The note about Ann goes by the erasure's own statement; the note she wrote about Bob is
    // Bob's: it stays, and the database removes her name from it (author_id).
    EXPECT_THAT(erasedOf(*r), ElementsAre("person delete_row 1", "note delete_row 1"));
    EXPECT_THAT(cascadesOf(*r),
                ElementsAre("set_null note(author_id) from person: 1 shared 0 others 1"));
    EXPECT_STREQ(erasureAnswer(*r), "erased");
  }
  EXPECT_THAT(rowsOf("note"), ElementsAre("2|2|NULL|Ann on Bob", "3|2|2|Bob on Bob"));
}

TEST_P(CascadeTest, AnotherPersonsRowKeepsTheRowTheDatabaseWouldDeleteItWith) {
  // Bob's membership hangs from Ann's team by a foreign key the dataset does not declare.
  ASSERT_NO_FATAL_FAILURE(open(R"yaml(  - name: team
    erasure: delete_row
    fields:
      - {name: id, primary_key: true}
      - name: owner_id
        references: [{field: person.id, direction: from}]
      - {name: title, categories: [user.content]}
  - name: member
    erasure: delete_row
    fields:
      - {name: id, primary_key: true}
      - name: person_id
        references: [{field: person.id, direction: from}]
      - {name: team_id}
      - {name: since, categories: [user.behavior], origin: observed}
)yaml",
                               {kPersonTable,
                                "CREATE TABLE team (id INTEGER PRIMARY KEY, owner_id INTEGER "
                                "REFERENCES person(id) ON DELETE SET NULL, title TEXT)",
                                "CREATE TABLE member (id INTEGER PRIMARY KEY, person_id INTEGER "
                                "REFERENCES person(id) ON DELETE CASCADE, team_id INTEGER "
                                "REFERENCES team(id) ON DELETE CASCADE, since TEXT)",
                                kAnnAndBob, "INSERT INTO team VALUES (5, 1, 'chess')",
                                "INSERT INTO member VALUES (1, 1, 5, '2020'), (2, 2, 5, '2021')"}));
  const ErasureReport plan = erase(true);
  const ErasureReport report = erase();
  for (const ErasureReport* r : {&plan, &report}) {
    ASSERT_EQ(r->kept.size(), 1U);
    EXPECT_EQ(r->kept[0].collection, "team");
    EXPECT_EQ(r->kept[0].protects, "member");
    EXPECT_THAT(r->kept[0].columns, ElementsAre("team_id"));
    EXPECT_FALSE(r->kept[0].retained);
    EXPECT_THAT(erasedOf(*r),
                ElementsAre("person delete_row 1", "team set_null 1", "member delete_row 1"));
    EXPECT_THAT(cascadesOf(*r),
                ElementsAre("set_null team(owner_id) from person: 1 shared 0 others 0"));
  }
  EXPECT_THAT(rowsOf("team"), ElementsAre("5|NULL|NULL"));
  EXPECT_THAT(rowsOf("member"), ElementsAre("2|2|5|2021"));
}

TEST_P(CascadeTest, TablesTheDatasetLacksAreCountedAndTheDatabasesKeysOrderTheDeletes) {
  // The dataset lists the ticket before its replies and does not say that replies refer to
  // tickets: deleting the ticket first would make the database delete Ann's reply before the
  // erasure's own statement for it (which then finds nothing to delete).
  ASSERT_NO_FATAL_FAILURE(open(R"yaml(  - name: ticket
    erasure: delete_row
    fields:
      - {name: id, primary_key: true}
      - name: person_id
        references: [{field: person.id, direction: from}]
      - {name: subject, categories: [user.content]}
  - name: ticket_reply
    erasure: delete_row
    fields:
      - {name: id, primary_key: true}
      - name: person_id
        references: [{field: person.id, direction: from}]
      - {name: ticket_id}
      - {name: body, categories: [user.content]}
)yaml",
                               {kPersonTable,
                                "CREATE TABLE ticket (id INTEGER PRIMARY KEY, person_id INTEGER "
                                "REFERENCES person(id), subject TEXT)",
                                "CREATE TABLE ticket_reply (id INTEGER PRIMARY KEY, person_id "
                                "INTEGER REFERENCES person(id), ticket_id INTEGER REFERENCES "
                                "ticket(id) ON DELETE CASCADE, body TEXT)",
                                "CREATE TABLE login (id INTEGER PRIMARY KEY, person_id INTEGER "
                                "REFERENCES person(id) ON DELETE CASCADE, at TEXT)",
                                "CREATE TABLE login_event (id INTEGER PRIMARY KEY, login_id "
                                "INTEGER REFERENCES login(id) ON DELETE CASCADE, what TEXT)",
                                kAnnAndBob, "INSERT INTO ticket VALUES (3, 1, 'help')",
                                "INSERT INTO ticket_reply VALUES (4, 1, 3, 'more help')",
                                "INSERT INTO login VALUES (1, 1, 'mon'), (2, 1, 'tue'), "
                                "(3, 2, 'wed')",
                                "INSERT INTO login_event VALUES (1, 1, 'a'), (2, 1, 'b'), "
                                "(3, 2, 'c'), (4, 3, 'd')"}));
  const ErasureReport plan = erase(true);
  const ErasureReport report = erase();
  for (const ErasureReport* r : {&plan, &report}) {
    EXPECT_THAT(statementsOf(*r),
                ElementsAre("delete_row ticket_reply", "delete_row ticket", "delete_row person"));
    EXPECT_THAT(cascadesOf(*r),
                ElementsAre("delete login(person_id) from person: 2 shared 0 others 0 not in "
                            "the dataset",
                            "delete login_event(login_id) from login: 3 shared 0 others 0 not in "
                            "the dataset"));
  }
  EXPECT_THAT(rowsOf("ticket"), IsEmpty());
  EXPECT_THAT(rowsOf("login"), ElementsAre("3|2|wed"));
  EXPECT_THAT(rowsOf("login_event"), ElementsAre("4|3|d"));
}

INSTANTIATE_TEST_SUITE_P(Databases, CascadeTest, ::testing::Values("sqlite", "postgres"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return param.param;
                         });

}  // namespace
}  // namespace dsrflow::sql
