#include "sql/erasure/cascade_warnings.hpp"

#include <algorithm>
#include <cctype>

namespace dsrflow::sql {
namespace {

std::string lowered(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

// A table the datasets declare but keep out of the search (skip: true): described, on purpose.
// Compared by name without case (SQLite and MySQL do not tell case apart; a PostgreSQL schema
// with two tables differing only in case is not worth a false warning).
bool skipped(const DatasetGraph& graph, const std::string& table) {
  for (const Dataset& dataset : graph.datasets()) {
    for (const Table& t : dataset.tables) {
      if (t.skip && lowered(t.name) == lowered(table)) return true;
    }
  }
  return false;
}

std::string columnList(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

bool retains(const Table& table) {
  if (table.erasure && table.erasure->kind == ErasureKind::kRetain) return true;
  return std::any_of(table.fields.begin(), table.fields.end(), [](const Field& f) {
    return f.erasure && f.erasure->kind == ErasureKind::kRetain;
  });
}

}  // namespace

std::vector<std::string> cascadeWarnings(const DatasetGraph& graph,
                                         const DatabaseCascades& cascades) {
  // One finding per (parent, child, action), its foreign keys' columns together.
  struct Finding {
    std::size_t parent;
    std::size_t child;
    ReferentialAction action;
    std::vector<std::string> columns;
  };
  std::vector<Finding> findings;
  for (const CascadeKey& key : cascades.keys()) {
    if (key.onDelete != ReferentialAction::kCascade &&
        key.onDelete != ReferentialAction::kSetNull &&
        key.onDelete != ReferentialAction::kSetDefault) {
      continue;
    }
    const CascadeTable& parent = cascades.tables()[key.parent];
    const CascadeTable& child = cascades.tables()[key.child];
    if (!parent.graphTable) continue;
    if (child.graphTable ? key.onDelete != ReferentialAction::kCascade ||
                               !retains(graph.tableOf(*child.graphTable))
                         : skipped(graph, child.table)) {
      continue;
    }
    auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.parent == key.parent && f.child == key.child && f.action == key.onDelete;
    });
    if (it == findings.end()) {
      it = findings.insert(findings.end(), Finding{key.parent, key.child, key.onDelete, {}});
    }
    it->columns.insert(it->columns.end(), key.columns.begin(), key.columns.end());
  }
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    const CascadeTable& parent = cascades.tables()[f.parent];
    const CascadeTable& child = cascades.tables()[f.child];
    const Table& table = graph.tableOf(*parent.graphTable);
    const std::string columns = columnList(f.columns);
    if (child.graphTable) {
      out.push_back(table.where.format(
          "the database deletes retained rows of '" + child.name + "' with the rows of '" +
          table.name + "' they refer to (ON DELETE CASCADE on " + columns +
          "): erasure keeps such rows of '" + table.name +
          "' while the retention lasts and erases their fields in place"));
    } else if (f.action == ReferentialAction::kCascade) {
      out.push_back(table.where.format(
          "the database deletes rows of '" + child.name +
          "', a table the dataset does not describe, with the rows of '" + table.name +
          "' they refer to (ON DELETE CASCADE on " + columns +
          "): erasure does not search that table and only counts those rows (describe it, or "
          "declare it with skip: true)"));
    } else {
      out.push_back(table.where.format(
          "the database sets " + columns + " of '" + child.name +
          "', a table the dataset does not describe, to " +
          (f.action == ReferentialAction::kSetNull ? "NULL" : "its default") + " when rows of '" +
          table.name +
          "' are deleted: erasure only counts those rows (describe it, or declare it with "
          "skip: true)"));
    }
  }
  return out;
}

}  // namespace dsrflow::sql
