#include "sql/access/access_traversal.hpp"

#include <soci/soci.h>

#include <map>
#include <optional>
#include <unordered_set>

#include "sql/dataset/names.hpp"

namespace dsrflow::sql {

const std::string& schemaOf(const DatasetGraph& graph, std::size_t table) {
  const Table& t = graph.tableOf(table);
  return t.schema.empty() ? graph.datasetOf(table).schema : t.schema;
}

std::optional<SqlValue> comparableValue(SqlBackend backend, ColumnKind kind,
                                        const SqlValue& value) {
  if (kind == ColumnKind::kNumeric) {
    if (std::optional<SqlValue> number = asNumber(value)) return number;
    if (backend == SqlBackend::kSqlite) return value;
    return std::nullopt;
  }
  if (value.kind == SqlValue::Kind::kText) return value;
  return SqlValue::ofText(value.canonical());
}

bool comparedAsText(ColumnKind kind) {
  return kind == ColumnKind::kOther || kind == ColumnKind::kBoolean;
}

std::vector<SqlValue> rowValues(const soci::row& row, const std::vector<ColumnInfo>& info) {
  std::vector<SqlValue> values;
  values.reserve(info.size());
  for (std::size_t i = 0; i < info.size(); ++i) {
    values.push_back(valueAt(row, i));
    if (info[i].kind == ColumnKind::kBoolean && values.back().kind == SqlValue::Kind::kInteger) {
      values.back().kind = SqlValue::Kind::kBoolean;
    }
  }
  return values;
}

namespace {

std::string fromClause(SqlBackend backend, const DatasetGraph& graph, std::size_t table) {
  return qualifiedTable(backend, schemaOf(graph, table), graph.tableOf(table).name);
}

bool covers(const std::vector<std::string>& prefixes, const Field& field) {
  if (field.categories.empty()) return false;
  if (prefixes.empty()) return true;
  for (const std::string& category : field.categories) {
    for (const std::string& prefix : prefixes) {
      if (categoryCovers(prefix, category)) return true;
    }
  }
  return false;
}

// What one table reads and where each part of a row goes.
struct TablePlan {
  std::string from;
  std::vector<const Field*> columns;  // selected, in the dataset's order
  std::vector<SelectColumn> select;   // how each is read
  std::map<std::string, std::size_t> position;
  std::vector<std::size_t> emitted;   // covered fields
  std::vector<std::size_t> key;       // covered primary-key fields
  std::vector<std::size_t> identity;  // what tells two rows apart: the primary key, else all
  std::vector<std::size_t> pageKey;   // the primary key, when its values read back exactly
  bool dedupe = false;                // reached several ways, so the same row may come back
  std::vector<ColumnInfo> info;       // learnt on first use
};

// "Is this row new?" key: the identifying columns' values, nulls kept apart from "".
std::string rowKey(const TablePlan& plan, const std::vector<SqlValue>& values) {
  std::string key;
  for (std::size_t pos : plan.identity) {
    if (values[pos].isNull()) {
      key += '\x01';
    } else {
      key += '\x02';
      key += values[pos].canonical();
    }
    key += '\x1f';
  }
  return key;
}

class Traversal {
 public:
  Traversal(SqlDatabase& db, const DatasetGraph& graph, const AccessOptions& options, RowSink& sink)
      : db_(db), graph_(graph), options_(options), sink_(sink) {
    stats_.rowsPerTable.assign(graph.tables().size(), 0);
    pending_.resize(graph.lookups().size());
    done_.resize(graph.lookups().size());
    seen_.resize(graph.tables().size());
    for (std::size_t t = 0; t < graph.tables().size(); ++t) plans_.push_back(plan(t));
  }

  Result<AccessStats> run(const std::vector<SeedValue>& seeds) {
    for (const SeedValue& seed : seeds) {
      for (const Seed& s : graph_.seeds()) {
        if (s.identity == seed.identity) offer(s.lookup, SqlValue::ofText(seed.value));
      }
    }
    while (hasPending()) {
      ++stats_.waves;
      std::vector<std::vector<SqlValue>> wave(pending_.size());
      wave.swap(pending_);
      for (std::size_t t = 0; t < plans_.size(); ++t) {
        if (Status s = queryTable(t, wave); !s) return s.error();
        if (stats_.stopped) return finish();
      }
    }
    return finish();
  }

 private:
  // Learns the column kinds of table `t` (also proves the columns exist).
  Status learnKinds(std::size_t t) {
    TablePlan& p = plans_[t];
    if (!p.info.empty()) return Ok{};
    std::vector<std::string> names;
    for (const Field* f : p.columns) names.push_back(f->name);
    auto info = db_.describe(schemaOf(graph_, t), graph_.tableOf(t).name, names);
    if (!info) return invalidArgument(graph_.tableOf(t).where.format(info.error().message));
    p.info = std::move(info).value();
    for (std::size_t i = 0; i < p.columns.size(); ++i) {
      p.select.push_back(SelectColumn{p.columns[i]->name, p.info[i].readAsText});
    }
    // Pages are ordered and continued by the primary key; binary or unusual key types are read
    // whole instead.
    for (std::size_t i = 0; i < p.columns.size(); ++i) {
      if (!p.columns[i]->primaryKey) continue;
      const ColumnKind kind = p.info[i].kind;
      if (kind == ColumnKind::kOther || kind == ColumnKind::kBoolean || p.info[i].readAsText) {
        p.pageKey.clear();
        break;
      }
      p.pageKey.push_back(i);
    }
    return Ok{};
  }

  TablePlan plan(std::size_t t) const {
    const Table& table = graph_.tableOf(t);
    const GraphTable& node = graph_.tables()[t];
    TablePlan p;
    p.from = fromClause(db_.backend(), graph_, t);
    std::map<std::string, bool> needed;  // field name -> emitted
    for (const Field& f : table.fields) {
      if (covers(options_.categories, f)) needed[f.name] = true;
      if (f.primaryKey || options_.everyColumn) needed.emplace(f.name, false);
    }
    auto use = [&](const std::string& name) { needed.emplace(name, false); };
    for (std::size_t l : node.lookups) {
      use(graph_.lookups()[l].field);
      if (graph_.lookups()[l].condition) use(graph_.lookups()[l].condition->field);
    }
    for (std::size_t e : node.edgesOut) {
      use(graph_.edges()[e].field);
      if (graph_.edges()[e].condition) use(graph_.edges()[e].condition->field);
    }
    for (const Field& f : table.fields) {
      auto it = needed.find(f.name);
      if (it == needed.end()) continue;
      const std::size_t pos = p.columns.size();
      p.columns.push_back(&f);
      p.position[f.name] = pos;
      if (it->second) {
        p.emitted.push_back(pos);
        if (f.primaryKey) p.key.push_back(pos);
      }
      if (f.primaryKey) p.identity.push_back(pos);
    }
    if (p.identity.empty()) {
      for (std::size_t pos = 0; pos < p.columns.size(); ++pos) p.identity.push_back(pos);
    }
    p.dedupe = node.lookups.size() > 1;
    return p;
  }

  bool hasPending() const {
    for (const auto& values : pending_) {
      if (!values.empty()) return true;
    }
    return false;
  }

  // Queues `value` for `lookup` unless it was looked up (or queued) before.
  void offer(std::size_t lookup, SqlValue value) {
    if (value.isNull()) return;
    if (done_[lookup].insert(value.canonical()).second)
      pending_[lookup].push_back(std::move(value));
  }

  bool cancelled() const { return options_.cancelled && options_.cancelled(); }

  AccessStats finish() {
    stats_.lookedUp = std::move(done_);
    return stats_;
  }

  // The value as the lookup's column compares it; nullopt when it cannot match.
  std::optional<SqlValue> bindable(const TablePlan& p, const Lookup& lookup,
                                   const SqlValue& value) const {
    return comparableValue(db_.backend(), p.info[p.position.at(lookup.field)].kind, value);
  }

  Status queryTable(std::size_t t, const std::vector<std::vector<SqlValue>>& wave) {
    const GraphTable& node = graph_.tables()[t];
    bool any = false;
    for (std::size_t l : node.lookups) any = any || !wave[l].empty();
    if (!any) return Ok{};
    if (Status s = learnKinds(t); !s) return s;
    const TablePlan& p = plans_[t];

    std::vector<std::pair<std::size_t, SqlValue>> items;
    for (std::size_t l : node.lookups) {
      for (const SqlValue& v : wave[l]) {
        if (auto bound = bindable(p, graph_.lookups()[l], v)) items.emplace_back(l, *bound);
      }
    }
    const std::size_t chunk = std::max<std::size_t>(options_.chunkSize, 1);
    for (std::size_t begin = 0; begin < items.size(); begin += chunk) {
      if (cancelled()) {
        stats_.stopped = true;
        return Ok{};
      }
      const std::size_t end = std::min(items.size(), begin + chunk);
      std::vector<InList> where;
      std::map<std::size_t, std::size_t> listOf;  // lookup -> index in `where`
      for (std::size_t i = begin; i < end; ++i) {
        const auto& [l, value] = items[i];
        auto [it, added] = listOf.emplace(l, where.size());
        if (added) {
          const Lookup& lookup = graph_.lookups()[l];
          // Types the values may not be literals of (uuid, money, ...) compare as text.
          const bool asText = comparedAsText(p.info[p.position.at(lookup.field)].kind);
          where.push_back(InList{lookup.field, lookup.condition, {}, asText});
        }
        where[it->second].values.push_back(value);
      }
      ++stats_.queries;
      const Reading reading = options_.sinkKeepsRows ? Reading::kWhole : Reading::kStreamed;
      Status s = db_.select(PagedSelect{p.from, p.select, std::move(where), p.pageKey, reading},
                            p.from, [&](const soci::row& row) { return onRow(t, row); });
      if (!s) return s;
      if (stats_.stopped) return Ok{};
    }
    return Ok{};
  }

  bool onRow(std::size_t t, const soci::row& row) {
    if (cancelled()) {
      stats_.stopped = true;
      return false;
    }
    const TablePlan& p = plans_[t];
    std::vector<SqlValue> values = rowValues(row, p.info);
    // A table with one lookup meets each row once: each value is looked up once, and a row
    // holds one value in that column.
    if (p.dedupe && !seen_[t].insert(rowKey(p, values)).second) return true;
    ++stats_.rowsFound;
    ++stats_.rowsPerTable[t];

    // The row's links first: the sink may take its values.
    for (std::size_t e : graph_.tables()[t].edgesOut) {
      const Edge& edge = graph_.edges()[e];
      if (edge.condition) {
        const SqlValue& named = values[p.position.at(edge.condition->field)];
        if (named.isNull() || named.canonical() != edge.condition->value) continue;
      }
      offer(edge.lookup, values[p.position.at(edge.field)]);
    }
    if (p.emitted.empty() && !options_.everyColumn) return true;
    FoundRow found{t, &graph_.tables()[t].collection, {}, {}, &p.columns, &values};
    // A sink that wants every column reads `values`; the others get the covered fields.
    if (!options_.everyColumn) {
      found.fields.reserve(p.emitted.size());
      found.key.reserve(p.key.size());
      for (std::size_t pos : p.emitted) found.fields.push_back({p.columns[pos], values[pos]});
      for (std::size_t pos : p.key) found.key.push_back({p.columns[pos], values[pos]});
    }
    if (!sink_.accept(found)) {
      stats_.stopped = true;
      return false;
    }
    ++stats_.rowsEmitted;
    return true;
  }

  SqlDatabase& db_;
  const DatasetGraph& graph_;
  const AccessOptions& options_;
  RowSink& sink_;
  std::vector<TablePlan> plans_;
  std::vector<std::vector<SqlValue>> pending_;         // by lookup: values for the next wave
  std::vector<std::unordered_set<std::string>> done_;  // by lookup: values ever queued
  std::vector<std::unordered_set<std::string>> seen_;  // by table: rows found (when dedupe)
  AccessStats stats_;
};

}  // namespace

Result<AccessStats> runTraversal(SqlDatabase& db, const DatasetGraph& graph,
                                 const std::vector<SeedValue>& seeds, const AccessOptions& options,
                                 RowSink& sink) {
  return Traversal(db, graph, options, sink).run(seeds);
}

Result<AccessStats> runAccess(SqlDatabase& db, const DatasetGraph& graph,
                              const std::vector<SeedValue>& seeds, const AccessOptions& options,
                              RowSink& sink) {
  if (Status s = db.beginSnapshot(); !s) return s.error();
  Result<AccessStats> result = runTraversal(db, graph, seeds, options, sink);
  db.end();
  return result;
}

Status checkSchema(SqlDatabase& db, const DatasetGraph& graph) {
  for (std::size_t t = 0; t < graph.tables().size(); ++t) {
    std::vector<std::string> names;
    for (const Field& f : graph.tableOf(t).fields) names.push_back(f.name);
    auto info = db.describe(schemaOf(graph, t), graph.tableOf(t).name, names);
    if (!info) return invalidArgument(graph.tableOf(t).where.format(info.error().message));
  }
  return Ok{};
}

}  // namespace dsrflow::sql
