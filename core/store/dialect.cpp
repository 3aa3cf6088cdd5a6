#include "store/dialect.hpp"

namespace dsrflow::detail {
namespace {

// Arbitrary constants naming dsrflow's advisory locks ("dsrflow" + a small number).
constexpr std::string_view kPgAuditLock = "SELECT pg_advisory_xact_lock(7238712001)";
constexpr std::string_view kPgMigrationLock = "SELECT pg_advisory_xact_lock(7238712002)";

constexpr std::string_view kCreateSchemaTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
    "NULL, applied_at BIGINT NOT NULL)";

}  // namespace

const Dialect& dialectFor(StoreBackend backend) {
  static const Dialect sqlite{
      StoreBackend::kSqlite,
      "BEGIN IMMEDIATE",
      "",
      "",
      "",
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
      kCreateSchemaTable,
      sqliteMigrations(),
  };
  static const Dialect postgresql{
      StoreBackend::kPostgresql,
      "BEGIN",
      kPgAuditLock,
      kPgMigrationLock,
      " FOR UPDATE SKIP LOCKED",
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND "
      "table_name = 'schema_migrations'",
      kCreateSchemaTable,
      postgresqlMigrations(),
  };
  return backend == StoreBackend::kPostgresql ? postgresql : sqlite;
}

}  // namespace dsrflow::detail
