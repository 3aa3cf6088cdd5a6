#pragma once
// Reads a database's catalog: for `dsrflow dataset infer` the tables, columns, primary keys and
// foreign keys of one schema; for erasure the foreign keys with their ON DELETE actions and the
// primary keys of the tables they start from. PostgreSQL through pg_catalog, SQLite through
// sqlite_master and the table_info/foreign_key_list pragmas, MySQL/MariaDB through
// information_schema. Only names are read, never a row of data.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/result.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/dataset/database_schema.hpp"

namespace dsrflow::sql {

//! The base tables of `schema` (PostgreSQL: default the connection's current schema; MySQL: the
//! connected database; SQLite: ignored, the main database), sorted by name. kUnavailable when a
//! catalog query fails; kInvalidArgument when the schema holds no table.
Result<DatabaseSchema> readSchema(SqlDatabase& db, const std::string& schema);

//! A foreign key with the table it belongs to; schemas are spelled out (empty on SQLite).
struct CatalogForeignKey {
  std::string schema;
  std::string table;
  std::string name;  //!< the constraint's name (SQLite: its number within the table)
  ForeignKeySchema key;
};

//! The foreign keys erasure has to reckon with.
struct ForeignKeyCatalog {
  std::string defaultSchema;  //!< what a dataset without a schema means (SQLite: empty)
  //! Every foreign key starting or ending in one of the schemas asked for.
  std::vector<CatalogForeignKey> foreignKeys;
  //! The primary keys of the tables those foreign keys start from: (schema, table) -> columns.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> primaryKeys;
};

//! The foreign keys (every action) of `schemas` (empty names: the default schema; SQLite:
//! ignored, the main database) in three catalog queries at most. kUnavailable when one fails.
Result<ForeignKeyCatalog> readForeignKeys(SqlDatabase& db, const std::vector<std::string>& schemas);

}  // namespace dsrflow::sql
