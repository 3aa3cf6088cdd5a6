#include "store/soci_session.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>

#include "store/request_repository.hpp"
#include "store/soci_statement.hpp"

namespace dsrflow::detail {
namespace {

// SQLite primary result codes (sqlite3.h), without pulling the header in.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteConstraint = 19;

// Keeps the lines that describe the failure; PostgreSQL's DETAIL and CONTEXT lines quote the
// offending values (e.g. "Key (username)=(alice) already exists"), which may be personal data.
std::string sanitize(const std::string& message) {
  std::string out;
  std::size_t pos = 0;
  while (pos < message.size()) {
    auto end = message.find('\n', pos);
    if (end == std::string::npos) end = message.size();
    std::string line = message.substr(pos, end - pos);
    pos = end + 1;
    auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    line = line.substr(first);
    if (line.rfind("DETAIL:", 0) == 0 || line.rfind("CONTEXT:", 0) == 0) continue;
    if (!out.empty()) out += ' ';
    out += line;
  }
  return out;
}

ErrorCode classifyPostgres(const soci::postgresql_soci_error& e, bool connected) {
  std::string state = e.sqlstate();
  if (!connected || state.rfind("08", 0) == 0) return ErrorCode::kUnavailable;
  if (state.rfind("23", 0) == 0) return ErrorCode::kConflict;
  // Serialization failure, deadlock, lock timeout, cancellation, shutdown: retryable.
  if (state == "40001" || state == "40P01" || state == "55P03" || state.rfind("57", 0) == 0) {
    return ErrorCode::kUnavailable;
  }
  if (e.get_error_category() == soci::soci_error::connection_error) return ErrorCode::kUnavailable;
  return ErrorCode::kInternal;
}

ErrorCode classifySqlite(const soci::sqlite3_soci_error& e) {
  // Extended result codes carry the primary code in the low byte.
  switch (e.result() & 0xff) {
    case kSqliteConstraint:
      return ErrorCode::kConflict;
    case kSqliteBusy:
    case kSqliteLocked:
      return ErrorCode::kUnavailable;
    default:
      return ErrorCode::kInternal;
  }
}

}  // namespace

Error translateDatabaseError(const soci::soci_error& e, std::string_view what, bool connected) {
  ErrorCode code = ErrorCode::kInternal;
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    code = classifyPostgres(*pg, connected);
  } else if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    code = classifySqlite(*lite);
  } else if (!connected || e.get_error_category() == soci::soci_error::connection_error) {
    code = ErrorCode::kUnavailable;
  } else if (e.get_error_category() == soci::soci_error::constraint_violation) {
    code = ErrorCode::kConflict;
  }
  return Error{
      code, "database error while " + std::string(what) + ": " + sanitize(e.get_error_message())};
}

Status checkLimit(std::size_t limit) {
  if (limit == 0 || limit > kMaxPageSize) {
    return invalidArgument("page size must be between 1 and " + std::to_string(kMaxPageSize));
  }
  return Ok{};
}

}  // namespace dsrflow::detail
