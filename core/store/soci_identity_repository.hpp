#pragma once

#include <string>
#include <vector>

#include "store/identity_repository.hpp"
#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"

namespace dsrflow::detail {

//! IdentityRepository over one SOCI connection. Not thread-safe, like the connection.
class SociIdentityRepository final : public IdentityRepository {
 public:
  explicit SociIdentityRepository(DbSession& db) : db_(db) {}

  Status add(const StoredIdentity& identity) override;
  Result<std::vector<StoredIdentity>> listForRequest(std::string_view requestId) override;
  Result<std::vector<std::string>> findRequestIdsByLookupHash(
      std::span<const LookupHash> hashes) override;
  Result<std::vector<std::string>> findOpenRequestIdsByLookupHash(
      std::span<const LookupHash> hashes, RequestType type) override;
  Result<std::int64_t> deleteForRequest(std::string_view requestId) override;

 private:
  struct Row {
    std::string id, requestId, type, format, ciphertext, encKeyId, lookupHash, hashKeyId;
  };
  [[nodiscard]] Result<StoredIdentity> toModel() const;
  //! Runs `st` (request_id into row_, bound to key_ and hashKey_) once per hash; each id once,
  //! in first-match order.
  Result<std::vector<std::string>> requestIdsPerHash(soci::statement& st,
                                                     std::span<const LookupHash> hashes);

  DbSession& db_;
  Row row_;
  std::string key_, hashKey_;
  std::string type_;
  std::vector<std::string> terminal_;
  CachedStatement insert_, byRequest_, byHash_, openByHash_, delete_;
};

}  // namespace dsrflow::detail
