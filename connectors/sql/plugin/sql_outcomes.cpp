#include "sql_outcomes.hpp"

#include <algorithm>
#include <string>

namespace dsrflow::sql {
namespace {

// A dry run lists at most this many rows in all (an outcome may not exceed 1 MiB); the
// statements themselves are always complete.
constexpr std::size_t kListedRows = 1000;

sdk::ErasureMethod methodOf(ErasureKind kind) {
  switch (kind) {
    case ErasureKind::kPseudonymise:
      return sdk::ErasureMethod::pseudonymisedKeyDestroyed;
    case ErasureKind::kRewrite:
      return sdk::ErasureMethod::rewritten;
    case ErasureKind::kSetNull:
      return sdk::ErasureMethod::nulled;
    default:
      return sdk::ErasureMethod::deleted;
  }
}

// How completely a method removes data: a pseudonym is the least, a deleted row the most.
int strength(ErasureKind kind) {
  switch (kind) {
    case ErasureKind::kPseudonymise:
      return 0;
    case ErasureKind::kRewrite:
      return 1;
    case ErasureKind::kSetNull:
      return 2;
    default:
      return 3;
  }
}

// The outcome names one method: the weakest that erased anything (never claim "deleted" for
// data that was pseudonymised), else the weakest the dataset chose; details list each.
sdk::ErasureMethod weakestMethod(const ErasureReport& report) {
  std::vector<ErasureKind> used;
  for (const ErasedItem& item : report.erased) used.push_back(item.method);
  if (used.empty()) used = report.methods;
  if (used.empty()) return sdk::ErasureMethod::deleted;
  return methodOf(*std::min_element(used.begin(), used.end(), [](ErasureKind a, ErasureKind b) {
    return strength(a) < strength(b);
  }));
}

sdk::json::Value keyJson(const RowKey& key) {
  sdk::json::Value out = sdk::json::Value::object();
  for (const FieldValue& part : key) out.set(part.field->name, toJson(part.value));
  return out;
}

sdk::json::Value stringList(const std::vector<std::string>& items) {
  sdk::json::Value out = sdk::json::Value::array();
  for (const std::string& item : items) out.push(item);
  return out;
}

sdk::json::Array reviewJson(const std::vector<ReviewItem>& review) {
  sdk::json::Array out;
  for (const ReviewItem& item : review) {
    sdk::json::Value entry =
        sdk::json::Value::object({{"collection", item.collection}, {"key", keyJson(item.key)}});
    if (!item.categories.empty()) entry.set("categories", stringList(item.categories));
    entry.set("linked_from", stringList(item.linkedFrom));
    out.push_back(std::move(entry));
  }
  return out;
}

std::string reviewReason(std::size_t rows) {
  return std::to_string(rows) + (rows == 1 ? " row was" : " rows were") +
         " left unchanged because rows of other people link to it (a shared household, address "
         "or record): a person must decide";
}

// The plan of a dry run: each statement with placeholders, how often it runs and its rows.
sdk::json::Value statementsJson(const std::vector<PlannedStatement>& statements) {
  sdk::json::Value out = sdk::json::Value::array();
  std::size_t listed = 0;
  for (const PlannedStatement& s : statements) {
    sdk::json::Value entry = sdk::json::Value::object(
        {{"collection", s.collection}, {"action", s.action}, {"sql", s.sql()}});
    if (!s.field.empty()) entry.set("field", s.field);
    entry.set("runs", static_cast<std::int64_t>(s.runs.size()));
    sdk::json::Value rows = sdk::json::Value::array();
    for (const RowKey& key : s.rows) {
      if (listed == kListedRows) break;
      rows.push(keyJson(key));
      ++listed;
    }
    entry.set("rows", std::move(rows));
    entry.set("rows_total", static_cast<std::int64_t>(s.rows.size()));
    out.push(std::move(entry));
  }
  return out;
}

const char* actionName(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::kSetNull:
      return "set_null";
    case ReferentialAction::kSetDefault:
      return "set_default";
    default:
      return "delete";
  }
}

// What the database does itself: one entry per table, foreign key and action.
sdk::json::Value cascadeJson(const CascadeItem& item) {
  sdk::json::Value entry = sdk::json::Value::object({{"database_action", actionName(item.action)},
                                                     {"table", item.table},
                                                     {"in_dataset", item.inDataset},
                                                     {"from", item.from},
                                                     {"columns", stringList(item.columns)},
                                                     {"rows", item.rows}});
  if (item.shared > 0) entry.set("shared_rows", item.shared);
  if (item.others > 0) entry.set("rows_not_this_persons", item.others);
  if (!item.inDataset) {
    entry.set("note",
              "a table the dataset does not describe: its rows were not searched, categorised "
              "or checked for retention");
  }
  return entry;
}

sdk::json::Value keptJson(const KeptItem& item) {
  std::string key;
  for (const std::string& c : item.columns) key += (key.empty() ? "" : ", ") + c;
  return sdk::json::Value::object(
      {{"kept", item.collection},
       {"rows", item.rows},
       {"because", "deleting them would make the database delete or change " +
                       std::string(item.retained ? "retained rows"
                                                 : "rows that are not this "
                                                   "person's") +
                       " of " + item.protects + " (foreign key on " + key +
                       "); their fields were erased in place"}});
}

sdk::json::Array erasureDetails(const ErasureReport& report) {
  sdk::json::Array details;
  for (const ErasedItem& item : report.erased) {
    sdk::json::Value counts = sdk::json::Value::object();
    for (const auto& [category, n] : item.counts) counts.set(category, n);
    sdk::json::Value entry =
        sdk::json::Value::object({{"collection", item.collection},
                                  {"method", sdk::erasureMethodName(methodOf(item.method))},
                                  {"rows", item.rows},
                                  {"counts", std::move(counts)}});
    if (!item.cascadeFrom.empty()) entry.set("cascade_from", item.cascadeFrom);
    details.push_back(std::move(entry));
  }
  for (const CascadeItem& item : report.cascades) details.push_back(cascadeJson(item));
  for (const KeptItem& item : report.kept) details.push_back(keptJson(item));
  if (report.farEndRows > 0) {
    details.push_back(sdk::json::Value::object(
        {{"unchanged", "rows at the far end of link tables (shared, e.g. tags)"},
         {"rows", static_cast<std::int64_t>(report.farEndRows)}}));
  }
  if (report.keysKept > 0) {
    details.push_back(sdk::json::Value::object(
        {{"unchanged", "primary-key values with data categories but no erasure strategy"},
         {"values", static_cast<std::int64_t>(report.keysKept)}}));
  }
  return details;
}

std::vector<sdk::Retention> retainedOf(const ErasureReport& report) {
  std::vector<sdk::Retention> out;
  for (const RetainedItem& item : report.retained) {
    out.push_back(sdk::Retention{item.basis, item.category, item.collection, item.end, item.rows});
  }
  return out;
}

// A dry run never claims to have done anything: completed, with what the real run would
// answer and the statements it would run.
sdk::Outcome dryRunOutcome(const char* wouldAnswer, const std::vector<PlannedStatement>& plan) {
  return sdk::Outcome::completed()
      .with("dry_run", true)
      .with("would_answer", wouldAnswer)
      .with("statements", statementsJson(plan));
}

}  // namespace

sdk::json::Value toJson(const SqlValue& value) {
  switch (value.kind) {
    case SqlValue::Kind::kNull:
      return nullptr;
    case SqlValue::Kind::kInteger:
      return value.integer;
    case SqlValue::Kind::kBoolean:
      return value.integer != 0;
    case SqlValue::Kind::kNumber:
      return value.number;
    case SqlValue::Kind::kDateTime: {
      std::string iso = value.text;
      if (iso.size() > 10 && iso[10] == ' ') iso[10] = 'T';
      return iso;
    }
    case SqlValue::Kind::kText:
      break;
  }
  return value.text;
}

sdk::Outcome erasureOutcome(const ErasureReport& report, bool dryRun) {
  if (report.rowsFound == 0) return sdk::Outcome::notFound();
  const sdk::Counts counts(report.counts.begin(), report.counts.end());
  const sdk::ErasureMethod method = weakestMethod(report);
  const std::vector<sdk::Retention> retained = retainedOf(report);
  const std::string answer = erasureAnswer(report);
  sdk::Outcome outcome = sdk::Outcome::completed();
  if (dryRun) {
    outcome = dryRunOutcome(answer.c_str(), report.statements);
    outcome.withCounts(counts).with("method", sdk::erasureMethodName(method));
  } else if (answer == "needs_review") {
    outcome = sdk::Outcome::needsReview(reviewReason(report.review.size()));
    outcome.withCounts(counts).with("method", sdk::erasureMethodName(method));
  } else if (answer == "retained") {
    return sdk::Outcome::retained(retained, "kept on a legal basis; nothing else was left to erase")
        .withDetails(erasureDetails(report));
  } else {
    outcome = sdk::Outcome::erased(counts, method);
  }
  if (!report.review.empty()) outcome.withReview(reviewJson(report.review));
  if (!retained.empty()) outcome.withRetained(retained);
  sdk::json::Array details = erasureDetails(report);
  if (!details.empty()) outcome.withDetails(std::move(details));
  return outcome;
}

sdk::Outcome flagOutcome(const FlagReport& report, FlagAction action, bool dryRun) {
  const char* name = action == FlagAction::kSuppress ? "suppress" : "restrict";
  if (report.rowsFound == 0) return sdk::Outcome::notFound();
  if (report.flaggableRows == 0) {
    return sdk::Outcome::failed(std::string("the dataset names no ") + name +
                                    " flag for any table this person was found in",
                                false);
  }
  sdk::json::Array details;
  for (const FlaggedItem& item : report.flagged) {
    details.push_back(sdk::json::Value::object({{"collection", item.collection},
                                                {"field", item.field},
                                                {"rows", item.rows},
                                                {"already", item.already}}));
  }
  const char* answer = !report.review.empty()            ? "needs_review"
                       : action == FlagAction::kSuppress ? "suppressed"
                                                         : "completed";
  sdk::Outcome outcome = sdk::Outcome::completed();
  if (dryRun) {
    outcome = dryRunOutcome(answer, report.statements);
  } else if (!report.review.empty()) {
    outcome = sdk::Outcome::needsReview(reviewReason(report.review.size()));
  } else if (action == FlagAction::kSuppress) {
    outcome = sdk::Outcome::suppressed();
  }
  if (!report.review.empty()) outcome.withReview(reviewJson(report.review));
  outcome.withDetails(std::move(details));
  return outcome;
}

}  // namespace dsrflow::sql
