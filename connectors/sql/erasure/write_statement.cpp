#include "sql/erasure/write_statement.hpp"

#include <algorithm>

namespace dsrflow::sql {
namespace {

void appendRows(SqlBackend backend, const std::vector<RowKey>& rows, SelectQuery& query) {
  if (rows.empty()) {
    appendRowMatch(backend, "", {}, {}, query);
    return;
  }
  std::vector<std::string> columns;
  for (const FieldValue& part : rows.front()) columns.push_back(part.field->name);
  // One key column holding no NULL (the common case): one list, without a vector per row.
  if (columns.size() == 1 && std::none_of(rows.begin(), rows.end(), [](const RowKey& row) {
        return row.front().value.isNull();
      })) {
    std::vector<SqlValue> keys;
    keys.reserve(rows.size());
    for (const RowKey& row : rows) keys.push_back(row.front().value);
    query.sql += matchAny(backend, quoteIdentifier(backend, columns.front()), keys, query);
    return;
  }
  std::vector<std::vector<SqlValue>> values;
  values.reserve(rows.size());
  for (const RowKey& row : rows) {
    std::vector<SqlValue>& v = values.emplace_back();
    for (const FieldValue& part : row) v.push_back(part.value);
  }
  appendRowMatch(backend, "", columns, values, query);
}

}  // namespace

void appendRowMatch(SqlBackend backend, const std::string& alias,
                    const std::vector<std::string>& columns,
                    const std::vector<std::vector<SqlValue>>& rows, SelectQuery& query) {
  std::string& sql = query.sql;
  if (rows.empty()) {
    sql += "1 = 0";
    return;
  }
  const std::string prefix = alias.empty() ? "" : quoteIdentifier(backend, alias) + ".";
  const bool single =
      columns.size() == 1 &&
      std::none_of(rows.begin(), rows.end(), [](const auto& row) { return row.front().isNull(); });
  if (single) {
    std::vector<SqlValue> values;
    values.reserve(rows.size());
    for (const auto& row : rows) values.push_back(row.front());
    sql += matchAny(backend, prefix + quoteIdentifier(backend, columns.front()), values, query);
    return;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    sql += i == 0 ? "(" : " OR (";
    for (std::size_t k = 0; k < columns.size(); ++k) {
      sql += (k == 0 ? "" : " AND ") + prefix + quoteIdentifier(backend, columns[k]);
      sql += rows[i][k].isNull() ? " IS NULL" : " = " + addBind(query, rows[i][k]);
    }
    sql += ")";
  }
}

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
