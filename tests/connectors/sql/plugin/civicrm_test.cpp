// Acceptance (b) of the SQL connector on third-party data: CiviCRM 5.49's sample database on
// SQLite and PostgreSQL with the shipped dataset connectors/sql/examples/civicrm.yaml. An
// oracle written independently as SQL (civicrm_oracle.hpp) says which rows the schema ties to a
// contact: access returns exactly those, erasure leaves none of them, and every row not tied to
// the erased contact is unchanged.

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
  for (const auto& contact : civicrmContacts()) {
    SCOPED_TRACE(contact.email);
    const auto tiesBefore = ties();
    const RowIds mine = tiesBefore.at(contact.id);
    const RowIds shared = intersection(mine, sharedRows(tiesBefore));
    const auto textsBefore = rowTexts();

    const AccessAnswer erased = call(Action::kErase, contact.email);
    EXPECT_EQ(erased.result.outcome, shared.empty() ? Outcome::kErased : Outcome::kNeedsReview)
        << erased.result.outcomeJson;
    // What other contacts' rows link to is left for review, and nothing else.
    EXPECT_EQ(reviewOf(erased), shared);

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
    // Rows tied to the contact alone are gone.
    for (const auto& row : mine) {
      if (shared.count(row) == 0) {
        EXPECT_EQ(textsAfter.count(row), 0U) << row.first << " id " << row.second;
      }
    }
    // A second erasure finds nothing.
    EXPECT_EQ(call(Action::kErase, contact.email).result.outcome, Outcome::kNotFound);
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
