#pragma once
// The transaction erasure, suppression and restriction share: find the person's rows, plan the
// statements from them and run the plan, all in one transaction, so what is changed is exactly
// what was found. A dry run plans inside a read-only snapshot and rolls it back; any error or a
// cancellation rolls back everything.

#include <cstddef>
#include <exception>
#include <functional>
#include <vector>

#include "model/result.hpp"
#include "sql/erasure/subject_rows.hpp"
#include "sql/erasure/write_plan.hpp"

namespace dsrflow::sql {

struct WriteOptions {
  std::size_t chunkSize = 500;
  bool dryRun = false;
  std::function<bool()> cancelled;
};

//! Collects the rows `seeds` lead to, calls `plan(rows)` for a Report (with `statements` and
//! `stopped`) and, unless a dry run, executes its statements and commits.
template <typename Report, typename Plan>
Result<Report> changeSubjectRows(SqlDatabase& db, const DatasetGraph& graph,
                                 const std::vector<SeedValue>& seeds, const WriteOptions& options,
                                 Plan&& plan) {
  auto body = [&]() -> Result<Report> {
    AccessOptions access;
    access.chunkSize = options.chunkSize;
    access.cancelled = options.cancelled;
    auto collected = collectSubjectRows(db, graph, seeds, access);
    if (!collected) return collected.error();
    SubjectRows rows = std::move(collected).value();
    Report stopped;
    stopped.stopped = true;
    if (rows.stats.stopped) return stopped;
    Result<Report> report = plan(rows);
    if (!report || options.dryRun) return report;
    auto done = executePlan(db, report->statements, options.cancelled);
    if (!done) return done.error();
    if (!*done) return stopped;
    return report;
  };

  if (Status begun = options.dryRun ? db.beginSnapshot() : db.beginWrite(); !begun) {
    return begun.error();
  }
  Result<Report> report = Error{ErrorCode::kInternal, "not run"};
  try {
    report = body();
  } catch (const std::exception& e) {  // e.g. no randomness for a key: nothing is changed
    report = Error{ErrorCode::kInternal, e.what()};
  }
  if (!report || options.dryRun || report->stopped) {
    db.end();
    return report;
  }
  if (Status committed = db.commit(); !committed) {
    db.end();
    return committed.error();
  }
  return report;
}

}  // namespace dsrflow::sql
