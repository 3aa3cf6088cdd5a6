// The traversal's statements: quoted identifiers, one placeholder per value, never a value in
// the text.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/access/select_query.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(SelectQuery, BindsEveryValueAndQuotesEveryName) {
  const std::string robert = "Robert'); DROP TABLE students;--";
  std::vector<InList> where = {
      InList{
          "email", std::nullopt, {SqlValue::ofText("ann@example.com"), SqlValue::ofText(robert)}},
      InList{"entity_id",
             ColumnCondition{"entity_table", "civicrm_contact"},
             {SqlValue::ofInteger(7)}},
  };
  SelectQuery q = buildSelect(SqlBackend::kPostgresql,
                              qualifiedTable(SqlBackend::kPostgresql, "crm", "Contact Notes"),
                              {{"id"}, {"email"}, {"price", true}}, where);
  // PostgreSQL: each list goes as one array value.
  EXPECT_EQ(
      q.sql,
      "SELECT \"id\", \"email\", CAST(\"price\" AS TEXT) FROM \"crm\".\"Contact Notes\" "
      "WHERE (\"email\" = ANY(:v0)) OR (\"entity_id\" = ANY(:v1) AND \"entity_table\" = :v2)");
  ASSERT_EQ(q.binds.size(), 3U);
  EXPECT_EQ(q.binds[0].text, R"({"ann@example.com","Robert'); DROP TABLE students;--"})");
  EXPECT_EQ(q.binds[1].text, R"({"7"})");
  EXPECT_EQ(q.binds[2].text, "civicrm_contact");
  // Elsewhere: one placeholder per value.
  SelectQuery sqlite = buildSelect(SqlBackend::kSqlite, "`t`", {{"id"}}, where);
  EXPECT_EQ(sqlite.sql,
            "SELECT `id` FROM `t` WHERE (`email` IN (:v0, :v1)) OR (`entity_id` IN (:v2) AND "
            "`entity_table` = :v3)");
  ASSERT_EQ(sqlite.binds.size(), 4U);
  EXPECT_EQ(sqlite.binds[1].text, robert);
  EXPECT_EQ(sqlite.binds[2].integer, 7);
  EXPECT_THAT(q.sql, Not(HasSubstr("example.com")));
  EXPECT_THAT(q.sql, Not(HasSubstr("civicrm_contact")));

  SelectQuery mysql =
      buildSelect(SqlBackend::kMysql, qualifiedTable(SqlBackend::kMysql, "", "t"), {{"a"}},
                  {InList{"b", std::nullopt, {SqlValue::ofInteger(1)}, true}});
  EXPECT_EQ(mysql.sql, "SELECT `a` FROM `t` WHERE (CAST(`b` AS CHAR) IN (:v0))");
  EXPECT_EQ(buildSelect(SqlBackend::kSqlite, "`t`", {{"a"}, {"b"}}, {}).sql,
            "SELECT `a`, `b` FROM `t` WHERE 1 = 0");
  // A quote inside a name (which validation never lets through) still cannot end it.
  EXPECT_EQ(quoteIdentifier(SqlBackend::kPostgresql, "a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(quoteIdentifier(SqlBackend::kSqlite, "a`b"), "`a``b`");
}

TEST(SelectQuery, PostgresArraysQuoteEveryElement) {
  SelectQuery q;
  const std::string sql = matchAny(SqlBackend::kPostgresql, "\"v\"",
                                   {SqlValue::ofText(R"(a"b\c)"), SqlValue::ofText("{x,y}"),
                                    SqlValue::ofText(""), SqlValue::ofInteger(-3)},
                                   q);
  EXPECT_EQ(sql, "\"v\" = ANY(:v0)");
  ASSERT_EQ(q.binds.size(), 1U);
  EXPECT_EQ(q.binds[0].text, R"({"a\"b\\c","{x,y}","","-3"})");
}

TEST(SelectQuery, PagesFollowTheKeyWithBoundValues) {
  PagedSelect select{"`event`",
                     {{"contact_id"}, {"id"}, {"seq"}, {"payload"}},
                     {InList{"contact_id", std::nullopt, {SqlValue::ofInteger(1)}}},
                     {1, 2}};
  SelectQuery first = buildPage(SqlBackend::kMysql, select, {}, 1000);
  EXPECT_EQ(first.sql,
            "SELECT `contact_id`, `id`, `seq`, `payload` FROM `event` WHERE ((`contact_id` IN "
            "(:v0))) ORDER BY `id`, `seq` LIMIT 1000");
  ASSERT_EQ(first.binds.size(), 1U);

  SelectQuery next = buildPage(SqlBackend::kMysql, select,
                               {SqlValue::ofText("o'brien"), SqlValue::ofInteger(7)}, 1000);
  EXPECT_EQ(next.sql,
            "SELECT `contact_id`, `id`, `seq`, `payload` FROM `event` WHERE ((`contact_id` IN "
            "(:v0))) AND ((`id` > :v1) OR (`id` = :v2 AND `seq` > :v3)) ORDER BY `id`, `seq` "
            "LIMIT 1000");
  ASSERT_EQ(next.binds.size(), 4U);
  EXPECT_EQ(next.binds[1].text, "o'brien");
  EXPECT_EQ(next.binds[2].text, "o'brien");
  EXPECT_EQ(next.binds[3].integer, 7);
}

TEST(SelectQuery, ValuesKeepOneTextForm) {
  SqlValue number;
  number.kind = SqlValue::Kind::kNumber;
  number.number = 7.0;
  EXPECT_EQ(number.canonical(), "7");
  EXPECT_EQ(SqlValue::ofInteger(7).canonical(), "7");
  number.number = 0.1;
  EXPECT_EQ(number.canonical(), "0.1");
  EXPECT_EQ(asNumber(SqlValue::ofText("42"))->integer, 42);
  EXPECT_EQ(asNumber(SqlValue::ofText("-2.5"))->number, -2.5);
  EXPECT_FALSE(asNumber(SqlValue::ofText("ann@example.com")));
  EXPECT_FALSE(asNumber(SqlValue::ofText("")));
  EXPECT_FALSE(asNumber(SqlValue::ofText("12abc")));
}

}  // namespace
}  // namespace dsrflow::sql
