#pragma once
// The connector's database URL, SOCI-style: the backend, then what that backend takes.
//
//   postgresql://user@host:5432/crm?sslmode=require   a libpq URI (postgres:// too)
//   postgresql://dbname=crm host=db user=dsrflow        libpq key=value settings
//   sqlite3://db=/var/lib/shop/shop.db                  SOCI's SQLite settings
//   sqlite3:///var/lib/shop/shop.db                     a plain path
//   mysql://db=crm host=db user=dsrflow port=3306       SOCI's MySQL/MariaDB settings
//
// The password never appears in the URL: it comes from a secret and is added here, quoted or
// percent-encoded for the backend, so it survives any character.

#include <string>
#include <string_view>

#include "model/enum_names.hpp"
#include "model/result.hpp"

namespace dsrflow::sql {

enum class SqlBackend { kPostgresql, kSqlite, kMysql };

inline constexpr EnumNameTable<SqlBackend, 3> kSqlBackendNames{{
    {SqlBackend::kPostgresql, "postgresql"},
    {SqlBackend::kSqlite, "sqlite3"},
    {SqlBackend::kMysql, "mysql"},
}};
constexpr std::string_view toString(SqlBackend v) { return enumName(kSqlBackendNames, v); }

struct DatabaseUrl {
  SqlBackend backend = SqlBackend::kPostgresql;
  //! What the SOCI backend's factory takes (with the password, when one was given).
  std::string connect;
  //! The URL as configured (it holds no password), for messages.
  std::string display;
  //! SQLite given as a plain path: the file, which must exist (SQLite would create it).
  std::string sqliteFile;
};

//! Parses `url`; adds `password` when it is not empty. kInvalidArgument names the problem (an
//! unknown backend, nothing after the scheme, a password written into the URL).
Result<DatabaseUrl> parseDatabaseUrl(std::string_view url, const std::string& password = "");

}  // namespace dsrflow::sql
