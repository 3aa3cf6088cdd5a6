#include "sql/erasure/write_plan.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

namespace dsrflow::sql {

void addChunked(std::vector<PlannedStatement>& plan, const PlannedStatement& proto,
                std::vector<RowKey> rows, std::size_t chunkSize,
                const std::function<SelectQuery(const std::vector<RowKey>&)>& build) {
  if (rows.empty()) return;
  const std::size_t step = rowsPerStatement(chunkSize, rows.front().size());
  for (std::size_t begin = 0; begin < rows.size(); begin += step) {
    PlannedStatement statement = proto;
    statement.rows.assign(
        std::make_move_iterator(rows.begin() + static_cast<std::ptrdiff_t>(begin)),
        std::make_move_iterator(rows.begin() +
                                static_cast<std::ptrdiff_t>(std::min(rows.size(), begin + step))));
    statement.runs = {build(statement.rows)};
    statement.rowsPerRun = {statement.rows.size()};
    plan.push_back(std::move(statement));
  }
}

Result<bool> executePlan(SqlDatabase& db, const std::vector<PlannedStatement>& plan,
                         const std::function<bool()>& cancelled) {
  for (const PlannedStatement& statement : plan) {
    for (std::size_t i = 0; i < statement.runs.size(); ++i) {
      if (cancelled && cancelled()) return false;
      auto changed = db.execute(statement.runs[i], statement.collection);
      if (!changed) return changed.error();
      // More is possible for a table without a declared key holding identical rows.
      if (*changed < static_cast<long long>(statement.rowsPerRun[i])) {
        return Error{ErrorCode::kUnavailable,
                     "rows of " + statement.collection +
                         " changed after they were read; nothing was changed (try again)"};
      }
    }
  }
  return true;
}

}  // namespace dsrflow::sql
