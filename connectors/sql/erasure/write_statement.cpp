#include "sql/erasure/write_statement.hpp"

#include <algorithm>

namespace dsrflow::sql {
namespace {

// "k" IN (:v0, :v1) for single-column keys without NULLs, else ("a" = :v0 AND "b" IS NULL) OR
// ... (a row of a table without a declared key may hold NULLs).
void appendRows(SqlBackend backend, const std::vector<RowKey>& rows, SelectQuery& query) {
  std::string& sql = query.sql;
  if (rows.empty()) {
    sql += "1 = 0";
    return;
  }
  const bool single =
      rows.front().size() == 1 && std::none_of(rows.begin(), rows.end(), [](const RowKey& row) {
        return row.size() != 1 || row.front().value.isNull();
      });
  if (single) {
    sql += quoteIdentifier(backend, rows.front().front().field->name) + " IN (";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      sql += (i == 0 ? "" : ", ") + addBind(query, rows[i].front().value);
    }
    sql += ")";
    return;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    sql += i == 0 ? "(" : " OR (";
    for (std::size_t k = 0; k < rows[i].size(); ++k) {
      const FieldValue& part = rows[i][k];
      sql += (k == 0 ? "" : " AND ") + quoteIdentifier(backend, part.field->name);
      sql += part.value.isNull() ? " IS NULL" : " = " + addBind(query, part.value);
    }
    sql += ")";
  }
}

}  // namespace

SelectQuery buildDelete(SqlBackend backend, const std::string& from,
                        const std::vector<RowKey>& rows) {
  SelectQuery query;
  query.sql = "DELETE FROM " + from + " WHERE ";
  appendRows(backend, rows, query);
  return query;
}

SelectQuery buildUpdate(SqlBackend backend, const std::string& from, const Assignment& set,
                        const std::vector<RowKey>& rows) {
  SelectQuery query;
  query.sql = "UPDATE " + from + " SET " + quoteIdentifier(backend, set.field) + " = ";
  switch (set.kind) {
    case Assignment::Kind::kNull:
      query.sql += "NULL";
      break;
    case Assignment::Kind::kValue:
      query.sql += addBind(query, set.value);
      break;
    case Assignment::Kind::kNow:
      query.sql += "CURRENT_TIMESTAMP";
      break;
  }
  query.sql += " WHERE ";
  appendRows(backend, rows, query);
  return query;
}

std::size_t rowsPerStatement(std::size_t chunkSize, std::size_t keyColumns) {
  return std::max<std::size_t>(1, chunkSize / std::max<std::size_t>(1, keyColumns));
}

}  // namespace dsrflow::sql
