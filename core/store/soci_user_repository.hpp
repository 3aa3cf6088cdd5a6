#pragma once

#include <string>
#include <vector>

#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"
#include "store/user_repository.hpp"

namespace dsrflow::detail {

//! UserRepository over one SOCI connection. Not thread-safe, like the connection.
class SociUserRepository final : public UserRepository {
 public:
  explicit SociUserRepository(DbSession& db) : db_(db) {}

  Status add(const User& user) override;
  Result<User> get(std::string_view id) override;
  Result<User> findByUsername(std::string_view username) override;
  Result<std::vector<User>> list() override;
  Status setDisabled(std::string_view id, bool disabled) override;
  Status setPasswordHash(std::string_view id, std::string_view passwordHash) override;

 private:
  struct Row {
    std::string id, username, displayName, role, passwordHash;
    int disabled = 0;
    long long createdAt = 0;
  };
  void intoRow(soci::statement& st);
  [[nodiscard]] Result<User> toModel() const;

  DbSession& db_;
  Row row_;
  std::string key_, text_;
  int flag_ = 0;
  CachedStatement insert_, byId_, byUsername_, list_, setDisabled_, setPassword_;
};

}  // namespace dsrflow::detail
