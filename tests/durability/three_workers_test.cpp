// Scale-out: three dsrflow worker processes (two `dsrflow worker`, one `dsrflow serve --role
// worker`) share one PostgreSQL store; one of them is killed with SIGKILL while it runs tasks.
// The other two take over its tasks and finish the run: every request settles, every task is
// done once, and by the ledger no completed task ran twice.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <thread>

#include "ledger_rig.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::testing {
namespace {

// Polls `condition` until it holds; false after `limit` (a generous bound against a hung run,
// not a timing assumption).
bool eventually(const std::function<bool()>& condition,
                std::chrono::seconds limit = std::chrono::seconds(120)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

std::size_t callsBy(const LedgerRig& rig, int pid) {
  std::size_t n = 0;
  for (const auto& call : rig.ledger()) n += call.pid == pid ? 1 : 0;
  return n;
}

TEST(ScaleOut, ThreeWorkersShareOnePostgresStoreAndOneKilledMidRunLosesNothing) {
  TempDir root;
  const std::string url = PostgresServer::shared().createDatabase("scale_out_three_workers");
  LedgerRig rig(root / "rig", {.storeUrl = url, .delayMs = 50, .parallelTasks = 4});
  ASSERT_EQ(rig.createVerifiedRequests(24).size(), 24U);

  // The first worker starts alone, so it is surely running tasks when it is killed.
  ChildProcess first(DSRFLOW_BINARY, rig.args({"worker"}));
  ASSERT_TRUE(eventually([&] { return callsBy(rig, first.pid()) >= 1; }));
  ChildProcess second(DSRFLOW_BINARY, rig.args({"worker"}));
  ChildProcess third(DSRFLOW_BINARY, rig.args({"serve", "--role", "worker", "--port", "0"}));
  ASSERT_TRUE(eventually([&] { return callsBy(rig, first.pid()) >= 6; }));
  first.kill();
  std::vector<KillSnapshot> kills{rig.snapshotAfterKill(first.pid())};

  ASSERT_TRUE(eventually([&] { return rig.allSettled(); })) << "the run did not finish";
  EXPECT_EQ(second.terminate(), 0);
  EXPECT_EQ(third.terminate(), 0);
  rig.expectEveryTaskRanOnce(kills);

  const std::size_t bySecond = callsBy(rig, second.pid());
  const std::size_t byThird = callsBy(rig, third.pid());
  EXPECT_GT(bySecond + byThird, 0U) << "the survivors took over";
  std::cout << "calls by worker: killed " << callsBy(rig, first.pid()) << ", worker " << bySecond
            << ", serve --role worker " << byThird << "\n";
}

}  // namespace
}  // namespace dsrflow::testing
