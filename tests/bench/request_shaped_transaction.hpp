#pragma once
// The raw store work of one request, as one transaction: insert a request, insert 5 tasks,
// update each task 3 times (15 updates), append 5 results and 1 chained audit event, the way
// the engine handles a request. The benchmarks measure the store's rate for it, and the
// engine's throughput beside that rate.

#include <string>
#include <vector>

#include "store/store.hpp"

namespace dsrflow::bench {

inline constexpr int kTasks = 5;
inline constexpr int kUpdatesPerTask = 3;

inline Status requestShapedTransaction(StoreTx& tx, const std::string& prefix, TimePoint now) {
  Request request;
  request.id = prefix;
  request.controllerId = "acme";
  request.externalReference = "ext-" + prefix;
  request.receivedAt = request.createdAt = request.updatedAt = now;
  request.dueAt = now + std::chrono::hours(24 * 30);
  if (auto s = tx.requests().insert(request); !s) return s;

  std::vector<Task> tasks;
  for (int i = 0; i < kTasks; ++i) {
    Task task;
    task.id = prefix + "-t" + std::to_string(i);
    task.requestId = request.id;
    task.systemId = "system-" + std::to_string(i);
    task.action = Action::kAccess;
    task.createdAt = task.updatedAt = now;
    if (auto s = tx.tasks().insert(task); !s) return s;
    tasks.push_back(task);
  }
  for (int round = 0; round < kUpdatesPerTask; ++round) {
    for (auto& task : tasks) {
      task.status = round == kUpdatesPerTask - 1 ? TaskStatus::kDone : TaskStatus::kRunning;
      task.attempts = round + 1;
      if (round == kUpdatesPerTask - 1) task.outcome = Outcome::kCompleted;
      if (auto s = tx.tasks().update(task); !s) return s;
    }
  }
  const std::string payload = "v1:enc-1:" + std::string(240, 'A');
  for (int i = 0; i < kTasks; ++i) {
    TaskResult result{prefix + "-r" + std::to_string(i),
                      tasks[static_cast<std::size_t>(i)].id,
                      request.id,
                      1,
                      TaskResultKind::kRecord,
                      payload,
                      "enc-1",
                      now};
    if (auto s = tx.taskResults().append(result); !s) return s;
  }
  auto last = tx.audit().last();
  if (!last) return last.error();
  AuditEvent event;
  event.at = now;
  event.actorType = ActorType::kSystem;
  event.actorId = "engine";
  event.requestId = request.id;
  event.event = "request.completed";
  event.prevHash = last.value() ? last.value()->hash : "";
  event.hash = std::string(64, 'f');
  if (auto seq = tx.audit().append(event); !seq) return seq.error();
  return Ok{};
}

}  // namespace dsrflow::bench
