#pragma once
// Everything that differs between SQLite and PostgreSQL, in one place. Repository SQL is shared;
// it uses only what both accept (:name placeholders, RETURNING, scalar subqueries).

#include <span>
#include <string_view>

#include "store/store_url.hpp"

namespace dsrflow::detail {

//! One numbered schema change: statements run in order inside one transaction.
struct Migration {
  int version = 0;
  std::string_view name;
  std::span<const std::string_view> statements;
};

struct Dialect {
  StoreBackend backend = StoreBackend::kSqlite;
  //! Starts a write transaction (SQLite takes the write lock up front to avoid busy upgrades).
  std::string_view begin;
  //! Serialises audit writers until the transaction ends; empty when `begin` already does.
  std::string_view auditLock;
  //! Serialises concurrent migrate() runs until the transaction ends; empty when `begin` does.
  std::string_view migrationLock;
  //! Appended to a SELECT that locks its rows for the transaction, skipping rows another
  //! transaction holds (PostgreSQL); empty where `begin` already serialises writers (SQLite).
  std::string_view lockSkipLocked;
  //! Yields one count row: 1 when schema_migrations exists.
  std::string_view schemaTableExists;
  //! Creates schema_migrations when missing.
  std::string_view createSchemaTable;
  std::span<const Migration> migrations;
};

//! The dialect of a backend; lives for the whole program.
const Dialect& dialectFor(StoreBackend backend);

//! Migrations in version order, per backend (defined in migrations_*.cpp).
std::span<const Migration> sqliteMigrations();
std::span<const Migration> postgresqlMigrations();

}  // namespace dsrflow::detail
