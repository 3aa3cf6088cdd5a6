#include "sql/access/schema_catalog.hpp"

#include <soci/soci.h>

#include <set>

namespace dsrflow::sql {
namespace {

using CatalogRows = std::vector<std::vector<std::string>>;

// Runs a catalog query (every column read as text) with `binds`, one vector of texts per row.
Result<CatalogRows> rows(SqlDatabase& db, const std::string& sql,
                         const std::vector<std::string>& binds) {
  SelectQuery query{sql, {}};
  for (const std::string& b : binds) query.binds.push_back(SqlValue::ofText(b));
  CatalogRows out;
  Status done = db.select(
      query, "the catalog",
      [&](const soci::row& row) {
        std::vector<std::string> values;
        for (std::size_t i = 0; i < row.size(); ++i) {
          const SqlValue v = valueAt(row, i);
          values.push_back(v.isNull() ? "" : v.canonical());
        }
        out.push_back(std::move(values));
        return true;
      },
      Reading::kWhole);  // all kept
  if (!done) return done.error();
  return out;
}

// The catalog queries of one backend. `columns`: one row per column: table, column, "1" when
// part of the primary key. `primaryKeys` (followed by a condition on primaryKeySchema and
// primaryKeyOrder): schema, table, column.
struct CatalogQueries {
  std::string current;  //!< the default schema
  std::string columns;
  std::string primaryKeys;
  std::string primaryKeySchema;
  std::string primaryKeyOrder;
};

const CatalogQueries kPostgres{
    "SELECT CAST(current_schema() AS text)",
    "SELECT CAST(c.relname AS text), CAST(a.attname AS text), CASE WHEN EXISTS (SELECT 1 FROM "
    "pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = "
    "ANY(i.indkey)) THEN '1' ELSE '0' END FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace "
    "n ON n.oid = c.relnamespace JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid WHERE "
    "n.nspname = :v0 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND "
    "NOT a.attisdropped ORDER BY c.relname, a.attnum",
    "SELECT CAST(n.nspname AS text), CAST(c.relname AS text), CAST(a.attname AS text) FROM "
    "pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN "
    "pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_attribute a ON "
    "a.attrelid = c.oid AND a.attnum = ANY(i.indkey) WHERE i.indisprimary AND ",
    "n.nspname", " ORDER BY n.nspname, c.relname, a.attnum"};

const CatalogQueries kMysql{
    "SELECT DATABASE()",
    "SELECT c.TABLE_NAME, c.COLUMN_NAME, CASE WHEN c.COLUMN_KEY = 'PRI' THEN '1' ELSE '0' END "
    "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = "
    "c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_SCHEMA = :v0 AND "
    "t.TABLE_TYPE = 'BASE TABLE' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION",
    "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE "
    "CONSTRAINT_NAME = 'PRIMARY' AND ",
    "TABLE_SCHEMA", " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION"};

// Foreign keys, one row per column in key order: schema, table, constraint, column, referenced
// schema, table and column, ON DELETE rule. Followed by a condition and kPgForeignKeyOrder.
// Partitions carry clones of their partitioned table's keys (conparentid): only the original
// counts, or a cascade would be followed twice. Column names come from scalar subqueries (index
// lookups whatever the plan): joined to pg_attribute, the plan PostgreSQL chooses for a cursor
// took 45 ms instead of 6 for CiviCRM's 270 keys.
constexpr const char* kPgForeignKeys =
    "SELECT CAST(n.nspname AS text), CAST(c.relname AS text), CAST(con.conname AS text), "
    "CAST((SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = con.conrelid AND "
    "a.attnum = k.col) AS text), CAST(fn.nspname AS text), CAST(fc.relname AS text), "
    "CAST((SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = con.confrelid AND "
    "a.attnum = k.fcol) AS text), CAST(con.confdeltype AS text) FROM pg_catalog.pg_constraint "
    "con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid JOIN pg_catalog.pg_namespace n ON "
    "n.oid = c.relnamespace JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid JOIN "
    "pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace CROSS JOIN LATERAL unnest(con.conkey, "
    "con.confkey) WITH ORDINALITY AS k(col, fcol, pos) WHERE con.contype = 'f' AND "
    "con.conparentid = 0 AND ";
constexpr const char* kPgForeignKeyOrder = " ORDER BY n.nspname, c.relname, con.conname, k.pos";

// MySQL's information_schema builds each view from the table definitions, and joining two of
// them costs several times reading both (about 45 ms against 7 ms for CiviCRM's 270 keys on
// MariaDB): the rules and the key columns are read apart and joined here. The rules, of the
// keys starting or ending in the schemas asked for (followed by a condition):
constexpr const char* kMysqlRules =
    "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE FROM "
    "information_schema.REFERENTIAL_CONSTRAINTS WHERE ";
// The key columns as kPgForeignKeys gives them (the rule left empty), of the tables of some
// schemas (followed by a condition on TABLE_SCHEMA and kMysqlKeyColumnOrder):
constexpr const char* kMysqlKeyColumns =
    "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, "
    "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME, '' FROM information_schema.KEY_COLUMN_USAGE "
    "WHERE REFERENCED_TABLE_NAME IS NOT NULL AND ";
constexpr const char* kMysqlKeyColumnOrder =
    " ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION";

// SQLite has no catalog views: the pragmas as table-valued functions, joined to sqlite_master
// where every table is wanted. A foreign key naming no column refers to the primary key ("to"
// is NULL).
constexpr const char* kSqliteTables =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE "
    "'\\' ORDER BY name";
constexpr const char* kSqliteColumns =
    "SELECT name, CAST(pk AS TEXT) FROM pragma_table_info(:v0) ORDER BY cid";
constexpr const char* kSqliteForeignKeys =
    "SELECT '', m.name, CAST(f.id AS TEXT), f.\"from\", '', f.\"table\", f.\"to\", f.on_delete "
    "FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY "
    "m.name, f.id, f.seq";
constexpr const char* kSqlitePrimaryKeys =
    "SELECT '', m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE "
    "m.type = 'table' AND p.pk > 0 ORDER BY m.name, p.pk";

// confdeltype letters (PostgreSQL) and rule names (SQLite, MySQL).
ReferentialAction referentialAction(const std::string& rule) {
  if (rule == "c" || rule == "CASCADE") return ReferentialAction::kCascade;
  if (rule == "n" || rule == "SET NULL") return ReferentialAction::kSetNull;
  if (rule == "d" || rule == "SET DEFAULT") return ReferentialAction::kSetDefault;
  if (rule == "r" || rule == "RESTRICT") return ReferentialAction::kRestrict;
  return ReferentialAction::kNoAction;
}

// "column IN (:v0, :v1)" over `values`.
std::string inList(const std::string& column, std::size_t values, std::size_t firstBind) {
  std::string sql = column + " IN (";
  for (std::size_t i = 0; i < values; ++i) {
    sql += (i == 0 ? ":v" : ", :v") + std::to_string(firstBind + i);
  }
  return sql + ")";
}

// Foreign-key rows (as kPgForeignKeys gives them) of the keys starting in `schemas` and, with
// `into`, also of those ending there.
Result<CatalogRows> foreignKeyRows(SqlDatabase& db, const std::vector<std::string>& schemas,
                                   bool into) {
  const std::size_t n = schemas.size();
  std::vector<std::string> twice = schemas;
  twice.insert(twice.end(), schemas.begin(), schemas.end());
  if (db.backend() != SqlBackend::kMysql) {
    const std::string starting = inList("n.nspname", n, 0);
    return into ? rows(db,
                       kPgForeignKeys +
                           ("(" + starting + " OR " + inList("fn.nspname", n, n) + ")") +
                           kPgForeignKeyOrder,
                       twice)
                : rows(db, kPgForeignKeys + starting + kPgForeignKeyOrder, schemas);
  }
  auto rules = into ? rows(db,
                           kMysqlRules + inList("CONSTRAINT_SCHEMA", n, 0) + " OR " +
                               inList("UNIQUE_CONSTRAINT_SCHEMA", n, n),
                           twice)
                    : rows(db, kMysqlRules + inList("CONSTRAINT_SCHEMA", n, 0), schemas);
  if (!rules) return rules.error();
  // The schemas keys start in: those asked for and those with keys into them.
  std::map<std::string, std::string> ruleOf;  // schema, table, constraint -> rule
  std::set<std::string> starting(schemas.begin(), schemas.end());
  for (const auto& r : *rules) {
    ruleOf[r[0] + '\x1f' + r[1] + '\x1f' + r[2]] = r[3];
    starting.insert(r[0]);
  }
  const std::vector<std::string> binds(starting.begin(), starting.end());
  auto columns = rows(
      db, kMysqlKeyColumns + inList("TABLE_SCHEMA", binds.size(), 0) + kMysqlKeyColumnOrder, binds);
  if (!columns) return columns.error();
  CatalogRows out;
  for (auto& r : std::move(columns).value()) {
    auto rule = ruleOf.find(r[0] + '\x1f' + r[1] + '\x1f' + r[2]);
    if (rule == ruleOf.end()) continue;  // a key of another schema that does not end in ours
    r[7] = rule->second;
    out.push_back(std::move(r));
  }
  return out;
}

// Rows of foreignKeyRows, one entry per key.
std::vector<CatalogForeignKey> foreignKeysOf(const CatalogRows& rows) {
  std::vector<CatalogForeignKey> out;
  for (const auto& r : rows) {
    if (out.empty() || out.back().schema != r[0] || out.back().table != r[1] ||
        out.back().name != r[2]) {
      out.push_back({r[0], r[1], r[2], {{}, r[4], r[5], {}, referentialAction(r[7])}});
    }
    out.back().key.columns.push_back(r[3]);
    out.back().key.referencedColumns.push_back(r[6]);
  }
  return out;
}

// "REFERENCES t" without columns (SQLite): t's primary key.
void fillReferencedKeys(
    std::vector<CatalogForeignKey>& keys,
    const std::map<std::pair<std::string, std::string>, std::vector<std::string>>& primaryKeys) {
  for (CatalogForeignKey& k : keys) {
    auto pk = primaryKeys.find({k.key.referencedSchema, k.key.referencedTable});
    if (pk == primaryKeys.end()) continue;
    for (std::size_t i = 0; i < k.key.referencedColumns.size(); ++i) {
      if (k.key.referencedColumns[i].empty() && i < pk->second.size()) {
        k.key.referencedColumns[i] = pk->second[i];
      }
    }
  }
}

Result<std::map<std::pair<std::string, std::string>, std::vector<std::string>>> primaryKeysOf(
    SqlDatabase& db, const std::string& sql, const std::vector<std::string>& binds) {
  auto found = rows(db, sql, binds);
  if (!found) return found.error();
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> out;
  for (const auto& r : *found) out[{r[0], r[1]}].push_back(r[2]);
  return out;
}

Result<std::string> currentSchema(SqlDatabase& db, const CatalogQueries& queries) {
  auto current = rows(db, queries.current, {});
  if (!current) return current.error();
  if (current->empty() || current->front().front().empty()) {
    return invalidArgument("the connection names no default schema or database; give --schema");
  }
  return current->front().front();
}

Result<DatabaseSchema> readSqlite(SqlDatabase& db) {
  auto names = rows(db, kSqliteTables, {});
  if (!names) return names.error();
  auto primaryKeys = primaryKeysOf(db, kSqlitePrimaryKeys, {});
  if (!primaryKeys) return primaryKeys.error();
  auto keyRows = rows(db, kSqliteForeignKeys, {});
  if (!keyRows) return keyRows.error();
  std::vector<CatalogForeignKey> keys = foreignKeysOf(*keyRows);
  fillReferencedKeys(keys, *primaryKeys);
  DatabaseSchema out;
  for (const auto& name : *names) {
    TableSchema table{name[0], {}, {}, {}};
    auto columns = rows(db, kSqliteColumns, {table.name});
    if (!columns) return columns.error();
    for (const auto& c : *columns) table.columns.push_back(c[0]);
    auto pk = primaryKeys->find({"", table.name});
    if (pk != primaryKeys->end()) table.primaryKey = pk->second;
    for (const CatalogForeignKey& k : keys) {
      if (k.table == table.name) table.foreignKeys.push_back(k.key);
    }
    out.tables.push_back(std::move(table));
  }
  return out;
}

Result<DatabaseSchema> readCatalog(SqlDatabase& db, const CatalogQueries& queries,
                                   std::string schema) {
  if (schema.empty()) {
    auto current = currentSchema(db, queries);
    if (!current) return current.error();
    schema = *current;
  }
  auto columns = rows(db, queries.columns, {schema});
  if (!columns) return columns.error();
  std::map<std::string, TableSchema> tables;
  for (const auto& c : *columns) {
    TableSchema& table = tables[c[0]];
    table.name = c[0];
    table.columns.push_back(c[1]);
    if (c[2] == "1") table.primaryKey.push_back(c[1]);
  }
  auto keyRows = foreignKeyRows(db, {schema}, false);
  if (!keyRows) return keyRows.error();
  for (CatalogForeignKey& k : foreignKeysOf(*keyRows)) {
    auto table = tables.find(k.table);
    if (table == tables.end()) continue;
    if (k.key.referencedSchema == schema) k.key.referencedSchema.clear();
    table->second.foreignKeys.push_back(std::move(k.key));
  }
  DatabaseSchema out;
  out.schema = schema;
  for (auto& [name, table] : tables) out.tables.push_back(std::move(table));
  return out;
}

Result<ForeignKeyCatalog> readCatalogKeys(SqlDatabase& db, const CatalogQueries& queries,
                                          const std::vector<std::string>& schemas) {
  ForeignKeyCatalog out;
  std::set<std::string> wanted;
  for (const std::string& s : schemas) {
    if (s.empty() && out.defaultSchema.empty()) {
      auto current = currentSchema(db, queries);
      if (!current) return current.error();
      out.defaultSchema = *current;
    }
    wanted.insert(s.empty() ? out.defaultSchema : s);
  }
  if (wanted.empty()) return out;
  auto keyRows = foreignKeyRows(db, std::vector<std::string>(wanted.begin(), wanted.end()), true);
  if (!keyRows) return keyRows.error();
  out.foreignKeys = foreignKeysOf(*keyRows);
  // Primary keys of the tables the keys start from (some may live in other schemas).
  std::set<std::string> childSchemas;
  for (const CatalogForeignKey& k : out.foreignKeys) childSchemas.insert(k.schema);
  if (childSchemas.empty()) return out;
  const std::vector<std::string> pkBinds(childSchemas.begin(), childSchemas.end());
  auto primaryKeys =
      primaryKeysOf(db,
                    queries.primaryKeys + inList(queries.primaryKeySchema, pkBinds.size(), 0) +
                        queries.primaryKeyOrder,
                    pkBinds);
  if (!primaryKeys) return primaryKeys.error();
  out.primaryKeys = std::move(primaryKeys).value();
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

Result<ForeignKeyCatalog> readForeignKeys(SqlDatabase& db,
                                          const std::vector<std::string>& schemas) {
  if (db.backend() == SqlBackend::kSqlite) {
    ForeignKeyCatalog out;
    auto primaryKeys = primaryKeysOf(db, kSqlitePrimaryKeys, {});
    if (!primaryKeys) return primaryKeys.error();
    auto keyRows = rows(db, kSqliteForeignKeys, {});
    if (!keyRows) return keyRows.error();
    out.foreignKeys = foreignKeysOf(*keyRows);
    fillReferencedKeys(out.foreignKeys, *primaryKeys);
    out.primaryKeys = std::move(primaryKeys).value();
    return out;
  }
  return readCatalogKeys(db, db.backend() == SqlBackend::kMysql ? kMysql : kPostgres, schemas);
}

}  // namespace dsrflow::sql
