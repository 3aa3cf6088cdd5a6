#pragma once
// Runs one task: claims it, asks the system's plugin, streams what comes back into the store
// (records sealed by the vault, or counts only), and records the outcome with its audit event.
// A failed, retryable call is scheduled again with exponential backoff until attempts run out.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "engine/circuit_breaker.hpp"
#include "engine/lease_keeper.hpp"
#include "engine/system_directory.hpp"
#include "model/request.hpp"
#include "model/task.hpp"
#include "store/store.hpp"
#include "vault/identity_vault.hpp"

namespace dsrflow {

struct RetryPolicy {
  int maxAttempts = 3;
  std::chrono::milliseconds firstDelay{5'000};  //!< doubles with every attempt, ±20% jitter
};

//! The delay before attempt `attempts + 1`: exponential, with a jitter derived from the task id
//! (deterministic, so tests need no randomness) that keeps many retries from arriving at once.
std::chrono::milliseconds retryDelay(const RetryPolicy& policy, const std::string& taskId,
                                     int attempts);

//! Thread-safe: tasks of different systems may run concurrently.
class TaskRunner {
 public:
  TaskRunner(std::shared_ptr<Store> store, std::shared_ptr<const IdentityVault> vault,
             std::shared_ptr<const Clock> clock, std::shared_ptr<const SystemDirectory> systems,
             RetryPolicy retry = {}, LeasePolicy lease = {});

  //! A task this worker claimed, with what its call needs, read in the claiming transaction.
  struct Claimed {
    Task task;
    Request request;
    std::vector<StoredIdentity> identities;
    std::vector<TaskResult> previous;  //!< what a deferred task produced so far
    std::string pseudonymKey;          //!< erase: the request's key for this system
  };

  //! Claims under this worker's lease, in one transaction, those of `listed` that are still
  //! runnable; the others are left out (another worker holds or took them, or they moved on).
  //! Tasks of a system whose circuit is open are only put back to wait, without a call or an
  //! attempt. The caller keeps the leases alive until the claimed tasks have run (LeaseKeeper).
  Result<std::vector<Claimed>> claim(const std::vector<Task>& listed);

  //! Runs a claimed task to its next persisted state; the task as stored afterwards.
  Result<Task> run(Claimed claimed);

 private:
  //! Claims `task` (locked in `tx`) and reads what its call needs.
  Result<Claimed> claimOne(StoreTx& tx, Task task, TimePoint now);
  Result<Task> finish(Task task, const plugin_host::CallResult& result,
                      const std::map<std::string, std::int64_t>& counts, std::int64_t nextSeq,
                      std::vector<TaskResult> unstored);

  std::shared_ptr<Store> store_;
  std::shared_ptr<const IdentityVault> vault_;
  std::shared_ptr<const Clock> clock_;
  std::shared_ptr<const SystemDirectory> systems_;
  RetryPolicy retry_;
  LeasePolicy lease_;
  CircuitBreaker breaker_;
};

}  // namespace dsrflow
