#pragma once
// What `dsrflow dataset check --url` says about the database's own foreign-key actions before
// any erasure runs: tables the dataset does not describe whose rows the database deletes or
// changes when erasure deletes rows of a dataset table (erasure only counts them), and retained
// tables the database would empty with their parent rows (erasure then keeps those parents).

#include <string>
#include <vector>

#include "sql/dataset/dataset_graph.hpp"
#include "sql/erasure/database_cascades.hpp"

namespace dsrflow::sql {

//! One line per finding, located at the dataset table whose deleted rows start it
//! (FILE:LINE: KEY: message). Tables a dataset declares with skip count as described.
std::vector<std::string> cascadeWarnings(const DatasetGraph& graph,
                                         const DatabaseCascades& cascades);

}  // namespace dsrflow::sql
