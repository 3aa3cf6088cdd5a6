#pragma once
// What a database's catalog says about its tables, as far as drafting a dataset needs it: the
// columns, the primary key and the foreign keys with their ON DELETE actions. Read by
// sql/access/schema_catalog.hpp (SOCI), turned into a draft dataset by
// sql/dataset/schema_inference.hpp (no database involved).

#include <string>
#include <vector>

namespace dsrflow::sql {

//! What the database does to the rows referring to a row that is deleted (ON DELETE).
enum class ReferentialAction { kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

//! A foreign key: `columns` of the table hold values of `referencedColumns` of
//! `referencedTable` (same order). `referencedSchema` empty: the table's own schema.
struct ForeignKeySchema {
  std::vector<std::string> columns;
  std::string referencedSchema;
  std::string referencedTable;
  std::vector<std::string> referencedColumns;
  ReferentialAction onDelete = ReferentialAction::kNoAction;
};

struct TableSchema {
  std::string name;
  std::vector<std::string> columns;     //!< in the table's order
  std::vector<std::string> primaryKey;  //!< empty when there is none
  std::vector<ForeignKeySchema> foreignKeys;
};

struct DatabaseSchema {
  std::string schema;               //!< the schema read (PostgreSQL, MySQL); empty on SQLite
  std::vector<TableSchema> tables;  //!< by name
};

}  // namespace dsrflow::sql
