#pragma once

#include <string>
#include <vector>

#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"
#include "store/subject_list_repository.hpp"

namespace dsrflow::detail {

//! SubjectListRepository over one SOCI connection. Not thread-safe, like the connection.
class SociSubjectListRepository final : public SubjectListRepository {
 public:
  explicit SociSubjectListRepository(DbSession& db) : db_(db) {}

  Status add(const SubjectListEntry& entry) override;
  Result<std::vector<SubjectListEntry>> findActive(SubjectListKind kind,
                                                   std::span<const LookupHash> hashes) override;
  Result<std::vector<SubjectListEntry>> list(SubjectListKind kind, bool includeEnded) override;
  Result<SubjectListEntry> get(std::string_view id) override;
  Status end(std::string_view id, TimePoint at) override;

 private:
  struct Row {
    std::string id, kind, identityType, lookupHash, hashKeyId, reason;
    NullableText owner, requestId;
    NullableTime reviewAt, removedAt;
    long long createdAt = 0;
  };
  void intoRow(soci::statement& st);
  [[nodiscard]] Result<SubjectListEntry> toModel() const;

  DbSession& db_;
  Row row_;
  std::string key_, hashKey_, kindFilter_;
  long long at_ = 0;
  long long count_ = 0;
  CachedStatement insert_, byHash_, listActive_, listAll_, get_, end_, exists_;
};

}  // namespace dsrflow::detail
