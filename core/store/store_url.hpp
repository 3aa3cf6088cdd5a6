#pragma once
// Database URLs as given in the configuration or on the command line:
//   sqlite:///abs/path/file.db   sqlite:relative/path.db   sqlite::memory:
//   postgresql://user@host:port/db?...   (postgres:// is accepted too)

#include <optional>
#include <string>
#include <string_view>

#include "model/enum_names.hpp"
#include "model/result.hpp"

namespace dsrflow {

enum class StoreBackend { kSqlite, kPostgresql };

inline constexpr EnumNameTable<StoreBackend, 2> kStoreBackendNames{{
    {StoreBackend::kSqlite, "sqlite"},
    {StoreBackend::kPostgresql, "postgresql"},
}};
constexpr std::string_view toString(StoreBackend v) { return enumName(kStoreBackendNames, v); }

//! A parsed database URL.
struct StoreUrl {
  StoreBackend backend = StoreBackend::kSqlite;
  //! SQLite: the file path, or ":memory:". PostgreSQL: a libpq URI (postgresql:// scheme) with
  //! options=-c client_min_messages=warning added unless the URL sets options itself.
  std::string target;
  //! The URL with any password replaced by "***", for logs and messages.
  std::string redacted;
};

//! Parses a database URL. kInvalidArgument, naming the problem, for an unknown scheme, an empty
//! path, `sqlite://relative` (ambiguous: use sqlite:relative or sqlite:///absolute) or a path
//! containing a double quote.
Result<StoreUrl> parseStoreUrl(std::string_view url);

}  // namespace dsrflow
