#pragma once

#include <string>
#include <vector>

#include "store/api_token_repository.hpp"
#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"

namespace dsrflow::detail {

//! ApiTokenRepository over one SOCI connection. Not thread-safe, like the connection.
class SociApiTokenRepository final : public ApiTokenRepository {
 public:
  explicit SociApiTokenRepository(DbSession& db) : db_(db) {}

  Status add(const ApiToken& token) override;
  Result<ApiToken> findByHash(std::string_view tokenHash) override;
  Result<std::vector<ApiToken>> list() override;
  Status revoke(std::string_view id, TimePoint at) override;
  Status touch(std::string_view id, TimePoint at) override;

 private:
  struct Row {
    std::string id, name, tokenHash, scopes;
    long long createdAt = 0;
    NullableTime expiresAt, revokedAt, lastUsedAt;
  };
  void intoRow(soci::statement& st);
  [[nodiscard]] ApiToken toModel() const;

  DbSession& db_;
  Row row_;
  std::string key_;
  long long at_ = 0;
  CachedStatement insert_, byHash_, list_, revoke_, touch_;
};

}  // namespace dsrflow::detail
