// kill -9 at random moments: a worker is started and killed again and again while it works
// through many requests, then one finishes the run. Whatever moment each kill hit, every
// request settles and no completed task runs again. The moments are random (the seed is
// printed to reproduce a failure); the assertions hold for any of them.

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <random>
#include <thread>

#include "ledger_rig.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::testing {
namespace {

TEST(Durability, AWorkerKilledAtRandomMomentsLosesNothingAndRepeatsNoCompletedTask) {
  TempDir root;
  // 16 requests (8 access, 8 erasure) to two systems: 48 tasks of 20 ms, 4 at a time. Kills
  // this frequent may hit one task many times; each counts as an attempt, so allow plenty.
  LedgerRig rig(root / "rig", {.delayMs = 20, .parallelTasks = 4, .maxAttempts = 100});
  ASSERT_EQ(rig.createVerifiedRequests(16).size(), 16U);

  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("random seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> moment(10, 250);
  std::vector<KillSnapshot> kills;
  for (int round = 0; round < 30 && !rig.allSettled(); ++round) {
    ChildProcess worker(DSRFLOW_BINARY, rig.args({"worker"}));
    std::this_thread::sleep_for(std::chrono::milliseconds(moment(random)));
    worker.kill();
    kills.push_back(rig.snapshotAfterKill(worker.pid()));
  }
  auto finished = rig.run({"worker", "--once"});
  ASSERT_EQ(finished.exitCode, 0) << finished.err;
  rig.expectEveryTaskRanOnce(kills);
  std::cout << "killed " << kills.size() << " workers (seed " << seed << "); the ledger has "
            << rig.ledger().size() << " calls for 48 tasks\n";
}

}  // namespace
}  // namespace dsrflow::testing
