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

namespace {

std::string column(SqlBackend backend, const std::string& name, bool asText) {
  const std::string quoted = quoteIdentifier(backend, name);
  if (!asText) return quoted;
  return "CAST(" + quoted + (backend == SqlBackend::kMysql ? " AS CHAR)" : " AS TEXT)");
}

}  // namespace

SelectQuery buildSelect(SqlBackend backend, const std::string& from,
                        const std::vector<SelectColumn>& columns,
                        const std::vector<InList>& where) {
  SelectQuery query;
  std::string& sql = query.sql;
  sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += (i == 0 ? "" : ", ") + column(backend, columns[i].name, columns[i].asText);
  }
  sql += " FROM " + from + " WHERE ";
  if (where.empty()) {
    sql += "1 = 0";
    return query;
  }
  auto placeholder = [&](SqlValue value) {
    query.binds.push_back(std::move(value));
    return ":v" + std::to_string(query.binds.size() - 1);
  };
  for (std::size_t i = 0; i < where.size(); ++i) {
    const InList& in = where[i];
    sql += i == 0 ? "(" : " OR (";
    sql += column(backend, in.column, in.asText) + " IN (";
    for (std::size_t v = 0; v < in.values.size(); ++v) {
      sql += (v == 0 ? "" : ", ") + placeholder(in.values[v]);
    }
    sql += ")";
    if (in.condition) {
      sql += " AND " + quoteIdentifier(backend, in.condition->field) + " = " +
             placeholder(SqlValue::ofText(in.condition->value));
    }
    sql += ")";
  }
  return query;
}

}  // namespace dsrflow::sql
