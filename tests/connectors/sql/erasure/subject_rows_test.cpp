// The rows erasure collects (tests/connectors/sql/sample_crm.hpp): every row once, with the
// values the plan reads, and without the free text nobody reads again, which is most of a large
// subject's size.

#include "sql/erasure/subject_rows.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "connectors/sql/sample_crm_db.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::sql {
namespace {

class SubjectRowsTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::openSampleCrm(dir_ / "crm.db", graph_, db_); }

  // Ann's rows of `collection`, by field name: the value's text, "NULL", or "(dropped)" for a
  // value kept only as not NULL.
  std::vector<std::map<std::string, std::string>> annsRows(const std::string& collection) {
    auto rows = collectSubjectRows(*db_, *graph_, {SeedValue{"email", "ann@example.com"}}, {});
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    std::vector<std::map<std::string, std::string>> out;
    if (!rows.ok()) return out;
    for (std::size_t t = 0; t < graph_->tables().size(); ++t) {
      if (graph_->tables()[t].collection != collection) continue;
      const Table& table = graph_->tableOf(t);
      for (const SubjectRow& row : rows->byTable[t]) {
        std::map<std::string, std::string>& fields = out.emplace_back();
        for (std::size_t f = 0; f < table.fields.size(); ++f) {
          const SqlValue& v = row.values[f];
          const bool dropped = v.kind == SqlValue::Kind::kText && v.text.empty();
          fields[table.fields[f].name] = v.isNull() ? "NULL"
                                         : dropped  ? "(dropped)"
                                                    : v.canonical();
        }
      }
    }
    return out;
  }

  testing::TempDir dir_{"sql-subject-rows"};
  std::unique_ptr<DatasetGraph> graph_;
  std::unique_ptr<SqlDatabase> db_;
};

TEST_F(SubjectRowsTest, KeepsWhatThePlanReadsAndDropsTextDeletedUnread) {
  // Notes are deleted whole: their body is only counted. Their key and their polymorphic link
  // (entity_table, entity_id) are what the search and the statements use.
  for (const auto& note : annsRows("note")) {
    EXPECT_EQ(note.at("body"), "(dropped)");
    EXPECT_NE(note.at("id"), "(dropped)");
    EXPECT_THAT(note.at("entity_table"), ::testing::AnyOf("contact", "orders"));
    EXPECT_NE(note.at("entity_id"), "(dropped)");
  }
  // The contact: its e-mail is the identity searched by, its flags are read by suppress and
  // restrict; its name is deleted with the row.
  const auto contacts = annsRows("contact");
  ASSERT_EQ(contacts.size(), 1U);
  EXPECT_EQ(contacts[0].at("email"), "ann@example.com");
  EXPECT_EQ(contacts[0].at("name"), "(dropped)");
  // Values erasure reads stay: the household's address is rewritten (compared with the rewrite
  // value), the newsletter's address pseudonymised (hashed), the invoice's date starts its
  // retention period.
  for (const auto& household : annsRows("household")) {
    EXPECT_EQ(household.at("address"), "1 Main Street");
  }
  for (const auto& newsletter : annsRows("newsletter")) {
    EXPECT_EQ(newsletter.at("address"), "ann@example.com");
  }
  for (const auto& invoice : annsRows("invoice")) {
    EXPECT_NE(invoice.at("issued"), "(dropped)");
    EXPECT_EQ(invoice.at("billing_name"), "(dropped)");
  }
}

}  // namespace
}  // namespace dsrflow::sql
