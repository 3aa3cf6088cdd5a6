#pragma once

#include <optional>
#include <string>

#include "store/request_secret_repository.hpp"
#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"

namespace dsrflow::detail {

//! RequestSecretRepository over one SOCI connection. Not thread-safe, like the connection.
class SociRequestSecretRepository final : public RequestSecretRepository {
 public:
  explicit SociRequestSecretRepository(DbSession& db) : db_(db) {}

  Status put(std::string_view requestId, std::string_view sealed, TimePoint at) override;
  Result<std::optional<std::string>> get(std::string_view requestId) override;
  Result<bool> remove(std::string_view requestId) override;

 private:
  DbSession& db_;
  std::string requestId_, sealed_;
  long long createdAt_ = 0;
  CachedStatement insert_, select_, delete_;
};

}  // namespace dsrflow::detail
