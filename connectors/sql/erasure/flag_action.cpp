#include "sql/erasure/flag_action.hpp"

#include <utility>

#include "sql/erasure/literal_value.hpp"
#include "sql/erasure/subject_rows.hpp"
#include "sql/erasure/write_transaction.hpp"

namespace dsrflow::sql {
namespace {

const std::optional<FlagSetting>& flagOf(const Table& table, FlagAction action) {
  return action == FlagAction::kSuppress ? table.suppress : table.restrict;
}

Result<FlagReport> planFlags(SqlDatabase& db, const DatasetGraph& graph, SubjectRows& rows,
                             FlagAction action, const FlagOptions& options) {
  FlagReport report;
  report.rowsFound = rows.count();
  std::vector<RowRef> touched;
  for (std::size_t t = 0; t < rows.byTable.size(); ++t) {
    const std::optional<FlagSetting>& flag = flagOf(graph.tableOf(t), action);
    if (!flag) continue;
    const std::size_t f = fieldIndex(graph.tableOf(t), flag->field);
    FlaggedItem item{graph.tables()[t].collection, flag->field, 0, 0};
    for (std::size_t r = 0; r < rows.byTable[t].size(); ++r) {
      const SubjectRow& row = rows.byTable[t][r];
      if (row.farEnd) continue;
      ++report.flaggableRows;
      // A time already set stays: it says since when the data is restricted.
      const bool already = flag->now ? !row.values[f].isNull() : holds(row.values[f], flag->value);
      if (already) {
        ++item.already;
      } else {
        touched.emplace_back(t, r);
      }
    }
    report.flagged.push_back(std::move(item));
  }
  if (Status s = findSharedRows(db, graph, rows, touched, options.chunkSize); !s) {
    return s.error();
  }
  for (std::size_t t = 0; t < rows.byTable.size(); ++t) {
    const std::optional<FlagSetting>& flag = flagOf(graph.tableOf(t), action);
    if (!flag) continue;
    const Table& table = graph.tableOf(t);
    std::vector<RowKey> keys;
    for (const auto& [tt, r] : touched) {
      if (tt != t) continue;
      const SubjectRow& row = rows.byTable[t][r];
      if (row.linkedFrom.empty()) {
        keys.push_back(rowKeyOf(table, row));
        continue;
      }
      ReviewItem item{graph.tables()[t].collection, rowKeyOf(table, row), {}, row.linkedFrom};
      report.review.push_back(std::move(item));
    }
    for (FlaggedItem& item : report.flagged) {
      if (item.collection == graph.tables()[t].collection) {
        item.rows = static_cast<long long>(keys.size());
      }
    }
    const Assignment set{flag->field,
                         flag->now                                  ? Assignment::Kind::kNow
                         : flag->value.kind == Literal::Kind::kNull ? Assignment::Kind::kNull
                                                                    : Assignment::Kind::kValue,
                         toSqlValue(flag->value)};
    const std::string from = qualifiedTable(db.backend(), schemaOf(graph, t), table.name);
    addChunked(report.statements,
               {graph.tables()[t].collection,
                action == FlagAction::kSuppress ? "suppress" : "restrict",
                flag->field,
                {},
                {},
                {}},
               std::move(keys), options.chunkSize, [&](const std::vector<RowKey>& chunk) {
                 return buildUpdate(db.backend(), from, set, chunk);
               });
  }
  return report;
}

}  // namespace

Result<FlagReport> runFlagAction(SqlDatabase& db, const DatasetGraph& graph,
                                 const std::vector<SeedValue>& seeds, FlagAction action,
                                 const FlagOptions& options) {
  return changeSubjectRows<FlagReport>(db, graph, seeds, options, [&](SubjectRows& rows) {
    return planFlags(db, graph, rows, action, options);
  });
}

}  // namespace dsrflow::sql
