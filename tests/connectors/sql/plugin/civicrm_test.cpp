// Acceptance (b) of the SQL connector on third-party data: CiviCRM 5.49's sample database on
// SQLite and PostgreSQL with the shipped dataset connectors/sql/examples/civicrm.yaml. An
// oracle written independently as SQL (civicrm_oracle.hpp) says which rows the schema ties to a
// contact: access returns exactly those, erasure leaves none of them but the shared rows it
// leaves for review, and every row not tied to the erased contact is unchanged.

#include <gmock/gmock.h>

#include "civicrm_fixture.hpp"

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
  EXPECT_EQ(count("12", "civicrm_note"), 1U);
  EXPECT_EQ(count("55", "civicrm_entity_tag"), 1U);
  EXPECT_EQ(count("30", "civicrm_relationship"), 4U);
}

TEST_P(CivicrmTest, ErasureLeavesNothingOfTheContactAndEveryOtherRowUnchanged) {
  std::size_t cascades = 0;
  for (const auto& contact : civicrmContacts()) {
    SCOPED_TRACE(contact.email);
    const auto tiesBefore = ties();
    const RowIds mine = tiesBefore.at(contact.id);
    const RowIds shared = intersection(mine, sharedRows(tiesBefore));
    const auto textsBefore = rowTexts();

    // CiviCRM's schema deletes a contact's relationships and their cache rows with the contact
    // (ON DELETE CASCADE on contact_id_a/_b and near/far_contact_id), although the other
    // contact's rows link to them: the outcome says the database deleted them. What else other
    // contacts' rows link to is left for review, and nothing more.
    RowIds heldBack;
    std::map<std::string, long long> cascaded;
    for (const RowId& row : shared) {
      if (row.first == "civicrm_relationship" || row.first == "civicrm_relationship_cache") {
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
