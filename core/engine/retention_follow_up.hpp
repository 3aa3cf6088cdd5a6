#pragma once
// Effects that last: when a system keeps a person's data on a legal basis with an end date
// (an erase task's outcome lists it as retained until that date), the engine erases it then.
// The erasure is a follow-up task of the same request, scheduled for the day after the
// retention ends; its outcome is appended to the request's record like any task's.
//
// Follow-ups carry the step kAfterWorkflow: they outlive the workflow, so no step waits for
// them and the request completes (with the retention as its exception) long before they run.

#include <string>
#include <vector>

#include "model/clock.hpp"
#include "model/task.hpp"

namespace dsrflow {

//! The step of tasks that run after their request's workflow has ended.
inline constexpr int kAfterWorkflow = -1;

//! The follow-up erase tasks for `finished` (an erase task) whose plugin outcome
//! `outcomeJson` lists retained items with a retention_end: one per distinct end date, for the
//! categories retained until then (all the task's categories when an item names none), due to
//! run on the day after that date (UTC). Items without an end date (e.g. a legal hold) get none.
//! Never fails: an unreadable outcome has nothing to schedule.
std::vector<Task> retentionFollowUps(const Task& finished, const std::string& outcomeJson,
                                     TimePoint now);

}  // namespace dsrflow
