#pragma once
// The datasets of one system as a search graph. A lookup is one way to find rows of a table
// (a column equal to one of a set of values, plus a fixed type column for polymorphic links);
// an edge says that the values of a column in rows found in one table feed a lookup in another;
// a seed says that an identity's value feeds a lookup. References, polymorphic links and
// identities all become these three things, so the traversal knows nothing else.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/result.hpp"
#include "sql/dataset/dataset.hpp"

namespace dsrflow::sql {

//! A column that must hold a fixed (string) value, e.g. entity_table = 'civicrm_contact'.
struct ColumnCondition {
  std::string field;
  std::string value;
  friend bool operator==(const ColumnCondition&, const ColumnCondition&) = default;
};

//! Rows of `table` whose `field` equals one of a set of values (and that meet `condition`).
struct Lookup {
  std::size_t table = 0;
  std::string field;
  std::optional<ColumnCondition> condition;
  friend bool operator==(const Lookup&, const Lookup&) = default;
};

//! The values of `field` in the rows found in `table` (only those meeting `condition`) feed
//! `lookup`.
struct Edge {
  std::size_t table = 0;
  std::string field;
  std::optional<ColumnCondition> condition;
  std::size_t lookup = 0;
};

//! The request's identity named `identity` (a type or subtype) feeds `lookup`.
struct Seed {
  std::string identity;
  std::size_t lookup = 0;
};

//! One searchable table of the graph.
struct GraphTable {
  std::size_t dataset = 0;  //!< index into DatasetGraph::datasets()
  std::size_t table = 0;    //!< index into that dataset's tables
  //! The name records carry: the table's name, or dataset.table when several datasets of the
  //! system have a table of that name.
  std::string collection;
  std::vector<std::size_t> lookups;   //!< the ways to find its rows
  std::vector<std::size_t> edgesOut;  //!< where its rows lead
};

class DatasetGraph {
 public:
  //! Validates the datasets together (validateDatasets) and builds their graph. Tables marked
  //! skip take no part in it. Errors are kInvalidArgument.
  static Result<DatasetGraph> build(std::vector<Dataset> datasets);

  [[nodiscard]] const std::vector<Dataset>& datasets() const { return datasets_; }
  [[nodiscard]] const std::vector<GraphTable>& tables() const { return tables_; }
  [[nodiscard]] const std::vector<Lookup>& lookups() const { return lookups_; }
  [[nodiscard]] const std::vector<Edge>& edges() const { return edges_; }
  [[nodiscard]] const std::vector<Seed>& seeds() const { return seeds_; }

  //! The dataset and the table of graph table `index`.
  [[nodiscard]] const Dataset& datasetOf(std::size_t index) const;
  [[nodiscard]] const Table& tableOf(std::size_t index) const;

  //! The graph tables no identity can reach, in graph order (a dataset that is meant to be
  //! searched has none: the check command warns about them).
  [[nodiscard]] std::vector<std::size_t> unreachableTables() const;

  //! The graph table `ref` names, seen from `owner`; nullopt for a skipped table.
  [[nodiscard]] std::optional<std::size_t> graphIndex(const Dataset& owner,
                                                      const FieldRef& ref) const;

 private:
  std::size_t lookupIndex(const Lookup& lookup);
  void addEdge(Edge edge);
  void addLinks(std::size_t index);

  std::vector<Dataset> datasets_;
  std::vector<GraphTable> tables_;
  std::vector<Lookup> lookups_;
  std::vector<Edge> edges_;
  std::vector<Seed> seeds_;
};

}  // namespace dsrflow::sql
