#include "engine/workflow_engine.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <thread>

#include "audit/audit_log.hpp"
#include "engine/answer_assembler.hpp"
#include "engine/legal_holds.hpp"
#include "engine/pseudonym_keys.hpp"
#include "engine/request_intake.hpp"
#include "engine/request_transition.hpp"
#include "engine/retention_follow_up.hpp"
#include "engine/reviewer_routing.hpp"
#include "engine/subject_lists.hpp"
#include "engine/task_params.hpp"
#include "log/logger.hpp"

namespace dsrflow {
namespace {

const Actor kEngine{ActorType::kSystem, "engine"};

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string stringify(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

bool isFinished(const Task& t) {
  return t.status == TaskStatus::kDone || t.status == TaskStatus::kCancelled;
}

// Moves the request to `target`, passing through in_progress where the table asks for it
// (e.g. waiting -> in_progress -> in_review).
Status moveTo(StoreTx& tx, Request& r, RequestStatus target, TimePoint now,
              const std::string& event) {
  if (r.status == target) return Ok{};
  if (!canTransition(r.status, target) && r.status != RequestStatus::kInProgress &&
      canTransition(r.status, RequestStatus::kInProgress)) {
    if (auto s = transitionRequest(tx, r, RequestStatus::kInProgress, kEngine, now,
                                   "request.in_progress");
        !s) {
      return s;
    }
  }
  return transitionRequest(tx, r, target, kEngine, now, event);
}

// The next step: persisted with the request so a restart resumes after it.
Status nextStep(StoreTx& tx, Request& r, TimePoint now) {
  ++r.step;
  r.updatedAt = now;
  return tx.requests().update(r);
}

LeasePolicy leasePolicy(EngineOptions& options) {
  if (options.lease.owner.empty()) options.lease.owner = defaultWorkerId();
  return options.lease;
}

}  // namespace

WorkflowEngine::WorkflowEngine(std::shared_ptr<Store> store,
                               std::shared_ptr<const IdentityVault> vault,
                               std::shared_ptr<const Clock> clock, std::vector<Workflow> workflows,
                               std::shared_ptr<const SystemDirectory> systems,
                               EngineOptions options)
    : store_(store),
      vault_(vault),
      clock_(clock),
      workflows_(std::move(workflows)),
      systems_(systems),
      options_(std::move(options)),
      runner_(store, vault, clock, systems, options_.retry, leasePolicy(options_)) {}

const Workflow* WorkflowEngine::workflowFor(RequestType type) const {
  return findWorkflow(workflows_, type);
}

Status WorkflowEngine::advance(const std::string& requestId) {
  ScopedRequestId scope(requestId);
  // Each pass persists one step's effect; stop when a pass makes no progress.
  for (int guard = 0; guard < 64; ++guard) {
    bool progressed = false;
    if (auto s = advanceOnce(requestId, progressed); !s) return s;
    if (!progressed) return Ok{};
  }
  return Error{ErrorCode::kInternal, "workflow of request " + requestId + " does not settle"};
}

Status WorkflowEngine::advanceOnce(const std::string& requestId, bool& progressed) {
  progressed = false;
  const TimePoint now = clock_->now();
  auto snapshot =
      store_->readValue<Request>([&](StoreTx& tx) { return tx.requests().get(requestId); });
  if (!snapshot) return snapshot.error();
  if (isTerminal(snapshot->status) || snapshot->status == RequestStatus::kOnHold) return Ok{};
  const Workflow* workflow = workflowFor(snapshot->type);
  if (workflow == nullptr) {
    return Error{ErrorCode::kInternal,
                 "no workflow serves " + std::string(toString(snapshot->type))};
  }

  // Assembling writes a file; do it before the transaction that moves past the step, so a
  // crash in between only repeats the (idempotent) write.
  const auto stepIndex = static_cast<std::size_t>(snapshot->step);
  if (stepIndex < workflow->steps.size()) {
    if (const auto* assemble = std::get_if<AssembleStep>(&workflow->steps[stepIndex])) {
      auto written =
          assembleAnswer(*store_, *vault_, *snapshot, assemble->format, options_.resultsDir);
      if (!written) return written.error();
    }
  }

  return store_->transact([&](StoreTx& tx) -> Status {
    auto loaded = tx.requests().get(requestId);
    if (!loaded) return loaded.error();
    Request r = std::move(loaded).value();
    if (r.step != snapshot->step || r.status != snapshot->status) return Ok{};  // moved on
    auto tasks = tx.tasks().listForRequest(r.id);
    if (!tasks) return tasks.error();
    // Steps that only write to the store follow one another in this transaction. An assemble
    // step ends it: its answer is written before a transaction of its own (see above).
    for (;;) {
      bool stepProgressed = false;
      if (auto s = applyStep(tx, r, *tasks, *workflow, now, stepProgressed); !s) return s;
      if (!stepProgressed || isTerminal(r.status)) return Ok{};
      const auto next = static_cast<std::size_t>(r.step);
      if (next < workflow->steps.size() &&
          std::holds_alternative<AssembleStep>(workflow->steps[next])) {
        progressed = true;
        return Ok{};
      }
    }
  });
}

Status WorkflowEngine::applyStep(StoreTx& tx, Request& r, const std::vector<Task>& tasks,
                                 const Workflow& workflow, TimePoint now, bool& progressed) {
  const auto stepIndex = static_cast<std::size_t>(r.step);
  if (stepIndex >= workflow.steps.size()) {
    const bool exceptions = std::any_of(tasks.begin(), tasks.end(), [](const Task& t) {
      return t.outcome && isException(*t.outcome);
    });
    if (auto s = moveTo(tx, r, RequestStatus::kAssembling, now, "request.assembling"); !s) {
      return s;
    }
    return transitionRequest(
        tx, r, exceptions ? RequestStatus::kCompletedWithExceptions : RequestStatus::kCompleted,
        kEngine, now, exceptions ? "request.completed_with_exceptions" : "request.completed");
  }

  std::vector<Task> stepTasks;
  for (const auto& t : tasks) {
    if (t.step == r.step) stepTasks.push_back(t);
  }
  // Follow-ups that run after the workflow (a retention's end) are nobody's step to wait for.
  const bool allFinished = std::all_of(tasks.begin(), tasks.end(), [](const Task& t) {
    return t.step == kAfterWorkflow || isFinished(t);
  });

  return std::visit(
      Overloaded{
          [&](const VerifyIdentityStep& step) -> Status {
            if (!step.required) {
              progressed = true;
              return nextStep(tx, r, now);
            }
            return moveTo(tx, r, RequestStatus::kVerifying, now, "request.verifying");
          },
          [&](const ApproveStep& step) -> Status {
            const bool needed = step.channels.empty() ||
                                std::find(step.channels.begin(), step.channels.end(), r.channel) !=
                                    step.channels.end();
            if (!needed) {
              progressed = true;
              return nextStep(tx, r, now);
            }
            return moveTo(tx, r, RequestStatus::kAwaitingApproval, now,
                          "request.awaiting_approval");
          },
          [&](const FanOutStep& step) -> Status {
            if (stepTasks.empty()) {
              std::vector<std::string> selected;
              for (const auto& system : systems_->all()) {
                const bool chosen =
                    step.systems.all ||
                    std::count(step.systems.ids.begin(), step.systems.ids.end(), system.id) ||
                    std::count(step.systems.kinds.begin(), step.systems.kinds.end(), system.kind);
                if (chosen && system.instance && system.instance->plugin().supports(step.action)) {
                  selected.push_back(system.id);
                }
              }
              // The suppression list holds the person whatever the systems can do.
              if (step.action == Action::kSuppress) {
                if (auto s = suppress(tx, r, now); !s) return s;
              }
              if (selected.empty()) {
                progressed = true;
                return nextStep(tx, r, now);
              }
              // A person under legal hold keeps their data (Art. 17(3)(e)): the erasure tasks
              // end retained without asking the systems.
              std::vector<SubjectListEntry> holds;
              if (step.action == Action::kErase) {
                auto found = legalHolds(tx, r.id);
                if (!found) return found.error();
                holds = std::move(found).value();
                // Queued again when the holds end (legal_holds.hpp).
                if (auto s = recordHeldErasure(tx, r.id, holds, now); !s) return s;
                if (auto s = ensurePseudonymSecret(tx, *vault_, r.id, now); !s) return s;
              }

              for (const auto& systemId : selected) {
                TaskParams params;
                params.categories = step.categories;
                params.countsOnly = step.countsOnly;
                if (auto it = step.after.find(systemId); it != step.after.end()) {
                  params.after = it->second;
                }
                Task t;
                t.id = newId();
                t.requestId = r.id;
                t.systemId = systemId;
                t.action = step.action;
                t.step = r.step;
                t.paramsJson = toJson(params);
                t.dueAt = r.effectiveDueAt();
                t.createdAt = now;
                t.updatedAt = now;
                if (!holds.empty()) {
                  t.status = TaskStatus::kDone;
                  t.outcome = Outcome::kRetained;
                  t.lastError = "legal hold (Art. 17(3)(e) GDPR): " + holds.front().reason;
                }
                if (auto s = tx.tasks().insert(t); !s) return s;
              }
              Poco::JSON::Object details;
              details.set("step", r.step);
              details.set("action", std::string(toString(step.action)));
              details.set("systems", static_cast<int>(selected.size()));
              if (!holds.empty()) details.set("withheld_by_legal_hold", holds.front().id);
              auto audited = appendAudit(tx, {now, kEngine.type, kEngine.id, r.id,
                                              "request.fanned_out", stringify(details)});
              if (!audited) return audited.error();
              return moveTo(tx, r, RequestStatus::kInProgress, now, "request.in_progress");
            }
            if (std::all_of(stepTasks.begin(), stepTasks.end(), isFinished)) {
              progressed = true;
              if (r.status == RequestStatus::kWaiting) {
                if (auto s = moveTo(tx, r, RequestStatus::kInProgress, now, "request.in_progress");
                    !s) {
                  return s;
                }
              }
              return nextStep(tx, r, now);
            }
            const bool deferred =
                std::any_of(stepTasks.begin(), stepTasks.end(),
                            [](const Task& t) { return t.status == TaskStatus::kWaiting; });
            if (deferred) return moveTo(tx, r, RequestStatus::kWaiting, now, "request.waiting");
            return moveTo(tx, r, RequestStatus::kInProgress, now, "request.in_progress");
          },
          [&](const WaitStep&) -> Status {
            if (allFinished) {
              progressed = true;
              return nextStep(tx, r, now);
            }
            return moveTo(tx, r, RequestStatus::kWaiting, now, "request.waiting");
          },
          [&](const ReviewStep& step) -> Status {
            if (!step.required) {
              progressed = true;
              return nextStep(tx, r, now);
            }
            return moveTo(tx, r, RequestStatus::kInReview, now, "request.in_review");
          },
          [&](const RouteToReviewerStep& step) -> Status {
            if (auto s = moveTo(tx, r, RequestStatus::kInReview, now, "request.in_review"); !s) {
              return s;
            }
            return routeToReviewer(tx, r, step, now);
          },
          [&](const AssembleStep& step) -> Status {
            if (auto s = moveTo(tx, r, RequestStatus::kAssembling, now, "request.assembling"); !s) {
              return s;
            }
            Poco::JSON::Object details;
            details.set("format", step.format);
            auto audited = appendAudit(
                tx, {now, kEngine.type, kEngine.id, r.id, "request.assembled", stringify(details)});
            if (!audited) return audited.error();
            progressed = true;
            return nextStep(tx, r, now);
          },
          [&](const DeliverStep&) -> Status {
            auto audited =
                appendAudit(tx, {now, kEngine.type, kEngine.id, r.id, "request.delivered", "{}"});
            if (!audited) return audited.error();
            progressed = true;
            return nextStep(tx, r, now);
          },
          [&](const NotifyRecipientsStep&) -> Status {
            // Until notifications exist, record whom Art. 19 requires telling: the systems
            // that acted on the request.
            Poco::JSON::Array::Ptr systems = new Poco::JSON::Array;
            for (const auto& t : tasks) {
              if (t.action != Action::kAccess && t.step != kAfterWorkflow) {
                systems->add(t.systemId);
              }
            }
            Poco::JSON::Object details;
            details.set("systems", systems);
            auto audited =
                appendAudit(tx, {now, kEngine.type, kEngine.id, r.id,
                                 "recipients.notification_recorded", stringify(details)});
            if (!audited) return audited.error();
            progressed = true;
            return nextStep(tx, r, now);
          },
      },
      workflow.steps[stepIndex]);
}

Result<std::vector<Identity>> WorkflowEngine::identitiesOf(StoreTx& tx,
                                                           const std::string& requestId) const {
  auto stored = tx.identities().listForRequest(requestId);
  if (!stored) return stored.error();
  std::vector<Identity> identities;
  for (const auto& s : *stored) {
    auto identity = vault_->open(s);
    if (!identity) return identity.error();
    identities.push_back(std::move(identity).value());
  }
  return identities;
}

Result<std::vector<SubjectListEntry>> WorkflowEngine::legalHolds(
    StoreTx& tx, const std::string& requestId) const {
  auto identities = identitiesOf(tx, requestId);
  if (!identities) return identities.error();
  std::vector<LookupHash> hashes;
  for (const auto& identity : *identities) {
    auto h = vault_->lookupHashes(identity);
    if (!h) return h.error();
    hashes.insert(hashes.end(), h->begin(), h->end());
  }
  return tx.subjectLists().findActive(SubjectListKind::kLegalHold, hashes);
}

Status WorkflowEngine::suppress(StoreTx& tx, const Request& r, TimePoint now) const {
  // Keep the person on the suppression list so they are not re-imported and contacted again
  // (Art. 21(3)); one entry per identity, by keyed hash only.
  auto identities = identitiesOf(tx, r.id);
  if (!identities) return identities.error();
  const NewListEntry entry{std::string(toString(r.type)) + " request", "", r.id, std::nullopt};
  for (const auto& identity : *identities) {
    auto added =
        addToSubjectList(tx, *vault_, SubjectListKind::kSuppression, identity, entry, kEngine, now);
    if (!added) return added.error();
  }
  return Ok{};
}

Status WorkflowEngine::completeHumanStep(const std::string& requestId, const Actor& actor,
                                         RequestStatus expected, const std::string& event,
                                         const std::string& detailsJson,
                                         const HumanStepCheck& check) {
  // A request just received has not reached its first step yet: let it get there first.
  if (auto s = advance(requestId); !s) return s;
  const TimePoint now = clock_->now();
  Status done = store_->transact([&](StoreTx& tx) -> Status {
    auto r = tx.requests().get(requestId);
    if (!r) return r.error();
    if (r->status != expected) {
      return conflict("request is " + std::string(toString(r->status)) + ", not " +
                      std::string(toString(expected)));
    }
    Request request = std::move(r).value();
    if (check) {
      if (auto s = check(tx, request, now); !s) return s;
    }
    if (auto s = nextStep(tx, request, now); !s) return s;
    auto audited = appendAudit(tx, {now, actor.type, actor.id, request.id, event, detailsJson});
    if (!audited) return audited.error();
    return Ok{};
  });
  if (!done) return done;
  return advance(requestId);
}

Status WorkflowEngine::attestIdentity(const std::string& requestId, const Actor& actor,
                                      const std::string& method) {
  if (method.find_first_not_of(" \t") == std::string::npos) {
    return invalidArgument("method: say how the identity was verified");
  }
  Poco::JSON::Object details;
  details.set("method", method);
  return completeHumanStep(requestId, actor, RequestStatus::kVerifying, "request.identity_verified",
                           stringify(details));
}

Status WorkflowEngine::approve(const std::string& requestId, const Actor& actor) {
  return completeHumanStep(requestId, actor, RequestStatus::kAwaitingApproval, "request.approved",
                           "{}");
}

Status WorkflowEngine::finishReview(const std::string& requestId, const Actor& actor,
                                    const std::string& overrideReason) {
  return completeHumanStep(
      requestId, actor, RequestStatus::kInReview, "request.reviewed", "{}",
      [&](StoreTx& tx, const Request& r, TimePoint now) -> Status {
        const Workflow* workflow = workflowFor(r.type);
        const WorkflowStep* step = workflow ? stepAt(*workflow, r.step) : nullptr;
        if (step != nullptr && std::holds_alternative<RouteToReviewerStep>(*step)) {
          return finishRoutedReview(tx, r, actor, overrideReason, now);
        }
        if (!overrideReason.empty()) {
          return invalidArgument("override: only a review routed to a named reviewer has one");
        }
        return Ok{};
      });
}

Result<std::size_t> WorkflowEngine::retryFailed(const std::string& requestId, const Actor& actor) {
  const TimePoint now = clock_->now();
  auto retried = store_->transactValue<std::size_t>([&](StoreTx& tx) -> Result<std::size_t> {
    auto loaded = tx.requests().get(requestId);
    if (!loaded) return loaded.error();
    Request r = std::move(loaded).value();
    if (r.status != RequestStatus::kFailed && r.status != RequestStatus::kCompletedWithExceptions) {
      return conflict(
          "only a failed request or one completed with exceptions can be retried; "
          "it is " +
          std::string(toString(r.status)));
    }
    if (now > r.effectiveDueAt()) {
      return conflict("the request's deadline has passed; extend or answer it instead");
    }
    auto tasks = tx.tasks().listForRequest(r.id);
    if (!tasks) return tasks.error();
    std::size_t count = 0;
    int earliest = r.step;
    Poco::JSON::Array::Ptr systems = new Poco::JSON::Array;
    for (Task t : *tasks) {
      if (t.outcome != Outcome::kFailed) continue;
      t.status = TaskStatus::kPending;
      t.outcome.reset();
      t.attempts = 0;
      t.lastError.clear();
      t.nextRunAt.reset();
      t.updatedAt = now;
      if (auto u = tx.tasks().update(t); !u) return u.error();
      earliest = std::min(earliest, t.step);
      systems->add(t.systemId);
      ++count;
    }
    if (count == 0) return conflict("no system of this request failed");
    r.step = earliest;
    Poco::JSON::Object details;
    details.set("systems", systems);
    if (auto s = transitionRequest(tx, r, RequestStatus::kInProgress, actor, now, "request.retried",
                                   stringify(details));
        !s) {
      return s.error();
    }
    return count;
  });
  if (!retried) return retried;
  if (auto s = advance(requestId); !s) return s.error();
  return retried;
}

Result<std::size_t> WorkflowEngine::recoverInterrupted() {
  const TimePoint now = clock_->now();
  // A task is interrupted when its lease ended without a heartbeat, or at once when its worker
  // was a process on this host that is gone.
  auto interrupted = [&](const Task& t) {
    return t.status == TaskStatus::kRunning &&
           ((t.nextRunAt && *t.nextRunAt <= now) || isDeadLocalWorker(t.leaseOwner));
  };
  auto running = store_->readValue<std::vector<Task>>(
      [&](StoreTx& tx) { return tx.tasks().listRunning(kMaxPageSize); });
  if (!running) return running.error();
  std::size_t recovered = 0;
  for (const Task& listed : *running) {
    if (!interrupted(listed)) continue;
    Task task;
    Status s = store_->transact([&](StoreTx& tx) -> Status {
      // Locked and checked again: another worker may be recovering it too, or its owner's
      // heartbeat may have renewed the lease since it was listed.
      auto locked = tx.tasks().lock(listed.id);
      if (!locked) {
        if (locked.error().code == ErrorCode::kNotFound) return conflict(locked.error().message);
        return locked.error();
      }
      task = std::move(locked).value();
      if (!interrupted(task)) {
        return conflict("task " + task.id + " is no longer interrupted");
      }
      const bool exhausted = task.attempts >= options_.retry.maxAttempts;
      task.status = exhausted ? TaskStatus::kDone : TaskStatus::kPending;
      task.outcome = exhausted ? std::optional<Outcome>(Outcome::kFailed) : std::nullopt;
      task.lastError = "interrupted: its worker stopped while it ran";
      task.nextRunAt.reset();
      Poco::JSON::Object details;
      details.set("worker", task.leaseOwner);
      task.leaseOwner.clear();
      task.updatedAt = now;
      if (auto u = tx.tasks().update(task); !u) return u;
      details.set("task", task.id);
      details.set("system", task.systemId);
      details.set("attempt", task.attempts);
      auto audited =
          appendAudit(tx, {now, kEngine.type, kEngine.id, task.requestId,
                           exhausted ? "task.failed" : "task.interrupted", stringify(details)});
      if (!audited) return audited.error();
      return Ok{};
    });
    if (s) {
      ++recovered;
      if (task.status == TaskStatus::kDone) {
        if (auto a = advance(task.requestId); !a) return a.error();
      }
    } else if (s.error().code != ErrorCode::kConflict) {
      return s.error();
    }
  }
  return recovered;
}

Result<std::size_t> WorkflowEngine::runPending(std::size_t limit) {
  if (auto recovered = recoverInterrupted(); !recovered) return recovered.error();
  // New requests, and requests whose last task ended without them moving on (the worker died
  // between the two commits, or another worker ran the task).
  auto advanceable = store_->readValue<std::vector<Request>>(
      [&](StoreTx& tx) { return tx.requests().listAdvanceable(limit); });
  if (!advanceable) return advanceable.error();
  for (const auto& r : *advanceable) {
    if (auto s = advance(r.id); !s)
      logWarn("request did not advance", {{"error", s.error().message}});
  }

  const TimePoint now = clock_->now();
  auto runnable = store_->readValue<std::vector<Task>>(
      [&](StoreTx& tx) { return tx.tasks().listRunnable(now, limit); });
  if (!runnable) return runnable.error();

  // A task waits while a system it must follow ("erase B after A") has not finished.
  std::vector<Task> ready;
  for (const auto& task : *runnable) {
    auto params = parseTaskParams(task.paramsJson);
    if (!params) return params.error();
    if (params->after.empty()) {
      ready.push_back(task);
      continue;
    }
    auto siblings = store_->readValue<std::vector<Task>>(
        [&](StoreTx& tx) { return tx.tasks().listForRequest(task.requestId); });
    if (!siblings) return siblings.error();
    const bool blocked = std::any_of(siblings->begin(), siblings->end(), [&](const Task& t) {
      return t.step == task.step && !isFinished(t) &&
             std::count(params->after.begin(), params->after.end(), t.systemId) > 0;
    });
    if (!blocked) ready.push_back(task);
  }

  // Batches of at most parallelTasks tasks, and at most a system's `concurrency` of its own,
  // so one slow system never holds up the others for long.
  std::size_t ran = 0;
  while (!ready.empty()) {
    std::vector<Task> batch;
    std::vector<Task> later;
    std::map<std::string, int> perSystem;
    for (auto& task : ready) {
      const SystemHandle* system = systems_->find(task.systemId);
      const int cap = system != nullptr ? std::max(system->concurrency, 1) : 1;
      if (batch.size() < options_.parallelTasks && perSystem[task.systemId] < cap) {
        ++perSystem[task.systemId];
        batch.push_back(std::move(task));
      } else {
        later.push_back(std::move(task));
      }
    }
    // This worker's leases on the batch's tasks are renewed until every call has returned.
    LeaseKeeper heartbeat(store_, clock_, options_.lease);
    auto claimed = runner_.claim(batch);
    if (!claimed) return claimed.error();
    std::vector<std::thread> workers;
    for (auto& task : *claimed) {
      workers.emplace_back([&, mine = std::move(task)]() mutable {
        const std::string id = mine.task.id;
        auto result = runner_.run(std::move(mine));
        if (!result) logWarn("task did not run", {{"task", id}, {"error", result.error().message}});
      });
    }
    for (auto& w : workers) w.join();
    // Each request once, however many of its tasks the batch ran.
    std::set<std::string> requests;
    for (const auto& task : batch) requests.insert(task.requestId);
    for (const auto& requestId : requests) {
      if (auto s = advance(requestId); !s) {
        logWarn("request did not advance", {{"error", s.error().message}});
      }
    }
    ran += batch.size();
    ready = std::move(later);
  }
  return ran;
}

Status WorkflowEngine::runUntilIdle() {
  for (int round = 0; round < 1000; ++round) {
    auto ran = runPending();
    if (!ran) return ran.error();
    if (*ran == 0) return Ok{};
  }
  return Error{ErrorCode::kInternal, "tasks keep becoming runnable; stopped after 1000 rounds"};
}

}  // namespace dsrflow
