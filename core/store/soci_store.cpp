#include "store/soci_store.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "log/logger.hpp"
#include "model/clock.hpp"
#include "store/crash_point.hpp"
#include "store/migrator.hpp"

namespace dsrflow::detail {
namespace {

// The store whose callback the current thread is running, to refuse nested calls that would
// otherwise deadlock on a single SQLite connection.
thread_local const SociStore* tlsActiveStore = nullptr;

class ReentrancyGuard {
 public:
  explicit ReentrancyGuard(const SociStore* store) : previous_(tlsActiveStore) {
    if (previous_ == store) {
      throw std::logic_error("Store::transact()/read() called from inside a store callback");
    }
    tlsActiveStore = store;
  }
  ~ReentrancyGuard() { tlsActiveStore = previous_; }
  ReentrancyGuard(const ReentrancyGuard&) = delete;
  ReentrancyGuard& operator=(const ReentrancyGuard&) = delete;

 private:
  const SociStore* previous_;
};

class GiveBack {
 public:
  GiveBack(soci::connection_pool& pool, std::size_t pos) : pool_(pool), pos_(pos) {}
  ~GiveBack() { pool_.give_back(pos_); }
  GiveBack(const GiveBack&) = delete;
  GiveBack& operator=(const GiveBack&) = delete;

 private:
  soci::connection_pool& pool_;
  std::size_t pos_;
};

void configureSqlite(soci::session& sql, const StoreOptions& options) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  sqlite3_busy_timeout(backend->conn_, static_cast<int>(options.busyTimeout.count()));
  std::string mode;
  sql << "PRAGMA journal_mode=WAL", soci::into(mode);
  sql << "PRAGMA synchronous=NORMAL";
  sql << "PRAGMA foreign_keys=ON";
  // Deleted rows (purged identities, destroyed pseudonymisation secrets) are zeroed where they
  // lay in the database file instead of lingering in free space; FAST costs no extra I/O.
  sql << "PRAGMA secure_delete=FAST";
  // Statement journals (kept for statements that may fail halfway inside a transaction) are
  // otherwise temporary files: one create and unlink per such statement.
  sql << "PRAGMA temp_store=MEMORY";
}

}  // namespace

SociStore::SociStore(StoreUrl url, const StoreOptions& options, std::size_t size)
    : url_(std::move(url)),
      options_(options),
      dialect_(dialectFor(url_.backend)),
      size_(size),
      pool_(size) {}

SociStore::~SociStore() {
  // Statements must go before the sessions they were prepared on (the pool owns those).
  connections_.clear();
}

Result<std::unique_ptr<Store>> SociStore::open(const StoreUrl& url, const StoreOptions& options) {
  std::size_t size = url.backend == StoreBackend::kSqlite ? 1 : options.poolSize;
  if (size == 0) return invalidArgument("store pool size must be at least 1");
  std::unique_ptr<SociStore> store(new SociStore(url, options, size));
  if (auto status = store->openConnections(); !status) return status.error();
  logInfo("store opened", {{"backend", toString(url.backend)},
                           {"url", url.redacted},
                           {"connections", std::to_string(size)}});
  return std::unique_ptr<Store>(std::move(store));
}

Status SociStore::openConnections() {
  for (std::size_t i = 0; i < size_; ++i) {
    soci::session& sql = pool_.at(i);
    try {
      if (url_.backend == StoreBackend::kSqlite) {
        sql.open(*soci::factory_sqlite3(), "db=\"" + url_.target + "\"");
        configureSqlite(sql, options_);
      } else {
        sql.open(*soci::factory_postgresql(), url_.target);
      }
    } catch (const soci::soci_error& e) {
      Error error = translateDatabaseError(e, "opening " + url_.redacted, false);
      error.code = ErrorCode::kUnavailable;
      return error;
    }
    connections_.push_back(std::make_unique<SociConnection>(sql, dialect_));
  }
  return Ok{};
}

template <typename F>
auto SociStore::withConnection(F&& f) -> decltype(f(std::declval<SociConnection&>())) {
  std::size_t pos = 0;
  if (!pool_.try_lease(pos, static_cast<int>(options_.leaseTimeout.count()))) {
    return Error{ErrorCode::kUnavailable,
                 "all " + std::to_string(size_) + " database connections stayed busy for " +
                     std::to_string(options_.leaseTimeout.count()) + " ms"};
  }
  GiveBack giveBack(pool_, pos);
  SociConnection& connection = *connections_.at(pos);
  if (auto status = connection.prepareForUse(schemaGeneration_.load()); !status) {
    return status.error();
  }
  return f(connection);
}

Status SociStore::transact(const StoreWork& work) {
  ReentrancyGuard guard(this);
  return withConnection([&](SociConnection& connection) -> Status {
    if (auto status = connection.begin(); !status) return status;
    Status result = Ok{};
    try {
      result = work(connection);
    } catch (...) {
      connection.rollback();
      throw;
    }
    if (!result.ok()) {
      connection.rollback();
      return result;
    }
    // A failed statement dooms the transaction even when the callback carried on.
    if (const auto& failure = connection.db().failure()) {
      Error error = *failure;
      connection.rollback();
      return error;
    }
    Status committed = connection.commit();
    if (committed) crashPointAfterCommit();
    return committed;
  });
}

Status SociStore::read(const StoreWork& work) {
  ReentrancyGuard guard(this);
  return withConnection([&](SociConnection& connection) -> Status {
    connection.startAutocommit();
    return work(connection);
  });
}

Result<std::vector<int>> SociStore::migrate() {
  ReentrancyGuard guard(this);
  auto applied = withConnection([&](SociConnection& connection) -> Result<std::vector<int>> {
    return Migrator(connection.db()).migrate(SystemClock().now());
  });
  if (applied.ok() && !applied.value().empty()) ++schemaGeneration_;
  return applied;
}

Result<int> SociStore::currentVersion() {
  ReentrancyGuard guard(this);
  return withConnection([&](SociConnection& connection) -> Result<int> {
    return Migrator(connection.db()).currentVersion();
  });
}

Status SociStore::checkSchema() {
  auto current = currentVersion();
  if (!current) return current.error();
  int latest = latestSchemaVersion();
  if (*current == latest) return Ok{};
  if (*current < latest) {
    return conflict("the database schema is at version " + std::to_string(*current) +
                    ", this build needs " + std::to_string(latest) + "; run `dsrflow migrate`");
  }
  return conflict("the database schema is at version " + std::to_string(*current) +
                  ", newer than this build of dsrflow knows (" + std::to_string(latest) +
                  "); upgrade dsrflow");
}

}  // namespace dsrflow::detail

namespace dsrflow {

Result<std::unique_ptr<Store>> Store::open(std::string_view url, const StoreOptions& options) {
  auto parsed = parseStoreUrl(url);
  if (!parsed) return parsed.error();
  return detail::SociStore::open(parsed.value(), options);
}

int latestSchemaVersion() {
  auto migrations = detail::sqliteMigrations();
  return migrations.empty() ? 0 : migrations.back().version;
}

}  // namespace dsrflow
