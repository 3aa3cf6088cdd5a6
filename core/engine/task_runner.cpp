#include "engine/task_runner.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>
#include <utility>

#include "audit/audit_log.hpp"
#include "engine/pseudonym_keys.hpp"
#include "engine/request_intake.hpp"
#include "engine/retention_follow_up.hpp"
#include "engine/task_params.hpp"
#include "log/logger.hpp"
#include "model/time_format.hpp"
#include "plugin_host/action_request.hpp"

namespace dsrflow {
namespace {

using plugin_host::CallResult;

std::string stringify(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

// Streams records into the store as they arrive: sealed one by one, or, for a counts-only
// pass, reduced to counts per data category so no copy of the person's data is kept.
class StoreSink final : public plugin_host::CallSink {
 public:
  StoreSink(Store& store, const IdentityVault& vault, const Task& task, bool countsOnly,
            TimePoint now, std::int64_t firstSeq)
      : store_(store),
        vault_(vault),
        task_(task),
        countsOnly_(countsOnly),
        now_(now),
        nextSeq_(firstSeq) {}

  Status record(std::string_view json) override {
    if (countsOnly_) return count(json);
    TaskResult result{newId(), task_.id, task_.requestId, nextSeq_, TaskResultKind::kRecord, "",
                      "",      now_};
    auto sealed = vault_.sealResult(result, json);
    if (!sealed) return sealed.error();
    pending_.push_back(std::move(sealed).value());
    ++nextSeq_;
    return pending_.size() >= kBatch ? flush() : Status(Ok{});
  }

  //! Stores the records not yet stored, in one transaction.
  Status flush() {
    if (pending_.empty()) return Ok{};
    Status s = store_.transact([&](StoreTx& tx) -> Status {
      for (const auto& r : pending_) {
        if (auto appended = tx.taskResults().append(r); !appended) return appended;
      }
      return Ok{};
    });
    if (s) pending_.clear();
    return s;
  }

  //! The records not yet stored, for the outcome's transaction to store.
  std::vector<TaskResult> takeUnstored() { return std::exchange(pending_, {}); }

  [[nodiscard]] std::int64_t nextSeq() const { return nextSeq_; }
  [[nodiscard]] const std::map<std::string, std::int64_t>& counts() const { return counts_; }

 private:
  Status count(std::string_view json) {
    try {
      auto record =
          Poco::JSON::Parser().parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
      std::set<std::string> seen;
      if (auto categories = record->getObject("categories")) {
        for (const auto& [field, list] : *categories) {
          auto array = list.extract<Poco::JSON::Array::Ptr>();
          for (std::size_t i = 0; i < array->size(); ++i) {
            seen.insert(array->getElement<std::string>(static_cast<unsigned>(i)));
          }
        }
      }
      if (seen.empty()) seen.insert("uncategorised");
      for (const auto& category : seen) ++counts_[category];
      return Ok{};
    } catch (const Poco::Exception& e) {
      return invalidArgument("unreadable record: " + e.message());
    }
  }

  // Records are stored in batches: a transaction per record would cost more than the call.
  // Unstored records of a call cut short are no loss: a retried task produces them again.
  static constexpr std::size_t kBatch = 64;

  Store& store_;
  const IdentityVault& vault_;
  const Task& task_;
  bool countsOnly_;
  TimePoint now_;
  std::int64_t nextSeq_;
  std::map<std::string, std::int64_t> counts_;
  std::vector<TaskResult> pending_;
};

}  // namespace

TaskRunner::TaskRunner(std::shared_ptr<Store> store, std::shared_ptr<const IdentityVault> vault,
                       std::shared_ptr<const Clock> clock,
                       std::shared_ptr<const SystemDirectory> systems, RetryPolicy retry,
                       LeasePolicy lease)
    : store_(std::move(store)),
      vault_(std::move(vault)),
      clock_(std::move(clock)),
      systems_(std::move(systems)),
      retry_(retry),
      lease_(std::move(lease)),
      breaker_(clock_) {}

std::chrono::milliseconds retryDelay(const RetryPolicy& policy, const std::string& taskId,
                                     int attempts) {
  const auto base = policy.firstDelay * (1LL << std::min(std::max(attempts - 1, 0), 16));
  const std::size_t h = std::hash<std::string>{}(taskId + "#" + std::to_string(attempts));
  const double factor = 0.8 + 0.4 * static_cast<double>(h % 1000) / 1000.0;
  return std::chrono::milliseconds(
      static_cast<long long>(static_cast<double>(base.count()) * factor));
}

Result<std::vector<TaskRunner::Claimed>> TaskRunner::claim(const std::vector<Task>& listed) {
  const TimePoint now = clock_->now();
  using Batch = std::vector<Claimed>;
  return store_->transactValue<Batch>([&](StoreTx& tx) -> Result<Batch> {
    Batch batch;
    for (const Task& candidate : listed) {
      // Locked, skipping a task another worker is claiming right now instead of queueing for it.
      auto task = tx.tasks().lock(candidate.id);
      if (!task) {
        if (task.error().code == ErrorCode::kNotFound) continue;
        return task.error();
      }
      if (task->status != TaskStatus::kPending && task->status != TaskStatus::kWaiting) continue;
      Task t = std::move(task).value();
      TimePoint retryAt{};
      if (!breaker_.allows(t.systemId, &retryAt)) {
        t.nextRunAt = retryAt;
        t.updatedAt = now;
        if (auto updated = tx.tasks().update(t); !updated) return updated.error();
        continue;
      }
      auto claimed = claimOne(tx, std::move(t), now);
      if (!claimed) return claimed.error();
      batch.push_back(std::move(claimed).value());
    }
    return batch;
  });
}

Result<TaskRunner::Claimed> TaskRunner::claimOne(StoreTx& tx, Task t, TimePoint now) {
  Claimed c;
  // While a task runs, nextRunAt is its lease, renewed by this worker's heartbeats: past it,
  // the worker is presumed dead and another runs the task again (recoverInterrupted).
  t.nextRunAt = now + lease_.duration;
  t.leaseOwner = lease_.owner;
  const bool resumingDeferred = t.status == TaskStatus::kWaiting;
  t.status = TaskStatus::kRunning;
  ++t.attempts;
  t.updatedAt = now;
  // A retry produces its records again: drop what an earlier attempt left. A deferred task
  // keeps them; it is only asked for its status.
  if (resumingDeferred) {
    auto previous = tx.taskResults().listForTask(t.id, -1, kMaxPageSize);
    if (!previous) return previous.error();
    c.previous = std::move(previous).value();
  } else if (auto dropped = tx.taskResults().deleteForTask(t.id); !dropped) {
    return dropped.error();
  }
  if (auto updated = tx.tasks().update(t); !updated) return updated.error();

  auto request = tx.requests().get(t.requestId);
  if (!request) return request.error();
  c.request = std::move(request).value();
  auto identities = tx.identities().listForRequest(t.requestId);
  if (!identities) return identities.error();
  c.identities = std::move(identities).value();
  if (t.action == Action::kErase) {
    auto key = pseudonymKey(tx, *vault_, t.requestId, t.systemId);
    if (!key) return key.error();
    c.pseudonymKey = std::move(key).value();
  }
  c.task = std::move(t);
  return c;
}

Result<Task> TaskRunner::run(Claimed context) {
  Task task = std::move(context.task);
  ScopedRequestId scope(task.requestId);

  auto params = parseTaskParams(task.paramsJson);
  if (!params) return params.error();

  plugin_host::ActionRequest action;
  action.action = task.action;
  action.requestId = task.requestId;
  action.taskId = task.id;
  action.requestType = context.request.type;
  action.regulation = context.request.regulation;
  action.categories = params->categories;
  action.pseudonymKey = std::move(context.pseudonymKey);
  for (const auto& stored : context.identities) {
    auto identity = vault_->open(stored);
    if (!identity) return identity.error();
    action.identities.push_back(std::move(identity).value());
  }

  // A deferred task is asked for its status, with the state it asked to get back.
  std::int64_t firstSeq = 0;
  if (task.outcome == Outcome::kDeferred) {
    action.action = Action::kStatus;
    for (const auto& r : context.previous) {
      firstSeq = std::max(firstSeq, r.seq + 1);
      if (r.kind != TaskResultKind::kOutcome) continue;
      auto clear = vault_->openResult(r);
      if (!clear) return clear.error();
      auto stored = Poco::JSON::Parser().parse(*clear).extract<Poco::JSON::Object::Ptr>();
      action.stateJson = stored->optValue<std::string>("poll_state", "");
    }
  }

  const SystemHandle* system = systems_->find(task.systemId);
  const TimePoint now = clock_->now();
  StoreSink sink(*store_, *vault_, task, params->countsOnly, now, firstSeq);
  CallResult result;
  if (system == nullptr || !system->instance) {
    result.outcome = Outcome::kFailed;
    result.failure = plugin_host::CallFailure::kQuarantined;
    result.reason = "system " + task.systemId + " is not configured or could not be opened";
  } else {
    plugin_host::CallOptions options;
    options.timeout = system->timeout;
    // A follow-up after the workflow has its own due date; the others share the request's
    // (which an extension moves).
    options.deadline =
        task.step == kAfterWorkflow && task.dueAt ? *task.dueAt : context.request.effectiveDueAt();
    auto called = system->instance->invoke(action, options, sink);
    if (!called) {
      result.outcome = Outcome::kFailed;
      result.reason = called.error().message;
    } else {
      result = std::move(called).value();
    }
  }
  if (result.failed() && result.failure != plugin_host::CallFailure::kNone &&
      result.failure != plugin_host::CallFailure::kSinkFailed) {
    breaker_.recordFailure(task.systemId);
  } else if (!result.failed()) {
    breaker_.recordSuccess(task.systemId);
  }
  return finish(std::move(task), result, sink.counts(), sink.nextSeq(), sink.takeUnstored());
}

Result<Task> TaskRunner::finish(Task task, const CallResult& result,
                                const std::map<std::string, std::int64_t>& counts,
                                std::int64_t nextSeq, std::vector<TaskResult> unstored) {
  const TimePoint now = clock_->now();
  task.outcome = result.outcome;
  task.updatedAt = now;
  task.lastError.clear();
  task.nextRunAt.reset();
  task.leaseOwner.clear();
  if (result.outcome == Outcome::kDeferred) {
    task.status = TaskStatus::kWaiting;
    task.nextRunAt = result.pollLater ? result.pollLater->notBefore
                                      : result.nextPoll.value_or(now + std::chrono::minutes(5));
  } else if (result.failed() && result.retryable && task.attempts < retry_.maxAttempts) {
    task.status = TaskStatus::kPending;
    task.outcome.reset();
    task.lastError = result.reason;
    task.nextRunAt = now + retryDelay(retry_, task.id, task.attempts);
  } else {
    task.status = TaskStatus::kDone;
    if (result.failed()) task.lastError = result.reason;
  }

  // The outcome as the plugin gave it, plus counts of a counts-only pass, kept sealed with the
  // task's results: outcomes may name what was retained and why.
  Poco::JSON::Object stored;
  stored.set("outcome", result.outcomeJson.empty() ? std::string("{}") : result.outcomeJson);
  Poco::JSON::Object countsJson;
  for (const auto& [category, n] : counts) countsJson.set(category, n);
  for (const auto& [category, n] : result.counts) countsJson.set(category, n);
  stored.set("counts", countsJson);
  if (result.pollLater) stored.set("poll_state", result.pollLater->stateJson);
  TaskResult outcomeResult{newId(), task.id, task.requestId, nextSeq, TaskResultKind::kOutcome, "",
                           "",      now};
  auto sealed = vault_->sealResult(outcomeResult, stringify(stored));
  if (!sealed) return sealed.error();

  Poco::JSON::Object details;
  details.set("task", task.id);
  details.set("system", task.systemId);
  details.set("action", std::string(toString(task.action)));
  details.set("outcome", std::string(toString(result.outcome)));
  details.set("attempt", task.attempts);
  if (result.failure != plugin_host::CallFailure::kNone) {
    details.set("failure", std::string(toString(result.failure)));
  }
  details.set("counts", countsJson);
  details.set("records", static_cast<std::int64_t>(result.recordsAccepted));
  const std::string event = task.status == TaskStatus::kPending
                                ? "task.retry_scheduled"
                                : "task." + std::string(toString(result.outcome));
  // Data kept until a date is erased then: scheduled with the outcome, in one transaction.
  const std::vector<Task> followUps = task.status == TaskStatus::kDone
                                          ? retentionFollowUps(task, result.outcomeJson, now)
                                          : std::vector<Task>{};
  auto saved = store_->transactValue<Task>([&](StoreTx& tx) -> Result<Task> {
    for (const auto& record : unstored) {
      if (auto appended = tx.taskResults().append(record); !appended) return appended.error();
    }
    if (auto appended = tx.taskResults().append(*sealed); !appended) return appended.error();
    if (auto updated = tx.tasks().update(task); !updated) return updated.error();
    auto audited = appendAudit(
        tx, {now, ActorType::kSystem, task.systemId, task.requestId, event, stringify(details)});
    if (!audited) return audited.error();
    for (const Task& followUp : followUps) {
      if (auto inserted = tx.tasks().insert(followUp); !inserted) return inserted.error();
      Poco::JSON::Object scheduled;
      scheduled.set("task", followUp.id);
      scheduled.set("after_task", task.id);
      scheduled.set("system", followUp.systemId);
      scheduled.set("runs_at", formatUtcSeconds(*followUp.nextRunAt));
      auto noted = appendAudit(tx, {now, ActorType::kSystem, "engine", task.requestId,
                                    "task.retention_erasure_scheduled", stringify(scheduled)});
      if (!noted) return noted.error();
    }
    return task;
  });
  if (saved) {
    logInfo("task finished", {{"system", task.systemId},
                              {"action", toString(task.action)},
                              {"outcome", toString(result.outcome)},
                              {"status", toString(task.status)}});
  }
  return saved;
}

}  // namespace dsrflow
