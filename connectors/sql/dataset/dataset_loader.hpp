#pragma once
// Reads dataset files (YAML, format in connectors/sql/README.md) into the dataset model and
// validates them. Unknown keys, bad values and references to tables or fields the dataset does
// not have are errors, each reported as FILE:LINE: KEY: problem.

#include <string>

#include "model/result.hpp"
#include "sql/dataset/dataset.hpp"

namespace dsrflow::sql {

//! Loads and validates one dataset file. References into other datasets are checked when the
//! datasets of a system are put together (validateDatasets). Errors are kInvalidArgument.
Result<Dataset> loadDataset(const std::string& file);

//! The same for text; `file` names it in messages.
Result<Dataset> parseDataset(const std::string& text, const std::string& file);

}  // namespace dsrflow::sql
