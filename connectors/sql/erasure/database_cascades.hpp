#pragma once
// What the database itself does when erasure deletes rows. Its foreign keys' ON DELETE CASCADE
// deletes the rows referring to a deleted row (and the rows referring to those, and so on); ON
// DELETE SET NULL and SET DEFAULT change the referring rows' columns. The planner asks before it
// settles the plan, so that it knows which shared or retained rows the database would delete,
// and the report names every row the database deletes or changes, also in tables the dataset
// does not know.
//
// The catalog is read once per erasure, inside its transaction (readForeignKeys: names only).
// The rows are found by joining each referring table to the deleted rows, named by key with
// bound values, before anything is deleted.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/result.hpp"
#include "sql/access/schema_catalog.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/dataset/dataset_graph.hpp"

namespace dsrflow::sql {

//! A table the database's foreign keys link: a graph table or one the dataset lacks.
struct CascadeTable {
  std::string schema;  //!< as queries name it (a graph table's own; may be empty)
  std::string table;
  std::optional<std::size_t> graphTable;
  //! How reports name it: a graph table's collection, else the table (schema.table outside the
  //! default schema).
  std::string name;
  //! The columns telling its rows apart: a graph table's declared primary key (else every
  //! declared field), else the catalog's primary key (else the columns of its foreign keys).
  std::vector<std::string> key;
  std::vector<ColumnInfo> keyInfo;  //!< learnt on first use
};

//! A foreign key of the database between two of tables().
struct CascadeKey {
  std::size_t child = 0;  //!< the table holding `columns`
  std::size_t parent = 0;
  std::vector<std::string> columns;
  std::vector<std::string> referencedColumns;
  ReferentialAction onDelete = ReferentialAction::kNoAction;
};

//! A row the deletion of other rows deletes or changes.
struct AffectedRow {
  std::size_t table = 0;           //!< index into tables()
  std::vector<SqlValue> key;       //!< values of the table's key columns; personal data
  std::optional<std::size_t> via;  //!< the foreign key (index into keys()); none: planned
  std::size_t parent = 0;          //!< with `via`: the deleted row it refers to (into deleted)
};

struct CascadeEffects {
  //! The rows deleted: first the planned ones, in the order given, then those the database
  //! deletes (ON DELETE CASCADE), each once, in the order found.
  std::vector<AffectedRow> deleted;
  //! Rows that stay but whose columns a SET NULL or SET DEFAULT key changes (once per key).
  std::vector<AffectedRow> changed;
};

class DatabaseCascades {
 public:
  //! Reads the foreign keys of the schemas the graph's tables live in.
  static Result<DatabaseCascades> read(SqlDatabase& db, const DatasetGraph& graph);

  [[nodiscard]] const std::vector<CascadeTable>& tables() const { return tables_; }
  [[nodiscard]] const std::vector<CascadeKey>& keys() const { return keys_; }
  //! The table of graph table `t`.
  [[nodiscard]] std::size_t tableOfGraph(std::size_t t) const { return graphTables_[t]; }
  //! Whether any foreign key acts on delete (CASCADE, SET NULL, SET DEFAULT); when none does,
  //! deleting rows deletes or changes nothing else and follow() has nothing to find.
  [[nodiscard]] bool actsOnDelete() const;
  //! (child, parent) graph tables a foreign key of the database links, whatever its action:
  //! the database refuses or cascades when a parent goes before its child.
  [[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> graphLinks() const;

  //! What deleting `planned` (graph table, values of its key columns) makes the database do.
  //! kUnavailable when a query fails.
  Result<CascadeEffects> follow(
      SqlDatabase& db, const std::vector<std::pair<std::size_t, std::vector<SqlValue>>>& planned,
      std::size_t chunkSize);

 private:
  std::size_t tableIndex(SqlBackend backend, const std::string& schema, const std::string& table,
                         const std::string& defaultSchema);
  Status learnKeyInfo(SqlDatabase& db, std::size_t table);
  // Of `candidates` (keys into one table), those some row refers by to one of `parents`
  // (indices into rows): one counting statement per chunk, so that the many keys no row uses
  // (a created_id, a cache) cost no query of their own.
  Result<std::vector<std::size_t>> referredKeys(SqlDatabase& db,
                                                const std::vector<std::size_t>& candidates,
                                                const std::vector<std::size_t>& parents,
                                                const std::vector<AffectedRow>& rows,
                                                std::size_t chunkSize);
  // Calls `each(child key, parent index into rows)` for the rows of key k's child referring to
  // `parents` (indices into rows, all of key k's parent table).
  Status referring(SqlDatabase& db, std::size_t k, const std::vector<std::size_t>& parents,
                   const std::vector<AffectedRow>& rows, std::size_t chunkSize,
                   const std::function<void(std::vector<SqlValue>, std::size_t)>& each);

  std::vector<CascadeTable> tables_;
  std::vector<CascadeKey> keys_;
  std::vector<std::size_t> graphTables_;                // by graph table
  std::unordered_map<std::string, std::size_t> index_;  // folded schema and name -> table
};

//! "What tells two rows apart" text of key values (NULLs kept apart from "").
std::string keyText(const std::vector<SqlValue>& key);

}  // namespace dsrflow::sql
