// A worker's tasks are taken over at once when its lease owner names a process of this host that
// no longer exists; anything else waits for the lease to end.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>

#include "engine/lease_keeper.hpp"

namespace dsrflow {
namespace {

std::string host() {
  std::array<char, 256> name{};
  ::gethostname(name.data(), name.size() - 1);
  return name.data();
}

TEST(DeadLocalWorker, AnExitedProcessOfThisHostIsDead) {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ::waitpid(child, nullptr, 0);  // reaped: the pid names no process now
  EXPECT_TRUE(isDeadLocalWorker(host() + ":" + std::to_string(child) + ":0123abcd"));
}

TEST(DeadLocalWorker, LivingProcessesOtherHostsAndOddNamesAreNot) {
  EXPECT_FALSE(isDeadLocalWorker(host() + ":" + std::to_string(::getpid()) + ":0123abcd"));
  EXPECT_FALSE(isDeadLocalWorker("some-other-host.example:1:0123abcd"));
  EXPECT_FALSE(isDeadLocalWorker(""));
  EXPECT_FALSE(isDeadLocalWorker(host()));
  EXPECT_FALSE(isDeadLocalWorker(host() + ":not-a-pid:x"));
  EXPECT_FALSE(isDeadLocalWorker(host() + ":-5:x"));
}

TEST(DeadLocalWorker, DefaultWorkerIdsNameThisProcess) {
  const std::string id = defaultWorkerId();
  EXPECT_EQ(id.rfind(host() + ":" + std::to_string(::getpid()) + ":", 0), 0U) << id;
  EXPECT_NE(defaultWorkerId(), id) << "a restarted process must not inherit leases";
}

}  // namespace
}  // namespace dsrflow
