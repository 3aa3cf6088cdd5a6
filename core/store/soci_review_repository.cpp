#include "store/soci_review_repository.hpp"

namespace dsrflow::detail {
namespace {

const std::string kRedactionColumns =
    "id, request_id, task_id, seq, kind, field, reason, actor_type, actor_id, decided_at";
const std::string kInsertRedaction =
    "INSERT INTO review_redactions (" + kRedactionColumns +
    ") VALUES (:id, :request_id, :task_id, :seq, :kind, :field, :reason, :actor_type, "
    ":actor_id, :decided_at)";
const std::string kListRedactions = "SELECT " + kRedactionColumns +
                                    " FROM review_redactions WHERE request_id = :request_id "
                                    "ORDER BY decided_at, id";

const std::string kAssignmentColumns =
    "request_id, reviewer, role, due_at, routed_at, finished_at, assigned_by, updated_at";
const std::string kFindAssignment =
    "SELECT " + kAssignmentColumns + " FROM reviewer_assignments WHERE request_id = :request_id";
// Both dialects know the upsert (SQLite since 3.24).
const std::string kSaveAssignment =
    "INSERT INTO reviewer_assignments (" + kAssignmentColumns +
    ") VALUES (:request_id, :reviewer, :role, :due_at, :routed_at, :finished_at, :assigned_by, "
    ":updated_at) ON CONFLICT (request_id) DO UPDATE SET reviewer = excluded.reviewer, "
    "role = excluded.role, due_at = excluded.due_at, routed_at = excluded.routed_at, "
    "finished_at = excluded.finished_at, assigned_by = excluded.assigned_by, "
    "updated_at = excluded.updated_at";
const std::string kListOpenAssignments =
    "SELECT " + kAssignmentColumns +
    " FROM reviewer_assignments WHERE finished_at IS NULL AND due_at IS NOT NULL "
    "ORDER BY due_at, request_id LIMIT :limit";

}  // namespace

Result<RedactionDecision> SociReviewRepository::toRedaction() const {
  auto kind = parseColumn(kRedactionKindNames, redaction_.kind, "review_redactions.kind");
  if (!kind) return kind.error();
  auto actorType =
      parseColumn(kActorTypeNames, redaction_.actorType, "review_redactions.actor_type");
  if (!actorType) return actorType.error();
  RedactionDecision d;
  d.id = redaction_.id;
  d.requestId = redaction_.requestId;
  d.taskId = redaction_.taskId;
  d.seq = redaction_.seq;
  d.kind = *kind;
  d.field = redaction_.field;
  d.reason = redaction_.reason;
  d.actorType = *actorType;
  d.actorId = redaction_.actorId;
  d.decidedAt = fromMillis(redaction_.decidedAt);
  return d;
}

Status SociReviewRepository::addRedaction(const RedactionDecision& d) {
  return db_.run("recording a review decision", [&]() -> Status {
    redaction_ = RedactionRow{d.id,
                              d.requestId,
                              d.taskId,
                              std::string(toString(d.kind)),
                              d.field,
                              d.reason,
                              std::string(toString(d.actorType)),
                              d.actorId,
                              d.seq,
                              toMillis(d.decidedAt)};
    auto& st = insertRedaction_.get(db_.sql(), kInsertRedaction, [&](soci::statement& s) {
      s.exchange(soci::use(redaction_.id));
      s.exchange(soci::use(redaction_.requestId));
      s.exchange(soci::use(redaction_.taskId));
      s.exchange(soci::use(redaction_.seq));
      s.exchange(soci::use(redaction_.kind));
      s.exchange(soci::use(redaction_.field));
      s.exchange(soci::use(redaction_.reason));
      s.exchange(soci::use(redaction_.actorType));
      s.exchange(soci::use(redaction_.actorId));
      s.exchange(soci::use(redaction_.decidedAt));
    });
    st.execute(true);
    return Ok{};
  });
}

Result<bool> SociReviewRepository::removeRedaction(std::string_view requestId,
                                                   std::string_view decisionId) {
  return db_.run("withdrawing a review decision", [&]() -> Result<bool> {
    key_ = requestId;
    decisionId_ = decisionId;
    auto& st = removeRedaction_.get(
        db_.sql(), "DELETE FROM review_redactions WHERE request_id = :request_id AND id = :id",
        [&](soci::statement& s) {
          s.exchange(soci::use(key_));
          s.exchange(soci::use(decisionId_));
        });
    return executeChange(st) > 0;
  });
}

Result<std::vector<RedactionDecision>> SociReviewRepository::listRedactions(
    std::string_view requestId) {
  using Decisions = std::vector<RedactionDecision>;
  return db_.run("listing review decisions", [&]() -> Result<Decisions> {
    key_ = requestId;
    auto& st = listRedactions_.get(db_.sql(), kListRedactions, [&](soci::statement& s) {
      s.exchange(soci::into(redaction_.id));
      s.exchange(soci::into(redaction_.requestId));
      s.exchange(soci::into(redaction_.taskId));
      s.exchange(soci::into(redaction_.seq));
      s.exchange(soci::into(redaction_.kind));
      s.exchange(soci::into(redaction_.field));
      s.exchange(soci::into(redaction_.reason));
      s.exchange(soci::into(redaction_.actorType));
      s.exchange(soci::into(redaction_.actorId));
      s.exchange(soci::into(redaction_.decidedAt));
      s.exchange(soci::use(key_));
    });
    return fetchAll<RedactionDecision>(st, [&] { return toRedaction(); });
  });
}

void SociReviewRepository::intoAssignment(soci::statement& st) {
  st.exchange(soci::into(assignment_.requestId));
  st.exchange(soci::into(assignment_.reviewer.value, assignment_.reviewer.ind));
  st.exchange(soci::into(assignment_.role));
  st.exchange(soci::into(assignment_.dueAt.value, assignment_.dueAt.ind));
  st.exchange(soci::into(assignment_.routedAt.value, assignment_.routedAt.ind));
  st.exchange(soci::into(assignment_.finishedAt.value, assignment_.finishedAt.ind));
  st.exchange(soci::into(assignment_.assignedBy));
  st.exchange(soci::into(assignment_.updatedAt));
}

ReviewerAssignment SociReviewRepository::toAssignment() const {
  ReviewerAssignment a;
  a.requestId = assignment_.requestId;
  a.reviewer = assignment_.reviewer.getOrEmpty();
  a.role = assignment_.role;
  a.dueAt = assignment_.dueAt.get();
  a.routedAt = assignment_.routedAt.get();
  a.finishedAt = assignment_.finishedAt.get();
  a.assignedBy = assignment_.assignedBy;
  a.updatedAt = fromMillis(assignment_.updatedAt);
  return a;
}

Result<std::optional<ReviewerAssignment>> SociReviewRepository::findAssignment(
    std::string_view requestId) {
  using Found = std::optional<ReviewerAssignment>;
  return db_.run("reading a reviewer assignment", [&]() -> Result<Found> {
    key_ = requestId;
    auto& st = findAssignment_.get(db_.sql(), kFindAssignment, [&](soci::statement& s) {
      intoAssignment(s);
      s.exchange(soci::use(key_));
    });
    if (!executeSingle(st)) return Found{};
    return Found{toAssignment()};
  });
}

Status SociReviewRepository::saveAssignment(const ReviewerAssignment& a) {
  return db_.run("saving a reviewer assignment", [&]() -> Status {
    assignment_.requestId = a.requestId;
    assignment_.reviewer.set(std::string_view(a.reviewer));
    assignment_.role = a.role;
    assignment_.dueAt.set(a.dueAt);
    assignment_.routedAt.set(a.routedAt);
    assignment_.finishedAt.set(a.finishedAt);
    assignment_.assignedBy = a.assignedBy;
    assignment_.updatedAt = toMillis(a.updatedAt);
    auto& st = saveAssignment_.get(db_.sql(), kSaveAssignment, [&](soci::statement& s) {
      s.exchange(soci::use(assignment_.requestId));
      s.exchange(soci::use(assignment_.reviewer.value, assignment_.reviewer.ind));
      s.exchange(soci::use(assignment_.role));
      s.exchange(soci::use(assignment_.dueAt.value, assignment_.dueAt.ind));
      s.exchange(soci::use(assignment_.routedAt.value, assignment_.routedAt.ind));
      s.exchange(soci::use(assignment_.finishedAt.value, assignment_.finishedAt.ind));
      s.exchange(soci::use(assignment_.assignedBy));
      s.exchange(soci::use(assignment_.updatedAt));
    });
    st.execute(true);
    return Ok{};
  });
}

Result<std::vector<ReviewerAssignment>> SociReviewRepository::listOpenAssignments(
    std::size_t limit) {
  if (auto ok = checkLimit(limit); !ok) return ok.error();
  using Assignments = std::vector<ReviewerAssignment>;
  return db_.run("listing open reviewer assignments", [&]() -> Result<Assignments> {
    limit_ = static_cast<long long>(limit);
    auto& st = listAssignments_.get(db_.sql(), kListOpenAssignments, [&](soci::statement& s) {
      intoAssignment(s);
      s.exchange(soci::use(limit_));
    });
    return fetchAll<ReviewerAssignment>(
        st, [&]() -> Result<ReviewerAssignment> { return toAssignment(); });
  });
}

}  // namespace dsrflow::detail
