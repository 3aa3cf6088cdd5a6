// A worker killed right after each persisted boundary of a run, in turn: the k-th commit for
// k = 1, 2, ... until a run completes without reaching k. After each kill a fresh worker resumes
// from the store; every request must settle with every task done once.

#include <gtest/gtest.h>

#include "ledger_rig.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::testing {
namespace {

TEST(Durability, ARestartAfterAnyCommitResumesEveryRequestAndRepeatsNoCompletedTask) {
  TempDir root;
  // Two access requests and two erasures, each to two systems: 12 tasks in all.
  LedgerRig prepared(root / "prepared", {});
  const auto ids = prepared.createVerifiedRequests(4);
  ASSERT_EQ(ids.size(), 4U);

  int boundaries = 0;
  for (int k = 1; k < 1000; ++k) {
    SCOPED_TRACE("killed after commit " + std::to_string(k));
    auto rig = prepared.copyTo(root / ("crash-" + std::to_string(k)));
    ChildProcess crashing(DSRFLOW_BINARY, rig->args({"worker", "--once"}),
                          {{"DSRFLOW_CRASH_AFTER_COMMITS", std::to_string(k)}});
    const int crashingPid = crashing.pid();
    const int code = crashing.wait();
    if (code == 0) {
      // Fewer than k commits: the run went through untouched. Every boundary has been tried.
      rig->expectEveryTaskRanOnce({});
      boundaries = k - 1;
      break;
    }
    ASSERT_TRUE(crashing.stderrText().find("level=error") == std::string::npos)
        << "exit code " << code << ": " << crashing.stderrText();
    KillSnapshot kill = rig->snapshotAfterKill(crashingPid);
    auto resumed = rig->run({"worker", "--once"});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    rig->expectEveryTaskRanOnce({kill});
    if (::testing::Test::HasFailure()) break;
    std::filesystem::remove_all(root / ("crash-" + std::to_string(k)));
  }
  EXPECT_GT(boundaries, 12) << "a run of 12 tasks commits more often than that";
  std::cout << "killed the worker after each of " << boundaries << " commits in turn\n";
}

}  // namespace
}  // namespace dsrflow::testing
