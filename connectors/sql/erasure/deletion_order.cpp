#include "sql/erasure/deletion_order.hpp"

#include <set>

namespace dsrflow::sql {
namespace {

bool isKey(const Table& table, const std::string& field) {
  const Field* f = table.field(field);
  return f != nullptr && f->primaryKey;
}

}  // namespace

std::vector<std::size_t> childrenFirst(
    const DatasetGraph& graph, const std::vector<std::pair<std::size_t, std::size_t>>& links) {
  const std::size_t n = graph.tables().size();
  std::vector<std::set<std::size_t>> children(n);  // by parent
  auto link = [&](std::size_t child, std::size_t parent) {
    if (child != parent) children[parent].insert(child);
  };
  for (std::size_t t = 0; t < n; ++t) {
    const Dataset& dataset = graph.datasetOf(t);
    const Table& table = graph.tableOf(t);
    for (const Field& field : table.fields) {
      for (const Reference& ref : field.references) {
        std::optional<std::size_t> target = graph.graphIndex(dataset, ref.target);
        if (!target) continue;
        const bool keyToNonKey =
            field.primaryKey && !isKey(graph.tableOf(*target), ref.target.field);
        if (keyToNonKey) {
          link(*target, t);
        } else {
          link(t, *target);
        }
      }
    }
    for (const PolymorphicLink& poly : table.polymorphic) {
      for (const PolymorphicTarget& target : poly.targets) {
        if (std::optional<std::size_t> parent = graph.graphIndex(dataset, target.target)) {
          link(t, *parent);
        }
      }
    }
  }
  for (const auto& [child, parent] : links) link(child, parent);
  // Repeatedly take the first table (in dataset order) whose children have all been taken; a
  // cycle leaves none, and then the first remaining table goes.
  std::vector<std::size_t> order;
  std::vector<bool> taken(n, false);
  while (order.size() < n) {
    std::size_t next = n;
    for (std::size_t t = 0; t < n && next == n; ++t) {
      if (taken[t]) continue;
      bool ready = true;
      for (std::size_t child : children[t]) ready = ready && taken[child];
      if (ready) next = t;
    }
    for (std::size_t t = 0; t < n && next == n; ++t) {
      if (!taken[t]) next = t;
    }
    taken[next] = true;
    order.push_back(next);
  }
  return order;
}

}  // namespace dsrflow::sql
