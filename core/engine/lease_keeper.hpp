#pragma once
// Heartbeats for the tasks a worker runs. Several dsrflow processes may share one PostgreSQL
// store: each claims a task by writing itself as the task's lease owner with a lease that ends
// soon, and keeps renewing it while the call runs. A worker that dies stops renewing; once its
// leases end, any other worker takes the tasks over (WorkflowEngine::recoverInterrupted).

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "model/clock.hpp"
#include "store/store.hpp"

namespace dsrflow {

struct LeasePolicy {
  //! Names this worker in the store; unique per process (see defaultWorkerId()).
  std::string owner;
  //! How long a claim holds without a heartbeat. Heartbeats come every third of it.
  std::chrono::milliseconds duration{30'000};
};

//! "<host>:<pid>:<random>", so that a restarted process never inherits its predecessor's leases.
std::string defaultWorkerId();

//! True when `owner` names a worker process on this host that no longer exists: its tasks can
//! be taken over at once instead of after its lease. A reused pid only delays that (safe).
bool isDeadLocalWorker(std::string_view owner);

//! While alive, renews the leases of every task running under `policy.owner` every
//! duration / 3 (real time; the lease ends are taken from `clock`). Stops on destruction.
class LeaseKeeper {
 public:
  LeaseKeeper(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock, LeasePolicy policy);
  ~LeaseKeeper();
  LeaseKeeper(const LeaseKeeper&) = delete;
  LeaseKeeper& operator=(const LeaseKeeper&) = delete;

 private:
  void beat();

  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  LeasePolicy policy_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace dsrflow
