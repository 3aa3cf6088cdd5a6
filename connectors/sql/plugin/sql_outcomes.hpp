#pragma once
// How the SQL connector reports what its libraries did, in the SDK's terms: found values as
// JSON, an erasure report as erased / retained / needs_review (or, for a dry run, completed with
// the plan), a suppression or restriction report as suppressed / completed / needs_review.
// Reasons and details never hold personal data; row keys and the plan's rows do, and go only
// into the outcome, which the host keeps sealed with the task's results.

#include <dsrflow/connector.hpp>

#include "sql/access/sql_value.hpp"
#include "sql/erasure/erasure.hpp"
#include "sql/erasure/flag_action.hpp"

namespace dsrflow::sql {

//! A value as JSON: numbers stay numbers, booleans booleans, date-times ISO 8601.
sdk::json::Value toJson(const SqlValue& value);

//! The outcome of an erasure (dryRun: what it would do).
sdk::Outcome erasureOutcome(const ErasureReport& report, bool dryRun);

//! The outcome of a suppression or restriction (dryRun: what it would do).
sdk::Outcome flagOutcome(const FlagReport& report, FlagAction action, bool dryRun);

}  // namespace dsrflow::sql
