#pragma once

#include <string>
#include <vector>

#include "store/audit_repository.hpp"
#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"

namespace dsrflow::detail {

//! AuditRepository over one SOCI connection. Not thread-safe, like the connection.
class SociAuditRepository final : public AuditRepository {
 public:
  explicit SociAuditRepository(DbSession& db) : db_(db) {}

  Result<std::int64_t> append(const AuditEvent& event) override;
  Result<std::optional<AuditEvent>> last() override;
  Result<std::vector<AuditEvent>> listForRequest(std::string_view requestId) override;
  Result<std::vector<AuditEvent>> listRange(std::int64_t fromSeq, std::size_t limit) override;

 private:
  struct Row {
    long long seq = 0, at = 0;
    std::string actorType, actorId, event, detailsJson, prevHash, hash;
    NullableText requestId;
  };
  void intoRow(soci::statement& st);
  [[nodiscard]] Result<AuditEvent> toModel() const;
  //! Takes the audit lock for the rest of the transaction where the dialect needs one.
  void lock();

  DbSession& db_;
  Row row_;
  std::string key_;
  long long fromSeq_ = 0, limit_ = 0, assignedSeq_ = 0;
  CachedStatement lock_, insert_, last_, byRequest_, range_;
};

}  // namespace dsrflow::detail
