// Acceptance (a) of the SQL connector on third-party data: Ethyca Fides' example database
// (fixtures/fides/postgres_sample.sql) loaded into a fresh PostgreSQL database, Fides' own
// fideslang datasets imported, and access through the plugin in dsrflow's host for the
// customers whose collections and row counts fixtures/README.md lists.

#include <gmock/gmock.h>

#include "fides_fixture.hpp"

namespace dsrflow::testing {
namespace {

using dsrflow::Action;
using dsrflow::Outcome;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

using Counts = std::map<std::string, std::size_t>;

// fixtures/README.md, "Row counts per collection for that traversal" (employee and report: 0).
const Counts kCustomer1 = {{"address", 2},    {"customer", 1},        {"login", 6},
                           {"order_item", 4}, {"orders", 3},          {"payment_card", 1},
                           {"product", 2},    {"service_request", 1}, {"visit", 1}};
const Counts kCustomer2 = {{"address", 2},    {"customer", 1},        {"login", 1},
                           {"order_item", 1}, {"orders", 1},          {"payment_card", 1},
                           {"product", 1},    {"service_request", 1}, {"visit", 1}};

std::size_t total(const Counts& counts) {
  std::size_t n = 0;
  for (const auto& [collection, rows] : counts) n += rows;
  return n;
}

// The e-mail field of every record of `collection`.
std::vector<std::string> emailsOf(const AccessAnswer& answer, const std::string& collection) {
  std::vector<std::string> out;
  for (const auto& r : answer.records) {
    if (r->getValue<std::string>("collection") == collection) {
      out.push_back(r->getObject("fields")->getValue<std::string>("email"));
    }
  }
  return out;
}

TEST_F(FidesPostgresTest, AccessReturnsTheCollectionsAndRowCountsOfTheFixturesReadme) {
  auto system = fidesSystem();
  ASSERT_TRUE(system);
  for (const auto& [email, expected] : {std::pair{"customer-1@example.com", kCustomer1},
                                        std::pair{"customer-2@example.com", kCustomer2}}) {
    SCOPED_TRACE(email);
    AccessAnswer answer = accessFor(*system, email);
    EXPECT_EQ(answer.result.outcome, Outcome::kCompleted) << answer.result.reason;
    EXPECT_EQ(answer.result.recordsRefused, 0U);
    EXPECT_THAT(answer.recordsPer, ElementsAreArray(expected));
    EXPECT_EQ(answer.rowsPer, expected);
    EXPECT_EQ(answer.records.size(), total(expected));
    // As Fides asserts: the customer's and the visit's e-mail equal the identity.
    EXPECT_THAT(emailsOf(answer, "customer"), ElementsAreArray({std::string(email)}));
    EXPECT_THAT(emailsOf(answer, "visit"), ElementsAreArray({std::string(email)}));
  }
  EXPECT_EQ(total(kCustomer1), 21U);
  EXPECT_EQ(total(kCustomer2), 10U);
}

TEST_F(FidesPostgresTest, ValuesKeepTheirTypes) {
  auto system = fidesSystem();
  ASSERT_TRUE(system);
  AccessAnswer answer = accessFor(*system, "customer-2@example.com");
  std::map<std::string, Poco::JSON::Object::Ptr> first;
  for (const auto& r : answer.records) first.emplace(r->getValue<std::string>("collection"), r);
  ASSERT_EQ(first.size(), 9U);
  auto card = first.at("payment_card")->getObject("fields");
  EXPECT_TRUE(card->get("preferred").isBoolean());
  EXPECT_FALSE(card->getValue<bool>("preferred"));
  EXPECT_EQ(card->getValue<long long>("ccn"), 987654321LL);  // bigint
  EXPECT_EQ(first.at("product")->getObject("fields")->getValue<std::string>("price"), "$20.00");
  auto request = first.at("service_request")->getObject("fields");
  EXPECT_EQ(request->getValue<std::string>("opened"), "2021-01-04");  // a date stays a date
  EXPECT_TRUE(request->isNull("closed"));
  EXPECT_EQ(first.at("customer")->getObject("fields")->getValue<std::string>("created"),
            "2020-04-01T11:47:42");
  EXPECT_EQ(first.at("customer")->getObject("key")->getValue<int>("id"), 2);
}

TEST_F(FidesPostgresTest, AUserPolicyReachesTheSameRowsAndReturnsOnlyUserData) {
  auto system = fidesSystem();
  ASSERT_TRUE(system);
  AccessAnswer answer = accessFor(*system, "customer-1@example.com", {"user"});
  EXPECT_EQ(answer.result.outcome, Outcome::kCompleted);
  EXPECT_EQ(answer.rowsPer, kCustomer1);
  // product holds only system.operations: reached, but nothing in it is returned.
  EXPECT_EQ(answer.recordsPer.count("product"), 0U);
  EXPECT_EQ(answer.recordsPer.at("login"), 6U);
  for (const auto& record : answer.records) {
    auto categories = record->getObject("categories");
    for (const auto& name : categories->getNames()) {
      const std::string category = categories->getArray(name)->getElement<std::string>(0);
      EXPECT_EQ(category.rfind("user", 0), 0U) << category;
    }
  }
}

TEST_F(FidesPostgresTest, TheExtendedDatasetIsReachedByLoyaltyId) {
  auto system = fidesSystem();
  ASSERT_TRUE(system);
  AccessAnswer answer =
      run(*system, request(Action::kAccess, {{IdentityType::kExternalId, "loyalty_id", "CH-1"}}));
  EXPECT_EQ(answer.result.outcome, Outcome::kCompleted) << answer.result.reason;
  EXPECT_EQ(answer.recordsPer, (Counts{{"loyalty", 1}}));
  EXPECT_EQ(answer.records.at(0)->getObject("fields")->getValue<std::string>("name"),
            "Jane Customer");
  EXPECT_EQ(accessFor(*system, "jane@example.com").recordsPer.count("loyalty"), 0U);
}

TEST_F(FidesPostgresTest, DatasetSchemasPickTheTablesOfThatSchema) {
  auto system = fidesSystem();
  ASSERT_TRUE(system);
  // customer-500 lives only in backup_schema: the public tables do not know them.
  EXPECT_EQ(accessFor(*system, "customer-500@example.com").result.outcome, Outcome::kNotFound);

  auto imported =
      sql::importFides((*fixturesDir() / "fides" / "postgres_example_test_dataset.yml").string());
  ASSERT_TRUE(imported.ok());
  sql::Dataset backup = imported->datasets.at(0);
  backup.schema = "backup_schema";
  // backup_schema has no dynamic tables beyond what public has; every declared table exists.
  writeFile(dir_ / "backup.yaml", sql::writeDataset(backup));
  auto created = create(config({dir_ / "backup.yaml"}));
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(run(**created, request(Action::kTestConnection, {})).result.outcome,
            Outcome::kCompleted);
  AccessAnswer answer = accessFor(**created, "customer-500@example.com");
  EXPECT_EQ(answer.result.outcome, Outcome::kCompleted) << answer.result.reason;
  EXPECT_EQ(answer.recordsPer, (Counts{{"address", 1}, {"customer", 1}}));
  EXPECT_THAT(accessFor(**created, "customer-1@example.com").records, IsEmpty());
}

TEST_F(FidesPostgresTest, TestConnectionFindsEveryDeclaredColumn) {
  auto system = fidesSystem();
  ASSERT_TRUE(system);
  AccessAnswer check = run(*system, request(Action::kTestConnection, {}));
  EXPECT_EQ(check.result.outcome, Outcome::kCompleted) << check.result.reason;
}

}  // namespace
}  // namespace dsrflow::testing
