#include "sql/access/schema_catalog.hpp"

#include <soci/soci.h>

#include <map>

namespace dsrflow::sql {
namespace {

// Runs a catalog query (every column read as text) with `binds`, one vector of texts per row.
Result<std::vector<std::vector<std::string>>> rows(SqlDatabase& db, const std::string& sql,
                                                   const std::vector<std::string>& binds) {
  SelectQuery query{sql, {}};
  for (const std::string& b : binds) query.binds.push_back(SqlValue::ofText(b));
  std::vector<std::vector<std::string>> out;
  Status done = db.select(query, "the catalog", [&](const soci::row& row) {
    std::vector<std::string> values;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const SqlValue v = valueAt(row, i);
      values.push_back(v.isNull() ? "" : v.canonical());
    }
    out.push_back(std::move(values));
    return true;
  });
  if (!done) return done.error();
  return out;
}

// One row per column: table, column, "1" when part of the primary key; one row per column of a
// foreign key: table, constraint, column, referenced schema, table and column, in key order.
struct CatalogQueries {
  std::string current;  //!< the default schema
  std::string columns;
  std::string foreignKeys;
};

const CatalogQueries kPostgres{
    "SELECT CAST(current_schema() AS text)",
    "SELECT CAST(c.relname AS text), CAST(a.attname AS text), CASE WHEN EXISTS (SELECT 1 FROM "
    "pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = "
    "ANY(i.indkey)) THEN '1' ELSE '0' END FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace "
    "n ON n.oid = c.relnamespace JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid WHERE "
    "n.nspname = :v0 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND "
    "NOT a.attisdropped ORDER BY c.relname, a.attnum",
    "SELECT CAST(c.relname AS text), CAST(con.conname AS text), CAST(a.attname AS text), "
    "CAST(fn.nspname AS text), CAST(fc.relname AS text), CAST(fa.attname AS text) FROM "
    "pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid JOIN "
    "pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_class fc ON fc.oid "
    "= con.confrelid JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace CROSS JOIN "
    "LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(col, fcol, pos) JOIN "
    "pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.col JOIN "
    "pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fcol WHERE "
    "con.contype = 'f' AND n.nspname = :v0 ORDER BY c.relname, con.conname, k.pos"};

const CatalogQueries kMysql{
    "SELECT DATABASE()",
    "SELECT c.TABLE_NAME, c.COLUMN_NAME, CASE WHEN c.COLUMN_KEY = 'PRI' THEN '1' ELSE '0' END "
    "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = "
    "c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_SCHEMA = :v0 AND "
    "t.TABLE_TYPE = 'BASE TABLE' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION",
    "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, "
    "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
    "WHERE TABLE_SCHEMA = :v0 AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY TABLE_NAME, "
    "CONSTRAINT_NAME, ORDINAL_POSITION"};

// SQLite has no catalog views: the pragmas as table-valued functions, per table. A foreign key
// naming no column refers to the primary key ("to" is NULL).
constexpr const char* kSqliteTables =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE "
    "'\\' ORDER BY name";
constexpr const char* kSqliteColumns =
    "SELECT name, CAST(pk AS TEXT) FROM pragma_table_info(:v0) ORDER BY cid";
constexpr const char* kSqliteForeignKeys =
    "SELECT CAST(id AS TEXT), \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(:v0) "
    "ORDER BY id, seq";

void addColumn(TableSchema& table, const std::string& column, bool primaryKey) {
  table.columns.push_back(column);
  if (primaryKey) table.primaryKey.push_back(column);
}

// Rows of kPostgres/kMysql foreignKeys into the tables' keys.
void addForeignKeys(std::map<std::string, TableSchema>& tables, const std::string& schema,
                    const std::vector<std::vector<std::string>>& rows) {
  std::string lastKey;
  for (const auto& r : rows) {
    auto table = tables.find(r[0]);
    if (table == tables.end()) continue;
    const std::string key = r[0] + "." + r[1];
    if (key != lastKey) {
      table->second.foreignKeys.push_back({{}, r[3] == schema ? "" : r[3], r[4], {}});
      lastKey = key;
    }
    table->second.foreignKeys.back().columns.push_back(r[2]);
    table->second.foreignKeys.back().referencedColumns.push_back(r[5]);
  }
}

Result<DatabaseSchema> readSqlite(SqlDatabase& db) {
  auto names = rows(db, kSqliteTables, {});
  if (!names) return names.error();
  DatabaseSchema out;
  for (const auto& name : *names) {
    TableSchema table{name[0], {}, {}, {}};
    auto columns = rows(db, kSqliteColumns, {table.name});
    if (!columns) return columns.error();
    // pk is the column's position in the primary key (1, 2, ...), 0 when not part of it.
    std::map<long, std::string> keyOrder;
    for (const auto& c : *columns) {
      table.columns.push_back(c[0]);
      if (c[1] != "0") keyOrder[std::stol(c[1])] = c[0];
    }
    for (auto& [position, column] : keyOrder) table.primaryKey.push_back(column);
    auto keys = rows(db, kSqliteForeignKeys, {table.name});
    if (!keys) return keys.error();
    std::string lastId;
    for (const auto& k : *keys) {
      if (k[0] != lastId || table.foreignKeys.empty()) {
        table.foreignKeys.push_back({{}, "", k[2], {}});
        lastId = k[0];
      }
      table.foreignKeys.back().columns.push_back(k[1]);
      table.foreignKeys.back().referencedColumns.push_back(k[3]);
    }
    out.tables.push_back(std::move(table));
  }
  // "REFERENCES t" without columns: t's primary key, known once every table is read.
  for (TableSchema& table : out.tables) {
    for (ForeignKeySchema& key : table.foreignKeys) {
      for (const TableSchema& target : out.tables) {
        if (target.name != key.referencedTable) continue;
        for (std::size_t i = 0; i < key.referencedColumns.size(); ++i) {
          if (key.referencedColumns[i].empty() && i < target.primaryKey.size()) {
            key.referencedColumns[i] = target.primaryKey[i];
          }
        }
      }
    }
  }
  return out;
}

Result<DatabaseSchema> readCatalog(SqlDatabase& db, const CatalogQueries& queries,
                                   std::string schema) {
  if (schema.empty()) {
    auto current = rows(db, queries.current, {});
    if (!current) return current.error();
    if (current->empty() || current->front().front().empty()) {
      return invalidArgument("the connection names no default schema or database; give --schema");
    }
    schema = current->front().front();
  }
  auto columns = rows(db, queries.columns, {schema});
  if (!columns) return columns.error();
  std::map<std::string, TableSchema> tables;
  for (const auto& c : *columns) {
    TableSchema& table = tables[c[0]];
    table.name = c[0];
    addColumn(table, c[1], c[2] == "1");
  }
  auto keys = rows(db, queries.foreignKeys, {schema});
  if (!keys) return keys.error();
  addForeignKeys(tables, schema, *keys);
  DatabaseSchema out;
  out.schema = schema;
  for (auto& [name, table] : tables) out.tables.push_back(std::move(table));
  return out;
}

}  // namespace

Result<DatabaseSchema> readSchema(SqlDatabase& db, const std::string& schema) {
  Result<DatabaseSchema> read = db.backend() == SqlBackend::kSqlite ? readSqlite(db)
                                : db.backend() == SqlBackend::kMysql
                                    ? readCatalog(db, kMysql, schema)
                                    : readCatalog(db, kPostgres, schema);
  if (read && read->tables.empty()) {
    return invalidArgument(schema.empty() ? std::string("the database holds no table")
                                          : "schema " + schema + " holds no table");
  }
  return read;
}

}  // namespace dsrflow::sql
