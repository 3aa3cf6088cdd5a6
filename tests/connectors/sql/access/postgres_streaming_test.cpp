// Access streams PostgreSQL results: one statement finding 200,000 rows of one person keeps the
// heap flat (rows come through a cursor, a batch at a time), where reading the same statement's
// whole result at once holds tens of megabytes. Heap use is sampled by glibc's mallinfo2 while
// the rows are handed over, so the bound does not depend on timing.

#include <gtest/gtest.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>

#include "connectors/sql/sample_crm_db.hpp"
#include "sql/access/access_traversal.hpp"
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

class PostgresStreamingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string url;
    try {
      url = testing::PostgresServer::shared().createDatabase("sql_stream_" +
                                                             std::to_string(getpid()));
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
    ASSERT_NO_FATAL_FAILURE(testing::openDatabase(url, db_));
    ASSERT_NO_FATAL_FAILURE(testing::runStatements(
        *db_,
        {"CREATE TABLE contact (id integer PRIMARY KEY, email text)",
         "CREATE TABLE event (id bigint PRIMARY KEY, contact_id integer, payload text)",
         "INSERT INTO contact VALUES (1, 'ann@example.com'), (2, 'bob@example.com')",
         "INSERT INTO event SELECT n, 1, repeat('x', 200) || n FROM generate_series(1, 200000) n",
         "INSERT INTO event VALUES (200001, 2, 'bob')"}));
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
)",
                        graph_);
  }

  std::unique_ptr<SqlDatabase> db_;
  std::unique_ptr<DatasetGraph> graph_;
};

TEST_F(PostgresStreamingTest, ALargeResultStreamsWithinAFewMegabytes) {
  PeakSink sink;
  const std::size_t before = heapInUse();
  sink.peak = before;
  auto stats = runAccess(*db_, *graph_, {SeedValue{"email", "ann@example.com"}}, {}, sink);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(sink.rows, kRows + 1);  // the events and the contact
  EXPECT_EQ(stats->rowsPerTable.at(1), static_cast<std::size_t>(kRows));
  const std::size_t streamed = sink.peak - before;
  EXPECT_LT(streamed, 8U << 20U) << "heap grew by " << streamed << " bytes";

  // The same statement read as one result (outside a transaction, no cursor) holds it all:
  // the bound above is one a non-streaming read would break.
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

}  // namespace
}  // namespace dsrflow::sql
