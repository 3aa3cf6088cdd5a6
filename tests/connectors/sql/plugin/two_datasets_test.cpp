// One system, two datasets: a PostgreSQL database whose CRM schema and billing schema are
// described by separate dataset files, the billing accounts linked to CRM contacts only by a
// copied e-mail address. Access through the plugin follows the link across the datasets, with
// each dataset's collections named by it; erasure erases in both, in one transaction, and
// leaves the other contact's rows alone.

#include <gmock/gmock.h>
#include <unistd.h>

#include "sql_plugin_fixture.hpp"
#include "support/postgres_server.hpp"
#include "support/process.hpp"

namespace dsrflow::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

constexpr const char* kCrmDataset = R"(dataset: crm
schema: crm
tables:
  - name: contact
    fields:
      - {name: id, primary_key: true, categories: [user.unique_id], origin: inferred}
      - {name: email, categories: [user.contact.email], origin: provided, identity: email}
      - {name: name, categories: [user.name], origin: provided}
)";

constexpr const char* kBillingDataset = R"(dataset: billing
schema: billing
tables:
  - name: account
    erasure: delete_row
    fields:
      - {name: id, primary_key: true}
      - name: contact_email
        categories: [user.contact.email]
        origin: provided
        references: [{field: crm.contact.email, direction: from}]
      - {name: iban, categories: [user.financial.bank_account], origin: provided}
  - name: payment
    erasure: delete_row
    fields:
      - {name: id, primary_key: true}
      - name: account_id
        references: [{field: account.id, direction: from}]
      - {name: amount, categories: [user.financial], origin: observed}
)";

class TwoDatasetsTest : public SqlPluginTest {
 protected:
  void SetUp() override {
    SqlPluginTest::SetUp();
    try {
      url_ = PostgresServer::shared().createDatabase("sql_two_" + std::to_string(getpid()));
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
    psql(
        "CREATE SCHEMA crm; CREATE SCHEMA billing;"
        "CREATE TABLE crm.contact (id integer PRIMARY KEY, email text, name text);"
        "CREATE TABLE billing.account (id integer PRIMARY KEY, contact_email text, iban text);"
        "CREATE TABLE billing.payment (id integer PRIMARY KEY, account_id integer REFERENCES "
        "billing.account (id), amount numeric);"
        "INSERT INTO crm.contact VALUES (1, 'ann@example.com', 'Ann'), (2, 'bob@example.com', "
        "'Bob');"
        "INSERT INTO billing.account VALUES (10, 'ann@example.com', 'DE02120300000000202051'), "
        "(11, 'bob@example.com', 'DE02500105170137075030');"
        "INSERT INTO billing.payment VALUES (100, 10, 9.99), (101, 10, 19.99), (102, 11, 5.00);");
    writeFile(dir_ / "crm.yaml", kCrmDataset);
    writeFile(dir_ / "billing.yaml", kBillingDataset);
    auto created =
        create(R"({"url": ")" + url_ + R"(", "datasets": [")" + (dir_ / "crm.yaml").string() +
               R"(", ")" + (dir_ / "billing.yaml").string() + R"("]})");
    ASSERT_TRUE(created.ok()) << created.error().message;
    system_ = std::move(created).value();
  }

  // psql's unaligned output of `sql`.
  std::string psql(const std::string& sql) const {
    auto bin = PostgresServer::findBinDir();
    if (!bin) {
      ADD_FAILURE() << "no PostgreSQL client programs found";
      return "";
    }
    ProcessResult r =
        runProcess((*bin / "psql").string(),
                   {"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url_, "-c", sql});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return r.out;
  }

  std::string url_;
  std::unique_ptr<plugin_host::PluginInstance> system_;
};

TEST_F(TwoDatasetsTest, AccessFollowsACopiedEmailIntoTheOtherDataset) {
  AccessAnswer answer =
      run(*system_, request(Action::kAccess, {{IdentityType::kEmail, "", "ann@example.com"}}));
  EXPECT_EQ(answer.result.outcome, Outcome::kCompleted) << answer.result.reason;
  EXPECT_THAT(answer.recordsPer,
              ElementsAre(Pair("account", 1), Pair("contact", 1), Pair("payment", 2)));
  for (const auto& record : answer.records) {
    if (record->getValue<std::string>("collection") != "account") continue;
    EXPECT_EQ(record->getObject("fields")->getValue<std::string>("iban"), "DE02120300000000202051");
  }
}

TEST_F(TwoDatasetsTest, ErasureErasesInBothDatasetsAndNothingOfTheOtherContact) {
  const std::string bobBefore = psql(
      "SELECT * FROM crm.contact WHERE id = 2; SELECT * FROM billing.account WHERE id = 11;"
      "SELECT * FROM billing.payment WHERE id = 102");
  AccessAnswer erased =
      run(*system_, request(Action::kErase, {{IdentityType::kEmail, "", "ann@example.com"}}));
  EXPECT_EQ(erased.result.outcome, Outcome::kErased) << erased.result.reason;
  EXPECT_EQ(psql("SELECT count(*) FROM billing.account WHERE id = 10"), "0\n");
  EXPECT_EQ(psql("SELECT count(*) FROM billing.payment WHERE account_id = 10"), "0\n");
  EXPECT_EQ(psql("SELECT email IS NULL AND name IS NULL FROM crm.contact WHERE id = 1"), "t\n");
  EXPECT_EQ(psql("SELECT * FROM crm.contact WHERE id = 2; SELECT * FROM billing.account WHERE "
                 "id = 11; SELECT * FROM billing.payment WHERE id = 102"),
            bobBefore);
}

}  // namespace
}  // namespace dsrflow::testing
