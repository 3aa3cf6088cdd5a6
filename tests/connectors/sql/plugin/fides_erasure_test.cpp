// Acceptance (a) of the SQL connector's erasure on third-party data: the erasures Fides' own
// tests assert on its example database (fixtures/README.md), through the plugin in dsrflow's
// host, on PostgreSQL. Fides' policy in those tests null-rewrites the targeted categories,
// which is what the imported dataset does by default (no strategy: set to NULL).

#include <gmock/gmock.h>

#include "fides_fixture.hpp"

namespace dsrflow::testing {
namespace {

using dsrflow::Action;
using dsrflow::Outcome;
using ::testing::AnyOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

class FidesErasureTest : public FidesPostgresTest {
 protected:
  // Fides skips collections without a primary key; here the dataset must say what erasure does
  // to a visit, whose e-mail is part of the table's key (so it cannot be NULL): delete it.
  void review(sql::Dataset& dataset) override {
    for (sql::Table& table : dataset.tables) {
      if (table.name == "visit") {
        table.erasure = sql::ErasureStrategy{sql::ErasureKind::kDeleteRow, {}, {}, {}};
      }
    }
  }

  AccessAnswer erase(const std::string& email, std::vector<std::string> categories,
                     bool dryRun = false) {
    auto system = fidesSystem();
    if (!system) return {};
    plugin_host::ActionRequest r =
        request(Action::kErase, {{IdentityType::kEmail, "", email}}, std::move(categories));
    r.dryRun = dryRun;
    return run(*system, r);
  }

  // A checksum of every row of every table of both schemas.
  std::string checksum() const {
    return psql(
        "SELECT md5(string_agg(table_schema || '.' || table_name || ':' || "
        "query_to_xml(format('SELECT t::text AS r FROM %I.%I t ORDER BY 1', table_schema, "
        "table_name), true, false, '')::text, ',' ORDER BY table_schema, table_name)) FROM "
        "information_schema.tables WHERE table_schema IN ('public', 'backup_schema') AND "
        "table_type = 'BASE TABLE'");
  }
};

TEST_F(FidesErasureTest, NullRewriteOfUserNameForCustomer1) {
  const std::string names =
      "SELECT string_agg(id || '=' || coalesce(name, 'NULL'), ',' ORDER BY "
      "id) FROM customer";
  const AccessAnswer erased = erase("customer-1@example.com", {"user.name"});
  ASSERT_EQ(erased.result.outcome, Outcome::kErased) << erased.result.outcomeJson;
  EXPECT_EQ(erased.result.method, ErasureMethod::kNulled);
  EXPECT_THAT(erased.result.counts, ElementsAre(Pair("user.name", 1)));
  EXPECT_EQ(psql(names), "1=NULL,2=Jill Customer,3=Jane Customer");
  EXPECT_EQ(psql("SELECT email FROM customer WHERE id = 1"), "customer-1@example.com");

  // Again: the customer is still found by e-mail, and nothing is left to erase.
  const AccessAnswer again = erase("customer-1@example.com", {"user.name"});
  EXPECT_EQ(again.result.outcome, Outcome::kErased);
  EXPECT_TRUE(again.result.counts.empty()) << again.result.outcomeJson;
  EXPECT_EQ(psql(names), "1=NULL,2=Jill Customer,3=Jane Customer");
}

TEST_F(FidesErasureTest, NullRewriteOfUserContactForCustomer2) {
  const AccessAnswer erased = erase("customer-2@example.com", {"user.contact"});
  // Customer 2's addresses are also other people's: address 1 is customer 1's home and
  // address 2 the shipping address of customer 1's order ord_aaa. They are left for review.
  ASSERT_EQ(erased.result.outcome, Outcome::kNeedsReview) << erased.result.outcomeJson;
  // The customer's e-mail, and the visit: its e-mail and time.
  EXPECT_THAT(erased.result.counts,
              ElementsAre(Pair("system.operations", 1), Pair("user.contact.email", 2)));
  EXPECT_THAT(erased.result.outcomeJson,
              HasSubstr(R"({"collection":"address","key":{"id":1},"categories":)"));
  EXPECT_THAT(erased.result.outcomeJson, HasSubstr(R"("key":{"id":2})"));
  EXPECT_THAT(erased.result.outcomeJson, HasSubstr(R"("linked_from":["customer","orders")"));

  // Fides' assertions: the e-mail is NULL, the name is kept, the other customers' e-mails are
  // unchanged.
  EXPECT_EQ(psql("SELECT coalesce(email, 'NULL') || ' ' || name FROM customer WHERE id = 2"),
            "NULL Jill Customer");
  EXPECT_EQ(psql("SELECT string_agg(email, ',' ORDER BY id) FROM customer WHERE id <> 2"),
            "customer-1@example.com,jane@example.com");
  // The visit (its e-mail is its key) went; the addresses did not change.
  EXPECT_EQ(psql("SELECT string_agg(email, ',' ORDER BY email) FROM visit"),
            "customer-1@example.com");
  EXPECT_EQ(psql("SELECT street FROM address WHERE id = 2"), "Example Lane");
}

TEST_F(FidesErasureTest, NullRewriteOfUserFinancialForCustomer1) {
  const std::string cards =
      "SELECT string_agg(id || ':' || coalesce(ccn::text, 'NULL') || ',' || "
      "coalesce(code::text, 'NULL') || ',' || coalesce(name, 'NULL'), ' ' ORDER BY id) FROM "
      "payment_card";
  const AccessAnswer erased = erase("customer-1@example.com", {"user.financial"});
  ASSERT_EQ(erased.result.outcome, Outcome::kErased) << erased.result.outcomeJson;
  EXPECT_THAT(erased.result.counts,
              ElementsAre(Pair("user.financial", 2), Pair("user.financial.bank_account", 1)));
  EXPECT_EQ(psql(cards),
            "pay_aaa-aaa:NULL,NULL,NULL pay_bbb-bbb:987654321,123,Example Card 2 "
            "pay_ccc-ccc:373719391,222,Example Card 3");
}

TEST_F(FidesErasureTest, ADryRunListsTheStatementsAndChangesNothing) {
  const std::string before = checksum();
  ASSERT_EQ(before.size(), 32U);
  const AccessAnswer plan = erase("customer-1@example.com", {"user"}, true);
  EXPECT_EQ(checksum(), before);
  ASSERT_EQ(plan.result.outcome, Outcome::kCompleted) << plan.result.outcomeJson;
  EXPECT_THAT(plan.result.outcomeJson, HasSubstr(R"("dry_run":true)"));
  EXPECT_THAT(plan.result.outcomeJson, HasSubstr(R"("would_answer":"needs_review")"));
  EXPECT_THAT(
      plan.result.outcomeJson,
      HasSubstr(R"x("sql":"UPDATE \"customer\" SET \"email\" = NULL WHERE \"id\" = ANY(:v0)")x"));
  EXPECT_THAT(plan.result.outcomeJson,
              HasSubstr(R"x("sql":"DELETE FROM \"visit\" WHERE (\"email\" = :v0 AND )x"
                        R"x(\"last_visit\" = :v1)")x"));
  EXPECT_THAT(plan.result.outcomeJson,
              HasSubstr(R"x("rows":[{"email":"customer-1@example.com","last_visit":)x"));
  // Values to set are bound: none appears in a statement.
  EXPECT_THAT(plan.result.outcomeJson, Not(HasSubstr("= 'customer")));

  // The real run then does what the plan said, and a second one finds nothing left to change.
  const AccessAnswer erased = erase("customer-1@example.com", {"user"});
  EXPECT_EQ(erased.result.outcome, Outcome::kNeedsReview) << erased.result.outcomeJson;
  const std::string after = checksum();
  EXPECT_NE(after, before);
  EXPECT_EQ(psql("SELECT coalesce(email, 'NULL') FROM customer WHERE id = 1"), "NULL");
  EXPECT_EQ(psql("SELECT count(*) FROM login WHERE customer_id IS NULL AND time IS NULL"), "6");
  const AccessAnswer again = erase("customer-1@example.com", {"user"});
  EXPECT_THAT(again.result.outcome, AnyOf(Outcome::kNotFound, Outcome::kErased));
  EXPECT_TRUE(again.result.counts.empty()) << again.result.outcomeJson;
  EXPECT_EQ(checksum(), after);
}

TEST_F(FidesErasureTest, AStatementTheDatabaseRefusesChangesNothing) {
  // Everything, system.operations included: order_item has no key in Fides' dataset, and its
  // order_id is part of the table's key, so PostgreSQL refuses to set it to NULL.
  const std::string before = checksum();
  const AccessAnswer erased = erase("customer-1@example.com", {});
  ASSERT_TRUE(erased.result.failed());
  EXPECT_FALSE(erased.result.retryable);
  EXPECT_EQ(erased.result.reason,
            "the statement on order_item failed (SQLSTATE 23502: a NOT NULL column of the "
            "database refused it)");
  EXPECT_EQ(checksum(), before);
}

}  // namespace
}  // namespace dsrflow::testing
