#pragma once
// The rows one person's identities reach, kept for changing them: every declared column of each
// row, whether one of the person's identities found the row itself, whether it was reached only
// across a link table (a shared row at the far end, e.g. a tag), and, once asked, which other
// people's rows link to it (a household or an address several people share).
//
// Erasure, suppression and restriction all start here, inside the transaction that will change
// the rows, so what is changed is exactly what was found.

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "model/result.hpp"
#include "sql/access/access_traversal.hpp"
#include "sql/erasure/write_statement.hpp"

namespace dsrflow::sql {

struct SubjectRow {
  std::vector<SqlValue> values;  //!< aligned with the table's fields; personal data
  bool seeded = false;           //!< an identity of the request found this row itself
  bool farEnd = false;           //!< reached only through link tables: shared, never changed
  //! Collections holding rows outside the subject's that link to this row (findSharedRows).
  std::vector<std::string> linkedFrom;
};

struct SubjectRows {
  std::vector<std::vector<SubjectRow>> byTable;  //!< by graph table, each row once
  AccessStats stats;

  [[nodiscard]] std::size_t count() const;
};

//! (graph table, index into SubjectRows::byTable[table])
using RowRef = std::pair<std::size_t, std::size_t>;

//! Runs the traversal inside the transaction the caller opened, reading every declared column.
//! `options.categories` is ignored (all rows are kept); stats.stopped tells of a cancellation.
Result<SubjectRows> collectSubjectRows(SqlDatabase& db, const DatasetGraph& graph,
                                       const std::vector<SeedValue>& seeds,
                                       const AccessOptions& options);

//! For `candidates` (rows about to change that no identity found itself): counts, per way the
//! table can be reached, the database's rows holding each linking value and compares that with
//! the subject's own; where the database has more, someone else's row links here too and its
//! collection is added to linkedFrom.
Status findSharedRows(SqlDatabase& db, const DatasetGraph& graph, SubjectRows& rows,
                      const std::vector<RowRef>& candidates, std::size_t chunkSize);

//! Of `candidates` (rows about to change), those no identity found itself and that were reached
//! only through rows `held` says stay for review: every row whose linking value led to them is
//! held. They belong to those shared rows (the notes about a shared household) and stay with
//! them. Each comes with the collections of the rows it belongs to.
std::vector<std::pair<RowRef, std::vector<std::string>>> rowsOfHeldRows(
    const DatasetGraph& graph, const SubjectRows& rows, const std::vector<RowRef>& candidates,
    const std::function<bool(const RowRef&)>& held);

//! The position of `field` among the table's fields.
std::size_t fieldIndex(const Table& table, const std::string& field);

//! The row as statements name it: the primary key's fields, else every field.
RowKey rowKeyOf(const Table& table, const SubjectRow& row);

}  // namespace dsrflow::sql
