#pragma once
// Reads a database's catalog for `dsrflow dataset infer`: tables, columns, primary keys and
// foreign keys. PostgreSQL through pg_catalog, SQLite through sqlite_master and the
// table_info/foreign_key_list pragmas, MySQL/MariaDB through information_schema. Only names are
// read, never a row of data.

#include <string>

#include "model/result.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/dataset/database_schema.hpp"

namespace dsrflow::sql {

//! The base tables of `schema` (PostgreSQL: default the connection's current schema; MySQL: the
//! connected database; SQLite: ignored, the main database), sorted by name. kUnavailable when a
//! catalog query fails; kInvalidArgument when the schema holds no table.
Result<DatabaseSchema> readSchema(SqlDatabase& db, const std::string& schema);

}  // namespace dsrflow::sql
