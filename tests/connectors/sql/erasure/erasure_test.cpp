// Erasure on a real SQLite file (tests/connectors/sql/sample_crm.hpp): every strategy, retention
// periods, the shared household held for review, link tables, foreign-key-safe order, one
// transaction, idempotency, and dry runs that change nothing.

#include "sql/erasure/erasure.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "connectors/sql/sample_crm_db.hpp"
#include "sql/erasure/pseudonymiser.hpp"
#include "sql/erasure/retention_period.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// `text` with its first `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The end of an 8-year period for data of this year: 31 December, 8 years on.
std::string eightYearsFromThisYear() {
  return std::to_string(std::stoi(todayUtc().substr(0, 4)) + 8) + "-12-31";
}

class ErasureTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::openSampleCrm(dir_ / "crm.db", graph_, db_); }

  void useDataset(const std::string& text) { testing::buildGraph(text, graph_); }

  Result<ErasureReport> tryErase(const std::string& email, const ErasureOptions& options = {}) {
    return runErasure(*db_, *graph_, {SeedValue{"email", email}}, options);
  }

  ErasureReport erase(const std::string& email, const ErasureOptions& options = {}) {
    auto report = tryErase(email, options);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? *report : ErasureReport{};
  }

  // The rows of `table` as the dump writes them.
  std::vector<std::string> rowsOf(const std::string& table) {
    const std::string dump = testing::dumpSqlite(dir_ / "crm.db");
    std::vector<std::string> rows;
    const std::size_t start = dump.find("[" + table + "]\n");
    if (start == std::string::npos) return rows;
    std::size_t at = dump.find('\n', start) + 1;
    while (at < dump.size() && dump[at] != '[') {
      const std::size_t end = dump.find('\n', at);
      rows.push_back(dump.substr(at, end - at));
      at = end + 1;
    }
    return rows;
  }

  // Index of the first statement on `collection` doing `action`, or -1.
  static long indexOf(const ErasureReport& report, const std::string& collection,
                      const std::string& action) {
    for (std::size_t i = 0; i < report.statements.size(); ++i) {
      if (report.statements[i].collection == collection && report.statements[i].action == action) {
        return static_cast<long>(i);
      }
    }
    return -1;
  }

  testing::TempDir dir_;
  std::unique_ptr<DatasetGraph> graph_;
  std::unique_ptr<SqlDatabase> db_;
};

TEST_F(ErasureTest, ErasesWithEveryStrategyAndHoldsTheSharedHouseholdForReview) {
  const std::vector<std::string> bobBefore = {rowsOf("contact")[1], rowsOf("invoice")[2]};
  const ErasureReport report = erase("ann@example.com");
  EXPECT_EQ(report.rowsFound, 14U);
  EXPECT_FALSE(report.stopped);
  // Deleted: the contact (id, e-mail, name), two notes, the expired invoice (name, amount) and
  // both link rows; nulled: two topics and the expired order's total; pseudonymised: two
  // newsletter addresses.
  EXPECT_THAT(report.counts,
              ElementsAre(Pair("user.behavior", 2), Pair("user.contact.email", 3),
                          Pair("user.content", 2), Pair("user.financial", 2), Pair("user.name", 2),
                          Pair("user.privacy_preferences", 2), Pair("user.unique_id", 1)));
  std::vector<std::string> erased;
  for (const ErasedItem& item : report.erased) {
    erased.push_back(item.collection + " " + std::string(toString(item.method)) + " " +
                     std::to_string(item.rows));
  }
  EXPECT_THAT(erased, UnorderedElementsAre("contact delete_row 1", "newsletter pseudonymise 2",
                                           "newsletter set_null 2", "note delete_row 2",
                                           "orders set_null 1", "invoice delete_row 1",
                                           "contact_tag delete_row 2"));
  // This year's order total and invoice stay for 8 years from the end of the year.
  ASSERT_EQ(report.retained.size(), 3U);
  for (const RetainedItem& item : report.retained) {
    EXPECT_EQ(item.end, eightYearsFromThisYear());
    EXPECT_EQ(item.rows, 1);
    EXPECT_THAT(item.basis, HasSubstr("HGB §257 (1) 4"));
  }
  EXPECT_EQ(report.retained[0].collection + " " + report.retained[0].category,
            "orders user.financial");
  EXPECT_EQ(report.retained[1].collection + " " + report.retained[1].category, "invoice user.name");
  // Bob lives in Ann's household: its address is left for a person to look at.
  ASSERT_EQ(report.review.size(), 1U);
  EXPECT_EQ(report.review[0].collection, "household");
  ASSERT_EQ(report.review[0].key.size(), 1U);
  EXPECT_EQ(report.review[0].key[0].value.canonical(), "10");
  EXPECT_THAT(report.review[0].categories, ElementsAre("user.contact.address"));
  EXPECT_THAT(report.review[0].linkedFrom, ElementsAre("contact"));
  EXPECT_EQ(report.farEndRows, 2U);  // the tags: shared vocabulary, never erased
  EXPECT_EQ(report.keysKept, 2U);    // the orders' ids (system.operations, no strategy)

  EXPECT_THAT(rowsOf("contact"), ElementsAre(bobBefore[0], HasSubstr("'cat@example.com'")));
  EXPECT_THAT(rowsOf("household"), ElementsAre("10|'1 Main Street'", "11|'2 Side Street'"));
  EXPECT_THAT(rowsOf("contact_tag"), ElementsAre("2|1"));
  EXPECT_THAT(rowsOf("tag"), ElementsAre("1|'vip'", "2|'churn risk'", "3|'unused'"));
  EXPECT_THAT(rowsOf("note"),
              ElementsAre("2|'contact'|2|'called Bob'", "4|'orders'|101|'Bob's order'",
                          "5|'invoice'|1|'invoice 1, not contact 1'"));
  const std::vector<std::string> orders = rowsOf("orders");
  EXPECT_EQ(orders[0], "100|'1'|NULL|'2015-05-01'");
  EXPECT_THAT(orders[2], HasSubstr("102|'1'|5|"));
  EXPECT_THAT(rowsOf("invoice"), ElementsAre(HasSubstr("2|1|"), bobBefore[1]));
  // Ann's two newsletter rows carry one pseudonym (equal values, one key); Bob's is untouched.
  const std::vector<std::string> newsletter = rowsOf("newsletter");
  ASSERT_EQ(newsletter.size(), 3U);
  const std::string pseudonym = newsletter[0].substr(2, 38);
  EXPECT_TRUE(Pseudonymiser::isPseudonym(pseudonym.substr(1, 36))) << newsletter[0];
  EXPECT_EQ(newsletter[0], "1|" + pseudonym + "|NULL");
  EXPECT_EQ(newsletter[2], "3|" + pseudonym + "|NULL");
  EXPECT_EQ(newsletter[1], "2|'bob@example.com'|'deals'");
}

TEST_F(ErasureTest, ASecondErasureFindsNothingLeft) {
  erase("ann@example.com");
  const std::string after = testing::dumpSqlite(dir_ / "crm.db");
  const ErasureReport again = erase("ann@example.com");
  EXPECT_EQ(again.rowsFound, 0U);
  EXPECT_THAT(again.counts, IsEmpty());
  EXPECT_THAT(again.statements, IsEmpty());
  EXPECT_EQ(testing::dumpSqlite(dir_ / "crm.db"), after);
}

TEST_F(ErasureTest, ErasingWhatIsAlreadyErasedCountsNothing) {
  ErasureOptions topics;
  topics.categories = {"user.privacy_preferences"};
  EXPECT_THAT(erase("ann@example.com", topics).counts,
              ElementsAre(Pair("user.privacy_preferences", 2)));
  const ErasureReport again = erase("ann@example.com", topics);
  EXPECT_EQ(again.rowsFound, 14U);  // still there: only the topics went
  EXPECT_THAT(again.counts, IsEmpty());
  EXPECT_THAT(again.statements, IsEmpty());
  EXPECT_THAT(again.methods, ElementsAre(ErasureKind::kSetNull));

  // A rewrite already in place is left as it is.
  ErasureOptions address;
  address.categories = {"user.contact.address"};
  EXPECT_THAT(erase("cat@example.com", address).counts,
              ElementsAre(Pair("user.contact.address", 1)));
  const ErasureReport rewritten = erase("cat@example.com", address);
  EXPECT_EQ(rewritten.rowsFound, 2U);
  EXPECT_THAT(rewritten.counts, IsEmpty());
  EXPECT_THAT(rewritten.methods, ElementsAre(ErasureKind::kRewrite));
}

TEST_F(ErasureTest, OnlyTheRequestedCategoriesGo) {
  ErasureOptions name;
  name.categories = {"user.name"};
  const ErasureReport report = erase("ann@example.com", name);
  // The contact's table deletes rows (and its link rows go with it); the invoice of this year
  // is retained, the old one went.
  EXPECT_THAT(report.counts, ElementsAre(Pair("user.behavior", 2), Pair("user.contact.email", 1),
                                         Pair("user.financial", 1), Pair("user.name", 2),
                                         Pair("user.unique_id", 1)));
  EXPECT_THAT(rowsOf("newsletter"),
              ElementsAre("1|'ann@example.com'|'news'", "2|'bob@example.com'|'deals'",
                          "3|'ann@example.com'|'deals'"));
  EXPECT_EQ(rowsOf("orders")[0], "100|'1'|20.5|'2015-05-01'");
  // The link rows go with the contact they join (the foreign key would refuse otherwise).
  EXPECT_THAT(rowsOf("contact_tag"), ElementsAre("2|1"));
}

TEST_F(ErasureTest, DeletesRowsBeforeTheRowsTheyReferTo) {
  ErasureOptions dry;
  dry.dryRun = true;
  const ErasureReport plan = erase("ann@example.com", dry);
  const long contact = indexOf(plan, "contact", "delete_row");
  ASSERT_GE(contact, 0);
  for (const char* child : {"contact_tag", "note", "invoice"}) {
    EXPECT_GE(indexOf(plan, child, "delete_row"), 0) << child;
    EXPECT_LT(indexOf(plan, child, "delete_row"), contact) << child;
  }
  // UPDATEs come before every DELETE.
  EXPECT_LT(indexOf(plan, "newsletter", "pseudonymise"), indexOf(plan, "note", "delete_row"));

  // The foreign key is real: deleting the contact first is refused.
  soci::session direct(*soci::factory_sqlite3(), "db=\"" + (dir_ / "crm.db").string() + "\"");
  direct << "PRAGMA foreign_keys = ON";
  EXPECT_THROW(direct << "DELETE FROM contact WHERE id = 1", soci::soci_error);
}

TEST_F(ErasureTest, ADryRunShowsTheStatementsAndRowsAndChangesNothing) {
  const std::string before = testing::dumpSqlite(dir_ / "crm.db");
  const std::string fileBefore = testing::readFile(dir_ / "crm.db");
  ErasureOptions dry;
  dry.dryRun = true;
  const ErasureReport plan = erase("ann@example.com", dry);
  EXPECT_EQ(testing::dumpSqlite(dir_ / "crm.db"), before);
  EXPECT_EQ(testing::readFile(dir_ / "crm.db"), fileBefore);

  std::vector<std::string> statements;
  for (const PlannedStatement& s : plan.statements) {
    statements.push_back(s.sql() + " x" + std::to_string(s.runs.size()) + " rows " +
                         std::to_string(s.rows.size()));
    // Values are bound, never written into the SQL.
    for (const char* value : {"ann@example.com", "psd:", "(erased)", "Ann"}) {
      EXPECT_THAT(s.sql(), Not(HasSubstr(value)));
    }
  }
  EXPECT_THAT(
      statements,
      ElementsAre("UPDATE `newsletter` SET `address` = :v0 WHERE `id` IN (:v1) x2 rows 2",
                  "UPDATE `newsletter` SET `topic` = NULL WHERE `id` IN (:v0, :v1) x1 rows 2",
                  "UPDATE `orders` SET `total` = NULL WHERE `id` IN (:v0) x1 rows 1",
                  "DELETE FROM `note` WHERE `id` IN (:v0, :v1) x1 rows 2",
                  "DELETE FROM `invoice` WHERE `id` IN (:v0) x1 rows 1",
                  "DELETE FROM `contact_tag` WHERE (`contact_id` = :v0 AND `tag_id` = :v1) "
                  "OR (`contact_id` = :v2 AND `tag_id` = :v3) x1 rows 2",
                  "DELETE FROM `contact` WHERE `id` IN (:v0) x1 rows 1"));
  // The rows by key: the link rows by both columns of their key.
  const PlannedStatement& links = plan.statements[5];
  ASSERT_EQ(links.rows.size(), 2U);
  EXPECT_EQ(links.rows[0][0].field->name, "contact_id");
  EXPECT_EQ(links.rows[0][0].value.canonical(), "1");
  EXPECT_EQ(links.rows[1][1].value.canonical(), "2");
  // Everything else the real run reports is there too.
  EXPECT_EQ(plan.counts, erase("ann@example.com").counts);
}

TEST_F(ErasureTest, ARowNoLongerSharedIsErased) {
  erase("ann@example.com");
  const ErasureReport bob = erase("bob@example.com");
  EXPECT_THAT(bob.review, IsEmpty());
  EXPECT_THAT(rowsOf("household"), ElementsAre("10|'(erased)'", "11|'2 Side Street'"));
  // Cat lives alone: erased at once, with the household's rewrite.
  const ErasureReport cat = erase("cat@example.com");
  EXPECT_THAT(cat.review, IsEmpty());
  EXPECT_THAT(rowsOf("household"), ElementsAre("10|'(erased)'", "11|'(erased)'"));
  EXPECT_THAT(cat.counts,
              ElementsAre(Pair("user.contact.address", 1), Pair("user.contact.email", 1),
                          Pair("user.name", 1), Pair("user.unique_id", 1)));
}

TEST_F(ErasureTest, RowsHangingOnlyOffARowHeldForReviewAreHeldWithIt) {
  // Notes about a household belong to it: while Bob shares Ann's household, erasing Ann must
  // not delete them behind the reviewer's back; once the household is Bob's alone, they go.
  ASSERT_NO_FATAL_FAILURE(testing::runStatements(
      *db_, {"CREATE TABLE household_note (id INTEGER PRIMARY KEY, household_id INTEGER "
             "REFERENCES household(id), body TEXT)",
             "CREATE TABLE household_note_reply (id INTEGER PRIMARY KEY, note_id INTEGER "
             "REFERENCES household_note(id), body TEXT)",
             "INSERT INTO household_note VALUES (1, 10, 'dog in the garden'), (2, 11, 'box')",
             "INSERT INTO household_note_reply VALUES (1, 1, 'beware')"}));
  useDataset(std::string(testing::kSampleCrmDataset) + R"(  - name: household_note
    erasure: delete_row
    fields:
      - {name: id, primary_key: true}
      - name: household_id
        references: [{field: household.id, direction: from}]
      - {name: body, categories: [user.content]}
  - name: household_note_reply
    erasure: delete_row
    fields:
      - {name: id, primary_key: true}
      - name: note_id
        references: [{field: household_note.id, direction: from}]
      - {name: body, categories: [user.content]}
)");
  const ErasureReport ann = erase("ann@example.com");
  std::vector<std::string> review;
  for (const ReviewItem& item : ann.review) {
    std::string from;
    for (const std::string& c : item.linkedFrom) from += " " + c;
    review.push_back(item.collection + " " + item.key.at(0).value.canonical() + " by" + from);
  }
  EXPECT_THAT(review,
              UnorderedElementsAre("household 10 by contact", "household_note 1 by household",
                                   "household_note_reply 1 by household_note"));
  EXPECT_THAT(rowsOf("household_note"), ElementsAre("1|10|'dog in the garden'", "2|11|'box'"));
  EXPECT_THAT(rowsOf("household_note_reply"), ElementsAre("1|1|'beware'"));

  const ErasureReport bob = erase("bob@example.com");
  EXPECT_THAT(bob.review, IsEmpty());
  EXPECT_THAT(rowsOf("household_note"), ElementsAre("2|11|'box'"));
  EXPECT_THAT(rowsOf("household_note_reply"), IsEmpty());
}

TEST_F(ErasureTest, AStatementTheDatabaseRefusesChangesNothing) {
  // Without the link-table marker the tags' link rows are neither erased nor taken along, so
  // deleting the contact breaks their foreign key: the whole erasure is rolled back.
  useDataset(replaced(testing::kSampleCrmDataset,
                      "    link_table: {left: contact_id, right: tag_id}\n", ""));
  const std::string before = testing::dumpSqlite(dir_ / "crm.db");
  ErasureOptions name;
  name.categories = {"user.name"};
  auto report = tryErase("ann@example.com", name);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kConflict);
  EXPECT_EQ(report.error().message,
            "the statement on contact failed (SQLite result code 787: a foreign key of the "
            "database refused it)");
  EXPECT_EQ(testing::dumpSqlite(dir_ / "crm.db"), before);
}

TEST_F(ErasureTest, PseudonymsNeedATextColumn) {
  useDataset(replaced(testing::kSampleCrmDataset,
                      "        erasure:\n          retain: {basis: \"HGB §257 (1) 4, AO §147 (1) "
                      "4\", years: 8, from: ordered_on}\n",
                      "        erasure: pseudonymise\n"));
  const std::string before = testing::dumpSqlite(dir_ / "crm.db");
  auto report = tryErase("ann@example.com");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(report.error().message,
              HasSubstr("pseudonymise needs a text column; orders.total holds another type"));
  EXPECT_EQ(testing::dumpSqlite(dir_ / "crm.db"), before);
}

TEST_F(ErasureTest, CancellingChangesNothing) {
  const std::string before = testing::dumpSqlite(dir_ / "crm.db");
  // How often the search asks (a dry run runs no statements); stop at the third statement.
  ErasureOptions options;
  options.dryRun = true;
  int asked = 0;
  options.cancelled = [&asked] {
    ++asked;
    return false;
  };
  erase("ann@example.com", options);
  const int searchAsks = asked;
  options.dryRun = false;
  asked = 0;
  options.cancelled = [&asked, searchAsks] { return ++asked > searchAsks + 2; };
  const ErasureReport report = erase("ann@example.com", options);
  EXPECT_TRUE(report.stopped);
  EXPECT_EQ(testing::dumpSqlite(dir_ / "crm.db"), before);
}

TEST(RetentionPeriod, EndsOnTheLastDayOfTheYearThePeriodCountsTo) {
  Retention vouchers{"AO §147", "", 8, "issued"};
  EXPECT_EQ(retentionEnd(vouchers, SqlValue::ofText("2024-03-05")), "2032-12-31");
  EXPECT_EQ(retentionEnd(vouchers, SqlValue::ofText("2024-12-31 23:59:59")), "2032-12-31");
  SqlValue timestamp;
  timestamp.kind = SqlValue::Kind::kDateTime;
  timestamp.text = "2016-01-01 00:00:00";
  Retention books{"HGB §257 (1) 1", "", 10, "booked"};
  EXPECT_EQ(retentionEnd(books, timestamp), "2026-12-31");
  Retention letters{"HGB §257 (1) 2", "", 6, "sent"};
  EXPECT_EQ(retentionEnd(letters, SqlValue::ofInteger(1704067200)), "2030-12-31");  // 2024-01-01
  EXPECT_FALSE(retentionEnd(letters, SqlValue{}));
  EXPECT_FALSE(retentionEnd(letters, SqlValue::ofText("5 March 2024")));
  EXPECT_FALSE(retentionEnd(Retention{"contract", "as long as the contract runs", {}, ""},
                            SqlValue::ofText("2024-03-05")));
  EXPECT_EQ(todayUtc().size(), 10U);
}

TEST_F(ErasureTest, TheRequestsKeyGivesTheSamePseudonymsInEveryCall) {
  ErasureOptions options;
  options.pseudonymKey = std::string(64, 'a');
  erase("ann@example.com", options);
  const std::string expected = Pseudonymiser(options.pseudonymKey).pseudonym("ann@example.com");
  EXPECT_EQ(rowsOf("newsletter")[0], "1|'" + expected + "'|NULL");

  options.pseudonymKey = "not hex";
  auto refused = tryErase("bob@example.com", options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(refused.error().message, HasSubstr("64 lower-case hex digits"));
  EXPECT_EQ(rowsOf("newsletter")[1], "2|'bob@example.com'|'deals'") << "nothing changed";
}

TEST(Pseudonymiser, AGivenKeyIsUsedAsItIs) {
  const std::string key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  EXPECT_TRUE(Pseudonymiser::isKey(key));
  EXPECT_EQ(Pseudonymiser(key).pseudonym("ann@example.com"),
            Pseudonymiser(key).pseudonym("ann@example.com"));
  std::string other = key;
  other[63] = '0';
  EXPECT_NE(Pseudonymiser(other).pseudonym("ann@example.com"),
            Pseudonymiser(key).pseudonym("ann@example.com"));
  // HMAC-SHA256(key, "ann@example.com"), its first 16 bytes, as Python's hmac module computes it.
  EXPECT_EQ(Pseudonymiser(key).pseudonym("ann@example.com"),
            "psd:7fd723e36b1c9108cdb7920372eed445");
  for (const std::string& bad :
       {std::string(63, 'a'), std::string(64, 'A'), std::string(64, 'g')}) {
    EXPECT_FALSE(Pseudonymiser::isKey(bad)) << bad;
    EXPECT_THROW(Pseudonymiser{bad}, std::invalid_argument) << bad;
  }
}

TEST(Pseudonymiser, OneKeyPerInstanceNeverKept) {
  Pseudonymiser a;
  Pseudonymiser b;
  const std::string p = a.pseudonym("ann@example.com");
  EXPECT_EQ(p.size(), 36U);
  EXPECT_EQ(p.rfind("psd:", 0), 0U);
  EXPECT_EQ(a.pseudonym("ann@example.com"), p);
  EXPECT_NE(a.pseudonym("bob@example.com"), p);
  EXPECT_NE(b.pseudonym("ann@example.com"), p);
  EXPECT_TRUE(Pseudonymiser::isPseudonym(p));
  EXPECT_FALSE(Pseudonymiser::isPseudonym("psd:not-a-pseudonym"));
  EXPECT_FALSE(Pseudonymiser::isPseudonym("ann@example.com"));
}

}  // namespace
}  // namespace dsrflow::sql
