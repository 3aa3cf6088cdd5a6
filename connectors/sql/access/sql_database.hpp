#pragma once
// One connection to a system's database through SOCI: a read-only snapshot for access or a
// read-write transaction for erasure, the column types of a table, SELECTs whose rows are
// handed over one at a time, and UPDATE/DELETE statements that say how many rows they changed.
//
// Error messages never carry values: a failed SELECT reports the table and, on PostgreSQL, the
// SQLSTATE, because database messages may quote the bound (personal) values.

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "model/result.hpp"
#include "sql/access/database_url.hpp"
#include "sql/access/select_query.hpp"

namespace soci {
class session;
class row;
}  // namespace soci

namespace dsrflow::sql {

//! What kind of values a column holds, as far as comparisons are concerned.
enum class ColumnKind { kText, kNumeric, kDateTime, kBoolean, kOther };

//! How the traversal treats one column.
struct ColumnInfo {
  ColumnKind kind = ColumnKind::kOther;
  //! Read it as text: SOCI cannot read the type (money, uuid, intervals, ...) or would read it
  //! inexactly (numeric as a double).
  bool readAsText = false;
};

//! Not thread-safe: one call at a time.
class SqlDatabase {
 public:
  //! Rows fetched at a time from a PostgreSQL cursor, and rows in one MySQL page.
  static constexpr std::size_t kFetchRows = 1000;

  //! Connects. kUnavailable with the backend's message when it cannot.
  static Result<std::unique_ptr<SqlDatabase>> open(const DatabaseUrl& url);
  ~SqlDatabase();
  SqlDatabase(const SqlDatabase&) = delete;
  SqlDatabase& operator=(const SqlDatabase&) = delete;

  [[nodiscard]] SqlBackend backend() const { return url_.backend; }

  //! Starts a read-only transaction that sees one snapshot of the database (repeatable read),
  //! so a traversal's queries agree with each other. end() closes it (rolling back).
  Status beginSnapshot();
  //! Starts a read-write transaction: repeatable read on PostgreSQL and MySQL (a concurrent
  //! change to a row read makes a later statement fail, and nothing is committed), the write
  //! lock at once on SQLite. commit() makes it last; end() rolls it back.
  Status beginWrite();
  Status commit();
  void end();

  //! What `columns` of `table` hold: on PostgreSQL from the catalog, elsewhere from a query
  //! that returns no rows. A missing table or column is kInvalidArgument naming it (with the
  //! database's message, where no values are involved).
  Result<std::vector<ColumnInfo>> describe(const std::string& schema, const std::string& table,
                                           const std::vector<std::string>& columns);

  //! Runs `query`, calling `each` with every row as it is fetched, until `each` returns false.
  //! `what` names the query in errors (e.g. the table). Streamed inside a transaction on
  //! PostgreSQL, the rows come through a cursor, kFetchRows at a time, so memory does not grow
  //! with the rows; read whole, the client library holds the statement's result until it ends.
  Status select(const SelectQuery& query, const std::string& what,
                const std::function<bool(const soci::row&)>& each,
                Reading reading = Reading::kStreamed);

  //! Runs `select` like select() above, as its `reading` says. Streamed on MySQL, whose client
  //! library holds a statement's whole result, a select with a key runs as pages of kFetchRows
  //! rows ordered by the key, each after the last key of the one before, so memory does not
  //! grow with the rows there either.
  //! The key's columns must read back as values the database compares like the column (text,
  //! numbers, date-times); kInternal when a page's key does not advance.
  Status select(const PagedSelect& select, const std::string& what,
                const std::function<bool(const soci::row&)>& each);

  //! Runs a statement that returns no rows (UPDATE, DELETE); the number of rows it changed.
  Result<long long> execute(const SelectQuery& statement, const std::string& what);

 private:
  explicit SqlDatabase(DatabaseUrl url);
  Status selectInPages(const PagedSelect& select, const std::string& what,
                       const std::function<bool(const soci::row&)>& each);
  Status selectThroughCursor(const SelectQuery& query, const std::string& what,
                             const std::function<bool(const soci::row&)>& each);
  Status begin(std::initializer_list<const char*> statements, const char* kind);
  Result<std::vector<ColumnInfo>> describeFromCatalog(const std::string& schema,
                                                      const std::string& table,
                                                      const std::vector<std::string>& columns);

  DatabaseUrl url_;
  std::unique_ptr<soci::session> session_;
  bool inTransaction_ = false;
  unsigned long cursors_ = 0;  //!< cursors declared so far, for unique names
};

}  // namespace dsrflow::sql
