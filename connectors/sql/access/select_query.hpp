#pragma once
// Builds the traversal's SELECT statements. Values are never part of the text: each one is a
// placeholder (:v0, :v1, ...) bound in order. Identifiers come only from a validated dataset
// (names.hpp keeps quotes, backticks and colons out of them) and are always quoted.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/access/database_url.hpp"
#include "sql/access/sql_value.hpp"
#include "sql/dataset/dataset_graph.hpp"

namespace dsrflow::sql {

//! `name` quoted for the backend: "name" (PostgreSQL) or `name` (MySQL, SQLite).
std::string quoteIdentifier(SqlBackend backend, std::string_view name);

//! The table as FROM names it: "schema"."table", or "table" without a schema.
std::string qualifiedTable(SqlBackend backend, const std::string& schema, const std::string& table);

//! One selected column; `asText` reads it as text (CAST(... AS text)), for types SOCI cannot
//! read or would read inexactly.
struct SelectColumn {
  std::string name;
  bool asText = false;
};

//! One OR-ed part of a WHERE clause: `column` IN (values) [AND condition.field = value].
//! `asText` compares the column's text form, for types whose literals the values may not be.
struct InList {
  std::string column;
  std::optional<ColumnCondition> condition;
  std::vector<SqlValue> values;
  bool asText = false;
};

struct SelectQuery {
  std::string sql;
  std::vector<SqlValue> binds;  //!< in placeholder order
};

//! Adds `value` to the query's binds; the placeholder that stands for it (:v0, :v1, ...).
std::string addBind(SelectQuery& query, SqlValue value);

//! `expression` IN (:v0, :v1, ...) with every value bound; on PostgreSQL `expression` =
//! ANY(:v0) with the values bound as one array (text the server reads as an array of the
//! expression's type): one value to send and parse instead of hundreds, so large lists cost
//! neither a long statement nor the binding of each value.
std::string matchAny(SqlBackend backend, const std::string& expression,
                     const std::vector<SqlValue>& values, SelectQuery& query);

//! `name` as a selected or compared expression: quoted, or CAST(... AS TEXT) when `asText`.
std::string columnExpression(SqlBackend backend, const std::string& name, bool asText);

//! SELECT columns FROM table WHERE (in-list) OR (in-list) ...; with no in-lists, a query that
//! returns no rows (to learn the columns' types).
SelectQuery buildSelect(SqlBackend backend, const std::string& from,
                        const std::vector<SelectColumn>& columns, const std::vector<InList>& where);

//! How a caller reads a statement's rows.
enum class Reading {
  //! Memory stays flat however many rows come back: inside a transaction on PostgreSQL through
  //! a cursor, on MySQL in keyset pages. For callers that hand rows on (access).
  kStreamed,
  //! The whole result at once, in one round trip and with the plan of a plain SELECT. For
  //! callers that keep every row anyway (erasure plans from all of them) or read few rows.
  kWhole,
};

//! A SELECT that can be read in pages ordered by a key (keyset pagination): MySQL's client
//! library holds a statement's whole result, so a million rows of one person are read a page at
//! a time instead. The rows are those of buildSelect(from, columns, where).
struct PagedSelect {
  std::string from;
  std::vector<SelectColumn> columns;
  std::vector<InList> where;
  //! Positions in `columns` of the key's columns (the primary key), in order; empty: the rows
  //! have no key to page by.
  std::vector<std::size_t> key;
  Reading reading = Reading::kStreamed;  //!< kWhole: one statement, never pages or a cursor
};

//! One page of `select`: its rows whose key comes after `after` (the key's values in the last
//! row of the previous page; empty for the first page), ordered by the key, at most `limit`.
//! A composite key compares as (a > x) OR (a = x AND b > y), which MySQL can answer from an
//! index, where a row comparison (a, b) > (x, y) it may not.
SelectQuery buildPage(SqlBackend backend, const PagedSelect& select,
                      const std::vector<SqlValue>& after, std::size_t limit);

//! SELECT column, COUNT(*) FROM table WHERE (in-list) GROUP BY column: how many rows hold each
//! of the values. The column is read as text when the in-list compares it so or `readAsText`.
SelectQuery buildCount(SqlBackend backend, const std::string& from, const InList& where,
                       bool readAsText);

}  // namespace dsrflow::sql
