#include "sql/erasure/database_cascades.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "sql/access/access_traversal.hpp"
#include "sql/erasure/write_statement.hpp"

namespace dsrflow::sql {
namespace {

// Whether a key with this ON DELETE rule deletes or changes the rows referring to a deleted one.
bool changesRows(ReferentialAction action) {
  return action == ReferentialAction::kCascade || action == ReferentialAction::kSetNull ||
         action == ReferentialAction::kSetDefault;
}

// SQLite and MySQL (as usually configured) do not tell names apart by case; PostgreSQL's
// quoted names do.
std::string folded(SqlBackend backend, std::string name) {
  if (backend == SqlBackend::kPostgresql) return name;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

// `alias`.`column`, read as text where the column's type asks for it.
std::string aliased(SqlBackend backend, const std::string& alias, const std::string& column,
                    bool asText) {
  const std::string name = quoteIdentifier(backend, alias) + "." + quoteIdentifier(backend, column);
  if (!asText) return name;
  return "CAST(" + name + (backend == SqlBackend::kMysql ? " AS CHAR)" : " AS TEXT)");
}

}  // namespace

std::string keyText(const std::vector<SqlValue>& key) {
  std::string text;
  for (const SqlValue& v : key) {
    text += v.isNull() ? std::string("\x01") : "\x02" + v.canonical();
    text += '\x1f';
  }
  return text;
}

std::size_t DatabaseCascades::tableIndex(SqlBackend backend, const std::string& schema,
                                         const std::string& table,
                                         const std::string& defaultSchema) {
  const std::string resolved =
      backend == SqlBackend::kSqlite ? "" : (schema.empty() ? defaultSchema : schema);
  const auto [it, added] = index_.try_emplace(
      folded(backend, resolved) + '\x1f' + folded(backend, table), tables_.size());
  if (!added) return it->second;
  const bool elsewhere =
      !resolved.empty() && folded(backend, resolved) != folded(backend, defaultSchema);
  tables_.push_back(CascadeTable{
      schema, table, std::nullopt, elsewhere ? resolved + "." + table : table, {}, {}});
  return it->second;
}

Result<DatabaseCascades> DatabaseCascades::read(SqlDatabase& db, const DatasetGraph& graph) {
  std::vector<std::string> schemas;
  for (std::size_t t = 0; t < graph.tables().size(); ++t) {
    const std::string& schema = schemaOf(graph, t);
    if (std::find(schemas.begin(), schemas.end(), schema) == schemas.end()) {
      schemas.push_back(schema);
    }
  }
  auto catalog = readForeignKeys(db, schemas);
  if (!catalog) return catalog.error();
  const SqlBackend backend = db.backend();
  const std::string& defaultSchema = catalog->defaultSchema;

  DatabaseCascades out;
  for (std::size_t t = 0; t < graph.tables().size(); ++t) {
    const Table& table = graph.tableOf(t);
    const std::size_t index =
        out.tableIndex(backend, schemaOf(graph, t), table.name, defaultSchema);
    CascadeTable& known = out.tables_[index];
    out.graphTables_.push_back(index);
    if (known.graphTable) continue;  // two datasets naming one table: the first speaks for it
    known.graphTable = t;
    known.name = graph.tables()[t].collection;
    for (const Field& field : table.fields) {
      if (field.primaryKey) known.key.push_back(field.name);
    }
    if (known.key.empty()) {
      for (const Field& field : table.fields) known.key.push_back(field.name);
    }
  }
  for (const CatalogForeignKey& fk : catalog->foreignKeys) {
    const ForeignKeySchema& key = fk.key;
    if (key.columns.size() != key.referencedColumns.size() ||
        std::find(key.referencedColumns.begin(), key.referencedColumns.end(), "") !=
            key.referencedColumns.end()) {
      continue;  // a key into a table that is gone (SQLite does not check them)
    }
    const std::size_t child = out.tableIndex(backend, fk.schema, fk.table, defaultSchema);
    const std::size_t parent =
        out.tableIndex(backend, key.referencedSchema, key.referencedTable, defaultSchema);
    out.keys_.push_back(
        CascadeKey{child, parent, key.columns, key.referencedColumns, key.onDelete});
  }
  // Tables the dataset lacks: the catalog's primary key, else the columns of their keys.
  for (CascadeTable& table : out.tables_) {
    if (table.graphTable) continue;
    // A REFERENCES clause may spell a name in another case than the table's own (SQLite).
    auto pk = std::find_if(
        catalog->primaryKeys.begin(), catalog->primaryKeys.end(), [&](const auto& entry) {
          return folded(backend, entry.first.first) == folded(backend, table.schema) &&
                 folded(backend, entry.first.second) == folded(backend, table.table);
        });
    if (pk != catalog->primaryKeys.end()) {
      table.key = pk->second;
      continue;
    }
    const std::size_t index = static_cast<std::size_t>(&table - out.tables_.data());
    for (const CascadeKey& k : out.keys_) {
      if (k.child != index) continue;
      for (const std::string& c : k.columns) {
        if (std::find(table.key.begin(), table.key.end(), c) == table.key.end()) {
          table.key.push_back(c);
        }
      }
    }
  }
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> DatabaseCascades::graphLinks() const {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const CascadeKey& k : keys_) {
    const CascadeTable& child = tables_[k.child];
    const CascadeTable& parent = tables_[k.parent];
    if (child.graphTable && parent.graphTable) {
      out.emplace_back(*child.graphTable, *parent.graphTable);
    }
  }
  return out;
}

Status DatabaseCascades::learnKeyInfo(SqlDatabase& db, std::size_t table) {
  CascadeTable& t = tables_[table];
  if (!t.keyInfo.empty() || t.key.empty()) return Ok{};
  auto info = db.describe(t.schema, t.table, t.key);
  if (!info) return info.error();
  t.keyInfo = std::move(info).value();
  return Ok{};
}

Status DatabaseCascades::referring(
    SqlDatabase& db, std::size_t k, const std::vector<std::size_t>& parents,
    const std::vector<AffectedRow>& rows, std::size_t chunkSize,
    const std::function<void(std::vector<SqlValue>, std::size_t)>& each) {
  const CascadeKey& key = keys_[k];
  if (Status s = learnKeyInfo(db, key.child); !s) return s;
  if (Status s = learnKeyInfo(db, key.parent); !s) return s;
  const CascadeTable& child = tables_[key.child];
  const CascadeTable& parent = tables_[key.parent];
  if (child.key.empty() || parent.key.empty()) return Ok{};
  const SqlBackend backend = db.backend();

  // SELECT <child key>, <parent key> FROM child c JOIN parent p ON c.fk = p.referenced WHERE
  // <parent rows by key>: each referring row with the row it refers to.
  std::string select = "SELECT ";
  std::vector<ColumnInfo> info;
  for (const auto* side : {&child, &parent}) {
    const char* alias = side == &child ? "c" : "p";
    for (std::size_t i = 0; i < side->key.size(); ++i) {
      select += (info.empty() ? "" : ", ") +
                aliased(backend, alias, side->key[i], side->keyInfo[i].readAsText);
      info.push_back(side->keyInfo[i]);
    }
  }
  select += " FROM " + qualifiedTable(backend, child.schema, child.table) + " " +
            quoteIdentifier(backend, "c") + " JOIN " +
            qualifiedTable(backend, parent.schema, parent.table) + " " +
            quoteIdentifier(backend, "p") + " ON ";
  for (std::size_t i = 0; i < key.columns.size(); ++i) {
    select += (i == 0 ? "" : " AND ") + aliased(backend, "c", key.columns[i], false) + " = " +
              aliased(backend, "p", key.referencedColumns[i], false);
  }
  select += " WHERE ";

  std::unordered_map<std::string, std::size_t> byKey;
  for (std::size_t p : parents) byKey.emplace(keyText(rows[p].key), p);
  const std::size_t step = rowsPerStatement(chunkSize, parent.key.size());
  for (std::size_t begin = 0; begin < parents.size(); begin += step) {
    const std::size_t end = std::min(parents.size(), begin + step);
    SelectQuery query{select, {}};
    std::vector<std::vector<SqlValue>> values;
    for (std::size_t i = begin; i < end; ++i) values.push_back(rows[parents[i]].key);
    appendRowMatch(backend, "p", parent.key, values, query);
    Status done = db.select(
        query, child.name,
        [&](const soci::row& row) {
          std::vector<SqlValue> read = rowValues(row, info);
          std::vector<SqlValue> parentKey(
              read.begin() + static_cast<std::ptrdiff_t>(child.key.size()), read.end());
          read.resize(child.key.size());
          // The parent as read back; should the text differ, the chunk's first row stands for it.
          auto found = byKey.find(keyText(parentKey));
          each(std::move(read), found != byKey.end() ? found->second : parents[begin]);
          return true;
        },
        Reading::kWhole);  // kept as affected rows
    if (!done) return done;
  }
  return Ok{};
}

Result<std::vector<std::size_t>> DatabaseCascades::referredKeys(
    SqlDatabase& db, const std::vector<std::size_t>& candidates,
    const std::vector<std::size_t>& parents, const std::vector<AffectedRow>& rows,
    std::size_t chunkSize) {
  if (candidates.size() <= 1 || parents.empty()) return candidates;
  const SqlBackend backend = db.backend();
  const CascadeTable& parent = tables_[keys_[candidates.front()].parent];
  const std::string d = quoteIdentifier(backend, "d");
  std::set<std::size_t> live;
  const std::size_t step = rowsPerStatement(chunkSize, parent.key.size());
  for (std::size_t begin = 0; begin < parents.size(); begin += step) {
    std::vector<std::vector<SqlValue>> values;
    for (std::size_t i = begin; i < std::min(parents.size(), begin + step); ++i) {
      values.push_back(rows[parents[i]].key);
    }
    // WITH d AS (the deleted rows) SELECT 0, COUNT(*) FROM child0 c JOIN d ON ... UNION ALL ...,
    // at most kArms keys a statement (SQLite allows 500 parts in a compound SELECT).
    constexpr std::size_t kArms = 100;
    for (std::size_t first = 0; first < candidates.size(); first += kArms) {
      SelectQuery query{"WITH " + d + " AS (SELECT * FROM " +
                            qualifiedTable(backend, parent.schema, parent.table) + " WHERE ",
                        {}};
      appendRowMatch(backend, "", parent.key, values, query);
      query.sql += ")";
      for (std::size_t i = first; i < std::min(candidates.size(), first + kArms); ++i) {
        const CascadeKey& key = keys_[candidates[i]];
        const CascadeTable& child = tables_[key.child];
        query.sql += std::string(i == first ? " " : " UNION ALL ") + "SELECT " + std::to_string(i) +
                     ", COUNT(*) FROM " + qualifiedTable(backend, child.schema, child.table) + " " +
                     quoteIdentifier(backend, "c") + " JOIN " + d + " ON ";
        for (std::size_t c = 0; c < key.columns.size(); ++c) {
          query.sql += (c == 0 ? "" : " AND ") + aliased(backend, "c", key.columns[c], false) +
                       " = " + aliased(backend, "d", key.referencedColumns[c], false);
        }
      }
      Status counted = db.select(
          query, parent.name,
          [&](const soci::row& row) {
            // SQLite may type a COUNT(*) without a declared type as text.
            const std::optional<SqlValue> index = asNumber(valueAt(row, 0));
            const std::optional<SqlValue> n = asNumber(valueAt(row, 1));
            if (index && n && index->kind == SqlValue::Kind::kInteger && n->integer > 0 &&
                index->integer >= 0 &&
                static_cast<std::size_t>(index->integer) < candidates.size()) {
              live.insert(candidates[static_cast<std::size_t>(index->integer)]);
            }
            return true;
          },
          Reading::kWhole);  // a row per key
      if (!counted) return counted.error();
    }
  }
  return std::vector<std::size_t>(live.begin(), live.end());
}

bool DatabaseCascades::actsOnDelete() const {
  return std::any_of(keys_.begin(), keys_.end(),
                     [](const CascadeKey& k) { return changesRows(k.onDelete); });
}

Result<CascadeEffects> DatabaseCascades::follow(
    SqlDatabase& db, const std::vector<std::pair<std::size_t, std::vector<SqlValue>>>& planned,
    std::size_t chunkSize) {
  CascadeEffects out;
  // Every planned row, so that deleted[i] is planned[i].
  out.deleted.reserve(planned.size());
  for (const auto& [t, key] : planned) {
    out.deleted.push_back(AffectedRow{graphTables_[t], key, std::nullopt, 0});
  }
  std::vector<std::unordered_map<std::string, std::size_t>> seen(tables_.size());
  std::vector<std::vector<std::size_t>> byTable(tables_.size());  // into out.deleted
  for (std::size_t i = 0; i < out.deleted.size(); ++i) {
    const std::size_t table = out.deleted[i].table;
    seen[table].emplace(keyText(out.deleted[i].key), i);
    byTable[table].push_back(i);
  }
  // The keys whose parent is table p and whose action changes rows.
  auto keysInto = [&](std::size_t p) {
    std::vector<std::size_t> found;
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      if (keys_[k].parent == p && changesRows(keys_[k].onDelete)) found.push_back(k);
    }
    return found;
  };

  // Follow ON DELETE CASCADE until no new row is deleted; note on the way the rows SET NULL and
  // SET DEFAULT change (once per key), which count only if they are not deleted in the end.
  std::vector<AffectedRow> changed;
  std::vector<std::set<std::string>> changedByKey(keys_.size());
  std::vector<std::size_t> followed(tables_.size(), 0);
  for (bool more = true; more;) {
    more = false;
    for (std::size_t p = 0; p < tables_.size(); ++p) {
      if (followed[p] == byTable[p].size()) continue;
      const std::vector<std::size_t> fresh(
          byTable[p].begin() + static_cast<std::ptrdiff_t>(followed[p]), byTable[p].end());
      followed[p] = byTable[p].size();
      auto live = referredKeys(db, keysInto(p), fresh, out.deleted, chunkSize);
      if (!live) return live.error();
      for (std::size_t k : *live) {
        const std::size_t child = keys_[k].child;
        const bool cascade = keys_[k].onDelete == ReferentialAction::kCascade;
        Status s = referring(db, k, fresh, out.deleted, chunkSize,
                             [&](std::vector<SqlValue> key, std::size_t parent) {
                               std::string text = keyText(key);
                               if (!cascade) {
                                 if (changedByKey[k].insert(std::move(text)).second) {
                                   changed.push_back(AffectedRow{child, std::move(key), k, parent});
                                 }
                                 return;
                               }
                               if (!seen[child].emplace(text, out.deleted.size()).second) return;
                               byTable[child].push_back(out.deleted.size());
                               out.deleted.push_back(AffectedRow{child, std::move(key), k, parent});
                               more = true;
                             });
        if (!s) return s.error();
      }
    }
  }
  for (AffectedRow& row : changed) {
    if (seen[row.table].count(keyText(row.key)) == 0) out.changed.push_back(std::move(row));
  }
  return out;
}

}  // namespace dsrflow::sql
