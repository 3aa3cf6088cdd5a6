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

}  // namespace dsrflow::detail
