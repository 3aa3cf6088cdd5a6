#include "sql/access/database_url.hpp"

#include <libpq-fe.h>

#include <cctype>
#include <memory>

namespace dsrflow::sql {
namespace {

// Single-quoted for libpq key=value strings and SOCI's MySQL settings: both read \' and \\.
std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string percentEncoded(const std::string& value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4U];
      out += kHex[u & 0x0FU];
    }
  }
  return out;
}

// key=value settings start with a word and an equals sign; a libpq URI has neither.
bool isKeyValue(std::string_view rest) {
  std::size_t i = 0;
  while (i < rest.size() &&
         (std::isalnum(static_cast<unsigned char>(rest[i])) != 0 || rest[i] == '_')) {
    ++i;
  }
  while (i < rest.size() && rest[i] == ' ') ++i;
  return i > 0 && i < rest.size() && rest[i] == '=';
}

bool mentionsPassword(std::string_view rest) {
  return rest.find("password=") != std::string_view::npos ||
         rest.find("pass=") != std::string_view::npos;
}

// libpq takes a URI or key=value settings, but SOCI splits what it is given at spaces (a quoted
// value with a space falls apart) and appends "=" to a part without one (a bare URI loses its
// database name). So the settings are parsed by libpq itself and handed on as one URI whose
// settings are all percent-encoded query parameters: no spaces, always an "=".
Result<std::string> postgresConnect(const std::string& conninfo, const std::string& password) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(conninfo.c_str(), &error), &PQconninfoFree);
  if (!options) {
    std::string message = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return invalidArgument("the database URL is not valid for PostgreSQL: " + message);
  }
  std::string query;
  bool named = false;
  for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    const std::string keyword = o->keyword;
    if (keyword == "password") {
      return invalidArgument(
          "the database URL must not hold a password; name a secret in "
          "password_secret instead");
    }
    named = named || keyword == "application_name";
    query += (query.empty() ? "" : "&") + keyword + "=" + percentEncoded(o->val);
  }
  if (!named) query += (query.empty() ? "" : "&") + std::string("application_name=dsrflow");
  if (!password.empty()) query += "&password=" + percentEncoded(password);
  return "postgresql://?" + query;
}

}  // namespace

Result<DatabaseUrl> parseDatabaseUrl(std::string_view url, const std::string& password) {
  const std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) {
    return invalidArgument(
        "the database URL must start with postgresql://, sqlite3:// or mysql://");
  }
  const std::string scheme(url.substr(0, sep));
  const std::string rest(url.substr(sep + 3));
  DatabaseUrl out;
  out.display = std::string(url);
  if (rest.empty())
    return invalidArgument("the database URL names no database after " + scheme + "://");
  if (mentionsPassword(rest)) {
    return invalidArgument(
        "the database URL must not hold a password; name a secret in "
        "password_secret instead");
  }
  if (scheme == "postgresql" || scheme == "postgres") {
    out.backend = SqlBackend::kPostgresql;
    auto connect = postgresConnect(isKeyValue(rest) ? rest : "postgresql://" + rest, password);
    if (!connect) return connect.error();
    out.connect = std::move(connect).value();
  } else if (scheme == "sqlite3" || scheme == "sqlite") {
    out.backend = SqlBackend::kSqlite;
    // SQLite has no password. A plain path is double-quoted for SOCI's settings parser, which
    // knows no escapes: a path with a double quote cannot be expressed.
    if (isKeyValue(rest)) {
      out.connect = rest;
    } else if (rest.find('"') != std::string::npos) {
      return invalidArgument("the SQLite path in the database URL must not contain a double quote");
    } else {
      out.connect = "db=\"" + rest + "\"";
      out.sqliteFile = rest;
    }
  } else if (scheme == "mysql" || scheme == "mariadb") {
    out.backend = SqlBackend::kMysql;
    if (!isKeyValue(rest)) {
      return invalidArgument(
          "a mysql:// URL takes SOCI settings such as db=crm host=db user=dsrflow");
    }
    out.connect = rest;
    if (!password.empty()) out.connect += " password=" + quoted(password);
  } else {
    return invalidArgument("unknown database backend '" + scheme +
                           "' (expected postgresql, sqlite3 or mysql)");
  }
  return out;
}

}  // namespace dsrflow::sql
