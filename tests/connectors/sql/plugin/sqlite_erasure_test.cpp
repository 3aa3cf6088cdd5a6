// erase, suppress and restrict of the SQL connector through dsrflow's host on the generated
// SQLite CRM: outcomes as the host reads them (counts, method, retained with end dates, rows
// for review), a second erase finding nothing, and dry runs that answer with the plan and
// change nothing.

#include <gmock/gmock.h>

#include "connectors/sql/sample_crm.hpp"
#include "sql/erasure/retention_period.hpp"
#include "sql_plugin_fixture.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::testing {
namespace {

using dsrflow::Action;
using dsrflow::Outcome;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

class SqliteErasureTest : public SqlPluginTest {
 protected:
  void SetUp() override {
    SqlPluginTest::SetUp();
    createSampleCrm(dir_ / "crm.db");
    writeFile(dir_ / "crm.yaml", kSampleCrmDataset);
    auto created = create(R"({"url": "sqlite3://)" + (dir_ / "crm.db").string() +
                          R"(", "dataset": ")" + (dir_ / "crm.yaml").string() + "\"}");
    ASSERT_TRUE(created.ok()) << created.error().message;
    crm_ = std::move(created).value();
  }

  AccessAnswer call(Action action, const std::string& email,
                    std::vector<std::string> categories = {}, bool dryRun = false) {
    plugin_host::ActionRequest r =
        request(action, {{IdentityType::kEmail, "", email}}, std::move(categories));
    r.dryRun = dryRun;
    return run(*crm_, r);
  }

  static Poco::JSON::Object::Ptr outcomeOf(const AccessAnswer& answer) {
    Poco::JSON::Parser parser;
    return parser.parse(answer.result.outcomeJson).extract<Poco::JSON::Object::Ptr>();
  }

  std::unique_ptr<plugin_host::PluginInstance> crm_;
};

TEST_F(SqliteErasureTest, EraseReportsCountsRetentionAndTheSharedHousehold) {
  const AccessAnswer erased = call(Action::kErase, "ann@example.com");
  ASSERT_EQ(erased.result.outcome, Outcome::kNeedsReview) << erased.result.outcomeJson;
  EXPECT_THAT(erased.result.reason, HasSubstr("1 row was left unchanged because rows of other "
                                              "people link to it"));
  EXPECT_THAT(erased.result.counts,
              ElementsAre(Pair("user.behavior", 2), Pair("user.contact.email", 3),
                          Pair("user.content", 2), Pair("user.financial", 2), Pair("user.name", 2),
                          Pair("user.privacy_preferences", 2), Pair("user.unique_id", 1)));
  // The newsletter addresses were pseudonymised: the weakest method is the one reported.
  EXPECT_EQ(erased.result.method, ErasureMethod::kPseudonymisedKeyDestroyed);
  auto outcome = outcomeOf(erased);
  auto review = outcome->getArray("review");
  ASSERT_EQ(review->size(), 1U);
  EXPECT_EQ(review->getObject(0)->getValue<std::string>("collection"), "household");
  EXPECT_EQ(review->getObject(0)->getObject("key")->getValue<int>("id"), 10);
  EXPECT_EQ(review->getObject(0)->getArray("linked_from")->getElement<std::string>(0), "contact");
  auto retained = outcome->getArray("retained");
  ASSERT_EQ(retained->size(), 3U);
  const std::string end = std::to_string(std::stoi(sql::todayUtc().substr(0, 4)) + 8) + "-12-31";
  for (std::size_t i = 0; i < retained->size(); ++i) {
    auto item = retained->getObject(static_cast<unsigned>(i));
    EXPECT_EQ(item->getValue<std::string>("retention_end"), end);
    EXPECT_THAT(item->getValue<std::string>("legal_basis"), HasSubstr("AO §147 (1) 4"));
  }
  // Details name each collection's method; nothing in the outcome quotes Ann's data.
  EXPECT_THAT(erased.result.outcomeJson, HasSubstr(R"("method":"pseudonymised_key_destroyed")"));
  EXPECT_THAT(erased.result.outcomeJson, Not(HasSubstr("ann@example.com")));

  // Erasing twice: nothing of Ann is left to find.
  EXPECT_EQ(call(Action::kErase, "ann@example.com").result.outcome, Outcome::kNotFound);
  EXPECT_EQ(call(Action::kAccess, "ann@example.com").result.outcome, Outcome::kNotFound);
}

TEST_F(SqliteErasureTest, ErasedWhenNothingIsShared) {
  const AccessAnswer cat = call(Action::kErase, "cat@example.com");
  ASSERT_EQ(cat.result.outcome, Outcome::kErased) << cat.result.outcomeJson;
  EXPECT_EQ(cat.result.method, ErasureMethod::kRewritten);
  EXPECT_THAT(cat.result.counts,
              ElementsAre(Pair("user.contact.address", 1), Pair("user.contact.email", 1),
                          Pair("user.name", 1), Pair("user.unique_id", 1)));
  // Only the topics: the rows stay and a second erase finds nothing left to change.
  const AccessAnswer topics = call(Action::kErase, "bob@example.com", {"user.privacy_preferences"});
  EXPECT_EQ(topics.result.outcome, Outcome::kErased);
  EXPECT_EQ(topics.result.method, ErasureMethod::kNulled);
  EXPECT_THAT(topics.result.counts, ElementsAre(Pair("user.privacy_preferences", 1)));
  const AccessAnswer again = call(Action::kErase, "bob@example.com", {"user.privacy_preferences"});
  EXPECT_EQ(again.result.outcome, Outcome::kErased);
  EXPECT_TRUE(again.result.counts.empty());
  // Only this year's invoice and order total: kept until their period ends.
  const AccessAnswer invoices = call(Action::kErase, "bob@example.com", {"user.financial"});
  EXPECT_EQ(invoices.result.outcome, Outcome::kRetained);
  EXPECT_EQ(invoices.result.reason, "kept on a legal basis; nothing else was left to erase");
}

TEST_F(SqliteErasureTest, ADryRunAnswersWithThePlanAndChangesNothing) {
  const std::string before = dumpSqlite(dir_ / "crm.db");
  const AccessAnswer plan = call(Action::kErase, "ann@example.com", {}, true);
  EXPECT_EQ(dumpSqlite(dir_ / "crm.db"), before);
  ASSERT_EQ(plan.result.outcome, Outcome::kCompleted) << plan.result.outcomeJson;
  auto outcome = outcomeOf(plan);
  EXPECT_TRUE(outcome->getValue<bool>("dry_run"));
  EXPECT_EQ(outcome->getValue<std::string>("would_answer"), "needs_review");
  EXPECT_EQ(outcome->getValue<std::string>("method"), "pseudonymised_key_destroyed");
  auto statements = outcome->getArray("statements");
  ASSERT_EQ(statements->size(), 7U);
  auto last = statements->getObject(6);
  EXPECT_EQ(last->getValue<std::string>("sql"), "DELETE FROM `contact` WHERE `id` IN (:v0)");
  EXPECT_EQ(last->getValue<std::string>("action"), "delete_row");
  EXPECT_EQ(last->getArray("rows")->getObject(0)->getValue<int>("id"), 1);
  EXPECT_EQ(last->getValue<int>("rows_total"), 1);
  auto pseudonyms = statements->getObject(0);
  EXPECT_EQ(pseudonyms->getValue<std::string>("sql"),
            "UPDATE `newsletter` SET `address` = :v0 WHERE `id` IN (:v1)");
  EXPECT_EQ(pseudonyms->getValue<int>("runs"), 2);
  // The values the statements would bind are not in the answer; the rows' keys are.
  EXPECT_THAT(plan.result.outcomeJson, Not(HasSubstr("psd:")));
  EXPECT_THAT(plan.result.outcomeJson, Not(HasSubstr("(erased)")));
  EXPECT_THAT(plan.result.outcomeJson, Not(HasSubstr("ann@example.com")));
  EXPECT_EQ(call(Action::kAccess, "ann@example.com").records.size(), 14U);
}

TEST_F(SqliteErasureTest, SuppressAndRestrictSetTheDatasetsFlags) {
  const AccessAnswer suppressed = call(Action::kSuppress, "ann@example.com");
  ASSERT_EQ(suppressed.result.outcome, Outcome::kSuppressed) << suppressed.result.outcomeJson;
  EXPECT_THAT(suppressed.result.outcomeJson,
              HasSubstr(R"({"collection":"contact","field":"do_not_email","rows":1,"already":0})"));
  EXPECT_THAT(call(Action::kSuppress, "ann@example.com").result.outcomeJson,
              HasSubstr(R"("already":1)"));
  const AccessAnswer restricted = call(Action::kRestrict, "ann@example.com");
  EXPECT_EQ(restricted.result.outcome, Outcome::kCompleted) << restricted.result.outcomeJson;
  EXPECT_THAT(dumpSqlite(dir_ / "crm.db"), HasSubstr("1|'ann@example.com'|'Ann'|10|1|'20"));

  const std::string before = dumpSqlite(dir_ / "crm.db");
  const AccessAnswer plan = call(Action::kRestrict, "bob@example.com", {}, true);
  EXPECT_EQ(plan.result.outcome, Outcome::kCompleted);
  EXPECT_THAT(plan.result.outcomeJson,
              HasSubstr("UPDATE `contact` SET `restricted_at` = CURRENT_TIMESTAMP WHERE `id` IN "
                        "(:v0)"));
  EXPECT_EQ(dumpSqlite(dir_ / "crm.db"), before);
  EXPECT_EQ(call(Action::kSuppress, "zed@example.com").result.outcome, Outcome::kNotFound);
}

}  // namespace
}  // namespace dsrflow::testing
