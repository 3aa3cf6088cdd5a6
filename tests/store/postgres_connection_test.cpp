// PostgreSQL-only behaviour: connections the server drops are re-established.

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include "store/store_url.hpp"
#include "store_fixture.hpp"
#include "support/postgres_server.hpp"

namespace dsrflow::testing {
namespace {

// Ends every other session on the database, as a server restart or failover would.
void terminateOtherSessions(const std::string& url) {
  auto parsed = parseStoreUrl(url);
  ASSERT_TRUE(parsed.ok());
  soci::session admin(*soci::factory_postgresql(), parsed->target);
  admin << "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
           "WHERE datname = current_database() AND pid <> pg_backend_pid()";
}

TEST(PostgresStore, ReconnectsAfterTheServerDropsTheConnection) {
  std::string url;
  try {
    url = PostgresServer::shared().createDatabase("reconnect_" + std::to_string(getpid()));
  } catch (const std::exception& e) {
    FAIL() << e.what();
  }
  StoreOptions options;
  options.poolSize = 1;
  auto opened = Store::open(url, options);
  ASSERT_OK(opened);
  Store& store = *opened.value();
  ASSERT_OK(store.migrate());
  ASSERT_OK(store.transact([](StoreTx& tx) { return tx.requests().insert(sampleRequest("r1")); }));

  terminateOtherSessions(url);
  // The first use finds out the connection is gone and says so ...
  Status first =
      store.transact([](StoreTx& tx) { return tx.requests().insert(sampleRequest("r2")); });
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code, ErrorCode::kUnavailable) << first.error().message;
  // ... and the next one runs on a new connection with freshly prepared statements.
  ASSERT_OK(store.transact([](StoreTx& tx) { return tx.requests().insert(sampleRequest("r2")); }));
  auto got = store.readValue<Request>([](StoreTx& tx) { return tx.requests().get("r1"); });
  ASSERT_OK(got);

  // Dropped in the middle of a transaction: that transaction fails, the next works.
  Status midway = store.transact([&](StoreTx& tx) -> Status {
    if (auto s = tx.requests().insert(sampleRequest("r3")); !s) return s;
    terminateOtherSessions(url);
    return tx.requests().insert(sampleRequest("r4"));
  });
  ASSERT_FALSE(midway.ok());
  EXPECT_EQ(midway.error().code, ErrorCode::kUnavailable) << midway.error().message;
  ASSERT_OK(store.transact([](StoreTx& tx) { return tx.requests().insert(sampleRequest("r5")); }));
  EXPECT_FALSE(store.readValue<Request>([](StoreTx& tx) { return tx.requests().get("r3"); }).ok());
}

}  // namespace
}  // namespace dsrflow::testing
