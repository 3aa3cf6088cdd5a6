#pragma once
// Drives each request through its workflow. Every step's effect is persisted (request status
// and step, tasks) before the next begins, so the engine can stop at any point and carry on
// from the store: advance() is idempotent and resumes wherever a request stands.
//
// Steps that wait on people (verify_identity, approve, review, route_to_reviewer) stop the
// request in a status that says so; the matching call (attestIdentity, approve, finishReview)
// moves it on. Fan-out steps create one task per selected system; runPending() runs tasks and
// then advances their requests.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/actor.hpp"
#include "engine/system_directory.hpp"
#include "engine/task_runner.hpp"
#include "engine/workflow.hpp"
#include "store/store.hpp"
#include "vault/identity_vault.hpp"

namespace dsrflow {

struct EngineOptions {
  std::filesystem::path resultsDir;  //!< where assembled answers are written (sealed)
  RetryPolicy retry;
  //! This worker's name and lease on the tasks it runs; an empty owner gets defaultWorkerId().
  LeasePolicy lease;
  //! Tasks run at once by runPending(); a slow system then costs one call's time, not N.
  std::size_t parallelTasks = 64;
};

//! Thread-safe: requests are changed in transactions with optimistic concurrency.
class WorkflowEngine {
 public:
  WorkflowEngine(std::shared_ptr<Store> store, std::shared_ptr<const IdentityVault> vault,
                 std::shared_ptr<const Clock> clock, std::vector<Workflow> workflows,
                 std::shared_ptr<const SystemDirectory> systems, EngineOptions options);

  //! Moves the request forward until it waits on a task or a person, or ends.
  Status advance(const std::string& requestId);

  //! verify_identity: records how staff verified the requester (no copy of an ID document is
  //! kept, EDPB 01/2022), then continues.
  Status attestIdentity(const std::string& requestId, const Actor& actor,
                        const std::string& method);
  //! approve: staff approve; the request continues.
  Status approve(const std::string& requestId, const Actor& actor);
  //! review / route_to_reviewer: the reviewer is done; the request continues. A review routed
  //! to a named reviewer is finished by them, or by an admin giving `overrideReason`
  //! (reviewer_routing.hpp).
  Status finishReview(const std::string& requestId, const Actor& actor,
                      const std::string& overrideReason = "");

  //! Staff retry the systems that failed (and only those) of a request that ended failed or
  //! completed with exceptions, before its deadline: their tasks run again, and the workflow
  //! resumes from the earliest step they belong to (so the answer is assembled anew).
  //! kConflict when there is nothing to retry. Returns how many tasks will run again.
  Result<std::size_t> retryFailed(const std::string& requestId, const Actor& actor);

  //! Advances requests that can move on (received, or whose tasks all ended), then runs up to
  //! `limit` runnable tasks (parallelTasks at a time) and advances their requests. Returns how many
  //! tasks ran.
  Result<std::size_t> runPending(std::size_t limit = 100);

  //! Tasks left `running` past their lease, or by a worker process of this host that is gone: run
  //! again, or failed when their attempts are used up. Called by runPending(); returns how many
  //! were recovered.
  Result<std::size_t> recoverInterrupted();

  //! runPending() until nothing is runnable now; for the CLI and tests.
  Status runUntilIdle();

 private:
  const Workflow* workflowFor(RequestType type) const;
  //! One transaction moving the request on; `progressed` tells whether another may follow.
  Status advanceOnce(const std::string& requestId, bool& progressed);
  //! Applies the request's current step (or its completion, past the last step) in `tx`;
  //! `progressed` when it moved to the next step.
  Status applyStep(StoreTx& tx, Request& r, const std::vector<Task>& tasks,
                   const Workflow& workflow, TimePoint now, bool& progressed);
  //! The request's identities, decrypted.
  Result<std::vector<Identity>> identitiesOf(StoreTx& tx, const std::string& requestId) const;
  //! The legal holds in force on the request's person.
  Result<std::vector<SubjectListEntry>> legalHolds(StoreTx& tx, const std::string& requestId) const;
  //! Puts the request's person on the suppression list.
  Status suppress(StoreTx& tx, const Request& r, TimePoint now) const;
  //! Checks a person may complete the step, inside its transaction.
  using HumanStepCheck = std::function<Status(StoreTx&, const Request&, TimePoint)>;
  Status completeHumanStep(const std::string& requestId, const Actor& actor, RequestStatus expected,
                           const std::string& event, const std::string& detailsJson,
                           const HumanStepCheck& check = {});

  std::shared_ptr<Store> store_;
  std::shared_ptr<const IdentityVault> vault_;
  std::shared_ptr<const Clock> clock_;
  std::vector<Workflow> workflows_;
  std::shared_ptr<const SystemDirectory> systems_;
  EngineOptions options_;
  TaskRunner runner_;
};

}  // namespace dsrflow
