#pragma once

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
  Result<std::vector<RedactionDecision>> listRedactions(std::string_view requestId) override;

 private:
  struct RedactionRow {
    std::string id, requestId, taskId, kind, field, reason, actorType, actorId;
    long long seq = 0, decidedAt = 0;
  };
  [[nodiscard]] Result<RedactionDecision> toRedaction() const;

  DbSession& db_;
  RedactionRow redaction_;
  std::string key_;
  CachedStatement insertRedaction_, listRedactions_;
};

}  // namespace dsrflow::detail
