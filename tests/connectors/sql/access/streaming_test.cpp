// Access streams results: one table holding 200,000 rows of one person keeps the heap flat, on
// PostgreSQL because rows come through a cursor a batch at a time, on MariaDB because they come
// in pages ordered by the primary key. Reading the same rows as one result at once holds tens
// of megabytes. Heap use is sampled by glibc's mallinfo2 while
// the rows are handed over, so the bound does not depend on timing.

#include <gtest/gtest.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "connectors/sql/sample_crm_db.hpp"
#include "sql/access/access_traversal.hpp"
#include "support/mariadb_server.hpp"
#include "support/postgres_server.hpp"

namespace dsrflow::sql {
namespace {

constexpr long long kRows = 200000;

// Bytes the heap holds now (small blocks and mmap'ed large ones).
std::size_t heapInUse() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

// Counts rows and the most heap held while they arrive.
class PeakSink final : public RowSink {
 public:
  bool accept(const FoundRow& row) override {
    (void)row;
    if (++rows % 500 == 0) peak = std::max(peak, heapInUse());
    return true;
  }
  long long rows = 0;
  std::size_t peak = 0;
};

// Ten rows of digits, crossed into 200,000 event rows of one contact and one of another.
constexpr const char* kDigits = "CREATE TABLE digit (n integer)";
constexpr const char* kDigitRows =
    "INSERT INTO digit VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)";
constexpr const char* kEvents =
    "INSERT INTO event SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n + 10000 * e.n + "
    "100000 * f.n + 1, 1, CONCAT(REPEAT('x', 200), a.n) FROM digit a, digit b, digit c, digit d, "
    "digit e, digit f WHERE f.n < 2";

// The backend's name: postgresql or mariadb.
class StreamingTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    static int databases = 0;  // one database per test of this process
    const std::string name =
        "sql_stream_" + std::to_string(getpid()) + "_" + std::to_string(++databases);
    std::string url;
    try {
      if (GetParam() == "postgresql") {
        url = testing::PostgresServer::shared().createDatabase(name);
      } else {
        testing::MariadbServer::shared().createDatabase(name);
        url = testing::MariadbServer::shared().url(name);
      }
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
    ASSERT_NO_FATAL_FAILURE(testing::openDatabase(url, db_));
    ASSERT_NO_FATAL_FAILURE(testing::runStatements(
        *db_,
        {"CREATE TABLE contact (id integer PRIMARY KEY, email varchar(100))",
         "CREATE TABLE event (id bigint PRIMARY KEY, contact_id integer, payload varchar(300))",
         "CREATE INDEX event_contact ON event (contact_id)", kDigits, kDigitRows, kEvents,
         "INSERT INTO contact VALUES (1, 'ann@example.com'), (2, 'bob@example.com')",
         "INSERT INTO event VALUES (200001, 2, 'bob')",
         // A composite key whose text part sorts unlike its numbers (k10 before k2): 2,500
         // visits of Ann over three pages, and one of Bob.
         "CREATE TABLE visit (contact_id integer, code varchar(20), page varchar(50), "
         "PRIMARY KEY (contact_id, code))",
         "INSERT INTO visit SELECT 1, CONCAT('k', a.n + 10 * b.n + 100 * c.n + 1000 * d.n), "
         "'/' FROM digit a, digit b, digit c, digit d WHERE a.n + 10 * b.n + 100 * c.n + 1000 * "
         "d.n < 2500",
         "INSERT INTO visit VALUES (2, 'k1', '/bob')"}));
    testing::buildGraph(R"(dataset: crm
tables:
  - name: contact
    fields:
      - {name: id, primary_key: true}
      - {name: email, categories: [user.contact.email], origin: provided, identity: email}
  - name: event
    fields:
      - {name: id, primary_key: true}
      - name: contact_id
        references: [{field: contact.id, direction: from}]
      - {name: payload, categories: [user.behavior], origin: observed}
  - name: visit
    fields:
      - name: contact_id
        primary_key: true
        references: [{field: contact.id, direction: from}]
      - {name: code, primary_key: true}
      - {name: page, categories: [user.behavior], origin: observed}
)",
                        graph_);
  }

  std::unique_ptr<SqlDatabase> db_;
  std::unique_ptr<DatasetGraph> graph_;
};

TEST_P(StreamingTest, ALargeResultStreamsWithinAFewMegabytes) {
  PeakSink sink;
  const std::size_t before = heapInUse();
  sink.peak = before;
  auto stats = runAccess(*db_, *graph_, {SeedValue{"email", "ann@example.com"}}, {}, sink);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(sink.rows, kRows + 1 + 2500);  // the events, the contact and the visits
  EXPECT_EQ(stats->rowsPerTable.at(1), static_cast<std::size_t>(kRows));
  const std::size_t streamed = sink.peak - before;
  EXPECT_LT(streamed, 8U << 20U) << "heap grew by " << streamed << " bytes";

  // The same statement read as one result (outside a transaction: no cursor, no pages) holds
  // it all: the bound above is one a non-streaming read would break.
  const std::size_t baseline = heapInUse();
  std::size_t peak = baseline;
  long long rows = 0;
  Status whole = db_->select(
      SelectQuery{"SELECT id, contact_id, payload FROM event WHERE contact_id IN (1)", {}}, "event",
      [&](const soci::row&) {
        if (++rows % 500 == 0) peak = std::max(peak, heapInUse());
        return true;
      });
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  EXPECT_EQ(rows, kRows);
  EXPECT_GT(peak - baseline, 32U << 20U) << "a whole result should hold the 40 MB of rows";
}

// Each row once, also where pages continue after a composite key.
class VisitSink final : public RowSink {
 public:
  bool accept(const FoundRow& row) override {
    if (*row.collection == "visit") {
      std::string identity;
      for (const SqlValue& v : *row.values) identity += v.canonical() + '\x1f';
      codes.insert(identity);
    }
    ++rows;
    return true;
  }
  std::set<std::string> codes;
  long long rows = 0;
};

TEST_P(StreamingTest, PagesAfterACompositeKeyReturnEveryRowOnce) {
  VisitSink sink;
  AccessOptions options;
  options.categories = {"user.behavior"};
  auto stats = runAccess(*db_, *graph_, {SeedValue{"email", "ann@example.com"}}, options, sink);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->rowsPerTable.at(2), 2500U);
  EXPECT_EQ(sink.codes.size(), 2500U);
}

// Values go bound (on PostgreSQL as elements of one array): quotes, backslashes, commas and
// braces match themselves and nothing else.
TEST_P(StreamingTest, ValuesWithQuotesBackslashesAndBracesMatchExactly) {
  const std::string odd = R"(o"brien\{x,y}'@example.com)";
  auto inserted =
      db_->execute(SelectQuery{"INSERT INTO contact VALUES (3, :v0), (4, :v1)",
                               {SqlValue::ofText(odd), SqlValue::ofText("o\"brien@example.com")}},
                   "setup");
  ASSERT_TRUE(inserted.ok()) << inserted.error().message;
  VisitSink sink;
  auto stats = runAccess(*db_, *graph_, {SeedValue{"email", odd}}, {}, sink);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->rowsPerTable.at(0), 1U);
  EXPECT_EQ(sink.rows, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, StreamingTest, ::testing::Values("postgresql", "mariadb"),
                         [](const ::testing::TestParamInfo<std::string>& backend) {
                           return backend.param;
                         });

}  // namespace
}  // namespace dsrflow::sql
