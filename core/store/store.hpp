#pragma once
// The store: dsrflow's database (SQLite embedded, PostgreSQL for several processes), its
// schema migrations and transactions over the repositories.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "model/result.hpp"
#include "store/store_tx.hpp"
#include "store/store_url.hpp"

namespace dsrflow {

struct StoreOptions {
  //! PostgreSQL connections kept open; each concurrent transact()/read() holds one. SQLite
  //! always uses a single connection.
  std::size_t poolSize = 4;
  //! How long transact()/read() waits for a free connection before kUnavailable.
  std::chrono::milliseconds leaseTimeout{10000};
  //! SQLite: how long a statement waits for another process's lock (busy_timeout).
  std::chrono::milliseconds busyTimeout{5000};
};

//! A unit of work over the repositories; see Store::transact().
using StoreWork = std::function<Status(StoreTx&)>;

//! The database. Thread-safe: any thread may call any method at any time. Each transact() or
//! read() holds one connection for the duration of its callback (SQLite: the only one, so
//! calls run one after another; PostgreSQL: up to poolSize at once). Each connection prepares
//! its statements once and reuses them. Calls are not reentrant: calling transact() or read()
//! from inside a callback throws std::logic_error.
class Store {
 public:
  virtual ~Store() = default;

  //! Opens the database a URL names (see store_url.hpp) and configures each connection
  //! (SQLite: WAL, synchronous=NORMAL, foreign_keys=ON, busy_timeout). Does not migrate.
  //! kInvalidArgument for a bad URL, kUnavailable when the database cannot be opened.
  static Result<std::unique_ptr<Store>> open(std::string_view url,
                                             const StoreOptions& options = {});

  //! Runs `work` in one transaction: commits when it returns ok, rolls back when it returns an
  //! error (returned as is) or throws (rethrown). A database error inside the transaction dooms
  //! it on every backend: later repository calls fail with that error and the transaction rolls
  //! back even if `work` ignores the failure and returns ok. A failed commit is returned.
  virtual Status transact(const StoreWork& work) = 0;

  //! Runs `work` without a transaction: each statement commits on its own and sees the latest
  //! committed data. Meant for reads; audit appends are refused here.
  virtual Status read(const StoreWork& work) = 0;

  //! Applies every migration the database lacks, each in its own transaction, and returns the
  //! versions applied (empty when up to date). kConflict when the database's schema is newer
  //! than this build knows; nothing is changed then.
  virtual Result<std::vector<int>> migrate() = 0;

  //! The highest applied migration (0 for an empty database).
  virtual Result<int> currentVersion() = 0;

  //! Ok when the schema is exactly what this build expects; kConflict naming both versions
  //! otherwise (older: run `dsrflow migrate`; newer: this build is too old for the database).
  virtual Status checkSchema() = 0;

  //! Which database this is.
  [[nodiscard]] virtual StoreBackend backend() const = 0;

  //! Like transact(), for work that produces a value.
  template <typename T>
  Result<T> transactValue(const std::function<Result<T>(StoreTx&)>& work) {
    return runForValue<T>(work, true);
  }

  //! Like read(), for work that produces a value.
  template <typename T>
  Result<T> readValue(const std::function<Result<T>(StoreTx&)>& work) {
    return runForValue<T>(work, false);
  }

 private:
  template <typename T>
  Result<T> runForValue(const std::function<Result<T>(StoreTx&)>& work, bool inTransaction) {
    std::optional<Result<T>> out;
    auto wrapped = [&](StoreTx& tx) -> Status {
      out.emplace(work(tx));
      if (!out->ok()) return out->error();
      return Ok{};
    };
    Status status = inTransaction ? transact(wrapped) : read(wrapped);
    if (!status.ok()) return status.error();
    return std::move(*out);
  }
};

//! The newest schema version this build knows.
int latestSchemaVersion();

}  // namespace dsrflow
