#pragma once
// The Store over SOCI: a pool of connections (one for SQLite), each with its own prepared
// statements.

#include <soci/connection-pool.h>

#include <atomic>
#include <memory>
#include <vector>

#include "store/dialect.hpp"
#include "store/soci_connection.hpp"
#include "store/store.hpp"

namespace dsrflow::detail {

class SociStore final : public Store {
 public:
  //! Opens and configures every connection of the pool.
  static Result<std::unique_ptr<Store>> open(const StoreUrl& url, const StoreOptions& options);
  ~SociStore() override;

  Status transact(const StoreWork& work) override;
  Status read(const StoreWork& work) override;
  Result<std::vector<int>> migrate() override;
  Result<int> currentVersion() override;
  Status checkSchema() override;
  [[nodiscard]] StoreBackend backend() const override { return url_.backend; }

 private:
  SociStore(StoreUrl url, const StoreOptions& options, std::size_t size);
  Status openConnections();

  //! Leases a connection, readies it, runs `f(connection)` and gives the connection back.
  template <typename F>
  auto withConnection(F&& f) -> decltype(f(std::declval<SociConnection&>()));

  StoreUrl url_;
  StoreOptions options_;
  const Dialect& dialect_;
  std::size_t size_;
  soci::connection_pool pool_;
  std::vector<std::unique_ptr<SociConnection>> connections_;
  //! Bumped by migrate(); connections drop statements prepared against an older schema.
  std::atomic<long> schemaGeneration_{0};
};

}  // namespace dsrflow::detail
