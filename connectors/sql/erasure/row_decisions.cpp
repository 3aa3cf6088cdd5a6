#include "sql/erasure/row_decisions.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "sql/dataset/names.hpp"
#include "sql/erasure/deletion_order.hpp"

namespace dsrflow::sql {
namespace {

ErasedItem& erasedItem(ErasureReport& report, const std::string& collection, ErasureKind method,
                       const std::string& cascadeFrom = "") {
  for (ErasedItem& item : report.erased) {
    if (item.collection == collection && item.method == method && item.cascadeFrom == cascadeFrom) {
      return item;
    }
  }
  report.erased.push_back(ErasedItem{collection, method, 0, {}, cascadeFrom});
  return report.erased.back();
}

void countValue(ErasureReport& report, ErasedItem& item, const Field& field, long long values = 1) {
  for (const std::string& category : field.categories) {
    item.counts[category] += values;
    report.counts[category] += values;
  }
}

ReviewItem reviewItem(const DatasetGraph& graph, std::size_t t, const SubjectRow& row,
                      const std::vector<std::string>& categories) {
  const Table& table = graph.tableOf(t);
  ReviewItem item{graph.tables()[t].collection, rowKeyOf(table, row), {}, row.linkedFrom};
  for (const Field& field : table.fields) {
    for (const std::string& category : field.categories) {
      if (covers(categories, category) && std::find(item.categories.begin(), item.categories.end(),
                                                    category) == item.categories.end()) {
        item.categories.push_back(category);
      }
    }
  }
  return item;
}

void flush(std::vector<PlannedStatement>& plan, PlannedStatement& statement) {
  if (!statement.runs.empty()) plan.push_back(std::move(statement));
  statement = PlannedStatement{};
}

}  // namespace

bool covers(const std::vector<std::string>& prefixes, const std::string& category) {
  if (prefixes.empty()) return true;
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return categoryCovers(p, category); });
}

void countDecisions(const DatasetGraph& graph, const SubjectRows& rows, const Decisions& decisions,
                    const std::vector<std::string>& categories, ErasureReport& report) {
  for (std::size_t t = 0; t < decisions.size(); ++t) {
    const Table& table = graph.tableOf(t);
    const std::string& collection = graph.tables()[t].collection;
    // Deleted rows count each non-NULL field: tallied per item and field, added to the maps
    // once per table (a subject may have a million deleted rows).
    std::map<std::size_t, std::vector<long long>> deletedValues;  // index in report.erased
    for (std::size_t r = 0; r < decisions[t].size(); ++r) {
      const Decision& d = decisions[t][r];
      const SubjectRow& row = rows.byTable[t][r];
      report.keysKept += d.keysKept;
      if (d.held) report.review.push_back(reviewItem(graph, t, row, categories));
      if (d.remove || !d.cascadeFrom.empty()) {
        ErasedItem& item = erasedItem(report, collection, ErasureKind::kDeleteRow, d.cascadeFrom);
        ++item.rows;
        std::vector<long long>& tally =
            deletedValues[static_cast<std::size_t>(&item - report.erased.data())];
        tally.resize(table.fields.size(), 0);
        for (std::size_t f = 0; f < table.fields.size(); ++f) {
          if (!row.values[f].isNull()) ++tally[f];
        }
        continue;
      }
      std::set<ErasureKind> methods;
      for (const Change& c : d.changes) {
        ErasedItem& item = erasedItem(report, collection, c.method);
        if (methods.insert(c.method).second) ++item.rows;
        countValue(report, item, table.fields[c.field]);
      }
    }
    for (const auto& [index, tally] : deletedValues) {
      for (std::size_t f = 0; f < tally.size(); ++f) {
        if (tally[f] > 0) countValue(report, report.erased[index], table.fields[f], tally[f]);
      }
    }
  }
}

std::vector<PlannedStatement> decisionStatements(
    SqlBackend backend, const DatasetGraph& graph, const SubjectRows& rows,
    const Decisions& decisions, std::size_t chunkSize,
    const std::vector<std::pair<std::size_t, std::size_t>>& links) {
  std::vector<PlannedStatement> plan;
  for (std::size_t t = 0; t < decisions.size(); ++t) {
    const Table& table = graph.tableOf(t);
    const std::string& collection = graph.tables()[t].collection;
    const std::string from = qualifiedTable(backend, schemaOf(graph, t), table.name);
    // Changes setting one column to one value: (field, method, value's text and kind).
    std::map<std::tuple<std::size_t, ErasureKind, std::string, int>,
             std::pair<SqlValue, std::vector<RowKey>>>
        groups;
    PlannedStatement pseudonyms;
    for (std::size_t r = 0; r < decisions[t].size(); ++r) {
      for (const Change& c : decisions[t][r].changes) {
        RowKey key = rowKeyOf(table, rows.byTable[t][r]);
        if (c.method == ErasureKind::kPseudonymise) {
          const std::string& field = table.fields[c.field].name;
          if (pseudonyms.runs.empty() || pseudonyms.field != field) {
            flush(plan, pseudonyms);
            pseudonyms = PlannedStatement{collection, "pseudonymise", field, {}, {}, {}};
          }
          pseudonyms.runs.push_back(
              buildUpdate(backend, from, {field, Assignment::Kind::kValue, c.value}, {key}));
          pseudonyms.rowsPerRun.push_back(1);
          pseudonyms.rows.push_back(std::move(key));
          continue;
        }
        auto& group =
            groups[{c.field, c.method, c.value.canonical(), static_cast<int>(c.value.kind)}];
        group.first = c.value;
        group.second.push_back(std::move(key));
      }
    }
    flush(plan, pseudonyms);
    for (auto& [group, change] : groups) {
      const std::size_t f = std::get<0>(group);
      const ErasureKind method = std::get<1>(group);
      auto& [value, keys] = change;
      const Assignment set{table.fields[f].name,
                           value.isNull() ? Assignment::Kind::kNull : Assignment::Kind::kValue,
                           value};
      addChunked(
          plan, {collection, std::string(toString(method)), table.fields[f].name, {}, {}, {}},
          std::move(keys), chunkSize,
          [&](const std::vector<RowKey>& chunk) { return buildUpdate(backend, from, set, chunk); });
    }
  }
  // DELETEs, rows that refer to others before the rows they refer to.
  for (std::size_t t : childrenFirst(graph, links)) {
    const Table& table = graph.tableOf(t);
    std::vector<RowKey> keys;
    for (std::size_t r = 0; r < decisions[t].size(); ++r) {
      if (decisions[t][r].remove) keys.push_back(rowKeyOf(table, rows.byTable[t][r]));
    }
    const std::string from = qualifiedTable(backend, schemaOf(graph, t), table.name);
    addChunked(plan, {graph.tables()[t].collection, "delete_row", "", {}, {}, {}}, std::move(keys),
               chunkSize,
               [&](const std::vector<RowKey>& chunk) { return buildDelete(backend, from, chunk); });
  }
  return plan;
}

}  // namespace dsrflow::sql
