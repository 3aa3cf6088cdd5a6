#include "store/soci_request_repository.hpp"

#include <utility>

namespace dsrflow::detail {
namespace {

const std::string kColumns =
    "id, type, regulation, status, held_from, channel, language, controller_id, "
    "external_reference, received_at, due_at, extended_due_at, effective_due_at, "
    "extension_reason, status_reason, step, duplicate_of, created_at, updated_at, version";

const std::string kInsert =
    "INSERT INTO requests (" + kColumns +
    ") VALUES (:id, :type, :regulation, :status, :held_from, :channel, :language, "
    ":controller_id, :external_reference, :received_at, :due_at, :extended_due_at, "
    ":effective_due_at, :extension_reason, :status_reason, :step, :duplicate_of, :created_at, "
    ":updated_at, "
    ":version)";
const std::string kSelectById = "SELECT " + kColumns + " FROM requests WHERE id = :id";
const std::string kUpdate =
    "UPDATE requests SET type = :type, regulation = :regulation, status = :status, "
    "held_from = :held_from, channel = :channel, language = :language, "
    "controller_id = :controller_id, external_reference = :external_reference, "
    "received_at = :received_at, due_at = :due_at, extended_due_at = :extended_due_at, "
    "effective_due_at = :effective_due_at, extension_reason = :extension_reason, "
    "status_reason = :status_reason, step = :step, duplicate_of = :duplicate_of, "
    "updated_at = :updated_at, version = "
    ":new_version WHERE id = "
    ":id AND version = :version";
const std::string kCountById = "SELECT count(*) FROM requests WHERE id = :id";
const std::string kSelectByReference = "SELECT " + kColumns +
                                       " FROM requests WHERE external_reference = :reference "
                                       "ORDER BY created_at, id";

const std::string kSelectAdvanceable =
    "SELECT " + kColumns +
    " FROM requests WHERE status = :received OR (status IN (:in_progress, :waiting, :assembling) "
    "AND NOT EXISTS "
    "(SELECT 1 FROM tasks t WHERE t.request_id = requests.id AND t.step >= 0 AND "
    "t.status <> :done AND t.status <> :cancelled)) ORDER BY updated_at, id LIMIT :limit";
const std::string kCountByStatus = "SELECT status, COUNT(*) FROM requests GROUP BY status";

// Filter bits of the list statement cache.
constexpr unsigned kByStatus = 1;
constexpr unsigned kByType = 2;
constexpr unsigned kByDue = 4;
constexpr unsigned kOpenOnly = 8;
constexpr unsigned kAfter = 16;

}  // namespace

SociRequestRepository::SociRequestRepository(DbSession& db) : db_(db) {
  for (const auto& [status, name] : kRequestStatusNames) {
    if (isTerminal(status)) terminal_.emplace_back(name);
  }
}

void SociRequestRepository::load(const Request& r) {
  row_.id = r.id;
  row_.type = toString(r.type);
  row_.regulation = toString(r.regulation);
  row_.status = toString(r.status);
  row_.heldFrom.set(r.heldFrom ? std::optional<std::string>(toString(*r.heldFrom)) : std::nullopt);
  row_.channel = toString(r.channel);
  row_.language = toString(r.language);
  row_.controllerId = r.controllerId;
  row_.externalReference.set(std::string_view(r.externalReference));
  row_.receivedAt = toMillis(r.receivedAt);
  row_.dueAt = toMillis(r.dueAt);
  row_.extendedDueAt.set(r.extendedDueAt);
  row_.effectiveDueAt = toMillis(r.effectiveDueAt());
  row_.extensionReason.set(std::string_view(r.extensionReason));
  row_.statusReason.set(std::string_view(r.statusReason));
  row_.step = r.step;
  row_.duplicateOf.set(std::string_view(r.duplicateOf));
  row_.createdAt = toMillis(r.createdAt);
  row_.updatedAt = toMillis(r.updatedAt);
  row_.version = r.version;
}

Result<Request> SociRequestRepository::toModel() const {
  Request r;
  r.id = row_.id;
  auto type = parseColumn(kRequestTypeNames, row_.type, "requests.type");
  auto regulation = parseColumn(kRegulationNames, row_.regulation, "requests.regulation");
  auto status = parseColumn(kRequestStatusNames, row_.status, "requests.status");
  auto channel = parseColumn(kChannelNames, row_.channel, "requests.channel");
  auto language = parseColumn(kLanguageNames, row_.language, "requests.language");
  if (!type) return type.error();
  if (!regulation) return regulation.error();
  if (!status) return status.error();
  if (!channel) return channel.error();
  if (!language) return language.error();
  r.type = *type;
  r.regulation = *regulation;
  r.status = *status;
  r.channel = *channel;
  r.language = *language;
  if (auto held = row_.heldFrom.get()) {
    auto heldFrom = parseColumn(kRequestStatusNames, *held, "requests.held_from");
    if (!heldFrom) return heldFrom.error();
    r.heldFrom = *heldFrom;
  }
  r.controllerId = row_.controllerId;
  r.externalReference = row_.externalReference.getOrEmpty();
  r.receivedAt = fromMillis(row_.receivedAt);
  r.dueAt = fromMillis(row_.dueAt);
  r.extendedDueAt = row_.extendedDueAt.get();
  r.extensionReason = row_.extensionReason.getOrEmpty();
  r.statusReason = row_.statusReason.getOrEmpty();
  r.step = row_.step;
  r.duplicateOf = row_.duplicateOf.getOrEmpty();
  r.createdAt = fromMillis(row_.createdAt);
  r.updatedAt = fromMillis(row_.updatedAt);
  r.version = row_.version;
  return r;
}

void SociRequestRepository::intoRow(soci::statement& st) {
  st.exchange(soci::into(row_.id));
  st.exchange(soci::into(row_.type));
  st.exchange(soci::into(row_.regulation));
  st.exchange(soci::into(row_.status));
  st.exchange(soci::into(row_.heldFrom.value, row_.heldFrom.ind));
  st.exchange(soci::into(row_.channel));
  st.exchange(soci::into(row_.language));
  st.exchange(soci::into(row_.controllerId));
  st.exchange(soci::into(row_.externalReference.value, row_.externalReference.ind));
  st.exchange(soci::into(row_.receivedAt));
  st.exchange(soci::into(row_.dueAt));
  st.exchange(soci::into(row_.extendedDueAt.value, row_.extendedDueAt.ind));
  st.exchange(soci::into(row_.effectiveDueAt));
  st.exchange(soci::into(row_.extensionReason.value, row_.extensionReason.ind));
  st.exchange(soci::into(row_.statusReason.value, row_.statusReason.ind));
  st.exchange(soci::into(row_.step));
  st.exchange(soci::into(row_.duplicateOf.value, row_.duplicateOf.ind));
  st.exchange(soci::into(row_.createdAt));
  st.exchange(soci::into(row_.updatedAt));
  st.exchange(soci::into(row_.version));
}

Status SociRequestRepository::insert(const Request& request) {
  return db_.run("inserting a request", [&]() -> Status {
    load(request);
    auto& st = insert_.get(db_.sql(), kInsert, [&](soci::statement& s) {
      s.exchange(soci::use(row_.id));
      s.exchange(soci::use(row_.type));
      s.exchange(soci::use(row_.regulation));
      s.exchange(soci::use(row_.status));
      s.exchange(soci::use(row_.heldFrom.value, row_.heldFrom.ind));
      s.exchange(soci::use(row_.channel));
      s.exchange(soci::use(row_.language));
      s.exchange(soci::use(row_.controllerId));
      s.exchange(soci::use(row_.externalReference.value, row_.externalReference.ind));
      s.exchange(soci::use(row_.receivedAt));
      s.exchange(soci::use(row_.dueAt));
      s.exchange(soci::use(row_.extendedDueAt.value, row_.extendedDueAt.ind));
      s.exchange(soci::use(row_.effectiveDueAt));
      s.exchange(soci::use(row_.extensionReason.value, row_.extensionReason.ind));
      s.exchange(soci::use(row_.statusReason.value, row_.statusReason.ind));
      s.exchange(soci::use(row_.step));
      s.exchange(soci::use(row_.duplicateOf.value, row_.duplicateOf.ind));
      s.exchange(soci::use(row_.createdAt));
      s.exchange(soci::use(row_.updatedAt));
      s.exchange(soci::use(row_.version));
    });
    st.execute(true);
    return Ok{};
  });
}

Result<Request> SociRequestRepository::get(std::string_view id) {
  return db_.run("reading a request", [&]() -> Result<Request> {
    key_ = id;
    auto& st = get_.get(db_.sql(), kSelectById, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    return fetchOne(
        st, [&] { return toModel(); }, "no request with id " + key_);
  });
}

Status SociRequestRepository::update(Request& request) {
  return db_.run("updating a request", [&]() -> Status {
    load(request);
    expectedVersion_ = request.version;
    newVersion_ = request.version + 1;
    auto& st = update_.get(db_.sql(), kUpdate, [&](soci::statement& s) {
      s.exchange(soci::use(row_.type));
      s.exchange(soci::use(row_.regulation));
      s.exchange(soci::use(row_.status));
      s.exchange(soci::use(row_.heldFrom.value, row_.heldFrom.ind));
      s.exchange(soci::use(row_.channel));
      s.exchange(soci::use(row_.language));
      s.exchange(soci::use(row_.controllerId));
      s.exchange(soci::use(row_.externalReference.value, row_.externalReference.ind));
      s.exchange(soci::use(row_.receivedAt));
      s.exchange(soci::use(row_.dueAt));
      s.exchange(soci::use(row_.extendedDueAt.value, row_.extendedDueAt.ind));
      s.exchange(soci::use(row_.effectiveDueAt));
      s.exchange(soci::use(row_.extensionReason.value, row_.extensionReason.ind));
      s.exchange(soci::use(row_.statusReason.value, row_.statusReason.ind));
      s.exchange(soci::use(row_.step));
      s.exchange(soci::use(row_.duplicateOf.value, row_.duplicateOf.ind));
      s.exchange(soci::use(row_.updatedAt));
      s.exchange(soci::use(newVersion_));
      s.exchange(soci::use(row_.id));
      s.exchange(soci::use(expectedVersion_));
    });
    if (executeChange(st) == 1) {
      request.version = newVersion_;
      return Ok{};
    }
    key_ = request.id;
    auto& exists = exists_.get(db_.sql(), kCountById, [&](soci::statement& s) {
      s.exchange(soci::into(count_));
      s.exchange(soci::use(key_));
    });
    executeSingle(exists);
    if (count_ == 0) return notFound("no request with id " + key_);
    return conflict("request " + key_ + " was changed by someone else (version " +
                    std::to_string(expectedVersion_) + " is stale)");
  });
}

soci::statement& SociRequestRepository::listStatement(unsigned mask) {
  CachedStatement& cached = lists_.at(mask);
  if (cached.ready()) return cached.statement();
  std::string sql = "SELECT " + kColumns + " FROM requests WHERE 1 = 1";
  if (mask & kByStatus) sql += " AND status = :status";
  if (mask & kByType) sql += " AND type = :type";
  if (mask & kByDue) sql += " AND effective_due_at < :due_before";
  if (mask & kOpenOnly) {
    sql += " AND status NOT IN (";
    for (std::size_t i = 0; i < terminal_.size(); ++i) {
      sql += (i == 0 ? ":t" : ", :t") + std::to_string(i);
    }
    sql += ")";
  }
  if (mask & kAfter) {
    sql +=
        " AND (created_at > :after_created OR (created_at = :after_created_eq AND id > :after_id))";
  }
  sql += " ORDER BY created_at, id LIMIT :limit";
  return cached.get(db_.sql(), sql, [&](soci::statement& s) {
    intoRow(s);
    if (mask & kByStatus) s.exchange(soci::use(filterStatus_));
    if (mask & kByType) s.exchange(soci::use(filterType_));
    if (mask & kByDue) s.exchange(soci::use(filterDueBefore_));
    if (mask & kOpenOnly) {
      for (auto& name : terminal_) s.exchange(soci::use(name));
    }
    if (mask & kAfter) {
      s.exchange(soci::use(afterCreatedAt_));
      s.exchange(soci::use(afterCreatedAtEq_));
      s.exchange(soci::use(afterId_));
    }
    s.exchange(soci::use(limit_));
  });
}

Result<std::vector<Request>> SociRequestRepository::list(const RequestQuery& query) {
  if (auto ok = checkLimit(query.limit); !ok) return ok.error();
  return db_.run("listing requests", [&]() -> Result<std::vector<Request>> {
    unsigned mask = 0;
    if (query.status) {
      mask |= kByStatus;
      filterStatus_ = toString(*query.status);
    }
    if (query.type) {
      mask |= kByType;
      filterType_ = toString(*query.type);
    }
    if (query.dueBefore) {
      mask |= kByDue;
      filterDueBefore_ = toMillis(*query.dueBefore);
    }
    if (query.openOnly) mask |= kOpenOnly;
    if (query.after) {
      mask |= kAfter;
      afterCreatedAt_ = afterCreatedAtEq_ = toMillis(query.after->createdAt);
      afterId_ = query.after->id;
    }
    limit_ = static_cast<long long>(query.limit);
    return fetchAll<Request>(listStatement(mask), [&] { return toModel(); });
  });
}

Result<std::vector<Request>> SociRequestRepository::findByExternalReference(
    std::string_view reference) {
  if (reference.empty()) return std::vector<Request>{};
  return db_.run("finding requests by external reference", [&]() -> Result<std::vector<Request>> {
    key_ = reference;
    auto& st = byReference_.get(db_.sql(), kSelectByReference, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    return fetchAll<Request>(st, [&] { return toModel(); });
  });
}

Result<std::map<RequestStatus, std::int64_t>> SociRequestRepository::countByStatus() {
  using Counts = std::map<RequestStatus, std::int64_t>;
  return db_.run("counting requests by status", [&]() -> Result<Counts> {
    auto& st = countByStatus_.get(db_.sql(), kCountByStatus, [&](soci::statement& s) {
      s.exchange(soci::into(countedStatus_));
      s.exchange(soci::into(count_));
    });
    Counts counts;
    for (bool got = st.execute(true); got; got = st.fetch()) {
      auto status = parseRequestStatus(countedStatus_);
      if (!status) return Error{ErrorCode::kInternal, "unknown request status in the database"};
      counts[*status] = count_;
    }
    return counts;
  });
}

Result<std::vector<Request>> SociRequestRepository::listAdvanceable(std::size_t limit) {
  if (limit == 0 || limit > kMaxPageSize) return invalidArgument("page size out of range");
  return db_.run("listing requests to advance", [&]() -> Result<std::vector<Request>> {
    limit_ = static_cast<long long>(limit);
    auto& st = advanceable_.get(db_.sql(), kSelectAdvanceable, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(received_));
      s.exchange(soci::use(inProgress_));
      s.exchange(soci::use(waiting_));
      s.exchange(soci::use(assembling_));
      s.exchange(soci::use(taskDone_));
      s.exchange(soci::use(taskCancelled_));
      s.exchange(soci::use(limit_));
    });
    return fetchAll<Request>(st, [&] { return toModel(); });
  });
}

Result<std::int64_t> SociRequestRepository::removeClosed(std::string_view id) {
  auto request = get(id);
  if (!request) return request.error();
  if (!isTerminal(request->status)) return conflict("request " + key_ + " is not closed");
  return db_.run("removing a request record", [&]() -> Result<std::int64_t> {
    key_ = id;
    auto& identities =
        identityCount_.get(db_.sql(), "SELECT count(*) FROM identities WHERE request_id = :id",
                           [&](soci::statement& s) {
                             s.exchange(soci::into(count_));
                             s.exchange(soci::use(key_));
                           });
    executeSingle(identities);
    if (count_ != 0) return conflict("request " + key_ + " still has identities");
    auto run = [&](CachedStatement& cached, const char* sql) {
      auto& st =
          cached.get(db_.sql(), sql, [&](soci::statement& s) { s.exchange(soci::use(key_)); });
      return executeChange(st);
    };
    // What review and legal holds kept about the request goes with it (ids and reasons only).
    run(removeRedactions_, "DELETE FROM review_redactions WHERE request_id = :id");
    run(removeAssignment_, "DELETE FROM reviewer_assignments WHERE request_id = :id");
    run(removeHeldErasures_, "DELETE FROM held_erasures WHERE request_id = :id");
    run(removeSecret_, "DELETE FROM request_secrets WHERE request_id = :id");
    run(removeResults_, "DELETE FROM task_results WHERE request_id = :id");
    const auto tasks = run(removeTasks_, "DELETE FROM tasks WHERE request_id = :id");
    run(removeRequest_, "DELETE FROM requests WHERE id = :id");
    return static_cast<std::int64_t>(tasks);
  });
}

Result<std::vector<Request>> SociRequestRepository::listClosedWithLeftovers(Leftover leftover,
                                                                            TimePoint closedBefore,
                                                                            std::size_t limit) {
  if (limit == 0 || limit > kMaxPageSize) return invalidArgument("page size out of range");
  return db_.run("listing closed requests to purge", [&]() -> Result<std::vector<Request>> {
    const auto index = static_cast<std::size_t>(leftover);
    CachedStatement& cached = leftovers_.at(index);
    std::string sql = "SELECT " + kColumns + " FROM requests WHERE status IN (";
    for (std::size_t i = 0; i < terminal_.size(); ++i) {
      sql += (i == 0 ? ":t" : ", :t") + std::to_string(i);
    }
    sql += ") AND updated_at <= :closed_before";
    if (leftover != Leftover::kRecord) {
      sql += " AND EXISTS (SELECT 1 FROM ";
      sql += leftover == Leftover::kResults ? "task_results" : "identities";
      sql += " x WHERE x.request_id = requests.id)";
    } else {
      sql += " AND NOT EXISTS (SELECT 1 FROM identities x WHERE x.request_id = requests.id)";
    }
    // An erasure a legal hold held back keeps the identities it will be queued again with.
    if (leftover == Leftover::kIdentities) {
      sql +=
          " AND NOT EXISTS (SELECT 1 FROM held_erasures h WHERE h.request_id = requests.id "
          "AND h.resolved_at IS NULL)";
    }
    // A request with a task still to run (an erasure due when a retention ends) keeps what
    // that task needs.
    sql +=
        " AND NOT EXISTS (SELECT 1 FROM tasks t WHERE "
        "t.request_id = requests.id AND t.status <> :done AND t.status <> :cancelled) "
        "ORDER BY updated_at, id LIMIT :limit";
    filterDueBefore_ = toMillis(closedBefore);
    limit_ = static_cast<long long>(limit);
    auto& st = cached.get(db_.sql(), sql, [&](soci::statement& s) {
      intoRow(s);
      for (auto& name : terminal_) s.exchange(soci::use(name));
      s.exchange(soci::use(filterDueBefore_));
      s.exchange(soci::use(taskDone_));
      s.exchange(soci::use(taskCancelled_));
      s.exchange(soci::use(limit_));
    });
    return fetchAll<Request>(st, [&] { return toModel(); });
  });
}

}  // namespace dsrflow::detail
