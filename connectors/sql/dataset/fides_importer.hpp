#pragma once
// Converts fideslang datasets (the format Ethyca Fides uses) into dsrflow datasets. Collections
// become tables; fides_meta's identity, primary_key and references become the same things here
// (a reference without direction becomes `both`, as Fides treats it); masking strategy overrides
// become erasure strategies where one means the same; skip_processing becomes skip. fideslang
// has no origin, so origins are guessed from the data categories and the written file says so.
// What has no equivalent is listed as notes rather than dropped silently.

#include <string>
#include <vector>

#include "model/result.hpp"
#include "sql/dataset/dataset.hpp"

namespace dsrflow::sql {

struct FidesImport {
  std::vector<Dataset> datasets;
  //! What was not carried over, one FILE:LINE: KEY: note each.
  std::vector<std::string> notes;
};

//! Reads a fideslang file (top-level `dataset:` list) and validates each dataset it converts.
//! Nested fields (document databases), unknown keys and broken references are errors
//! (kInvalidArgument, FILE:LINE: KEY: problem, lines of the fideslang file).
Result<FidesImport> importFides(const std::string& file);
//! The same for text; `file` names it in messages.
Result<FidesImport> importFidesText(const std::string& text, const std::string& file);

//! The origin fideslang data categories suggest: observed when every category is one a system
//! records about a person (system.*, user.behavior, user.device, user.location, user.sensor,
//! user.unique_id), provided otherwise.
Origin guessOrigin(const std::vector<std::string>& categories);

//! The comment on top of an imported dataset file: where it came from and what to review.
std::string importComment(const std::string& file, const Dataset& dataset);

}  // namespace dsrflow::sql
