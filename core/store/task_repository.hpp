#pragma once
// Persistence of tasks: one action on one system for one request.

#include <cstddef>
#include <string_view>
#include <vector>

#include "model/clock.hpp"
#include "model/result.hpp"
#include "model/task.hpp"

namespace dsrflow {

//! Tasks by id and by request. Obtained from a StoreTx; valid only inside that transaction's
//! callback and on its thread. Database failures come back as errors, never as exceptions.
class TaskRepository {
 public:
  virtual ~TaskRepository() = default;

  //! Stores a new task as given (version included). kConflict when the id exists or the
  //! request does not.
  virtual Status insert(const Task& task) = 0;

  //! The task with this id, or kNotFound.
  virtual Result<Task> get(std::string_view id) = 0;

  //! The tasks of a request, oldest first.
  virtual Result<std::vector<Task>> listForRequest(std::string_view requestId) = 0;

  //! Replaces the stored task when its stored version equals task.version, then bumps
  //! task.version by one. kConflict when someone else updated it first, kNotFound when absent.
  virtual Status update(Task& task) = 0;

  //! Up to `limit` (1..kMaxPageSize) tasks due to run at `now`: pending ones whose nextRunAt
  //! is unset or not after `now`, and waiting ones whose nextRunAt is set and not after `now`.
  //! Earliest nextRunAt first (unset counts as earliest). Does not claim them.
  virtual Result<std::vector<Task>> listRunnable(TimePoint now, std::size_t limit) = 0;

  //! Up to `limit` (1..kMaxPageSize) tasks `running` now, the lease (nextRunAt) ending first
  //! first. A lease that has ended means the worker died or hung.
  virtual Result<std::vector<Task>> listRunning(std::size_t limit) = 0;

  //! The task, locked until this transaction ends so that no other worker changes it meanwhile.
  //! A task another transaction holds is skipped rather than waited for: kNotFound then, as for
  //! a task that does not exist (on SQLite, whose writers are serialised, nothing is skipped).
  virtual Result<Task> lock(std::string_view id) = 0;

  //! Heartbeat: extends to `until` the lease of every task running under `owner`, without
  //! changing their version. Returns how many were renewed.
  virtual Result<std::size_t> renewLeases(std::string_view owner, TimePoint until) = 0;
};

}  // namespace dsrflow
