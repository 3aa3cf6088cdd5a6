// The access traversal on a real SQLite file (tests/connectors/sql/sample_crm.hpp): waves, value
// links, polymorphic links, link tables, directions, category filtering and chunking.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "connectors/sql/sample_crm_db.hpp"
#include "sql/access/access_traversal.hpp"
#include "sql/dataset/dataset_loader.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

// Keeps what the sink saw: "collection: field=value, ..." per row.
class CollectingRows final : public RowSink {
 public:
  bool accept(const FoundRow& row) override {
    std::string text = *row.collection + ":";
    for (const FieldValue& f : row.fields) {
      text += " " + f.field->name + "=" + (f.value.isNull() ? "null" : f.value.canonical());
    }
    if (!row.key.empty()) {
      text += " [key";
      for (const FieldValue& k : row.key) text += " " + k.field->name + "=" + k.value.canonical();
      text += "]";
    }
    rows.push_back(text);
    return rows.size() < stopAfter;
  }
  std::vector<std::string> rows;
  std::size_t stopAfter = static_cast<std::size_t>(-1);
};

class AccessTraversalTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::openSampleCrm(dir_ / "crm.db", graph_, db_); }

  AccessStats access(const std::string& email, const AccessOptions& options = {}) {
    auto stats = runAccess(*db_, *graph_, {SeedValue{"email", email}}, options, sink_);
    EXPECT_TRUE(stats.ok()) << stats.error().message;
    return stats.ok() ? *stats : AccessStats{};
  }

  std::map<std::string, std::size_t> perCollection(const AccessStats& stats) const {
    std::map<std::string, std::size_t> out;
    for (std::size_t t = 0; t < stats.rowsPerTable.size(); ++t) {
      if (stats.rowsPerTable[t] > 0) out[graph_->tables()[t].collection] = stats.rowsPerTable[t];
    }
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<DatasetGraph> graph_;
  std::unique_ptr<SqlDatabase> db_;
  CollectingRows sink_;
};

TEST_F(AccessTraversalTest, FollowsValuePolymorphicAndLinkTableLinksInWaves) {
  const AccessStats stats = access("ann@example.com");
  EXPECT_THAT(perCollection(stats),
              ElementsAre(Pair("contact", 1), Pair("contact_tag", 2), Pair("household", 1),
                          Pair("invoice", 2), Pair("newsletter", 2), Pair("note", 2),
                          Pair("orders", 2), Pair("tag", 2)));
  EXPECT_EQ(stats.rowsFound, 14U);
  EXPECT_EQ(stats.rowsEmitted, 14U);
  // contact; then household, newsletter, note (via contact), orders, invoice, contact_tag; then
  // note (via orders) and tag.
  EXPECT_EQ(stats.waves, 3U);
  EXPECT_EQ(stats.queries, 9U);
  EXPECT_THAT(
      sink_.rows,
      UnorderedElementsAre(
          "contact: id=1 email=ann@example.com name=Ann [key id=1]",
          "household: address=1 Main Street", "newsletter: address=ann@example.com topic=news",
          "newsletter: address=ann@example.com topic=deals", "note: body=called Ann",
          "note: body=Ann's order", "orders: id=100 total=20.5 [key id=100]",
          "orders: id=102 total=5 [key id=102]", "invoice: billing_name=Ann amount=20.5",
          "invoice: billing_name=Ann amount=5", "contact_tag: tag_id=1", "contact_tag: tag_id=2",
          "tag: label=vip", "tag: label=churn risk"));
}

TEST_F(AccessTraversalTest, NeverCrossesToOtherPeopleAgainstALinksDirection) {
  // Bob shares Ann's household and her "vip" tag; neither leads back to Ann.
  access("bob@example.com");
  for (const std::string& row : sink_.rows) {
    EXPECT_THAT(row, ::testing::Not(HasSubstr("ann@example.com")));
    EXPECT_THAT(row, ::testing::Not(HasSubstr("Ann")));
  }
  EXPECT_THAT(sink_.rows, ::testing::Contains("household: address=1 Main Street"));
  EXPECT_THAT(sink_.rows, ::testing::Contains("note: body=Bob's order"));
  EXPECT_EQ(sink_.rows.size(), 9U);
  // The note about invoice 1 names id 1 but another table: found for nobody.
  for (const char* email : {"ann@example.com", "cat@example.com"}) {
    access(email);
  }
  for (const std::string& row : sink_.rows) {
    EXPECT_THAT(row, ::testing::Not(HasSubstr("not contact 1")));
  }
}

TEST_F(AccessTraversalTest, ReturnsOnlyTheRequestedCategoriesButFollowsEveryLink) {
  AccessOptions options;
  options.categories = {"user.contact"};
  const AccessStats stats = access("ann@example.com", options);
  EXPECT_EQ(stats.rowsFound, 14U);
  EXPECT_EQ(stats.rowsEmitted, 4U);
  EXPECT_THAT(sink_.rows, UnorderedElementsAre("contact: email=ann@example.com",
                                               "household: address=1 Main Street",
                                               "newsletter: address=ann@example.com",
                                               "newsletter: address=ann@example.com"));
}

TEST_F(AccessTraversalTest, ChunksInListsWithoutChangingTheResult) {
  AccessOptions options;
  options.chunkSize = 1;
  const AccessStats stats = access("ann@example.com", options);
  EXPECT_EQ(stats.rowsFound, 14U);
  EXPECT_EQ(stats.waves, 3U);
  // Every value its own statement: contact; household, newsletter, note, orders, invoice,
  // contact_tag; note twice (orders 100 and 102), tag twice.
  EXPECT_EQ(stats.queries, 11U);
}

TEST_F(AccessTraversalTest, UnknownPeopleAndIdentityTypesFindNothing) {
  EXPECT_EQ(access("nobody@example.com").rowsFound, 0U);
  auto stats = runAccess(*db_, *graph_, {SeedValue{"phone", "+4930123456"}}, {}, sink_);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->rowsFound, 0U);
  EXPECT_EQ(stats->queries, 0U);
  EXPECT_TRUE(sink_.rows.empty());
}

TEST_F(AccessTraversalTest, TheSinkAndCancellationStopIt) {
  sink_.stopAfter = 2;
  AccessStats stopped = access("ann@example.com");
  EXPECT_TRUE(stopped.stopped);
  EXPECT_EQ(sink_.rows.size(), 2U);

  AccessOptions options;
  int asked = 0;
  options.cancelled = [&asked] { return ++asked > 3; };
  sink_.stopAfter = static_cast<std::size_t>(-1);
  AccessStats cancelled = access("ann@example.com", options);
  EXPECT_TRUE(cancelled.stopped);
  EXPECT_LT(cancelled.rowsFound, 14U);
}

TEST_F(AccessTraversalTest, AMissingColumnNamesTheDatasetLine) {
  auto dataset = parseDataset(R"(dataset: crm
tables:
  - name: contact
    fields:
      - {name: id, primary_key: true}
      - {name: email, categories: [user.contact.email], origin: provided, identity: email}
      - {name: mobile, categories: [user.contact.phone_number], origin: provided}
)",
                              "crm.yaml");
  ASSERT_TRUE(dataset.ok());
  auto graph = DatasetGraph::build({*dataset});
  ASSERT_TRUE(graph.ok());
  auto stats = runAccess(*db_, *graph, {SeedValue{"email", "ann@example.com"}}, {}, sink_);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.error().code, ErrorCode::kInvalidArgument);
  EXPECT_THAT(stats.error().message, HasSubstr("crm.yaml:3: tables[0]: cannot read `contact`"));
  EXPECT_THAT(stats.error().message, HasSubstr("mobile"));
  Status schema = checkSchema(*db_, *graph);
  ASSERT_FALSE(schema.ok());
  EXPECT_THAT(schema.error().message, HasSubstr("mobile"));
  EXPECT_TRUE(checkSchema(*db_, *graph_).ok());
}

}  // namespace
}  // namespace dsrflow::sql
