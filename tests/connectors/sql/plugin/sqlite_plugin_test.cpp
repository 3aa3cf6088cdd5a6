// The SQL connector through dsrflow's host on a generated SQLite CRM (value links, a
// polymorphic link, a link table): records as the host receives them, not_found, the category
// filter, test_connection, and configuration errors.

#include <gmock/gmock.h>

#include "connectors/sql/sample_crm.hpp"
#include "sql_plugin_fixture.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::testing {
namespace {

using dsrflow::Action;
using dsrflow::Outcome;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

class SqlitePluginTest : public SqlPluginTest {
 protected:
  void SetUp() override {
    SqlPluginTest::SetUp();
    createSampleCrm(dir_ / "crm.db");
    writeFile(dir_ / "crm.yaml", kSampleCrmDataset);
  }

  std::string config(const std::string& extra = "") const {
    return R"({"url": "sqlite3://)" + (dir_ / "crm.db").string() + R"(", "dataset": ")" +
           (dir_ / "crm.yaml").string() + "\"" + extra + "}";
  }

  std::unique_ptr<plugin_host::PluginInstance> instance(const std::string& configJson) {
    auto created = create(configJson);
    if (!created) {
      ADD_FAILURE() << created.error().message;
      return nullptr;
    }
    return std::move(created).value();
  }
};

TEST_F(SqlitePluginTest, AccessStreamsEveryLinkedRowAsARecord) {
  auto crm = instance(config());
  ASSERT_TRUE(crm);
  AccessAnswer answer =
      run(*crm, request(Action::kAccess, {{IdentityType::kEmail, "", "Ann@Example.com"}}));
  EXPECT_EQ(answer.result.outcome, Outcome::kCompleted) << answer.result.reason;
  EXPECT_EQ(answer.result.recordsRefused, 0U);
  EXPECT_THAT(answer.recordsPer,
              ElementsAre(Pair("contact", 1), Pair("contact_tag", 2), Pair("household", 1),
                          Pair("invoice", 2), Pair("newsletter", 2), Pair("note", 2),
                          Pair("orders", 2), Pair("tag", 2)));
  EXPECT_EQ(answer.rowsPer, answer.recordsPer);

  // The contact as the host stores it: fields, categories, origins and key.
  Poco::JSON::Object::Ptr contact;
  for (const auto& r : answer.records) {
    if (r->getValue<std::string>("collection") == "contact") contact = r;
  }
  ASSERT_TRUE(contact);
  auto fields = contact->getObject("fields");
  EXPECT_EQ(fields->getValue<std::string>("email"), "ann@example.com");
  EXPECT_EQ(fields->getValue<int>("id"), 1);
  EXPECT_FALSE(fields->has("household_id"));  // no categories: read to follow the link only
  EXPECT_EQ(contact->getObject("categories")->getArray("email")->getElement<std::string>(0),
            "user.contact.email");
  EXPECT_EQ(contact->getObject("origin")->getValue<std::string>("id"), "observed");
  EXPECT_EQ(contact->getObject("origin")->getValue<std::string>("name"), "provided");
  EXPECT_EQ(contact->getObject("key")->getValue<int>("id"), 1);
}

TEST_F(SqlitePluginTest, CategoriesNarrowTheRecordsNotTheSearch) {
  auto crm = instance(config());
  ASSERT_TRUE(crm);
  AccessAnswer answer =
      run(*crm, request(Action::kAccess, {{IdentityType::kEmail, "", "ann@example.com"}},
                        {"user.behavior", "user.content"}));
  EXPECT_EQ(answer.result.outcome, Outcome::kCompleted);
  EXPECT_THAT(answer.recordsPer,
              ElementsAre(Pair("contact_tag", 2), Pair("note", 2), Pair("tag", 2)));
  EXPECT_EQ(answer.rowsPer.size(), 8U);  // still reached through contact and orders
}

TEST_F(SqlitePluginTest, UnknownPeopleAreNotFound) {
  auto crm = instance(config());
  ASSERT_TRUE(crm);
  EXPECT_EQ(run(*crm, request(Action::kAccess, {{IdentityType::kEmail, "", "zed@example.com"}}))
                .result.outcome,
            Outcome::kNotFound);
  // The dataset has no phone identity: nothing to search with.
  AccessAnswer phone =
      run(*crm, request(Action::kAccess, {{IdentityType::kPhone, "", "+49 30 1234567"}}));
  EXPECT_EQ(phone.result.outcome, Outcome::kNotFound);
  EXPECT_TRUE(phone.records.empty());
}

TEST_F(SqlitePluginTest, TestConnectionChecksTheSchemaAgainstTheDataset) {
  auto crm = instance(config());
  ASSERT_TRUE(crm);
  EXPECT_EQ(run(*crm, request(Action::kTestConnection, {})).result.outcome, Outcome::kCompleted);

  std::string wrong = kSampleCrmDataset;
  wrong.replace(wrong.find("{name: topic"), 12, "{name: topics");
  writeFile(dir_ / "wrong.yaml", wrong);
  auto drifted = instance(R"({"url": "sqlite3://)" + (dir_ / "crm.db").string() +
                          R"(", "datasets": [")" + (dir_ / "wrong.yaml").string() + "\"]}");
  ASSERT_TRUE(drifted);
  AccessAnswer check = run(*drifted, request(Action::kTestConnection, {}));
  EXPECT_TRUE(check.result.failed());
  EXPECT_THAT(check.result.reason, HasSubstr((dir_ / "wrong.yaml").string() +
                                             ":20: tables[2]: cannot read `newsletter`"));
  EXPECT_THAT(check.result.reason, HasSubstr("topics"));
}

TEST_F(SqlitePluginTest, ConfigurationErrorsFailTheSystemsCreation) {
  writeFile(dir_ / "broken.yaml",
            "dataset: crm\ntables:\n  - name: contact\n    fields:\n"
            "      - {name: email, identity: E-Mail}\n");
  auto broken = create(R"({"url": "sqlite3:///tmp/x.db", "dataset": ")" +
                       (dir_ / "broken.yaml").string() + "\"}");
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.error().message,
              HasSubstr((dir_ / "broken.yaml").string() +
                        ":5: tables[0].fields[0].identity: 'E-Mail' is not an identity name"));

  auto badUrl =
      create(R"({"url": "oracle://crm", "dataset": ")" + (dir_ / "crm.yaml").string() + "\"}");
  ASSERT_FALSE(badUrl.ok());
  EXPECT_THAT(badUrl.error().message, HasSubstr("unknown database backend 'oracle'"));

  auto noDataset = create(R"({"url": "sqlite3:///tmp/x.db"})");
  ASSERT_FALSE(noDataset.ok());  // the config schema wants dataset or datasets

  auto withSecret = create(config(R"(, "password_secret": "db_password")"));
  ASSERT_TRUE(withSecret.ok()) << withSecret.error().message;
  AccessAnswer noSecret =
      run(**withSecret, request(Action::kAccess, {{IdentityType::kEmail, "", "ann@example.com"}}));
  EXPECT_TRUE(noSecret.result.failed());
  EXPECT_EQ(noSecret.result.reason, "the secret named by password_secret is not set");

  // A mistyped path must not create an empty database that finds nobody.
  auto missing = create(R"({"url": "sqlite3://)" + (dir_ / "missing.db").string() +
                        R"(", "dataset": ")" + (dir_ / "crm.yaml").string() + "\"}");
  ASSERT_TRUE(missing.ok()) << missing.error().message;
  AccessAnswer none =
      run(**missing, request(Action::kAccess, {{IdentityType::kEmail, "", "ann@example.com"}}));
  EXPECT_TRUE(none.result.failed());
  EXPECT_TRUE(none.result.retryable);
  EXPECT_THAT(none.result.reason, HasSubstr("there is no SQLite database at"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "missing.db"));
}

}  // namespace
}  // namespace dsrflow::testing
