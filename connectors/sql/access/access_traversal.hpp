#pragma once
// The access traversal: from the request's identities, find every row the datasets link to
// them, in waves. Each wave queries each table once (its IN lists cut into chunks), OR-ing all
// the ways the table was reached in that wave; the rows found feed the lookups of the next wave
// with values not looked up before. Each table reads only the columns it needs (those the
// request's data categories cover, its primary key, and those that lead on), and every row is
// handed to a RowSink as soon as it is fetched.
//
// Plain library code over SqlDatabase and DatasetGraph: no plugin ABI, so it is tested on its
// own; the plugin turns FoundRows into records.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "model/result.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/access/sql_value.hpp"
#include "sql/dataset/dataset_graph.hpp"

namespace dsrflow::sql {

//! One identity value from the request. `identity` is matched against the dataset's identity
//! names: pass an identity once under its type and, when it has one, once under its subtype.
struct SeedValue {
  std::string identity;  //!< e.g. email, phone, customer_id, loyalty_id
  std::string value;     //!< raw (not hashed) and normalised by the host; personal data
};

//! One column's value in a found row.
struct FieldValue {
  const Field* field = nullptr;
  SqlValue value;
};

//! A row as the sink sees it: the fields the request's categories cover, and (valid only during
//! RowSink::accept) every column that was read. A traversal hands each row of a table over once.
struct FoundRow {
  std::size_t table = 0;          //!< index into DatasetGraph::tables()
  const std::string* collection;  //!< the graph table's collection name
  //! The covered fields; empty with AccessOptions::everyColumn (read `values` then).
  std::vector<FieldValue> fields;
  std::vector<FieldValue> key;  //!< the covered primary-key fields; empty likewise
  //! Every column read, in the dataset's order; with AccessOptions::everyColumn, exactly the
  //! table's fields.
  const std::vector<const Field*>* columns = nullptr;
  //! Aligned with `columns`. The traversal has taken what it needs from them: the sink may move
  //! them away.
  std::vector<SqlValue>* values = nullptr;
};

//! Receives found rows, one at a time, on the calling thread.
class RowSink {
 public:
  virtual ~RowSink() = default;
  //! Takes one row; false stops the traversal (e.g. the host asked to stop).
  virtual bool accept(const FoundRow& row) = 0;
};

struct AccessOptions {
  //! Category prefixes the request covers; empty: all. Fields without categories are never
  //! returned: they are read only to follow links.
  std::vector<std::string> categories;
  //! Most values bound in one statement.
  std::size_t chunkSize = 500;
  //! Asked before each query and each row; true stops the traversal. May be empty.
  std::function<bool()> cancelled;
  //! Read every declared column and hand every row found to the sink, also rows without
  //! covered fields (erasure, suppression and restriction need keys, dates and link values);
  //! FoundRow::fields and key are then left empty.
  bool everyColumn = false;
  //! The sink keeps every row it is handed (erasure plans from all of them), so memory grows
  //! with the rows anyway: each statement is read whole (Reading::kWhole), in fewer round
  //! trips, instead of streamed.
  bool sinkKeepsRows = false;
};

struct AccessStats {
  std::size_t waves = 0;
  std::size_t queries = 0;
  std::size_t rowsFound = 0;              //!< distinct rows reached
  std::size_t rowsEmitted = 0;            //!< rows with covered fields, handed to the sink
  std::vector<std::size_t> rowsPerTable;  //!< by graph table
  bool stopped = false;                   //!< the sink or the cancellation ended it early
  //! By lookup: the canonical text of every value looked up there (what found the rows).
  std::vector<std::unordered_set<std::string>> lookedUp;
};

//! Runs the traversal in one read-only snapshot of `db`. Errors: kInvalidArgument when the
//! database lacks a table or column the dataset declares, kUnavailable when a query fails.
Result<AccessStats> runAccess(SqlDatabase& db, const DatasetGraph& graph,
                              const std::vector<SeedValue>& seeds, const AccessOptions& options,
                              RowSink& sink);

//! runAccess() inside a transaction the caller opened and will close (erasure reads and writes
//! in one transaction).
Result<AccessStats> runTraversal(SqlDatabase& db, const DatasetGraph& graph,
                                 const std::vector<SeedValue>& seeds, const AccessOptions& options,
                                 RowSink& sink);

//! The database schema of graph table `table` (the table's, else its dataset's; may be empty).
const std::string& schemaOf(const DatasetGraph& graph, std::size_t table);

//! The value as a column of `kind` can be compared with it; nullopt when it cannot match.
//! PostgreSQL refuses text that is no number for a numeric column, and MySQL would compare it
//! as 0, so such values are dropped there; SQLite may hold text in any column.
std::optional<SqlValue> comparableValue(SqlBackend backend, ColumnKind kind, const SqlValue& value);

//! Whether a column of `kind` is compared as text (types whose literals a value may not be:
//! uuid, money, booleans, ...).
bool comparedAsText(ColumnKind kind);

//! The values of one fetched row, `info` telling how each column was read (booleans stay
//! booleans).
std::vector<SqlValue> rowValues(const soci::row& row, const std::vector<ColumnInfo>& info);

//! Checks that the database has every table and column the graph's datasets declare (by
//! queries that return no rows); kInvalidArgument names the first that is missing.
Status checkSchema(SqlDatabase& db, const DatasetGraph& graph);

}  // namespace dsrflow::sql
