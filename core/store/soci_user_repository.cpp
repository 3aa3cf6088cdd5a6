#include "store/soci_user_repository.hpp"

namespace dsrflow::detail {
namespace {

const std::string kColumns =
    "id, username, display_name, role, password_hash, disabled, created_at";
const std::string kInsert = "INSERT INTO users (" + kColumns +
                            ") VALUES (:id, :username, :display_name, :role, :password_hash, "
                            ":disabled, :created_at)";
const std::string kSelectById = "SELECT " + kColumns + " FROM users WHERE id = :id";
const std::string kSelectByUsername =
    "SELECT " + kColumns + " FROM users WHERE username = :username";
const std::string kSelectAll = "SELECT " + kColumns + " FROM users ORDER BY username";
const std::string kSetDisabled = "UPDATE users SET disabled = :disabled WHERE id = :id";
const std::string kSetPassword = "UPDATE users SET password_hash = :password_hash WHERE id = :id";

}  // namespace

void SociUserRepository::intoRow(soci::statement& st) {
  st.exchange(soci::into(row_.id));
  st.exchange(soci::into(row_.username));
  st.exchange(soci::into(row_.displayName));
  st.exchange(soci::into(row_.role));
  st.exchange(soci::into(row_.passwordHash));
  st.exchange(soci::into(row_.disabled));
  st.exchange(soci::into(row_.createdAt));
}

Result<User> SociUserRepository::toModel() const {
  auto role = parseColumn(kUserRoleNames, row_.role, "users.role");
  if (!role) return role.error();
  return User{row_.id,           row_.username,      row_.displayName,          *role,
              row_.passwordHash, row_.disabled != 0, fromMillis(row_.createdAt)};
}

Status SociUserRepository::add(const User& user) {
  return db_.run("adding a user", [&]() -> Status {
    row_ = Row{user.id,
               user.username,
               user.displayName,
               std::string(toString(user.role)),
               user.passwordHash,
               user.disabled ? 1 : 0,
               toMillis(user.createdAt)};
    auto& st = insert_.get(db_.sql(), kInsert, [&](soci::statement& s) {
      s.exchange(soci::use(row_.id));
      s.exchange(soci::use(row_.username));
      s.exchange(soci::use(row_.displayName));
      s.exchange(soci::use(row_.role));
      s.exchange(soci::use(row_.passwordHash));
      s.exchange(soci::use(row_.disabled));
      s.exchange(soci::use(row_.createdAt));
    });
    st.execute(true);
    return Ok{};
  });
}

Result<User> SociUserRepository::get(std::string_view id) {
  return db_.run("reading a user", [&]() -> Result<User> {
    key_ = id;
    auto& st = byId_.get(db_.sql(), kSelectById, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    return fetchOne(
        st, [&] { return toModel(); }, "no user with id " + key_);
  });
}

Result<User> SociUserRepository::findByUsername(std::string_view username) {
  return db_.run("finding a user", [&]() -> Result<User> {
    key_ = username;
    auto& st = byUsername_.get(db_.sql(), kSelectByUsername, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    // The username is not repeated: it may be a person's name.
    return fetchOne(
        st, [&] { return toModel(); }, "no user with that username");
  });
}

Result<std::vector<User>> SociUserRepository::list() {
  return db_.run("listing users", [&]() -> Result<std::vector<User>> {
    auto& st = list_.get(db_.sql(), kSelectAll, [&](soci::statement& s) { intoRow(s); });
    return fetchAll<User>(st, [&] { return toModel(); });
  });
}

Status SociUserRepository::setDisabled(std::string_view id, bool disabled) {
  return db_.run("updating a user", [&]() -> Status {
    key_ = id;
    flag_ = disabled ? 1 : 0;
    auto& st = setDisabled_.get(db_.sql(), kSetDisabled, [&](soci::statement& s) {
      s.exchange(soci::use(flag_));
      s.exchange(soci::use(key_));
    });
    if (executeChange(st) == 0) return notFound("no user with id " + key_);
    return Ok{};
  });
}

Status SociUserRepository::setPasswordHash(std::string_view id, std::string_view passwordHash) {
  return db_.run("updating a user", [&]() -> Status {
    key_ = id;
    text_ = passwordHash;
    auto& st = setPassword_.get(db_.sql(), kSetPassword, [&](soci::statement& s) {
      s.exchange(soci::use(text_));
      s.exchange(soci::use(key_));
    });
    if (executeChange(st) == 0) return notFound("no user with id " + key_);
    return Ok{};
  });
}

}  // namespace dsrflow::detail
