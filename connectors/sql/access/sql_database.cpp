#include "sql/access/sql_database.hpp"

#include <soci/mysql/soci-mysql.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace dsrflow::sql {
namespace {

const soci::backend_factory& factoryFor(SqlBackend backend) {
  switch (backend) {
    case SqlBackend::kPostgresql:
      return *soci::factory_postgresql();
    case SqlBackend::kMysql:
      return *soci::factory_mysql();
    case SqlBackend::kSqlite:
      break;
  }
  return *soci::factory_sqlite3();
}

ColumnKind kindOf(soci::data_type type) {
  switch (type) {
    case soci::dt_string:
    case soci::dt_xml:
      return ColumnKind::kText;
    case soci::dt_integer:
    case soci::dt_long_long:
    case soci::dt_unsigned_long_long:
    case soci::dt_double:
      return ColumnKind::kNumeric;
    case soci::dt_date:
      return ColumnKind::kDateTime;
    default:
      return ColumnKind::kOther;
  }
}

// PostgreSQL type OIDs SOCI reads well; the rest is read as text. numeric is exact only as
// text.
ColumnInfo postgresColumn(long long oid) {
  switch (oid) {
    case 20:   // int8
    case 21:   // int2
    case 23:   // int4
    case 26:   // oid
    case 700:  // float4
    case 701:  // float8
      return {ColumnKind::kNumeric, false};
    case 1700:  // numeric
      return {ColumnKind::kNumeric, true};
    case 18:    // char
    case 19:    // name
    case 25:    // text
    case 1042:  // bpchar
    case 1043:  // varchar
      return {ColumnKind::kText, false};
    case 1114:  // timestamp
      return {ColumnKind::kDateTime, false};
    case 1082:  // date: as text, or it would gain a time of day
    case 1184:  // timestamptz: as text, or it would lose its offset
      return {ColumnKind::kDateTime, true};
    case 16:  // bool: SOCI reads 1 or 0
      return {ColumnKind::kBoolean, false};
    default:
      return {ColumnKind::kOther, true};
  }
}

template <typename Use>
void addUse(soci::statement& statement, const Use& use) {
  statement.exchange(use);
}

template <typename Temporary, typename Use>
void addUse(Temporary& statement, const Use& use) {
  statement, use;
}

// SOCI binds by reference: the values must stay put while the statement lives. Booleans are
// bound as PostgreSQL reads them (text it parses as the column's type) or as the 1 and 0
// SQLite and MySQL store; date-times as their text.
template <typename Statement>
void bindAll(Statement& statement, std::vector<SqlValue>& values, SqlBackend backend) {
  for (SqlValue& v : values) {
    if (v.kind == SqlValue::Kind::kBoolean) {
      if (backend == SqlBackend::kPostgresql) {
        v = SqlValue::ofText(v.canonical());
      } else {
        v.kind = SqlValue::Kind::kInteger;
      }
    }
    switch (v.kind) {
      case SqlValue::Kind::kInteger:
        addUse(statement, soci::use(v.integer));
        break;
      case SqlValue::Kind::kNumber:
        addUse(statement, soci::use(v.number));
        break;
      default:
        addUse(statement, soci::use(v.text));
    }
  }
}

// Makes `statement` (its values and rows already exchanged) ready to run `sql` once. On
// PostgreSQL that is one round trip with the values (PQexecParams); a prepared statement costs
// two more, the PREPARE and the DEALLOCATE when it is destroyed, which for the short statements
// of a large erasure or the FETCHes of a large result is a good part of the time.
void prepareOnce(soci::statement& statement, const std::string& sql) {
  statement.alloc();
  statement.prepare(sql, soci::details::st_one_time_query);
  statement.define_and_bind();
}

// A failed statement's error: the table and, on PostgreSQL, the SQLSTATE, never the database's
// text, which may quote the bound personal data. A violated constraint (a foreign key, NOT
// NULL) will fail again the same way: kConflict; anything else may pass later: kUnavailable.
Error statementError(const std::string& what, const char* kind) {
  const std::string failed = std::string("the ") + kind + " on " + what + " failed";
  try {
    throw;
  } catch (const soci::postgresql_soci_error& e) {
    const std::string state = e.sqlstate();
    if (state.rfind("23", 0) != 0) {
      return Error{ErrorCode::kUnavailable, failed + " (SQLSTATE " + state + ")"};
    }
    const char* refused = state == "23502"   ? "a NOT NULL column"
                          : state == "23503" ? "a foreign key"
                          : state == "23505" ? "a unique key"
                                             : "a constraint";
    return Error{ErrorCode::kConflict,
                 failed + " (SQLSTATE " + state + ": " + refused + " of the database refused it)"};
  } catch (const soci::mysql_soci_error& e) {
    // MySQL's error numbers for the constraints a row change can break.
    const unsigned int number = e.err_num_;
    const char* refused = number == 1048                     ? "a NOT NULL column"
                          : number == 1451 || number == 1452 ? "a foreign key"
                          : number == 1062                   ? "a unique key"
                          : number == 3819 || number == 4025 ? "a check constraint"
                                                             : nullptr;
    if (refused != nullptr) {
      return Error{ErrorCode::kConflict, failed + " (MySQL error " + std::to_string(number) + ": " +
                                             refused + " of the database refused it)"};
    }
  } catch (const soci::sqlite3_soci_error& e) {
    constexpr int kSqliteConstraint = 19;  // SQLITE_CONSTRAINT; extended codes add a kind
    const int code = e.result();
    if ((code & 0xff) == kSqliteConstraint) {
      const char* refused = code == 787                    ? "a foreign key"
                            : code == 1299                 ? "a NOT NULL column"
                            : code == 2067 || code == 1555 ? "a unique key"
                            : code == 275                  ? "a check constraint"
                                                           : "a constraint";
      return Error{ErrorCode::kConflict, failed + " (SQLite result code " + std::to_string(code) +
                                             ": " + refused + " of the database refused it)"};
    }
  } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): reported below
  }
  return Error{ErrorCode::kUnavailable,
               failed + " (the database's message is not shown: it may quote personal data)"};
}

}  // namespace

SqlDatabase::SqlDatabase(DatabaseUrl url) : url_(std::move(url)) {}

SqlDatabase::~SqlDatabase() { end(); }

Result<std::unique_ptr<SqlDatabase>> SqlDatabase::open(const DatabaseUrl& url) {
  std::unique_ptr<SqlDatabase> db(new SqlDatabase(url));
  // Opening a missing file would create an empty database and find nobody in it.
  if (!url.sqliteFile.empty() && !std::filesystem::exists(url.sqliteFile)) {
    return Error{ErrorCode::kUnavailable, "there is no SQLite database at " + url.sqliteFile};
  }
  try {
    db->session_ = std::make_unique<soci::session>(factoryFor(url.backend), url.connect);
    // SQLite enforces foreign keys only when each connection asks: erasure must not leave rows
    // pointing at deleted ones where the schema forbids it.
    if (url.backend == SqlBackend::kSqlite) {
      *db->session_ << "PRAGMA foreign_keys = ON";
      // Extended result codes say which kind of constraint refused a statement.
      auto* backend = static_cast<soci::sqlite3_session_backend*>(db->session_->get_backend());
      sqlite_api::sqlite3_extended_result_codes(backend->conn_, 1);
    }
  } catch (const std::exception& e) {
    return Error{ErrorCode::kUnavailable, "cannot connect to " + url.display + ": " + e.what()};
  }
  return db;
}

Status SqlDatabase::beginSnapshot() {
  switch (url_.backend) {
    case SqlBackend::kPostgresql:
      return begin({"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"}, "read");
    case SqlBackend::kMysql:
      return begin({"START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"}, "read");
    case SqlBackend::kSqlite:
      break;
  }
  return begin({"BEGIN"}, "read");  // reads in one transaction see one snapshot
}

Status SqlDatabase::beginWrite() {
  switch (url_.backend) {
    case SqlBackend::kPostgresql:
      return begin({"BEGIN ISOLATION LEVEL REPEATABLE READ"}, "write");
    case SqlBackend::kMysql:
      return begin({"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "START TRANSACTION"},
                   "write");
    case SqlBackend::kSqlite:
      break;
  }
  return begin({"BEGIN IMMEDIATE"}, "write");  // the write lock now, not after the reads
}

Status SqlDatabase::begin(std::initializer_list<const char*> statements, const char* kind) {
  try {
    for (const char* statement : statements) *session_ << statement;
    inTransaction_ = true;
  } catch (const std::exception& e) {
    return Error{ErrorCode::kUnavailable, std::string("cannot start a ") + kind +
                                              " transaction on " + url_.display + ": " + e.what()};
  }
  return Ok{};
}

Status SqlDatabase::commit() {
  if (!inTransaction_) return Error{ErrorCode::kInternal, "commit without a transaction"};
  inTransaction_ = false;
  try {
    *session_ << "COMMIT";
  } catch (const std::exception&) {
    return statementError("the transaction", "commit");
  }
  return Ok{};
}

void SqlDatabase::end() {
  if (!inTransaction_ || !session_) return;
  inTransaction_ = false;
  try {
    *session_ << "ROLLBACK";
  } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): the snapshot only read
  }
}

Result<std::vector<ColumnInfo>> SqlDatabase::describeFromCatalog(
    const std::string& schema, const std::string& table, const std::vector<std::string>& columns) {
  // Domains count as their base type. The relation's name is a bound value like any other.
  std::string relation = qualifiedTable(SqlBackend::kPostgresql, schema, table);
  std::map<std::string, long long> types;
  try {
    soci::row row;
    soci::statement st(*session_);
    st.exchange(soci::use(relation));
    st.exchange(soci::into(row));
    prepareOnce(st,
                "SELECT a.attname, CAST(CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid "
                "END AS bigint) FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON "
                "t.oid = a.atttypid WHERE a.attrelid = to_regclass(:relation) AND a.attnum > 0 "
                "AND NOT a.attisdropped");
    for (bool got = st.execute(true); got; got = st.fetch()) {
      types[row.get<std::string>(0)] = row.get<long long>(1);
    }
  } catch (const std::exception& e) {
    return invalidArgument("cannot read the columns of " + relation + ": " + e.what());
  }
  if (types.empty())
    return invalidArgument("there is no table " + relation + " in " + url_.display);
  std::vector<ColumnInfo> out;
  for (const std::string& name : columns) {
    auto it = types.find(name);
    if (it == types.end()) return invalidArgument("table " + relation + " has no column " + name);
    out.push_back(postgresColumn(it->second));
  }
  return out;
}

Result<std::vector<ColumnInfo>> SqlDatabase::describe(const std::string& schema,
                                                      const std::string& table,
                                                      const std::vector<std::string>& columns) {
  std::vector<ColumnInfo> infos;
  if (url_.backend == SqlBackend::kPostgresql) {
    auto catalog = describeFromCatalog(schema, table, columns);
    if (!catalog) return catalog.error();
    infos = std::move(catalog).value();
  }
  // A query that returns no rows proves the columns can be read (and elsewhere tells the types).
  std::vector<SelectColumn> select;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    select.push_back({columns[i], !infos.empty() && infos[i].readAsText});
  }
  const std::string from = qualifiedTable(url_.backend, schema, table);
  SelectQuery query = buildSelect(url_.backend, from, select, {});
  try {
    soci::row row;
    soci::statement st(*session_);
    st.exchange(soci::into(row));
    prepareOnce(st, query.sql);
    st.execute(true);
    if (row.size() != columns.size()) {
      return invalidArgument(from + ": the database reported " + std::to_string(row.size()) +
                             " of " + std::to_string(columns.size()) + " columns");
    }
    if (infos.empty()) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        infos.push_back(ColumnInfo{kindOf(row.get_properties(i).get_data_type()), false});
      }
    }
    return infos;
  } catch (const std::exception& e) {
    return invalidArgument("cannot read " + from + ": " + e.what());
  }
}

Status SqlDatabase::select(const SelectQuery& query, const std::string& what,
                           const std::function<bool(const soci::row&)>& each, Reading reading) {
  if (url_.backend == SqlBackend::kPostgresql && inTransaction_ && reading == Reading::kStreamed) {
    return selectThroughCursor(query, what, each);
  }
  std::vector<SqlValue> binds = query.binds;
  try {
    soci::details::prepare_temp_type prepared = (session_->prepare << query.sql);
    bindAll(prepared, binds, url_.backend);
    soci::rowset<soci::row> rows(prepared);
    for (const soci::row& row : rows) {
      if (!each(row)) break;
    }
  } catch (const std::exception&) {
    return statementError(what, "query");
  }
  return Ok{};
}

Status SqlDatabase::select(const PagedSelect& select, const std::string& what,
                           const std::function<bool(const soci::row&)>& each) {
  if (url_.backend == SqlBackend::kMysql && !select.key.empty() &&
      select.reading == Reading::kStreamed) {
    return selectInPages(select, what, each);
  }
  return this->select(buildSelect(url_.backend, select.from, select.columns, select.where), what,
                      each, select.reading);
}

Status SqlDatabase::selectInPages(const PagedSelect& select, const std::string& what,
                                  const std::function<bool(const soci::row&)>& each) {
  std::vector<SqlValue> after;
  for (;;) {
    std::size_t fetched = 0;
    bool stopped = false;
    std::vector<SqlValue> last;
    Status page = this->select(buildPage(url_.backend, select, after, kFetchRows), what,
                               [&](const soci::row& row) {
                                 if (++fetched == kFetchRows) {
                                   for (std::size_t pos : select.key) {
                                     last.push_back(valueAt(row, pos));
                                   }
                                 }
                                 stopped = !each(row);
                                 return !stopped;
                               });
    if (!page) return page;
    if (stopped || fetched < kFetchRows) return Ok{};
    // A key read back inexactly (a date-time's fractions of a second) or not at all would fetch
    // the same page again, or stop early.
    const bool unreadable =
        std::any_of(last.begin(), last.end(), [](const SqlValue& v) { return v.isNull(); });
    const bool stuck = !after.empty() && std::equal(last.begin(), last.end(), after.begin(),
                                                    [](const SqlValue& a, const SqlValue& b) {
                                                      return a.canonical() == b.canonical();
                                                    });
    if (unreadable || stuck) {
      return Error{ErrorCode::kInternal,
                   "cannot read " + what + " in pages: its primary key does not read back exactly"};
    }
    after = std::move(last);
  }
}

Status SqlDatabase::selectThroughCursor(const SelectQuery& query, const std::string& what,
                                        const std::function<bool(const soci::row&)>& each) {
  // libpq holds a statement's whole result until it is read; a cursor fetched in batches keeps
  // memory flat however many rows one statement finds. DECLARE takes the bound values (a
  // one-time statement is sent with its parameters, not prepared).
  const std::string cursor = "dsrflow_rows_" + std::to_string(++cursors_);
  std::vector<SqlValue> binds = query.binds;
  try {
    {
      soci::details::once_temp_type declare =
          (*session_ << "DECLARE " + cursor + " NO SCROLL CURSOR FOR " + query.sql);
      bindAll(declare, binds, url_.backend);
    }  // runs here
    const std::string fetch = "FETCH " + std::to_string(kFetchRows) + " FROM " + cursor;
    for (bool more = true; more;) {
      soci::row row;
      soci::statement batch(*session_);
      batch.exchange(soci::into(row));
      prepareOnce(batch, fetch);
      std::size_t fetched = 0;
      for (bool got = batch.execute(true); got; got = batch.fetch()) {
        ++fetched;
        if (!each(row)) {
          more = false;
          break;
        }
      }
      more = more && fetched == kFetchRows;
    }
    *session_ << "CLOSE " + cursor;
  } catch (const std::exception&) {
    return statementError(what, "query");
  }
  return Ok{};
}

Result<long long> SqlDatabase::execute(const SelectQuery& statement, const std::string& what) {
  std::vector<SqlValue> binds = statement.binds;
  try {
    soci::statement st(*session_);
    bindAll(st, binds, url_.backend);
    prepareOnce(st, statement.sql);
    st.execute(true);
    return st.get_affected_rows();
  } catch (const std::exception&) {
    return statementError(what, "statement");
  }
}

}  // namespace dsrflow::sql
