#include "store/store_url.hpp"

#include <string>

namespace dsrflow {
namespace {

constexpr std::string_view kPgOptions = "options=-c%20client_min_messages%3Dwarning";

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

Result<StoreUrl> parseSqlite(std::string_view url, std::string_view rest) {
  std::string path;
  if (rest == ":memory:") {
    path = ":memory:";
  } else if (startsWith(rest, "//")) {
    // Only the empty authority form is meaningful: sqlite:///abs/path.
    rest.remove_prefix(2);
    if (!startsWith(rest, "/")) {
      return invalidArgument(
          "sqlite URL with '//' needs an absolute path (sqlite:///abs/file.db); for a relative "
          "path write sqlite:relative/file.db");
    }
    path = rest;
  } else {
    path = rest;
  }
  if (path.empty() || path == "/") return invalidArgument("sqlite URL names no database file");
  // SOCI's connection string quotes the path with double quotes and cannot escape them.
  if (path.find('"') != std::string::npos) {
    return invalidArgument("sqlite database path must not contain a double quote");
  }
  return StoreUrl{StoreBackend::kSqlite, path, std::string(url)};
}

// Replaces the password of user:password@ and any password= query value with ***.
std::string redactPostgres(std::string_view url) {
  std::string out(url);
  auto schemeEnd = out.find("://");
  if (schemeEnd != std::string::npos) {
    auto authorityStart = schemeEnd + 3;
    auto authorityEnd = out.find_first_of("/?", authorityStart);
    if (authorityEnd == std::string::npos) authorityEnd = out.size();
    auto at = out.rfind('@', authorityEnd);
    if (at != std::string::npos && at >= authorityStart) {
      auto colon = out.find(':', authorityStart);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (auto pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    if (pos > 0 && out[pos - 1] != '?' && out[pos - 1] != '&') continue;
    auto valueStart = pos + 9;
    auto valueEnd = out.find('&', valueStart);
    if (valueEnd == std::string::npos) valueEnd = out.size();
    out.replace(valueStart, valueEnd - valueStart, "***");
  }
  return out;
}

bool hasQueryKey(std::string_view query, std::string_view key) {
  std::size_t pos = 0;
  while (pos <= query.size()) {
    auto end = query.find('&', pos);
    if (end == std::string_view::npos) end = query.size();
    auto item = query.substr(pos, end - pos);
    if (startsWith(item, key) && item.size() > key.size() && item[key.size()] == '=') return true;
    pos = end + 1;
  }
  return false;
}

Result<StoreUrl> parsePostgres(std::string_view url, std::string_view rest) {
  if (rest.empty() || rest.find_first_of(" \t\r\n") != std::string_view::npos) {
    return invalidArgument("postgresql URL must look like postgresql://user@host:port/database");
  }
  // libpq understands both schemes, but SOCI 4.0 mangles a postgres:// URL without a query.
  std::string target = "postgresql://" + std::string(rest);
  auto query = rest.find('?');
  if (query == std::string_view::npos) {
    target += "?";
    target += kPgOptions;
  } else if (!hasQueryKey(rest.substr(query + 1), "options")) {
    if (query + 1 != rest.size() && rest.back() != '&') target += "&";
    target += kPgOptions;
  }
  return StoreUrl{StoreBackend::kPostgresql, std::move(target), redactPostgres(url)};
}

}  // namespace

Result<StoreUrl> parseStoreUrl(std::string_view url) {
  if (startsWith(url, "sqlite:")) return parseSqlite(url, url.substr(7));
  if (startsWith(url, "postgresql://")) return parsePostgres(url, url.substr(13));
  if (startsWith(url, "postgres://")) return parsePostgres(url, url.substr(11));
  auto colon = url.find(':');
  std::string scheme(colon == std::string_view::npos ? std::string_view("") : url.substr(0, colon));
  if (scheme.empty() || scheme.size() > 20) {
    return invalidArgument(
        "database URL has no scheme; use sqlite:PATH, sqlite:///ABSOLUTE_PATH, sqlite::memory: or "
        "postgresql://user@host:port/database");
  }
  return invalidArgument("unknown database URL scheme '" + scheme +
                         "'; supported: sqlite, postgresql, postgres");
}

}  // namespace dsrflow
