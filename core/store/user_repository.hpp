#pragma once
// Staff accounts of the web UI and CLI.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/clock.hpp"
#include "model/enum_names.hpp"
#include "model/result.hpp"

namespace dsrflow {

enum class UserRole { kAdmin, kStaff, kAuditor };

inline constexpr EnumNameTable<UserRole, 3> kUserRoleNames{{
    {UserRole::kAdmin, "admin"},
    {UserRole::kStaff, "staff"},
    {UserRole::kAuditor, "auditor"},
}};
constexpr std::string_view toString(UserRole v) { return enumName(kUserRoleNames, v); }
constexpr std::optional<UserRole> parseUserRole(std::string_view s) {
  return enumParse(kUserRoleNames, s);
}

struct User {
  std::string id;        //!< UUID
  std::string username;  //!< unique
  std::string displayName;
  UserRole role = UserRole::kStaff;
  std::string passwordHash;  //!< opaque encoded hash (e.g. Argon2id PHC string); never a password
  bool disabled = false;
  TimePoint createdAt{};

  friend bool operator==(const User&, const User&) = default;
};

//! Users. Obtained from a StoreTx; valid only inside that transaction's callback and on its
//! thread. Database failures come back as errors, never as exceptions.
class UserRepository {
 public:
  virtual ~UserRepository() = default;

  //! Stores a new user. kConflict when the id or the username is taken.
  virtual Status add(const User& user) = 0;

  //! The user with this id, or kNotFound.
  virtual Result<User> get(std::string_view id) = 0;

  //! The user with this exact username, or kNotFound.
  virtual Result<User> findByUsername(std::string_view username) = 0;

  //! Every user, by username.
  virtual Result<std::vector<User>> list() = 0;

  //! Enables or disables a user; kNotFound when absent.
  virtual Status setDisabled(std::string_view id, bool disabled) = 0;

  //! Replaces a user's password hash; kNotFound when absent.
  virtual Status setPasswordHash(std::string_view id, std::string_view passwordHash) = 0;
};

}  // namespace dsrflow
