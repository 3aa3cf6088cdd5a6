#include "store/soci_audit_repository.hpp"

namespace dsrflow::detail {
namespace {

const std::string kColumns =
    "seq, at, actor_type, actor_id, request_id, event, details_json, prev_hash, hash";
// seq is MAX + 1 rather than a sequence: sequences leave gaps on rollback, and the audit lock
// (or SQLite's single writer) makes MAX + 1 safe; the primary key would catch a mistake.
const std::string kInsert =
    "INSERT INTO audit_events (" + kColumns +
    ") VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_events), :at, :actor_type, "
    ":actor_id, :request_id, :event, :details_json, :prev_hash, :hash) RETURNING seq";
const std::string kSelectLast =
    "SELECT " + kColumns + " FROM audit_events ORDER BY seq DESC LIMIT 1";
const std::string kSelectByRequest =
    "SELECT " + kColumns + " FROM audit_events WHERE request_id = :request_id ORDER BY seq";
const std::string kSelectRange =
    "SELECT " + kColumns + " FROM audit_events WHERE seq >= :from_seq ORDER BY seq LIMIT :limit";

}  // namespace

void SociAuditRepository::intoRow(soci::statement& st) {
  st.exchange(soci::into(row_.seq));
  st.exchange(soci::into(row_.at));
  st.exchange(soci::into(row_.actorType));
  st.exchange(soci::into(row_.actorId));
  st.exchange(soci::into(row_.requestId.value, row_.requestId.ind));
  st.exchange(soci::into(row_.event));
  st.exchange(soci::into(row_.detailsJson));
  st.exchange(soci::into(row_.prevHash));
  st.exchange(soci::into(row_.hash));
}

Result<AuditEvent> SociAuditRepository::toModel() const {
  auto actorType = parseColumn(kActorTypeNames, row_.actorType, "audit_events.actor_type");
  if (!actorType) return actorType.error();
  return AuditEvent{row_.seq,         fromMillis(row_.at),  *actorType,
                    row_.actorId,     row_.requestId.get(), row_.event,
                    row_.detailsJson, row_.prevHash,        row_.hash};
}

void SociAuditRepository::lock() {
  if (db_.dialect().auditLock.empty() || db_.auditLocked()) return;
  auto& st = lock_.get(db_.sql(), std::string(db_.dialect().auditLock), [](soci::statement&) {});
  st.execute(true);
  db_.setAuditLocked();
}

Result<std::int64_t> SociAuditRepository::append(const AuditEvent& event) {
  if (!db_.inTransaction()) {
    return invalidArgument("audit events can only be appended inside Store::transact()");
  }
  return db_.run("appending an audit event", [&]() -> Result<std::int64_t> {
    lock();
    row_.at = toMillis(event.at);
    row_.actorType = toString(event.actorType);
    row_.actorId = event.actorId;
    row_.requestId.set(event.requestId);
    row_.event = event.event;
    row_.detailsJson = event.detailsJson;
    row_.prevHash = event.prevHash;
    row_.hash = event.hash;
    auto& st = insert_.get(db_.sql(), kInsert, [&](soci::statement& s) {
      s.exchange(soci::into(assignedSeq_));
      s.exchange(soci::use(row_.at));
      s.exchange(soci::use(row_.actorType));
      s.exchange(soci::use(row_.actorId));
      s.exchange(soci::use(row_.requestId.value, row_.requestId.ind));
      s.exchange(soci::use(row_.event));
      s.exchange(soci::use(row_.detailsJson));
      s.exchange(soci::use(row_.prevHash));
      s.exchange(soci::use(row_.hash));
    });
    // Reading to the end finishes the INSERT in SQLite, which COMMIT requires.
    executeSingle(st);
    return static_cast<std::int64_t>(assignedSeq_);
  });
}

Result<std::optional<AuditEvent>> SociAuditRepository::last() {
  return db_.run("reading the last audit event", [&]() -> Result<std::optional<AuditEvent>> {
    if (db_.inTransaction()) lock();
    auto& st = last_.get(db_.sql(), kSelectLast, [&](soci::statement& s) { intoRow(s); });
    if (!executeSingle(st)) return std::optional<AuditEvent>();
    auto event = toModel();
    if (!event) return event.error();
    return std::optional<AuditEvent>(std::move(event).value());
  });
}

Result<std::vector<AuditEvent>> SociAuditRepository::listForRequest(std::string_view requestId) {
  return db_.run("listing audit events", [&]() -> Result<std::vector<AuditEvent>> {
    key_ = requestId;
    auto& st = byRequest_.get(db_.sql(), kSelectByRequest, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    return fetchAll<AuditEvent>(st, [&] { return toModel(); });
  });
}

Result<std::vector<AuditEvent>> SociAuditRepository::listRange(std::int64_t fromSeq,
                                                               std::size_t limit) {
  if (auto ok = checkLimit(limit); !ok) return ok.error();
  return db_.run("listing audit events", [&]() -> Result<std::vector<AuditEvent>> {
    fromSeq_ = fromSeq;
    limit_ = static_cast<long long>(limit);
    auto& st = range_.get(db_.sql(), kSelectRange, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(fromSeq_));
      s.exchange(soci::use(limit_));
    });
    return fetchAll<AuditEvent>(st, [&] { return toModel(); });
  });
}

}  // namespace dsrflow::detail
