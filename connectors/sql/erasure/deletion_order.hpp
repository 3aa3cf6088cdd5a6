#pragma once
// The order in which erasure deletes from tables: a row that refers to another (a reference or
// polymorphic link the dataset declares, or a foreign key of the database) goes before the row
// it refers to, so no statement leaves a row pointing at a deleted one where the database
// forbids it, and no cascade deletes a row a later statement names.

#include <cstddef>
#include <utility>
#include <vector>

#include "sql/dataset/dataset_graph.hpp"

namespace dsrflow::sql {

//! Every graph table once, each before the tables it refers to. Which end of a reference is the
//! referring one: the table declaring it, unless only the declaring field is a primary key (a
//! key "referring" to a non-key column is the other way round). Tables in a cycle keep the
//! dataset's order among themselves. `links` adds (child, parent) pairs of graph tables, e.g.
//! the database's foreign keys the dataset does not declare.
std::vector<std::size_t> childrenFirst(
    const DatasetGraph& graph, const std::vector<std::pair<std::size_t, std::size_t>>& links = {});

}  // namespace dsrflow::sql
