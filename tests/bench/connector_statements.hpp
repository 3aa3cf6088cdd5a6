#pragma once
// The statements the SQL connector runs for one subject, rebuilt for psql from what its run
// reports: the values each lookup looked up (AccessStats::lookedUp), the columns each table
// read (FoundRow::columns), the shared-row counts erasure makes for rows no identity found
// itself, and the erasure plan's UPDATEs and DELETEs (a dry run's statements). The SQL text
// comes from the connector's own builders, so psql runs the same statements; only the values are
// written in as literals. The benchmark checks the number of SELECTs against the traversal's.
//
// Simplifications that hold for the benchmark's dataset (and are checked): each table is found
// one way, and each lookup's values arrive in one wave.

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "psql_baseline.hpp"
#include "sql/access/access_traversal.hpp"
#include "sql/erasure/erasure.hpp"

namespace dsrflow::bench {

namespace detail {

inline std::vector<sql::ColumnInfo> describeColumns(sql::SqlDatabase& db,
                                                    const sql::DatasetGraph& graph, std::size_t t,
                                                    const std::vector<std::string>& names) {
  auto info = db.describe(sql::schemaOf(graph, t), graph.tableOf(t).name, names);
  if (!info) throw std::runtime_error(info.error().message);
  return *info;
}

inline std::string fromOf(sql::SqlDatabase& db, const sql::DatasetGraph& graph, std::size_t t) {
  return sql::qualifiedTable(db.backend(), sql::schemaOf(graph, t), graph.tableOf(t).name);
}

inline std::size_t fieldIndex(const sql::Table& table, const std::string& name) {
  for (std::size_t i = 0; i < table.fields.size(); ++i) {
    if (table.fields[i].name == name) return i;
  }
  throw std::runtime_error("no field " + name);
}

// The row's identity as the traversal makes it (primary-key values), for rows named by key.
inline std::string identityOf(const std::vector<sql::FieldValue>& key) {
  std::string out;
  for (const sql::FieldValue& part : key) {
    out += part.value.isNull() ? std::string("\x01") : "\x02" + part.value.canonical();
    out += '\x1f';
  }
  return out;
}

}  // namespace detail

//! Keeps, per table, the columns the rows were read with and every row by its identity.
class RecordingSink final : public sql::RowSink {
 public:
  explicit RecordingSink(std::size_t tables) : columns(tables), rows(tables) {}

  bool accept(const sql::FoundRow& row) override {
    if (columns[row.table].empty()) {
      for (const sql::Field* f : *row.columns) columns[row.table].push_back(f->name);
    }
    rows[row.table].emplace(identity(row), *row.values);
    return true;
  }

  std::vector<std::vector<std::string>> columns;
  std::vector<std::unordered_map<std::string, std::vector<sql::SqlValue>>> rows;

 private:
  // The row's primary-key values (else every column's), as detail::identityOf writes a RowKey.
  static std::string identity(const sql::FoundRow& row) {
    std::vector<sql::FieldValue> key;
    for (std::size_t i = 0; i < row.columns->size(); ++i) {
      if ((*row.columns)[i]->primaryKey) key.push_back({(*row.columns)[i], (*row.values)[i]});
    }
    if (key.empty()) {
      for (std::size_t i = 0; i < row.columns->size(); ++i) {
        key.push_back({(*row.columns)[i], (*row.values)[i]});
      }
    }
    return detail::identityOf(key);
  }
};

//! The columns the traversal reads from table `t` when the request covers every category: the
//! fields with categories, the primary key and the fields it looks up by or leads on by (with
//! `everyColumn`, every field), in the dataset's order.
inline std::vector<std::string> readColumns(const sql::DatasetGraph& graph, std::size_t t,
                                            bool everyColumn) {
  std::set<std::string> needed;
  for (std::size_t l : graph.tables()[t].lookups) {
    needed.insert(graph.lookups()[l].field);
    if (graph.lookups()[l].condition) needed.insert(graph.lookups()[l].condition->field);
  }
  for (std::size_t e : graph.tables()[t].edgesOut) {
    needed.insert(graph.edges()[e].field);
    if (graph.edges()[e].condition) needed.insert(graph.edges()[e].condition->field);
  }
  std::vector<std::string> out;
  for (const sql::Field& f : graph.tableOf(t).fields) {
    if (everyColumn || f.primaryKey || !f.categories.empty() || needed.count(f.name) > 0) {
      out.push_back(f.name);
    }
  }
  return out;
}

//! The traversal's SELECTs: per table, the looked-up values in chunks, reading readColumns();
//! `columns[t]`, the columns the traversal's rows came with (empty: no rows), must agree.
inline std::vector<std::string> traversalSelects(
    sql::SqlDatabase& db, const sql::DatasetGraph& graph, const sql::AccessStats& stats,
    const std::vector<std::vector<std::string>>& columns, bool everyColumn, std::size_t chunkSize) {
  std::vector<std::string> out;
  for (std::size_t t = 0; t < graph.tables().size(); ++t) {
    const sql::GraphTable& node = graph.tables()[t];
    if (node.lookups.size() != 1) throw std::runtime_error("a table found several ways");
    const std::size_t l = node.lookups.front();
    const sql::Lookup& lookup = graph.lookups()[l];
    const auto& values = stats.lookedUp.at(l);
    if (values.empty()) continue;
    const std::vector<std::string> read = readColumns(graph, t, everyColumn);
    if (!columns[t].empty() && columns[t] != read) {
      throw std::runtime_error("the traversal read other columns of " + graph.tableOf(t).name);
    }
    const std::vector<sql::ColumnInfo> info = detail::describeColumns(db, graph, t, read);
    std::vector<sql::SelectColumn> select;
    for (std::size_t i = 0; i < read.size(); ++i) select.push_back({read[i], info[i].readAsText});
    const sql::ColumnInfo key = detail::describeColumns(db, graph, t, {lookup.field}).front();
    std::vector<sql::SqlValue> all;
    for (const std::string& v : values) all.push_back(sql::SqlValue::ofText(v));
    for (std::size_t begin = 0; begin < all.size(); begin += chunkSize) {
      sql::InList in{lookup.field, lookup.condition, {}, sql::comparedAsText(key.kind)};
      in.values.assign(
          all.begin() + static_cast<std::ptrdiff_t>(begin),
          all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), begin + chunkSize)));
      out.push_back(
          inlined(sql::buildSelect(db.backend(), detail::fromOf(db, graph, t), select, {in})));
    }
  }
  if (out.size() != stats.queries) {
    throw std::runtime_error("rebuilt " + std::to_string(out.size()) +
                             " SELECTs, the traversal ran " + std::to_string(stats.queries));
  }
  return out;
}

//! Erasure's shared-row counts: for the rows the plan changes that no identity found itself,
//! per way their table is reached, how many rows of the source table hold each linking value.
inline std::vector<std::string> sharedRowCounts(
    sql::SqlDatabase& db, const sql::DatasetGraph& graph, const std::vector<sql::SeedValue>& seeds,
    const RecordingSink& found, const sql::ErasureReport& plan, std::size_t chunkSize) {
  std::map<std::string, std::size_t> tableOf;
  for (std::size_t t = 0; t < graph.tables().size(); ++t) {
    tableOf[graph.tables()[t].collection] = t;
  }
  std::map<std::size_t, std::set<std::string>> touched;  // table -> identities
  for (const sql::PlannedStatement& statement : plan.statements) {
    for (const sql::RowKey& key : statement.rows) {
      touched[tableOf.at(statement.collection)].insert(detail::identityOf(key));
    }
  }
  std::set<std::string> seedValues;
  for (const sql::SeedValue& s : seeds) seedValues.insert(s.value);
  std::set<std::size_t> seedLookups;
  for (const sql::Seed& s : graph.seeds()) seedLookups.insert(s.lookup);

  std::vector<std::string> out;
  for (const auto& [t, identities] : touched) {
    const sql::Table& table = graph.tableOf(t);
    const std::size_t l = graph.tables()[t].lookups.front();
    const sql::Lookup& lookup = graph.lookups()[l];
    const std::size_t column = detail::fieldIndex(table, lookup.field);
    std::vector<std::string> linking;  // the candidates' values, each once
    std::set<std::string> seen;
    for (const std::string& identity : identities) {
      const sql::SqlValue& v = found.rows[t].at(identity)[column];
      if (v.isNull()) continue;
      if (seedLookups.count(l) > 0 && seedValues.count(v.canonical()) > 0) continue;  // seeded
      if (seen.insert(v.canonical()).second) linking.push_back(v.canonical());
    }
    if (linking.empty()) continue;
    for (const sql::Edge& edge : graph.edges()) {
      if (edge.lookup != l) continue;
      const sql::ColumnInfo kind =
          detail::describeColumns(db, graph, edge.table, {edge.field}).front();
      for (std::size_t begin = 0; begin < linking.size(); begin += chunkSize) {
        sql::InList in{edge.field, edge.condition, {}, sql::comparedAsText(kind.kind)};
        for (std::size_t i = begin; i < std::min(linking.size(), begin + chunkSize); ++i) {
          in.values.push_back(sql::SqlValue::ofText(linking[i]));
        }
        out.push_back(inlined(sql::buildCount(db.backend(), detail::fromOf(db, graph, edge.table),
                                              in, kind.readAsText)));
      }
    }
  }
  return out;
}

//! The plan's UPDATEs and DELETEs, every run, in order.
inline std::vector<std::string> planStatements(const sql::ErasureReport& plan) {
  std::vector<std::string> out;
  for (const sql::PlannedStatement& statement : plan.statements) {
    for (const sql::SelectQuery& run : statement.runs) out.push_back(inlined(run));
  }
  return out;
}

//! `statements` as a psql script inside `begin` ... `end`.
inline std::string script(const std::string& begin, const std::vector<std::string>& statements,
                          const std::string& end) {
  std::string out = begin + ";\n";
  for (const std::string& s : statements) out += s + ";\n";
  return out + end + ";\n";
}

}  // namespace dsrflow::bench
