// Request-shaped transactions per second on each store backend. Not a test: prints a table.
//
//   store_bench [SQLITE_TRANSACTIONS [POSTGRES_TRANSACTIONS]]   (defaults 2000 and 500)
//
// One transaction: see request_shaped_transaction.hpp.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "log/logger.hpp"
#include "request_shaped_transaction.hpp"
#include "store/store.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace {

using namespace dsrflow;

struct Row {
  std::string backend;
  int threads = 1;
  int transactions = 0;
  double seconds = 0;
};

// Runs `transactions` transactions split over `threads` threads; exits on the first failure.
Row measure(const std::string& label, const std::string& url, int transactions, int threads) {
  StoreOptions options;
  options.poolSize = static_cast<std::size_t>(threads);
  auto opened = Store::open(url, options);
  if (!opened) {
    std::fprintf(stderr, "%s: %s\n", label.c_str(), opened.error().message.c_str());
    std::exit(1);
  }
  Store& store = *opened.value();
  if (auto migrated = store.migrate(); !migrated) {
    std::fprintf(stderr, "%s: %s\n", label.c_str(), migrated.error().message.c_str());
    std::exit(1);
  }
  SystemClock clock;
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (int n = next++; n < transactions && !failed; n = next++) {
      Status status = store.transact([&](StoreTx& tx) {
        return bench::requestShapedTransaction(tx, "req-" + std::to_string(n), clock.now());
      });
      if (!status) {
        std::fprintf(stderr, "%s: transaction %d failed: %s\n", label.c_str(), n,
                     status.error().message.c_str());
        failed = true;
      }
    }
  };
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  if (failed) std::exit(1);
  return Row{label, threads, transactions, elapsed.count()};
}

int argOr(int argc, char** argv, int index, int fallback) {
  if (argc <= index) return fallback;
  int value = std::atoi(argv[index]);
  return value > 0 ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  int sqliteTransactions = argOr(argc, argv, 1, 2000);
  int postgresTransactions = argOr(argc, argv, 2, 500);
  Logger::instance().configure(LogLevel::kWarn, &std::cerr);
  try {
    std::vector<Row> rows;
    dsrflow::testing::TempDir dir("dsrflow-bench");
    rows.push_back(measure("sqlite (file, WAL)", "sqlite://" + (dir / "bench.db").string(),
                           sqliteTransactions, 1));
    auto& server = dsrflow::testing::PostgresServer::shared();
    rows.push_back(
        measure("postgresql", server.createDatabase("bench_1"), postgresTransactions, 1));
    rows.push_back(
        measure("postgresql", server.createDatabase("bench_4"), postgresTransactions, 4));

    std::printf("%-20s %7s %12s %9s %9s\n", "backend", "threads", "transactions", "seconds",
                "tx/s");
    for (const auto& row : rows) {
      std::printf("%-20s %7d %12d %9.2f %9.0f\n", row.backend.c_str(), row.threads,
                  row.transactions, row.seconds, row.transactions / row.seconds);
    }
    std::printf(
        "(one transaction: 1 request insert, %d task inserts, %d task updates, %d result "
        "appends, 1 chained audit event)\n",
        bench::kTasks, bench::kTasks * bench::kUpdatesPerTask, bench::kTasks);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "store_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
