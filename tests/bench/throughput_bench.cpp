// Throughput benchmark: N requests to 5 fast in-process systems (the good test plugin) driven
// to completion by the workflow engine, on SQLite or PostgreSQL (the test harness's server).
// A workflow without people's steps (fan-out, assemble, deliver) isolates the engine's cost.
// Prints one table; not run by ctest.
//
//   throughput_bench [REQUESTS=10000] [sqlite|postgresql]

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "engine/workflow_engine.hpp"
#include "engine/workflow_loader.hpp"
#include "engine_bench_rig.hpp"
#include "request_shaped_transaction.hpp"
#include "test_plugins.hpp"

using namespace dsrflow;
using namespace std::chrono_literals;

namespace {

int fail(const std::string& what) {
  std::cerr << "throughput_bench: " << what << '\n';
  return 1;
}

constexpr const char* kWorkflow = R"(workflow: bench
request_types: [access, portability, erasure, rectification, restriction, objection,
                contest_decision, know, delete, correct, opt_out, limit]
steps:
  - fan_out: {action: access}
  - assemble: {format: access_package}
  - deliver
)";

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::stoi(argv[1]) : 10000;
  const std::string backend = argc > 2 ? argv[2] : "sqlite";
  Logger::instance().configure(LogLevel::kError, nullptr);

  auto rig = bench::makeEngineRig("throughput_bench", backend, dsrflow::testing::kGoodPlugin);
  if (!rig) return fail(rig.error().message);
  auto systems = (*rig)->systems(5, "{}");
  if (!systems) return fail(systems.error().message);
  auto& dir = (*rig)->dir;
  auto& store = (*rig)->store;
  auto& vault = (*rig)->vault;
  auto& clock = (*rig)->clock;
  auto& intake = (*rig)->intake;
  dsrflow::testing::writeFile(dir / "workflows" / "bench.yaml", kWorkflow);
  auto workflows = loadWorkflows(dir / "workflows");
  if (!workflows) return fail(workflows.error().message);
  EngineOptions options;
  options.resultsDir = dir / "results";
  WorkflowEngine engine(store, vault, clock, *workflows,
                        std::make_shared<const SystemDirectory>(std::move(systems).value()),
                        options);

  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    NewRequest n;
    n.type = RequestType::kAccess;
    n.identities.push_back({IdentityType::kEmail, "", IdentityFormat::kRaw,
                            i % 2 == 0 ? "ada@example.com" : "p" + std::to_string(i) + "@x.org"});
    if (!intake->submit(n, {ActorType::kSystem, "bench"})) return fail("submit failed");
    if (i % 100 == 99) {
      if (auto s = engine.runUntilIdle(); !s) return fail(s.error().message);
    }
  }
  if (auto s = engine.runUntilIdle(); !s) return fail(s.error().message);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  RequestQuery all;
  all.limit = kMaxPageSize;
  std::vector<double> latencies;
  std::size_t completed = 0;
  std::optional<RequestKey> after;
  for (;;) {
    all.after = after;
    auto page = store->readValue<std::vector<Request>>(
        [&](StoreTx& tx) { return tx.requests().list(all); });
    if (!page) return fail(page.error().message);
    for (const auto& r : *page) {
      if (r.status == RequestStatus::kCompleted) ++completed;
      latencies.push_back(static_cast<double>((r.updatedAt - r.createdAt).count()));
    }
    if (page->size() < all.limit) break;
    after = RequestKey{page->back().createdAt, page->back().id};
  }
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    return latencies.empty()
               ? 0.0
               : latencies[static_cast<std::size_t>(p * static_cast<double>(latencies.size() - 1))];
  };
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);

  // The same store's raw rate for the store work of one request, in the same run and database.
  const int rawCount = std::max(200, count / 5);
  const auto rawStart = std::chrono::steady_clock::now();
  for (int i = 0; i < rawCount; ++i) {
    Status s = store->transact([&](StoreTx& tx) {
      return bench::requestShapedTransaction(tx, "raw-" + std::to_string(i), SystemClock().now());
    });
    if (!s) return fail(s.error().message);
  }
  const double rawRate =
      rawCount / std::chrono::duration<double>(std::chrono::steady_clock::now() - rawStart).count();
  const double rate = static_cast<double>(completed) / seconds;

  std::printf("%-11s %-9s %-10s %-9s %-12s %-12s %-7s %-9s %-9s %s\n", "backend", "requests",
              "completed", "seconds", "requests/s", "raw_tx/s", "ratio", "p50_ms", "p99_ms",
              "peak_rss_mb");
  std::printf("%-11s %-9d %-10zu %-9.1f %-12.0f %-12.0f %-7.3f %-9.0f %-9.0f %.0f\n",
              backend.c_str(), count, completed, seconds, rate, rawRate, rate / rawRate, pct(0.5),
              pct(0.99), static_cast<double>(usage.ru_maxrss) / 1024.0);
  std::printf(
      "(each request: intake, fan-out to 5 in-process systems, sealed records, assembled "
      "answer; requests submitted in batches of 100. raw_tx/s: one request-shaped store "
      "transaction, tests/bench/request_shaped_transaction.hpp, on the same database)\n");
  return 0;
}
