#include "sql/erasure/subject_rows.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace dsrflow::sql {
namespace {

// Whether the text of field `f` of graph table `t` is ever read once the rows are collected:
// keys, the columns the search follows (lookups, links, polymorphic type and id), retention
// dates, the flags suppress and restrict set, and the columns erasure rewrites or pseudonymises
// (it compares or hashes their values). Of every other column only NULL or not matters: what
// deleting the row or setting the column to NULL erases is counted, never read.
bool textIsRead(const DatasetGraph& graph, std::size_t t, std::size_t f) {
  const Table& table = graph.tableOf(t);
  const Field& field = table.fields[f];
  if (field.primaryKey || table.primaryKey().empty() || !field.references.empty()) return true;
  const auto named = [&](const std::string& name) { return name == field.name; };
  const auto conditionNames = [&](const std::optional<ColumnCondition>& c) {
    return c && named(c->field);
  };
  for (std::size_t l : graph.tables()[t].lookups) {
    const Lookup& lookup = graph.lookups()[l];
    if (named(lookup.field) || conditionNames(lookup.condition)) return true;
  }
  for (const Edge& edge : graph.edges()) {
    if (edge.table == t && (named(edge.field) || conditionNames(edge.condition))) return true;
  }
  for (const std::optional<FlagSetting>* flag : {&table.suppress, &table.restrict}) {
    if (*flag && named((*flag)->field)) return true;
  }
  const auto readsValues = [&](const std::optional<ErasureStrategy>& erasure) {
    return erasure &&
           (erasure->kind == ErasureKind::kRewrite || erasure->kind == ErasureKind::kPseudonymise ||
            (erasure->kind == ErasureKind::kRetain && named(erasure->retention.from)));
  };
  if (readsValues(field.erasure) || readsValues(table.erasure)) return true;
  return std::any_of(table.fields.begin(), table.fields.end(), [&](const Field& other) {
    return other.erasure && other.erasure->kind == ErasureKind::kRetain &&
           named(other.erasure->retention.from);
  });
}

// Keeps every row the traversal finds (it finds each once). Text no one reads again is dropped
// as it arrives (the value stays, as not NULL): a person's rows are all held until the plan is
// made, and their free text (event payloads, notes) is most of their size.
class Collector final : public RowSink {
 public:
  explicit Collector(const DatasetGraph& graph) : rows_(graph.tables().size()) {
    dropText_.resize(graph.tables().size());
    for (std::size_t t = 0; t < graph.tables().size(); ++t) {
      for (std::size_t f = 0; f < graph.tableOf(t).fields.size(); ++f) {
        if (!textIsRead(graph, t, f)) dropText_[t].push_back(f);
      }
    }
  }

  bool accept(const FoundRow& row) override {
    std::vector<SqlValue>& values = *row.values;
    for (std::size_t f : dropText_[row.table]) std::string().swap(values[f].text);
    rows_[row.table].push_back(SubjectRow{std::move(values), false, false, {}});
    return true;
  }

  std::vector<std::vector<SubjectRow>> take() { return std::move(rows_); }

 private:
  std::vector<std::vector<SubjectRow>> rows_;
  std::vector<std::vector<std::size_t>> dropText_;  // by graph table: fields whose text goes
};

bool meets(const Table& table, const SubjectRow& row, const std::optional<ColumnCondition>& c) {
  if (!c) return true;
  const SqlValue& v = row.values[fieldIndex(table, c->field)];
  return !v.isNull() && v.canonical() == c->value;
}

// Which lookups found which rows: a row was found by a lookup when its column's value was
// looked up there. Rows found by an identity are the subject's own; rows found only through
// lookups fed by link tables are the shared far end of those links.
void markProvenance(const DatasetGraph& graph, const std::vector<SeedValue>& seeds,
                    SubjectRows& rows) {
  const std::size_t lookups = graph.lookups().size();
  std::vector<std::unordered_set<std::string>> seeded(lookups);
  for (const SeedValue& seed : seeds) {
    for (const Seed& s : graph.seeds()) {
      if (s.identity == seed.identity) seeded[s.lookup].insert(seed.value);
    }
  }
  std::vector<bool> fedByLinkTablesOnly(lookups, false);
  for (std::size_t l = 0; l < lookups; ++l) {
    bool any = false;
    bool onlyLinks = true;
    for (const Edge& e : graph.edges()) {
      if (e.lookup != l) continue;
      any = true;
      onlyLinks = onlyLinks && graph.tableOf(e.table).linkTable.has_value();
    }
    fedByLinkTablesOnly[l] = any && onlyLinks && seeded[l].empty();
  }
  for (std::size_t t = 0; t < rows.byTable.size(); ++t) {
    const Table& table = graph.tableOf(t);
    for (SubjectRow& row : rows.byTable[t]) {
      bool found = false;
      bool elsewhere = false;
      for (std::size_t l : graph.tables()[t].lookups) {
        const Lookup& lookup = graph.lookups()[l];
        const SqlValue& v = row.values[fieldIndex(table, lookup.field)];
        if (v.isNull() || !meets(table, row, lookup.condition)) continue;
        const std::string text = v.canonical();
        if (seeded[l].count(text) > 0) row.seeded = true;
        if (rows.stats.lookedUp.size() <= l || rows.stats.lookedUp[l].count(text) == 0) continue;
        found = true;
        elsewhere = elsewhere || !fedByLinkTablesOnly[l];
      }
      row.farEnd = !table.linkTable && found && !elsewhere && !row.seeded;
    }
  }
}

// Whether two values read from one column are the same value.
bool sameValue(const SqlValue& a, const SqlValue& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case SqlValue::Kind::kInteger:
    case SqlValue::Kind::kBoolean:
      return a.integer == b.integer;
    case SqlValue::Kind::kNumber:
      return a.number == b.number;
    case SqlValue::Kind::kNull:
      return true;
    case SqlValue::Kind::kText:
    case SqlValue::Kind::kDateTime:
      break;
  }
  return a.text == b.text;
}

std::string comparableText(SqlBackend backend, ColumnKind kind, const SqlValue& value) {
  std::optional<SqlValue> v = comparableValue(backend, kind, value);
  return v ? v->canonical() : std::string();
}

}  // namespace

std::size_t SubjectRows::count() const {
  std::size_t n = 0;
  for (const auto& table : byTable) n += table.size();
  return n;
}

std::size_t fieldIndex(const Table& table, const std::string& field) {
  for (std::size_t i = 0; i < table.fields.size(); ++i) {
    if (table.fields[i].name == field) return i;
  }
  throw std::out_of_range("table " + table.name + " has no field " + field);
}

RowKey rowKeyOf(const Table& table, const SubjectRow& row) {
  RowKey key;
  for (std::size_t i = 0; i < table.fields.size(); ++i) {
    if (table.fields[i].primaryKey) key.push_back({&table.fields[i], row.values[i]});
  }
  if (key.empty()) {
    for (std::size_t i = 0; i < table.fields.size(); ++i) {
      key.push_back({&table.fields[i], row.values[i]});
    }
  }
  return key;
}

Result<SubjectRows> collectSubjectRows(SqlDatabase& db, const DatasetGraph& graph,
                                       const std::vector<SeedValue>& seeds,
                                       const AccessOptions& options) {
  AccessOptions everything = options;
  everything.categories.clear();
  everything.everyColumn = true;
  everything.sinkKeepsRows = true;
  Collector collector(graph);
  auto stats = runTraversal(db, graph, seeds, everything, collector);
  if (!stats) return stats.error();
  SubjectRows rows;
  rows.byTable = collector.take();
  rows.stats = std::move(stats).value();
  markProvenance(graph, seeds, rows);
  return rows;
}

Status findSharedRows(SqlDatabase& db, const DatasetGraph& graph, SubjectRows& rows,
                      const std::vector<RowRef>& candidates, std::size_t chunkSize) {
  std::map<std::size_t, std::vector<std::size_t>> byTable;
  for (const auto& [t, r] : candidates) {
    if (!rows.byTable[t][r].seeded) byTable[t].push_back(r);
  }
  std::map<std::pair<std::size_t, std::string>, ColumnInfo> kinds;  // (table, field)
  auto kindOf = [&](std::size_t t, const std::string& field) -> Result<ColumnInfo> {
    auto it = kinds.find({t, field});
    if (it != kinds.end()) return it->second;
    auto info = db.describe(schemaOf(graph, t), graph.tableOf(t).name, {field});
    if (!info) return info.error();
    return kinds[{t, field}] = info->front();
  };

  for (const auto& [t, candidateRows] : byTable) {
    const Table& table = graph.tableOf(t);
    for (std::size_t l : graph.tables()[t].lookups) {
      const Lookup& lookup = graph.lookups()[l];
      const std::size_t column = fieldIndex(table, lookup.field);
      for (const Edge& edge : graph.edges()) {
        if (edge.lookup != l) continue;
        const std::size_t s = edge.table;
        const Table& source = graph.tableOf(s);
        auto info = kindOf(s, edge.field);
        if (!info) return info.error();
        const ColumnKind kind = info->kind;

        // The candidates' linking values, as the source column compares them.
        std::unordered_map<std::string, std::vector<std::size_t>> rowsByValue;
        std::vector<SqlValue> values;
        // Rows in a row often share the value (a customer's events): the last one's place.
        const SqlValue* last = nullptr;
        std::vector<std::size_t>* lastRows = nullptr;  // null: the last value cannot match
        for (std::size_t r : candidateRows) {
          const SubjectRow& row = rows.byTable[t][r];
          const SqlValue& v = row.values[column];
          if (v.isNull() || !meets(table, row, lookup.condition)) continue;
          if (last == nullptr || !sameValue(*last, v)) {
            last = &v;
            lastRows = nullptr;
            std::optional<SqlValue> comparable = comparableValue(db.backend(), kind, v);
            if (comparable) {
              auto [it, added] = rowsByValue.try_emplace(comparable->canonical());
              if (added) values.push_back(*comparable);
              lastRows = &it->second;
            }
          }
          if (lastRows != nullptr) lastRows->push_back(r);
        }
        if (values.empty()) continue;
        // How many of the subject's own source rows hold each value.
        std::unordered_map<std::string, long long> own;
        const std::size_t sourceColumn = fieldIndex(source, edge.field);
        for (const SubjectRow& row : rows.byTable[s]) {
          const SqlValue& v = row.values[sourceColumn];
          if (v.isNull() || !meets(source, row, edge.condition)) continue;
          ++own[comparableText(db.backend(), kind, v)];
        }
        const std::string from = qualifiedTable(db.backend(), schemaOf(graph, s), source.name);
        const std::size_t chunk = std::max<std::size_t>(chunkSize, 1);
        for (std::size_t begin = 0; begin < values.size(); begin += chunk) {
          InList in{edge.field, edge.condition, {}, comparedAsText(kind)};
          in.values.assign(
              values.begin() + static_cast<std::ptrdiff_t>(begin),
              values.begin() + static_cast<std::ptrdiff_t>(std::min(values.size(), begin + chunk)));
          Status counted = db.select(
              buildCount(db.backend(), from, in, info->readAsText), from,
              [&](const soci::row& result) {
                const SqlValue value = valueAt(result, 0);
                // SQLite may type a COUNT(*) without a declared type as text.
                const std::optional<SqlValue> n = asNumber(valueAt(result, 1));
                const std::string text = comparableText(db.backend(), kind, value);
                if (!n || n->kind != SqlValue::Kind::kInteger || n->integer <= own[text]) {
                  return true;
                }
                auto it = rowsByValue.find(text);
                if (it == rowsByValue.end()) return true;
                for (std::size_t r : it->second) {
                  std::vector<std::string>& linked = rows.byTable[t][r].linkedFrom;
                  const std::string& collection = graph.tables()[s].collection;
                  if (std::find(linked.begin(), linked.end(), collection) == linked.end()) {
                    linked.push_back(collection);
                  }
                }
                return true;
              },
              Reading::kWhole);  // a row per value at most
          if (!counted) return counted;
        }
      }
    }
  }
  return Ok{};
}

std::vector<std::pair<RowRef, std::vector<std::string>>> rowsOfHeldRows(
    const DatasetGraph& graph, const SubjectRows& rows, const std::vector<RowRef>& candidates,
    const std::function<bool(const RowRef&)>& held) {
  // Per edge, built on first use: how many of the subject's rows of its table hold each linking
  // value, and how many of those are held.
  struct Holders {
    std::size_t rows = 0;
    std::size_t held = 0;
  };
  std::map<std::size_t, std::unordered_map<std::string, Holders>> byEdge;
  auto holdersOf = [&](std::size_t e) -> const std::unordered_map<std::string, Holders>& {
    auto [it, added] = byEdge.try_emplace(e);
    if (!added) return it->second;
    const Edge& edge = graph.edges()[e];
    const Table& source = graph.tableOf(edge.table);
    const std::size_t f = fieldIndex(source, edge.field);
    for (std::size_t r = 0; r < rows.byTable[edge.table].size(); ++r) {
      const SubjectRow& row = rows.byTable[edge.table][r];
      const SqlValue& v = row.values[f];
      if (v.isNull() || !meets(source, row, edge.condition)) continue;
      Holders& holders = it->second[v.canonical()];
      ++holders.rows;
      if (held({edge.table, r})) ++holders.held;
    }
    return it->second;
  };

  std::vector<std::pair<RowRef, std::vector<std::string>>> out;
  for (const RowRef& ref : candidates) {
    const SubjectRow& row = rows.byTable[ref.first][ref.second];
    if (row.seeded || held(ref)) continue;
    const Table& table = graph.tableOf(ref.first);
    bool reached = false;
    bool onlyHeld = true;
    std::vector<std::string> owners;
    for (std::size_t l : graph.tables()[ref.first].lookups) {
      const Lookup& lookup = graph.lookups()[l];
      const SqlValue& v = row.values[fieldIndex(table, lookup.field)];
      if (v.isNull() || !meets(table, row, lookup.condition)) continue;
      const std::string text = v.canonical();
      for (std::size_t e = 0; e < graph.edges().size(); ++e) {
        if (graph.edges()[e].lookup != l) continue;
        const auto& holders = holdersOf(e);
        auto it = holders.find(text);
        if (it == holders.end()) continue;
        reached = true;
        onlyHeld = onlyHeld && it->second.held == it->second.rows;
        const std::string& owner = graph.tables()[graph.edges()[e].table].collection;
        if (std::find(owners.begin(), owners.end(), owner) == owners.end()) {
          owners.push_back(owner);
        }
      }
    }
    if (reached && onlyHeld) out.emplace_back(ref, std::move(owners));
  }
  return out;
}

}  // namespace dsrflow::sql
