#pragma once
// Writes a dataset in the dataset file format (connectors/sql/README.md), so an imported or
// drafted dataset can be reviewed and edited as a file. loadDataset() reads back what this
// writes.

#include <string>

#include "sql/dataset/dataset.hpp"

namespace dsrflow::sql {

//! The dataset as YAML. `comment` (lines without "# ") goes at the top as a comment block.
//! Every field's origin is written out; defaults are not re-derived.
std::string writeDataset(const Dataset& dataset, const std::string& comment = "");

}  // namespace dsrflow::sql
