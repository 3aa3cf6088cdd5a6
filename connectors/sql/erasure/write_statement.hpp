#pragma once
// The UPDATE and DELETE statements of erasure, suppression and restriction. Rows are named by
// their key (the dataset's primary key, else every declared column) and every value, new or
// matched, is a bound placeholder; identifiers come from a validated dataset and are quoted.

#include <string>
#include <vector>

#include "sql/access/access_traversal.hpp"
#include "sql/access/select_query.hpp"

namespace dsrflow::sql {

//! One row as a statement names it: its key columns and their values (NULL compares IS NULL).
using RowKey = std::vector<FieldValue>;

//! What an UPDATE sets a column to.
struct Assignment {
  enum class Kind { kNull, kValue, kNow };
  std::string field;
  Kind kind = Kind::kNull;
  SqlValue value;  //!< kValue
};

//! Appends the condition naming `rows` (values aligned with `columns`, which `alias` qualifies
//! when not empty): "k" IN (:v0, :v1) for one column without NULLs, else ("a" = :v0 AND "b" IS
//! NULL) OR ... (a row of a table without a declared key may hold NULLs); no rows: 1 = 0.
void appendRowMatch(SqlBackend backend, const std::string& alias,
                    const std::vector<std::string>& columns,
                    const std::vector<std::vector<SqlValue>>& rows, SelectQuery& query);

//! DELETE FROM table WHERE <rows by key>.
SelectQuery buildDelete(SqlBackend backend, const std::string& from,
                        const std::vector<RowKey>& rows);

//! UPDATE table SET column = NULL | :v | CURRENT_TIMESTAMP WHERE <rows by key>.
SelectQuery buildUpdate(SqlBackend backend, const std::string& from, const Assignment& set,
                        const std::vector<RowKey>& rows);

//! How many rows of keys with `keyColumns` columns go into one statement so that it binds at
//! most `chunkSize` values (at least one row).
std::size_t rowsPerStatement(std::size_t chunkSize, std::size_t keyColumns);

}  // namespace dsrflow::sql
