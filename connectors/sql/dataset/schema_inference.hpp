#pragma once
// Drafts a dataset from a database's catalog for a person to review (`dsrflow dataset infer`):
// every table and column, primary keys, foreign keys as references in direction `from` (the
// referenced row's values find the rows referring to it, so a search spreads from a person to
// what hangs off them, never from a shared row to everyone using it), two-column tables of two
// foreign keys as link tables, and data categories guessed from column names. A guess is a
// starting point, not a finding: the file written says so, and columns nothing is guessed for
// get no categories (they are read only to follow links).

#include <string>
#include <string_view>
#include <vector>

#include "sql/dataset/database_schema.hpp"
#include "sql/dataset/dataset.hpp"

namespace dsrflow::sql {

struct InferredDataset {
  Dataset dataset;
  //! What was left out or needs a look, one line each (for the file's comment and stderr).
  std::vector<std::string> notes;
};

//! The categories a column's name suggests (empty: no guess), e.g. `billing_email` gives
//! user.contact.email and `zip` user.contact.address.postal_code.
std::vector<std::string> guessCategories(std::string_view column);

//! The draft dataset `name` of `schema`; `schemaName` is written as the dataset's schema (empty:
//! the connection's). The result passes validation.
InferredDataset inferDataset(const DatabaseSchema& schema, const std::string& name,
                             const std::string& schemaName);

//! The comment on top of a drafted dataset file: where it came from and what to review.
std::string inferComment(const std::string& source, const InferredDataset& inferred);

}  // namespace dsrflow::sql
