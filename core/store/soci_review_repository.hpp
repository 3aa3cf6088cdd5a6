#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/review_repository.hpp"
#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"

namespace dsrflow::detail {

//! ReviewRepository over one SOCI connection. Not thread-safe, like the connection.
class SociReviewRepository final : public ReviewRepository {
 public:
  explicit SociReviewRepository(DbSession& db) : db_(db) {}

  Status addRedaction(const RedactionDecision& decision) override;
  Result<bool> removeRedaction(std::string_view requestId, std::string_view decisionId) override;
  Result<std::vector<RedactionDecision>> listRedactions(std::string_view requestId) override;
  Result<std::optional<ReviewerAssignment>> findAssignment(std::string_view requestId) override;
  Status saveAssignment(const ReviewerAssignment& assignment) override;
  Result<std::vector<ReviewerAssignment>> listOpenAssignments(std::size_t limit) override;

 private:
  struct RedactionRow {
    std::string id, requestId, taskId, kind, field, reason, actorType, actorId;
    long long seq = 0, decidedAt = 0;
  };
  [[nodiscard]] Result<RedactionDecision> toRedaction() const;
  struct AssignmentRow {
    std::string requestId, role, assignedBy;
    NullableText reviewer;
    NullableTime dueAt, routedAt, finishedAt;
    long long updatedAt = 0;
  };
  void intoAssignment(soci::statement& st);
  [[nodiscard]] ReviewerAssignment toAssignment() const;

  DbSession& db_;
  RedactionRow redaction_;
  AssignmentRow assignment_;
  std::string key_;
  long long limit_ = 0;
  std::string decisionId_;
  CachedStatement insertRedaction_, removeRedaction_, listRedactions_, findAssignment_,
      saveAssignment_, listAssignments_;
};

}  // namespace dsrflow::detail
