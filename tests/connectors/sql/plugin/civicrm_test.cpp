// Acceptance (b) of the SQL connector on third-party data: CiviCRM 5.49's sample database on
// SQLite and PostgreSQL with the shipped dataset connectors/sql/examples/civicrm.yaml. An
// oracle written independently as SQL (civicrm_oracle.hpp) says which rows the schema ties to a
// contact: access returns exactly those, erasure leaves none of them but the shared rows it
// leaves for review, and every row not tied to the erased contact is unchanged.

#include <gmock/gmock.h>

#include <algorithm>

#include "civicrm_fixture.hpp"
#include "connectors/sql/sample_crm_db.hpp"
#include "sql/erasure/cascade_warnings.hpp"
#include "sql/erasure/database_cascades.hpp"

namespace dsrflow::testing {
namespace {

using dsrflow::Action;
using dsrflow::Outcome;

std::string keyId(const Poco::JSON::Object::Ptr& item) {
  return item->getObject("key")->get("id").toString();
}

RowIds rowsOf(const AccessAnswer& answer) {
  RowIds rows;
  for (const auto& record : answer.records) {
    rows.insert({record->getValue<std::string>("collection"), keyId(record)});
  }
  return rows;
}

RowIds reviewOf(const AccessAnswer& answer) {
  RowIds rows;
  Poco::JSON::Parser parser;
  auto outcome = parser.parse(answer.result.outcomeJson).extract<Poco::JSON::Object::Ptr>();
  if (auto review = outcome->getArray("review")) {
    for (std::size_t i = 0; i < review->size(); ++i) {
      auto item = review->getObject(static_cast<unsigned>(i));
      rows.insert({item->getValue<std::string>("collection"), keyId(item)});
    }
  }
  return rows;
}

// Rows the outcome says the database deleted by cascade from the contact, per collection.
std::map<std::string, long long> cascadedFromContact(const AccessAnswer& answer) {
  std::map<std::string, long long> rows;
  Poco::JSON::Parser parser;
  auto outcome = parser.parse(answer.result.outcomeJson).extract<Poco::JSON::Object::Ptr>();
  if (auto details = outcome->getArray("details")) {
    for (std::size_t i = 0; i < details->size(); ++i) {
      auto item = details->getObject(static_cast<unsigned>(i));
      if (item->optValue<std::string>("cascade_from", "") == "civicrm_contact") {
        rows[item->getValue<std::string>("collection")] += item->getValue<long long>("rows");
      }
    }
  }
  return rows;
}

// What `dsrflow dataset check --url` warns of, through the functions it calls: the tables the
// dataset leaves unsaid whose rows the database's foreign keys delete or change when erasure
// deletes rows. `known` receives the names of the tables those foreign keys link.
void checkCascades(const sql::Dataset& dataset, const std::string& url,
                   std::vector<std::string>& warnings, std::vector<std::string>& known) {
  auto graph = sql::DatasetGraph::build({dataset});
  ASSERT_TRUE(graph.ok()) << graph.error().message;
  std::unique_ptr<sql::SqlDatabase> db;
  ASSERT_NO_FATAL_FAILURE(openDatabase(url, db));
  auto cascades = sql::DatabaseCascades::read(*db, *graph);
  ASSERT_TRUE(cascades.ok()) << cascades.error().message;
  EXPECT_GT(cascades->keys().size(), 250U) << "CiviCRM's foreign keys were not read";
  warnings = sql::cascadeWarnings(*graph, *cascades);
  for (const sql::CascadeTable& table : cascades->tables()) known.push_back(table.table);
}

RowIds intersection(const RowIds& a, const RowIds& b) {
  RowIds out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

TEST_P(CivicrmTest, AccessReturnsExactlyTheRowsTheSchemaTiesToTheContact) {
  const auto expected = ties();
  ASSERT_EQ(expected.size(), 202U);  // every contact has at least its own row
  for (const auto& contact : civicrmContacts()) {
    SCOPED_TRACE(contact.email);
    const AccessAnswer answer = call(Action::kAccess, contact.email);
    EXPECT_EQ(answer.result.outcome, Outcome::kCompleted) << answer.result.reason;
    EXPECT_EQ(answer.result.recordsRefused, 0U);
    EXPECT_EQ(rowsOf(answer), expected.at(contact.id));
    EXPECT_EQ(answer.records.size(), expected.at(contact.id).size());  // each row once
  }
}

TEST_P(CivicrmTest, TheContactsReachTheirPolymorphicAndFinancialRows) {
  // Guards the choice of contacts: the oracle must have something to check in each kind of link.
  const auto expected = ties();
  auto count = [&](const std::string& id, const std::string& table) {
    std::size_t n = 0;
    for (const auto& row : expected.at(id)) n += row.first == table ? 1U : 0U;
    return n;
  };
  EXPECT_EQ(count("59", "civicrm_contribution"), 11U);
  EXPECT_EQ(count("59", "civicrm_entity_financial_trxn"), 22U);
  EXPECT_EQ(count("30", "civicrm_membership_payment"), 1U);
  EXPECT_EQ(count("55", "civicrm_note"), 1U);
  EXPECT_EQ(count("55", "civicrm_entity_tag"), 1U);
  EXPECT_EQ(count("30", "civicrm_relationship"), 4U);
  // The seeded rows (civicrm_seed.hpp): direct, through a contribution, a case, an activity, a
  // mailing and a subscription, and shared with contact 30.
  EXPECT_EQ(count("59", "civicrm_uf_match"), 1U);
  EXPECT_EQ(count("59", "civicrm_contribution_product"), 1U);
  EXPECT_EQ(count("59", "civicrm_case"), 2U);
  EXPECT_EQ(count("30", "civicrm_case"), 1U);
  EXPECT_EQ(count("59", "civicrm_case_activity"), 1U);
  EXPECT_EQ(count("59", "civicrm_dedupe_exception"), 1U);
  EXPECT_EQ(count("30", "civicrm_dedupe_exception"), 1U);
  EXPECT_EQ(count("59", "civicrm_mailing_event_trackable_url_open"), 1U);
  EXPECT_EQ(count("59", "civicrm_mailing_event_confirm"), 1U);
  // Notes, tags and change-log rows on records other than contacts (civicrm_seed.hpp): those on
  // contact 59's own activity, case and contribution are its alone; the case it shares with 30,
  // 30's activity shared with 186 and its relationship with 148 are shared, and so are their
  // notes, which erasure must therefore hold for review rather than delete (the erasure test
  // expects them in review). A comment on contact 12's note is the contact's too.
  const RowIds shared = sharedRows(expected);
  auto tied = [&](const std::string& id, const std::string& table, const std::string& row) {
    return expected.at(id).count({table, row}) == 1;
  };
  for (const auto& [table, row] : std::vector<RowId>{{"civicrm_note", "21"},
                                                     {"civicrm_note", "24"},
                                                     {"civicrm_entity_tag", "116"},
                                                     {"civicrm_entity_tag", "117"},
                                                     {"civicrm_log", "2"}}) {
    EXPECT_TRUE(tied("59", table, row)) << table << " " << row;
    EXPECT_EQ(shared.count({table, row}), 0U) << table << " " << row;
  }
  for (const auto& [contact, row] : std::vector<std::pair<std::string, std::string>>{
           {"59", "22"}, {"30", "22"}, {"30", "23"}, {"186", "23"}, {"30", "27"}, {"148", "27"}}) {
    EXPECT_TRUE(tied(contact, "civicrm_note", row)) << contact << " " << row;
    EXPECT_EQ(shared.count({"civicrm_note", row}), 1U) << row;
  }
  EXPECT_TRUE(tied("30", "civicrm_note", "25"));
  EXPECT_TRUE(tied("30", "civicrm_log", "3"));
  EXPECT_TRUE(tied("12", "civicrm_note", "6"));
  EXPECT_TRUE(tied("12", "civicrm_note", "26"));
}

TEST_P(CivicrmTest, ErasureLeavesNothingOfTheContactAndEveryOtherRowUnchanged) {
  std::size_t cascades = 0;
  for (const auto& contact : civicrmContacts()) {
    SCOPED_TRACE(contact.email);
    const auto tiesBefore = ties();
    const RowIds mine = tiesBefore.at(contact.id);
    const RowIds shared = intersection(mine, sharedRows(tiesBefore));
    const auto textsBefore = rowTexts();

    // CiviCRM's schema deletes a contact's relationships, their cache rows and dedupe
    // exceptions with the contact (ON DELETE CASCADE on contact_id_a/_b, near/far_contact_id
    // and contact_id1/2), although the other contact's rows link to them: the outcome says the
    // database deleted them. What else other contacts' rows link to is left for review, and
    // nothing more: a shared activity or case with the notes, tags and log rows on it, and a
    // note on a relationship, which no foreign key ties to the relationship.
    RowIds heldBack;
    std::map<std::string, long long> cascaded;
    for (const RowId& row : shared) {
      if (row.first == "civicrm_relationship" || row.first == "civicrm_relationship_cache" ||
          row.first == "civicrm_dedupe_exception") {
        ++cascaded[row.first];
      } else {
        heldBack.insert(row);
      }
    }
    cascades += cascaded.size();

    // The dry run tells the same.
    plugin_host::ActionRequest dry =
        request(Action::kErase, {{IdentityType::kEmail, "", contact.email}});
    dry.dryRun = true;
    const AccessAnswer plan = run(*system_, dry);
    EXPECT_EQ(reviewOf(plan), heldBack);
    EXPECT_EQ(cascadedFromContact(plan), cascaded) << plan.result.outcomeJson;

    const AccessAnswer erased = call(Action::kErase, contact.email);
    EXPECT_EQ(erased.result.outcome, heldBack.empty() ? Outcome::kErased : Outcome::kNeedsReview)
        << erased.result.outcomeJson;
    EXPECT_EQ(reviewOf(erased), heldBack);
    EXPECT_EQ(cascadedFromContact(erased), cascaded) << erased.result.outcomeJson;

    const auto tiesAfter = ties();
    EXPECT_EQ(tiesAfter.count(contact.id), 0U) << "rows still tied to the contact";
    const auto textsAfter = rowTexts();
    std::size_t compared = 0;
    for (const auto& [row, text] : textsBefore) {
      if (mine.count(row) != 0) continue;
      ++compared;
      auto after = textsAfter.find(row);
      if (after == textsAfter.end()) {
        ADD_FAILURE() << row.first << " id " << row.second << " disappeared";
      } else if (after->second != text) {
        ADD_FAILURE() << row.first << " id " << row.second << " changed";
      }
    }
    EXPECT_GT(compared, 3000U);
    // Rows tied to the contact alone are gone, and so are the shared rows the schema deletes
    // with it; those left for review are unchanged.
    for (const auto& row : mine) {
      if (heldBack.count(row) == 0) {
        EXPECT_EQ(textsAfter.count(row), 0U) << row.first << " id " << row.second;
      } else {
        EXPECT_EQ(textsAfter.count(row) == 0 ? "" : textsAfter.at(row), textsBefore.at(row))
            << row.first << " id " << row.second;
      }
    }
    // A second erasure finds nothing.
    EXPECT_EQ(call(Action::kErase, contact.email).result.outcome, Outcome::kNotFound);
  }
  EXPECT_GT(cascades, 0U) << "no contact shares a relationship: the cascade goes unchecked";
}

TEST_P(CivicrmTest, DatasetCheckFindsNoTableTheDatabaseChangesUnsaid) {
  // Every table CiviCRM's foreign keys empty or change when erasure deletes a contact's rows
  // (ON DELETE CASCADE, SET NULL) is described, or declared skip on purpose.
  std::vector<std::string> warnings;
  std::vector<std::string> known;
  ASSERT_NO_FATAL_FAILURE(checkCascades(dataset_, url_, warnings, known));
  EXPECT_THAT(warnings, ::testing::IsEmpty());

  // Each skip entry answers a warning: without them, the check names every skipped table the
  // database has (the SQLite import has no custom-data tables).
  sql::Dataset described = dataset_;
  std::vector<std::string> skipped;
  for (const sql::Table& table : described.tables) {
    if (table.skip) skipped.push_back(table.name);
  }
  std::erase_if(described.tables, [](const sql::Table& table) { return table.skip; });
  ASSERT_GT(skipped.size(), 20U);
  warnings.clear();
  known.clear();
  ASSERT_NO_FATAL_FAILURE(checkCascades(described, url_, warnings, known));
  for (const std::string& table : skipped) {
    if (std::find(known.begin(), known.end(), table) == known.end()) continue;
    // A warning names the table, or schema.table outside the default schema.
    const auto namesTable = [&](const std::string& w) {
      return w.find("'" + table + "', a table") != std::string::npos ||
             w.find("." + table + "', a table") != std::string::npos;
    };
    EXPECT_TRUE(std::any_of(warnings.begin(), warnings.end(), namesTable))
        << table << " is declared skip but the database never changes it with a contact";
  }
}

TEST_P(CivicrmTest, TestConnectionFindsEveryDeclaredColumn) {
  const AccessAnswer check = run(*system_, request(Action::kTestConnection, {}));
  EXPECT_EQ(check.result.outcome, Outcome::kCompleted) << check.result.reason;
}

INSTANTIATE_TEST_SUITE_P(Databases, CivicrmTest, ::testing::Values("sqlite", "postgres", "mariadb"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return param.param;
                         });

}  // namespace
}  // namespace dsrflow::testing
