#pragma once
// What erasure decided for each of the person's rows (delete it, change fields in place, hold it
// for review, or leave it to the database's cascade), and what follows from the decisions alone:
// the values erased per collection and category, the rows listed for review, and the UPDATE and
// DELETE statements in the order they run.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "sql/dataset/dataset_graph.hpp"
#include "sql/erasure/erasure.hpp"
#include "sql/erasure/subject_rows.hpp"

namespace dsrflow::sql {

//! One field of one row changed in place.
struct Change {
  std::size_t field = 0;
  ErasureKind method = ErasureKind::kSetNull;
  SqlValue value;  //!< the new value; NULL for set_null (and a rewrite to NULL)
};

//! What happens to one row.
struct Decision {
  bool remove = false;
  std::vector<Change> changes;
  std::size_t keysKept = 0;  //!< primary-key values with categories but no strategy
  bool held = false;         //!< left for review: other people's rows link to it
  std::string cascadeFrom;   //!< deleted by the database's cascade from this table
  [[nodiscard]] bool touches() const { return remove || !changes.empty(); }
};

//! By graph table, aligned with SubjectRows::byTable.
using Decisions = std::vector<std::vector<Decision>>;

//! Whether the request's category prefixes (empty: all) cover `category`.
bool covers(const std::vector<std::string>& prefixes, const std::string& category);

//! Adds to `report` the values erased per collection, method and category, the keys kept and the
//! rows held for review (with the covered categories they hold).
void countDecisions(const DatasetGraph& graph, const SubjectRows& rows, const Decisions& decisions,
                    const std::vector<std::string>& categories, ErasureReport& report);

//! The statements: UPDATEs first (in dataset order, per column and value; pseudonyms one row at a
//! time), then DELETEs, children first (childrenFirst with `links`), each binding at most
//! `chunkSize` values.
std::vector<PlannedStatement> decisionStatements(
    SqlBackend backend, const DatasetGraph& graph, const SubjectRows& rows,
    const Decisions& decisions, std::size_t chunkSize,
    const std::vector<std::pair<std::size_t, std::size_t>>& links);

}  // namespace dsrflow::sql
