#pragma once
// API tokens for the job API. Only a hash of each token is stored; the token itself is shown
// once at creation and never persisted.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/clock.hpp"
#include "model/result.hpp"

namespace dsrflow {

struct ApiToken {
  std::string id;  //!< UUID
  std::string name;
  std::string tokenHash;  //!< lower-case hex SHA-256 of the token; unique
  std::string scopes;     //!< comma list or JSON text, interpreted by the API layer
  TimePoint createdAt{};
  std::optional<TimePoint> expiresAt;
  std::optional<TimePoint> revokedAt;
  std::optional<TimePoint> lastUsedAt;

  friend bool operator==(const ApiToken&, const ApiToken&) = default;
};

//! API tokens. Obtained from a StoreTx; valid only inside that transaction's callback and on its
//! thread. Database failures come back as errors, never as exceptions.
class ApiTokenRepository {
 public:
  virtual ~ApiTokenRepository() = default;

  //! Stores a new token. kConflict when the id or the hash exists.
  virtual Status add(const ApiToken& token) = 0;

  //! The token with this hash (revoked and expired ones included), or kNotFound.
  virtual Result<ApiToken> findByHash(std::string_view tokenHash) = 0;

  //! Every token, oldest first.
  virtual Result<std::vector<ApiToken>> list() = 0;

  //! Marks a token revoked at `at`; revoking again keeps the first time. kNotFound when absent.
  virtual Status revoke(std::string_view id, TimePoint at) = 0;

  //! Records a use of the token at `at`. kNotFound when absent.
  virtual Status touch(std::string_view id, TimePoint at) = 0;
};

}  // namespace dsrflow
