#include "store/soci_task_repository.hpp"

namespace dsrflow::detail {
namespace {

// Every column but id and version, in the order useFields() binds them.
const std::string kFields =
    "request_id, system_id, action, step, params_json, status, outcome, attempts, next_run_at, "
    "lease_owner, due_at, last_error, created_at, updated_at";
const std::string kColumns = "id, " + kFields + ", version";
const std::string kInsert = "INSERT INTO tasks (" + kColumns +
                            ") VALUES (:id, :request_id, :system_id, :action, :step, :params_json, "
                            ":status, :outcome, :attempts, :next_run_at, :lease_owner, :due_at, "
                            ":last_error, :created_at, :updated_at, :version)";
const std::string kSelectById = "SELECT " + kColumns + " FROM tasks WHERE id = :id";
const std::string kSelectByRequest =
    "SELECT " + kColumns + " FROM tasks WHERE request_id = :request_id ORDER BY created_at, id";
const std::string kUpdate =
    "UPDATE tasks SET request_id = :request_id, system_id = :system_id, action = :action, "
    "step = :step, params_json = :params_json, status = :status, outcome = :outcome, "
    "attempts = :attempts, next_run_at = :next_run_at, lease_owner = :lease_owner, "
    "due_at = :due_at, last_error = :last_error, created_at = :created_at, "
    "updated_at = :updated_at, version = :new_version WHERE id = :id AND version = :version";
const std::string kCountById = "SELECT count(*) FROM tasks WHERE id = :id";
const std::string kSelectRunnable =
    "SELECT " + kColumns +
    " FROM tasks WHERE (status = :pending AND (next_run_at IS NULL OR next_run_at <= :now)) "
    "OR (status = :waiting AND next_run_at <= :now_again) "
    "ORDER BY COALESCE(next_run_at, 0), created_at, id LIMIT :limit";
const std::string kSelectRunning = "SELECT " + kColumns +
                                   " FROM tasks WHERE status = :running "
                                   "ORDER BY next_run_at, created_at, id LIMIT :limit";
// A heartbeat moves only the lease: it is not a change of the task, so the version stays and
// the worker's own update of the outcome still matches.
const std::string kRenewLeases =
    "UPDATE tasks SET next_run_at = :until WHERE status = :running AND lease_owner = :owner";

}  // namespace

SociTaskRepository::SociTaskRepository(DbSession& db)
    : db_(db), pending_(toString(TaskStatus::kPending)), waiting_(toString(TaskStatus::kWaiting)) {}

void SociTaskRepository::load(const Task& t) {
  row_.id = t.id;
  row_.requestId = t.requestId;
  row_.systemId = t.systemId;
  row_.action = toString(t.action);
  row_.step = t.step;
  row_.paramsJson = t.paramsJson;
  row_.status = toString(t.status);
  row_.outcome.set(t.outcome ? std::optional<std::string>(toString(*t.outcome)) : std::nullopt);
  row_.attempts = t.attempts;
  row_.nextRunAt.set(t.nextRunAt);
  row_.leaseOwner.set(std::string_view(t.leaseOwner));
  row_.dueAt.set(t.dueAt);
  row_.lastError.set(std::string_view(t.lastError));
  row_.createdAt = toMillis(t.createdAt);
  row_.updatedAt = toMillis(t.updatedAt);
  row_.version = t.version;
}

Result<Task> SociTaskRepository::toModel() const {
  Task t;
  t.id = row_.id;
  t.requestId = row_.requestId;
  t.systemId = row_.systemId;
  auto action = parseColumn(kActionNames, row_.action, "tasks.action");
  auto status = parseColumn(kTaskStatusNames, row_.status, "tasks.status");
  if (!action) return action.error();
  if (!status) return status.error();
  t.action = *action;
  t.step = row_.step;
  t.paramsJson = row_.paramsJson;
  t.status = *status;
  if (auto stored = row_.outcome.get()) {
    auto outcome = parseColumn(kOutcomeNames, *stored, "tasks.outcome");
    if (!outcome) return outcome.error();
    t.outcome = *outcome;
  }
  t.attempts = row_.attempts;
  t.nextRunAt = row_.nextRunAt.get();
  t.leaseOwner = row_.leaseOwner.getOrEmpty();
  t.dueAt = row_.dueAt.get();
  t.lastError = row_.lastError.getOrEmpty();
  t.createdAt = fromMillis(row_.createdAt);
  t.updatedAt = fromMillis(row_.updatedAt);
  t.version = row_.version;
  return t;
}

void SociTaskRepository::intoRow(soci::statement& st) {
  st.exchange(soci::into(row_.id));
  st.exchange(soci::into(row_.requestId));
  st.exchange(soci::into(row_.systemId));
  st.exchange(soci::into(row_.action));
  st.exchange(soci::into(row_.step));
  st.exchange(soci::into(row_.paramsJson));
  st.exchange(soci::into(row_.status));
  st.exchange(soci::into(row_.outcome.value, row_.outcome.ind));
  st.exchange(soci::into(row_.attempts));
  st.exchange(soci::into(row_.nextRunAt.value, row_.nextRunAt.ind));
  st.exchange(soci::into(row_.leaseOwner.value, row_.leaseOwner.ind));
  st.exchange(soci::into(row_.dueAt.value, row_.dueAt.ind));
  st.exchange(soci::into(row_.lastError.value, row_.lastError.ind));
  st.exchange(soci::into(row_.createdAt));
  st.exchange(soci::into(row_.updatedAt));
  st.exchange(soci::into(row_.version));
}

void SociTaskRepository::useFields(soci::statement& st) {
  st.exchange(soci::use(row_.requestId));
  st.exchange(soci::use(row_.systemId));
  st.exchange(soci::use(row_.action));
  st.exchange(soci::use(row_.step));
  st.exchange(soci::use(row_.paramsJson));
  st.exchange(soci::use(row_.status));
  st.exchange(soci::use(row_.outcome.value, row_.outcome.ind));
  st.exchange(soci::use(row_.attempts));
  st.exchange(soci::use(row_.nextRunAt.value, row_.nextRunAt.ind));
  st.exchange(soci::use(row_.leaseOwner.value, row_.leaseOwner.ind));
  st.exchange(soci::use(row_.dueAt.value, row_.dueAt.ind));
  st.exchange(soci::use(row_.lastError.value, row_.lastError.ind));
  st.exchange(soci::use(row_.createdAt));
  st.exchange(soci::use(row_.updatedAt));
}

Status SociTaskRepository::insert(const Task& task) {
  return db_.run("inserting a task", [&]() -> Status {
    load(task);
    auto& st = insert_.get(db_.sql(), kInsert, [&](soci::statement& s) {
      s.exchange(soci::use(row_.id));
      useFields(s);
      s.exchange(soci::use(row_.version));
    });
    st.execute(true);
    return Ok{};
  });
}

Result<Task> SociTaskRepository::get(std::string_view id) {
  return db_.run("reading a task", [&]() -> Result<Task> {
    key_ = id;
    auto& st = get_.get(db_.sql(), kSelectById, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    return fetchOne(
        st, [&] { return toModel(); }, "no task with id " + key_);
  });
}

Result<std::vector<Task>> SociTaskRepository::listForRequest(std::string_view requestId) {
  return db_.run("listing tasks", [&]() -> Result<std::vector<Task>> {
    key_ = requestId;
    auto& st = byRequest_.get(db_.sql(), kSelectByRequest, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    return fetchAll<Task>(st, [&] { return toModel(); });
  });
}

Status SociTaskRepository::update(Task& task) {
  return db_.run("updating a task", [&]() -> Status {
    load(task);
    expectedVersion_ = task.version;
    newVersion_ = task.version + 1;
    auto& st = update_.get(db_.sql(), kUpdate, [&](soci::statement& s) {
      useFields(s);
      s.exchange(soci::use(newVersion_));
      s.exchange(soci::use(row_.id));
      s.exchange(soci::use(expectedVersion_));
    });
    if (executeChange(st) == 1) {
      task.version = newVersion_;
      return Ok{};
    }
    key_ = task.id;
    auto& exists = exists_.get(db_.sql(), kCountById, [&](soci::statement& s) {
      s.exchange(soci::into(count_));
      s.exchange(soci::use(key_));
    });
    executeSingle(exists);
    if (count_ == 0) return notFound("no task with id " + key_);
    return conflict("task " + key_ + " was changed by someone else (version " +
                    std::to_string(expectedVersion_) + " is stale)");
  });
}

Result<std::vector<Task>> SociTaskRepository::listRunnable(TimePoint now, std::size_t limit) {
  if (auto ok = checkLimit(limit); !ok) return ok.error();
  return db_.run("listing runnable tasks", [&]() -> Result<std::vector<Task>> {
    now_ = toMillis(now);
    limit_ = static_cast<long long>(limit);
    auto& st = runnable_.get(db_.sql(), kSelectRunnable, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(pending_));
      s.exchange(soci::use(now_));
      s.exchange(soci::use(waiting_));
      s.exchange(soci::use(now_));
      s.exchange(soci::use(limit_));
    });
    return fetchAll<Task>(st, [&] { return toModel(); });
  });
}

Result<std::vector<Task>> SociTaskRepository::listRunning(std::size_t limit) {
  if (auto ok = checkLimit(limit); !ok) return ok.error();
  return db_.run("listing running tasks", [&]() -> Result<std::vector<Task>> {
    limit_ = static_cast<long long>(limit);
    auto& st = runningList_.get(db_.sql(), kSelectRunning, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(running_));
      s.exchange(soci::use(limit_));
    });
    return fetchAll<Task>(st, [&] { return toModel(); });
  });
}

Result<Task> SociTaskRepository::lock(std::string_view id) {
  return db_.run("locking a task", [&]() -> Result<Task> {
    key_ = id;
    auto& st = lock_.get(db_.sql(), kSelectById + std::string(db_.dialect().lockSkipLocked),
                         [&](soci::statement& s) {
                           intoRow(s);
                           s.exchange(soci::use(key_));
                         });
    return fetchOne(
        st, [&] { return toModel(); },
        "task " + key_ + " is held by another worker or does not exist");
  });
}

Result<std::size_t> SociTaskRepository::renewLeases(std::string_view owner, TimePoint until) {
  return db_.run("renewing task leases", [&]() -> Result<std::size_t> {
    key_ = owner;
    now_ = toMillis(until);
    auto& st = renew_.get(db_.sql(), kRenewLeases, [&](soci::statement& s) {
      s.exchange(soci::use(now_));
      s.exchange(soci::use(running_));
      s.exchange(soci::use(key_));
    });
    return static_cast<std::size_t>(executeChange(st));
  });
}

}  // namespace dsrflow::detail
