#pragma once
// Erasure of one person's data in the categories a request names, in one transaction: find the
// rows (the access traversal, every column), decide per row and field what the dataset's
// strategies do (delete the row, set null, rewrite, pseudonymise, retain until a date), leave
// rows other people's rows also link to for a person to review, then run the UPDATEs and,
// children before parents, the DELETEs. Values already erased are not counted again, so a
// second erasure reports zero counts. A dry run plans the same statements and runs none.
//
// The database's own foreign-key actions are part of the plan (database_cascades.hpp): what ON
// DELETE CASCADE deletes and SET NULL / SET DEFAULT changes is reported, a shared row the
// database deletes with the person's row is reported deleted (not left for review), and a row
// whose deletion would make the database delete retained rows or rows the search did not find
// as the person's is not deleted: its fields are erased in place.
//
// Without a strategy of its own or its table's, a field is set to NULL (a primary key is kept;
// a link table's row is deleted). A row is deleted when a covered field says delete_row and no
// field of the row must be retained; otherwise those fields are set to NULL.

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "model/result.hpp"
#include "sql/access/access_traversal.hpp"
#include "sql/dataset/database_schema.hpp"
#include "sql/erasure/write_plan.hpp"

namespace dsrflow::sql {

struct ErasureOptions {
  //! Category prefixes to erase; empty: all.
  std::vector<std::string> categories;
  std::size_t chunkSize = 500;
  bool dryRun = false;
  //! YYYY-MM-DD; a retention period ending before it is over. Empty: today in UTC.
  std::string today;
  std::function<bool()> cancelled;
  //! The request's pseudonymisation key (64 hex digits; a secret); empty: one for this call.
  std::string pseudonymKey;
};

//! Values erased in one collection by one method, per data category (a deleted row counts each
//! of its non-NULL fields with categories, an updated field counts once).
struct ErasedItem {
  std::string collection;
  ErasureKind method = ErasureKind::kDeleteRow;
  long long rows = 0;
  std::map<std::string, long long> counts;
  //! Deleted by the database's ON DELETE CASCADE from this collection (or table), not by a
  //! statement of the erasure; empty: by the erasure's own statements.
  std::string cascadeFrom;
};

//! Rows kept on a legal basis, per collection, category and end of the period.
struct RetainedItem {
  std::string collection;
  std::string category;
  std::string basis;
  std::string end;  //!< YYYY-MM-DD; empty: no end known
  long long rows = 0;
};

//! A row the erasure left alone because rows outside the subject's link to it.
struct ReviewItem {
  std::string collection;
  RowKey key;                           //!< personal data
  std::vector<std::string> categories;  //!< the covered categories it holds
  std::vector<std::string> linkedFrom;  //!< collections of the other rows linking to it
};

//! What the database does itself when the erasure deletes rows, per table, foreign key and action:
//! ON DELETE CASCADE deletes the rows referring to them, SET NULL / SET DEFAULT changes their
//! columns.
struct CascadeItem {
  std::string table;  //!< the collection, or the database table when the dataset lacks it
  bool inDataset = true;
  std::string from;                  //!< the collection (or table) of the deleted rows
  std::vector<std::string> columns;  //!< the foreign key's columns in `table`
  ReferentialAction action = ReferentialAction::kCascade;
  long long rows = 0;
  long long shared = 0;  //!< of them, rows other people's rows link to too (held otherwise)
  long long others = 0;  //!< of them, rows of a dataset table that are not this person's
};

//! Rows the dataset says to delete that stay, their covered fields erased in place, because
//! deleting them would make the database delete (or change) rows that must stay.
struct KeptItem {
  std::string collection;
  std::string protects;              //!< the collection whose rows must stay
  std::vector<std::string> columns;  //!< the foreign key from there
  bool retained = false;             //!< those rows are retained; else they are not this person's
  long long rows = 0;
};

struct ErasureReport {
  std::size_t rowsFound = 0;
  std::map<std::string, long long> counts;  //!< values erased per category
  std::vector<ErasedItem> erased;
  std::vector<RetainedItem> retained;
  std::vector<ReviewItem> review;
  std::vector<CascadeItem> cascades;
  std::vector<KeptItem> kept;
  //! Every method the dataset chose for the data found, also where nothing was left to change.
  std::vector<ErasureKind> methods;
  std::size_t farEndRows = 0;  //!< rows at the far end of link tables, never changed
  std::size_t keysKept = 0;    //!< primary-key values with categories but no strategy: kept
  std::vector<PlannedStatement> statements;  //!< in the order they run (or would run)
  bool stopped = false;                      //!< cancelled: nothing was changed
};

//! What the erasure answers: not_found (nothing found), needs_review (rows left for review),
//! erased (values erased, or nothing left to erase), retained (only retained data found).
const char* erasureAnswer(const ErasureReport& report);

//! Values erased in all categories.
long long erasedValues(const ErasureReport& report);

//! Rows the database deletes or changes itself (cascades), in all tables.
long long cascadedRows(const ErasureReport& report);

//! Erases (or, with dryRun, plans the erasure of) the data `seeds` lead to. Errors:
//! kInvalidArgument for a dataset the database does not match (a missing column, pseudonymise
//! on a column that is not text), kConflict for a statement the database refused by a
//! constraint (a foreign key, NOT NULL), kUnavailable for rows that changed meanwhile and other
//! database failures (trying again may work). On any error nothing is changed. The catalog's
//! foreign keys are read once per call, inside its transaction.
Result<ErasureReport> runErasure(SqlDatabase& db, const DatasetGraph& graph,
                                 const std::vector<SeedValue>& seeds,
                                 const ErasureOptions& options);

}  // namespace dsrflow::sql
