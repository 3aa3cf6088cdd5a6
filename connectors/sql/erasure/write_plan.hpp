#pragma once
// The statements one erasure, suppression or restriction will run, in order, with the rows
// each touches. A dry run reports them (the SQL with placeholders, the rows by key) and runs
// nothing; a real run executes them in one transaction and checks that each changed the rows
// it names, no fewer.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "model/result.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/erasure/write_statement.hpp"

namespace dsrflow::sql {

struct PlannedStatement {
  std::string collection;
  std::string action;  //!< delete_row, set_null, rewrite, pseudonymise, suppress or restrict
  std::string field;   //!< the column an UPDATE sets; empty for a DELETE
  //! What runs: one statement, or one per row where each row gets its own value (pseudonyms).
  //! Every run has the same SQL text.
  std::vector<SelectQuery> runs;
  std::vector<std::size_t> rowsPerRun;  //!< how many rows each run names
  std::vector<RowKey> rows;             //!< the rows, by key, in order; personal data

  [[nodiscard]] const std::string& sql() const { return runs.front().sql; }
};

//! Appends statements built by `build` for `rows`, as many as it takes to bind at most
//! `chunkSize` key values in each.
void addChunked(std::vector<PlannedStatement>& plan, const PlannedStatement& proto,
                std::vector<RowKey> rows, std::size_t chunkSize,
                const std::function<SelectQuery(const std::vector<RowKey>&)>& build);

//! Runs the plan in order inside the caller's transaction. A run that changes fewer rows than it
//! names means they changed since they were read: kUnavailable (trying again may work). false when
//! `cancelled` said stop (before a statement); the caller then rolls back.
Result<bool> executePlan(SqlDatabase& db, const std::vector<PlannedStatement>& plan,
                         const std::function<bool()>& cancelled);

}  // namespace dsrflow::sql
