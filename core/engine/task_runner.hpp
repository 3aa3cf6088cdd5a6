#pragma once
// Runs one task: claims it, asks the system's plugin, streams what comes back into the store
// (records sealed by the vault, or counts only), and records the outcome with its audit event.
// A failed, retryable call is scheduled again with exponential backoff until attempts run out.

#include <chrono>
#include <memory>

#include "engine/circuit_breaker.hpp"
#include "engine/lease_keeper.hpp"
#include "engine/system_directory.hpp"
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

  //! Claims the task `listed` names under this worker's lease (kConflict when another worker
  //! holds or took it, or it is not runnable) and runs it to its next persisted state. The
  //! caller keeps the lease alive while it runs (LeaseKeeper). Returns the task as stored
  //! afterwards. While the system's circuit is open the task is only put back to wait, without
  //! a call or an attempt (kConflict when `listed` is no longer the stored version).
  Result<Task> run(const Task& listed);

 private:
  struct Claim;
  //! Claims the task and reads what its call needs, in one transaction.
  Result<Claim> claim(const std::string& taskId);
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
