#include "sql/access/select_query.hpp"

namespace dsrflow::sql {

std::string quoteIdentifier(SqlBackend backend, std::string_view name) {
  // SQLite reads a double-quoted name it cannot resolve as a string literal, so a column
  // missing from the database would come back as its own name; backticks are always names.
  const char quote = backend == SqlBackend::kPostgresql ? '"' : '`';
  std::string out(1, quote);
  for (char c : name) {
    out += c;
    if (c == quote) out += quote;  // unreachable for validated names; kept as a second guard
  }
  return out + quote;
}

std::string qualifiedTable(SqlBackend backend, const std::string& schema,
                           const std::string& table) {
  std::string out = schema.empty() ? "" : quoteIdentifier(backend, schema) + ".";
  return out + quoteIdentifier(backend, table);
}

std::string columnExpression(SqlBackend backend, const std::string& name, bool asText) {
  const std::string quoted = quoteIdentifier(backend, name);
  if (!asText) return quoted;
  return "CAST(" + quoted + (backend == SqlBackend::kMysql ? " AS CHAR)" : " AS TEXT)");
}

std::string addBind(SelectQuery& query, SqlValue value) {
  query.binds.push_back(std::move(value));
  return ":v" + std::to_string(query.binds.size() - 1);
}

namespace {

// The values as a PostgreSQL array literal: {"a","b\"c"}, each element quoted (so text,
// numbers and date-times read alike) with backslashes and double quotes escaped.
std::string arrayLiteral(const std::vector<SqlValue>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ',';
    out += '"';
    for (char c : values[i].canonical()) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace

std::string matchAny(SqlBackend backend, const std::string& expression,
                     const std::vector<SqlValue>& values, SelectQuery& query) {
  if (backend == SqlBackend::kPostgresql) {
    return expression + " = ANY(" + addBind(query, SqlValue::ofText(arrayLiteral(values))) + ")";
  }
  std::string sql = expression + " IN (";
  for (std::size_t v = 0; v < values.size(); ++v) {
    sql += (v == 0 ? "" : ", ") + addBind(query, values[v]);
  }
  return sql + ")";
}

namespace {

// Appends "(in-list) OR (in-list) ..." (or a condition no row meets, for no in-lists).
void appendWhere(SqlBackend backend, const std::vector<InList>& where, SelectQuery& query) {
  std::string& sql = query.sql;
  if (where.empty()) {
    sql += "1 = 0";
    return;
  }
  for (std::size_t i = 0; i < where.size(); ++i) {
    const InList& in = where[i];
    sql += i == 0 ? "(" : " OR (";
    sql += matchAny(backend, columnExpression(backend, in.column, in.asText), in.values, query);
    if (in.condition) {
      sql += " AND " + quoteIdentifier(backend, in.condition->field) + " = " +
             addBind(query, SqlValue::ofText(in.condition->value));
    }
    sql += ")";
  }
}

// "SELECT columns FROM table WHERE ".
SelectQuery selectHead(SqlBackend backend, const std::string& from,
                       const std::vector<SelectColumn>& columns) {
  SelectQuery query;
  query.sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    query.sql +=
        (i == 0 ? "" : ", ") + columnExpression(backend, columns[i].name, columns[i].asText);
  }
  query.sql += " FROM " + from + " WHERE ";
  return query;
}

}  // namespace

SelectQuery buildSelect(SqlBackend backend, const std::string& from,
                        const std::vector<SelectColumn>& columns,
                        const std::vector<InList>& where) {
  SelectQuery query = selectHead(backend, from, columns);
  appendWhere(backend, where, query);
  return query;
}

SelectQuery buildPage(SqlBackend backend, const PagedSelect& select,
                      const std::vector<SqlValue>& after, std::size_t limit) {
  SelectQuery query = selectHead(backend, select.from, select.columns);
  query.sql += "(";
  appendWhere(backend, select.where, query);
  query.sql += ")";
  // The key is compared and ordered as the column itself, so an index on it serves both.
  std::vector<std::string> key;
  for (std::size_t pos : select.key)
    key.push_back(quoteIdentifier(backend, select.columns[pos].name));
  if (!after.empty()) {
    query.sql += " AND (";
    for (std::size_t i = 0; i < key.size(); ++i) {
      query.sql += i == 0 ? "(" : " OR (";
      for (std::size_t j = 0; j < i; ++j)
        query.sql += key[j] + " = " + addBind(query, after[j]) + " AND ";
      query.sql += key[i] + " > " + addBind(query, after[i]) + ")";
    }
    query.sql += ")";
  }
  query.sql += " ORDER BY ";
  for (std::size_t i = 0; i < key.size(); ++i) query.sql += (i == 0 ? "" : ", ") + key[i];
  query.sql += " LIMIT " + std::to_string(limit);
  return query;
}

SelectQuery buildCount(SqlBackend backend, const std::string& from, const InList& where,
                       bool readAsText) {
  const std::string column = columnExpression(backend, where.column, where.asText || readAsText);
  SelectQuery query;
  query.sql = "SELECT " + column + ", COUNT(*) FROM " + from + " WHERE ";
  appendWhere(backend, {where}, query);
  query.sql += " GROUP BY " + column;
  return query;
}

}  // namespace dsrflow::sql
