#include "sql/dataset/dataset_graph.hpp"

#include <deque>
#include <map>

#include "sql/dataset/dataset_validation.hpp"

namespace dsrflow::sql {
namespace {

bool carriesTo(Direction d) { return d == Direction::kTo || d == Direction::kBoth; }
bool carriesFrom(Direction d) { return d == Direction::kFrom || d == Direction::kBoth; }

}  // namespace

Result<DatasetGraph> DatasetGraph::build(std::vector<Dataset> datasets) {
  if (Status valid = validateDatasets(datasets); !valid) return valid.error();
  DatasetGraph graph;
  graph.datasets_ = std::move(datasets);

  std::map<std::string, int> tablesNamed;
  for (const Dataset& d : graph.datasets_) {
    for (const Table& t : d.tables) ++tablesNamed[t.name];
  }
  for (std::size_t di = 0; di < graph.datasets_.size(); ++di) {
    const Dataset& d = graph.datasets_[di];
    for (std::size_t ti = 0; ti < d.tables.size(); ++ti) {
      const Table& t = d.tables[ti];
      if (t.skip) continue;
      graph.tables_.push_back(
          GraphTable{di, ti, tablesNamed[t.name] > 1 ? d.name + "." + t.name : t.name, {}, {}});
    }
  }
  for (std::size_t index = 0; index < graph.tables_.size(); ++index) graph.addLinks(index);
  return graph;
}

const Dataset& DatasetGraph::datasetOf(std::size_t index) const {
  return datasets_.at(tables_.at(index).dataset);
}

const Table& DatasetGraph::tableOf(std::size_t index) const {
  const GraphTable& t = tables_.at(index);
  return datasets_.at(t.dataset).tables.at(t.table);
}

std::optional<std::size_t> DatasetGraph::graphIndex(const Dataset& owner,
                                                    const FieldRef& ref) const {
  const std::string& name = ref.dataset.empty() ? owner.name : ref.dataset;
  for (std::size_t i = 0; i < tables_.size(); ++i) {
    if (datasetOf(i).name == name && tableOf(i).name == ref.table) return i;
  }
  return std::nullopt;  // a skipped table
}

std::size_t DatasetGraph::lookupIndex(const Lookup& lookup) {
  for (std::size_t i = 0; i < lookups_.size(); ++i) {
    if (lookups_[i] == lookup) return i;
  }
  lookups_.push_back(lookup);
  tables_[lookup.table].lookups.push_back(lookups_.size() - 1);
  return lookups_.size() - 1;
}

void DatasetGraph::addEdge(Edge edge) {
  for (const Edge& e : edges_) {
    if (e.table == edge.table && e.field == edge.field && e.condition == edge.condition &&
        e.lookup == edge.lookup) {
      return;  // declared twice (e.g. both ends say `both`)
    }
  }
  edges_.push_back(std::move(edge));
  tables_[edges_.back().table].edgesOut.push_back(edges_.size() - 1);
}

void DatasetGraph::addLinks(std::size_t index) {
  const Dataset& dataset = datasetOf(index);
  const Table& table = tableOf(index);
  for (const Field& field : table.fields) {
    if (!field.identity.empty()) {
      seeds_.push_back(Seed{field.identity, lookupIndex(Lookup{index, field.name, std::nullopt})});
    }
    for (const Reference& ref : field.references) {
      std::optional<std::size_t> target = graphIndex(dataset, ref.target);
      if (!target) continue;
      if (carriesTo(ref.direction)) {
        addEdge(Edge{index, field.name, std::nullopt,
                     lookupIndex(Lookup{*target, ref.target.field, std::nullopt})});
      }
      if (carriesFrom(ref.direction)) {
        addEdge(Edge{*target, ref.target.field, std::nullopt,
                     lookupIndex(Lookup{index, field.name, std::nullopt})});
      }
    }
  }
  for (const PolymorphicLink& link : table.polymorphic) {
    for (const PolymorphicTarget& t : link.targets) {
      std::optional<std::size_t> target = graphIndex(dataset, t.target);
      if (!target) continue;
      const ColumnCondition named{link.typeField, t.typeValue};
      if (carriesFrom(link.direction)) {
        addEdge(Edge{*target, t.target.field, std::nullopt,
                     lookupIndex(Lookup{index, link.idField, named})});
      }
      if (carriesTo(link.direction)) {
        addEdge(Edge{index, link.idField, named,
                     lookupIndex(Lookup{*target, t.target.field, std::nullopt})});
      }
    }
  }
}

std::vector<std::size_t> DatasetGraph::unreachableTables() const {
  std::vector<bool> reached(tables_.size(), false);
  std::deque<std::size_t> queue;
  for (const Seed& seed : seeds_) queue.push_back(lookups_[seed.lookup].table);
  while (!queue.empty()) {
    const std::size_t table = queue.front();
    queue.pop_front();
    if (reached[table]) continue;
    reached[table] = true;
    for (std::size_t e : tables_[table].edgesOut) queue.push_back(lookups_[edges_[e].lookup].table);
  }
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < tables_.size(); ++i) {
    if (!reached[i]) out.push_back(i);
  }
  return out;
}

}  // namespace dsrflow::sql
