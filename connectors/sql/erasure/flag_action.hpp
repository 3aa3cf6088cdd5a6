#pragma once
// suppress and restrict: set the column a dataset names for the action (do_not_email = true,
// restricted_at = now) on the person's rows of the tables that name one, in one transaction.
// Rows reached only across link tables are left alone and rows other people's rows also link to
// are listed for review, as erasure does; a column that already holds the value (or, for now,
// any time) is left as it is, so the action can be repeated.

#include <string>
#include <vector>

#include "model/result.hpp"
#include "sql/access/access_traversal.hpp"
#include "sql/erasure/erasure.hpp"
#include "sql/erasure/write_plan.hpp"
#include "sql/erasure/write_transaction.hpp"

namespace dsrflow::sql {

enum class FlagAction { kSuppress, kRestrict };

using FlagOptions = WriteOptions;

//! Rows flagged in one collection.
struct FlaggedItem {
  std::string collection;
  std::string field;
  long long rows = 0;     //!< rows set now
  long long already = 0;  //!< rows that already held the value
};

struct FlagReport {
  std::size_t rowsFound = 0;
  //! Rows found in tables that name a flag for the action (set now, already set, or held for
  //! review); 0 with rows found means the dataset cannot carry the action out for this person.
  std::size_t flaggableRows = 0;
  std::vector<FlaggedItem> flagged;
  std::vector<ReviewItem> review;
  std::vector<PlannedStatement> statements;
  bool stopped = false;
};

//! Carries out (or, with dryRun, plans) `action` for the rows `seeds` lead to. Errors as
//! runErasure's.
Result<FlagReport> runFlagAction(SqlDatabase& db, const DatasetGraph& graph,
                                 const std::vector<SeedValue>& seeds, FlagAction action,
                                 const FlagOptions& options);

}  // namespace dsrflow::sql
