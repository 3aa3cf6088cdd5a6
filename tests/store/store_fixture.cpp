#include "store_fixture.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <unistd.h>

#include <atomic>
#include <exception>

#include "store/store_url.hpp"
#include "support/postgres_server.hpp"

namespace dsrflow::testing {

std::string freshDatabaseUrl(TestBackend backend, const TempDir& dir) {
  static std::atomic<int> counter{0};
  int n = ++counter;
  switch (backend) {
    case TestBackend::kSqlite:
      return "sqlite://" + (dir / ("store-" + std::to_string(n) + ".db")).string();
    case TestBackend::kPostgresql:
      try {
        return PostgresServer::shared().createDatabase("store_" + std::to_string(getpid()) + "_" +
                                                       std::to_string(n));
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
      }
      break;
  }
  return "";
}

void StoreTest::SetUp() {
  dir_ = std::make_unique<TempDir>("dsrflow-store");
  url_ = freshDatabaseUrl(GetParam(), *dir_);
  ASSERT_FALSE(url_.empty());
  auto opened = Store::open(url_);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  store_ = std::move(opened).value();
  auto applied = store_->migrate();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
}

void StoreTest::TearDown() {
  store_.reset();
  dir_.reset();
}

std::unique_ptr<Store> StoreTest::openAgain() const {
  auto opened = Store::open(url_);
  EXPECT_TRUE(opened.ok()) << opened.error().message;
  if (!opened.ok()) return nullptr;
  return std::move(opened).value();
}

std::optional<std::string> StoreTest::rawExec(const std::string& sql) const {
  auto url = parseStoreUrl(url_);
  if (!url.ok()) return url.error().message;
  try {
    soci::session session;
    if (url->backend == StoreBackend::kSqlite) {
      session.open(*soci::factory_sqlite3(), "db=\"" + url->target + "\"");
    } else {
      session.open(*soci::factory_postgresql(), url->target);
    }
    session << sql;
  } catch (const soci::soci_error& e) {
    return std::string(e.what());
  }
  return std::nullopt;
}

Request sampleRequest(const std::string& id, TimePoint createdAt) {
  Request r;
  r.id = id;
  r.type = RequestType::kErasure;
  r.regulation = Regulation::kGdpr;
  r.status = RequestStatus::kOnHold;
  r.step = 2;
  r.duplicateOf = "earlier-" + id;
  r.heldFrom = RequestStatus::kInProgress;
  r.channel = Channel::kOpenDsr;
  r.language = Language::kDe;
  r.controllerId = "acme";
  r.externalReference = "ext-" + id;
  r.receivedAt = createdAt;
  r.dueAt = createdAt + std::chrono::hours(24 * 30);
  r.extendedDueAt = createdAt + std::chrono::hours(24 * 90);
  r.extensionReason = "complex request";
  r.statusReason = "the requester withdrew by phone";
  r.createdAt = createdAt;
  r.updatedAt = createdAt + std::chrono::milliseconds(1);
  r.version = 0;
  return r;
}

Task sampleTask(const std::string& id, const std::string& requestId, TimePoint createdAt) {
  Task t;
  t.id = id;
  t.requestId = requestId;
  t.systemId = "crm";
  t.action = Action::kErase;
  t.step = 3;
  t.paramsJson = R"({"categories":["user.contact"]})";
  t.status = TaskStatus::kPending;
  t.createdAt = createdAt;
  t.updatedAt = createdAt;
  return t;
}

Request StoreTest::addRequest(const std::string& id, TimePoint createdAt) {
  Request r = sampleRequest(id, createdAt);
  Status status = store_->transact([&](StoreTx& tx) { return tx.requests().insert(r); });
  EXPECT_TRUE(status.ok()) << status.error().message;
  return r;
}

Task StoreTest::addTask(const std::string& id, const std::string& requestId, TimePoint createdAt) {
  Task t = sampleTask(id, requestId, createdAt);
  Status status = store_->transact([&](StoreTx& tx) { return tx.tasks().insert(t); });
  EXPECT_TRUE(status.ok()) << status.error().message;
  return t;
}

std::string backendName(const ::testing::TestParamInfo<TestBackend>& info) {
  return info.param == TestBackend::kSqlite ? "sqlite" : "postgresql";
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(TestBackend::kSqlite, TestBackend::kPostgresql),
                         backendName);

}  // namespace dsrflow::testing
