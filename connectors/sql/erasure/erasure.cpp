#include "sql/erasure/erasure.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_set>

#include "sql/dataset/names.hpp"
#include "sql/erasure/deletion_order.hpp"
#include "sql/erasure/literal_value.hpp"
#include "sql/erasure/pseudonymiser.hpp"
#include "sql/erasure/retention_period.hpp"
#include "sql/erasure/subject_rows.hpp"
#include "sql/erasure/write_transaction.hpp"

namespace dsrflow::sql {
namespace {

bool covers(const std::vector<std::string>& prefixes, const std::string& category) {
  if (prefixes.empty()) return true;
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return categoryCovers(p, category); });
}

bool coversAny(const std::vector<std::string>& prefixes, const Field& field) {
  return std::any_of(field.categories.begin(), field.categories.end(),
                     [&](const std::string& c) { return covers(prefixes, c); });
}

// One field of one row changed in place.
struct Change {
  std::size_t field = 0;
  ErasureKind method = ErasureKind::kSetNull;
  SqlValue value;  // the new value; NULL for set_null (and a rewrite to NULL)
};

// What happens to one row.
struct Decision {
  bool remove = false;
  std::vector<Change> changes;
  [[nodiscard]] bool touches() const { return remove || !changes.empty(); }
};

const ErasureStrategy kSetNull{ErasureKind::kSetNull, {}, {}, {}};
const ErasureStrategy kDeleteRow{ErasureKind::kDeleteRow, {}, {}, {}};

class ErasurePlanner {
 public:
  ErasurePlanner(SqlDatabase& db, const DatasetGraph& graph, SubjectRows& rows,
                 const ErasureOptions& options, std::string today)
      : db_(db), graph_(graph), rows_(rows), options_(options), today_(std::move(today)) {
    decisions_.resize(rows.byTable.size());
    covered_.resize(rows.byTable.size());
    for (std::size_t t = 0; t < rows.byTable.size(); ++t) {
      decisions_[t].resize(rows.byTable[t].size());
      const Table& table = graph.tableOf(t);
      for (std::size_t f = 0; f < table.fields.size(); ++f) {
        if (coversAny(options_.categories, table.fields[f])) covered_[t].push_back(f);
      }
    }
  }

  Result<ErasureReport> plan() {
    report_.rowsFound = rows_.count();
    // Link tables last: their rows go with the rows they link, which must be decided first.
    for (const bool linkTables : {false, true}) {
      std::vector<RowRef> touched;
      for (std::size_t t = 0; t < rows_.byTable.size(); ++t) {
        if (graph_.tableOf(t).linkTable.has_value() != linkTables) continue;
        for (std::size_t r = 0; r < rows_.byTable[t].size(); ++r) {
          if (rows_.byTable[t][r].farEnd) {
            ++report_.farEndRows;
            continue;
          }
          if (Status s = decide(t, r); !s) return s.error();
          if (decisions_[t][r].touches()) touched.emplace_back(t, r);
        }
      }
      if (Status s = findSharedRows(db_, graph_, rows_, touched, options_.chunkSize); !s) {
        return s.error();
      }
      for (const auto& [t, r] : touched) {
        if (!rows_.byTable[t][r].linkedFrom.empty()) holdForReview(t, r);
      }
    }
    count();
    buildStatements();
    return std::move(report_);
  }

 private:
  [[nodiscard]] const SubjectRow& row(std::size_t t, std::size_t r) const {
    return rows_.byTable[t][r];
  }

  [[nodiscard]] std::optional<std::string> endOf(std::size_t t, std::size_t r,
                                                 const Retention& retention) const {
    if (retention.from.empty()) return std::nullopt;
    return retentionEnd(retention, row(t, r).values[fieldIndex(graph_.tableOf(t), retention.from)]);
  }

  // Kept: no period given or known, or the period has not ended.
  [[nodiscard]] bool stillKept(const std::optional<std::string>& end) const {
    return !end || *end >= today_;
  }

  void noteMethod(ErasureKind method) {
    if (std::find(report_.methods.begin(), report_.methods.end(), method) ==
        report_.methods.end()) {
      report_.methods.push_back(method);
    }
  }

  void retain(std::size_t t, const Field& field, const Retention& retention,
              const std::optional<std::string>& end) {
    const std::string& collection = graph_.tables()[t].collection;
    for (const std::string& category : field.categories) {
      if (!covers(options_.categories, category)) continue;
      const std::string until = end.value_or("");
      auto it = std::find_if(report_.retained.begin(), report_.retained.end(),
                             [&](const RetainedItem& i) {
                               return i.collection == collection && i.category == category &&
                                      i.basis == retention.basis && i.end == until;
                             });
      if (it == report_.retained.end()) {
        report_.retained.push_back(RetainedItem{collection, category, retention.basis, until, 0});
        it = report_.retained.end() - 1;
      }
      ++it->rows;
    }
  }

  // The strategy for `field` of `table`: its own, its table's, or the default (NULL; a key is
  // kept, a link row deleted). nullptr: keep it. Asked for every field of every row, so it
  // points at the dataset's strategy rather than copying it.
  static const ErasureStrategy* strategyOf(const Table& table, const Field& field) {
    if (field.erasure) return &*field.erasure;
    if (table.erasure) return &*table.erasure;
    if (table.linkTable) return &kDeleteRow;
    if (field.primaryKey) return nullptr;
    return &kSetNull;
  }

  // Adds the change `strategy` makes to field `f` of the row, unless the value already is what
  // it would become.
  Status change(std::size_t t, std::size_t r, std::size_t f, const ErasureStrategy& strategy) {
    noteMethod(strategy.kind);
    const SqlValue& value = row(t, r).values[f];
    if (value.isNull()) return Ok{};
    Decision& decision = decisions_[t][r];
    switch (strategy.kind) {
      case ErasureKind::kRewrite:
        if (!holds(value, strategy.rewriteValue)) {
          decision.changes.push_back({f, strategy.kind, toSqlValue(strategy.rewriteValue)});
        }
        break;
      case ErasureKind::kPseudonymise: {
        if (value.kind == SqlValue::Kind::kText && Pseudonymiser::isPseudonym(value.text)) break;
        if (Status s = requireText(t, f); !s) return s;
        decision.changes.push_back(
            {f, strategy.kind, SqlValue::ofText(pseudonymiser_.pseudonym(value.canonical()))});
        break;
      }
      default:
        decision.changes.push_back({f, ErasureKind::kSetNull, {}});
    }
    return Ok{};
  }

  // Pseudonyms are text: a column of another type could not hold one.
  Status requireText(std::size_t t, std::size_t f) {
    const Table& table = graph_.tableOf(t);
    auto known = textColumns_.find({t, f});
    if (known == textColumns_.end()) {
      auto info = db_.describe(schemaOf(graph_, t), table.name, {table.fields[f].name});
      if (!info) return invalidArgument(table.where.format(info.error().message));
      known = textColumns_.emplace(std::pair{t, f}, info->front().kind == ColumnKind::kText).first;
    }
    if (known->second) return Ok{};
    return invalidArgument(table.fields[f].where.format(
        "pseudonymise needs a text column; " + table.name + "." + table.fields[f].name +
        " holds another type (choose set_null or rewrite)"));
  }

  Status decide(std::size_t t, std::size_t r) {
    const Table& table = graph_.tableOf(t);
    Decision& decision = decisions_[t][r];
    const std::vector<std::size_t>& covered = covered_[t];
    // A link table's row goes with a row it links that is being deleted.
    bool deleteRow = table.linkTable && linksRemovedRow(t, r);
    if (covered.empty() && !deleteRow) return Ok{};

    if (table.erasure && table.erasure->kind == ErasureKind::kRetain) {
      const std::optional<std::string> end = endOf(t, r, table.erasure->retention);
      if (stillKept(end)) {
        for (std::size_t f : covered) retain(t, table.fields[f], table.erasure->retention, end);
        return Ok{};
      }
      deleteRow = true;
    }
    // A field still to be retained keeps its row.
    bool rowMustStay = false;
    for (const Field& field : table.fields) {
      if (field.erasure && field.erasure->kind == ErasureKind::kRetain) {
        rowMustStay = rowMustStay || stillKept(endOf(t, r, field.erasure->retention));
      }
    }
    std::vector<std::size_t> deleting;
    for (std::size_t f : covered) {
      const Field& field = table.fields[f];
      const ErasureStrategy* strategy = strategyOf(table, field);
      if (!strategy) {
        if (!row(t, r).values[f].isNull()) ++report_.keysKept;
        continue;
      }
      if (strategy->kind == ErasureKind::kDeleteRow) {
        deleting.push_back(f);
      } else if (strategy->kind == ErasureKind::kRetain) {
        const std::optional<std::string> end = endOf(t, r, strategy->retention);
        if (stillKept(end)) {
          retain(t, field, strategy->retention, end);
        } else if (Status s = change(t, r, f, kSetNull); !s) {
          return s;
        }
      } else if (Status s = change(t, r, f, *strategy); !s) {
        return s;
      }
    }
    deleteRow = deleteRow || !deleting.empty();
    if (!deleteRow) return Ok{};
    if (!rowMustStay) {
      decision.remove = true;
      decision.changes.clear();
      noteMethod(ErasureKind::kDeleteRow);
      return Ok{};
    }
    for (std::size_t f : deleting) {
      if (table.fields[f].primaryKey) {
        ++report_.keysKept;
      } else if (Status s = change(t, r, f, kSetNull); !s) {
        return s;
      }
    }
    return Ok{};
  }

  // True when a row this link table's row joins is being deleted.
  [[nodiscard]] bool linksRemovedRow(std::size_t t, std::size_t r) {
    const Table& table = graph_.tableOf(t);
    for (const std::string* side : {&table.linkTable->left, &table.linkTable->right}) {
      const std::size_t f = fieldIndex(table, *side);
      const SqlValue& value = row(t, r).values[f];
      if (value.isNull()) continue;
      for (const Reference& ref : table.fields[f].references) {
        std::optional<std::size_t> target = graph_.graphIndex(graph_.datasetOf(t), ref.target);
        if (target && removedValues(*target, ref.target.field).count(value.canonical()) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  // The values of `field` in the rows of table `t` being deleted (decided before link tables).
  const std::unordered_set<std::string>& removedValues(std::size_t t, const std::string& field) {
    auto [it, added] = removedValues_.try_emplace({t, field});
    if (added) {
      const std::size_t f = fieldIndex(graph_.tableOf(t), field);
      for (std::size_t r = 0; r < decisions_[t].size(); ++r) {
        const SqlValue& v = row(t, r).values[f];
        if (decisions_[t][r].remove && !v.isNull()) it->second.insert(v.canonical());
      }
    }
    return it->second;
  }

  void holdForReview(std::size_t t, std::size_t r) {
    decisions_[t][r] = Decision{};
    const Table& table = graph_.tableOf(t);
    ReviewItem item{
        graph_.tables()[t].collection, rowKeyOf(table, row(t, r)), {}, row(t, r).linkedFrom};
    for (const Field& field : table.fields) {
      for (const std::string& category : field.categories) {
        if (covers(options_.categories, category) &&
            std::find(item.categories.begin(), item.categories.end(), category) ==
                item.categories.end()) {
          item.categories.push_back(category);
        }
      }
    }
    report_.review.push_back(std::move(item));
  }

  ErasedItem& erasedItem(const std::string& collection, ErasureKind method) {
    for (ErasedItem& item : report_.erased) {
      if (item.collection == collection && item.method == method) return item;
    }
    report_.erased.push_back(ErasedItem{collection, method, 0, {}});
    return report_.erased.back();
  }

  void countValue(ErasedItem& item, const Field& field, long long values = 1) {
    for (const std::string& category : field.categories) {
      item.counts[category] += values;
      report_.counts[category] += values;
    }
  }

  void count() {
    for (std::size_t t = 0; t < decisions_.size(); ++t) {
      const Table& table = graph_.tableOf(t);
      const std::string& collection = graph_.tables()[t].collection;
      // Deleted rows count each non-NULL field: tallied per field, added to the maps once.
      std::optional<std::size_t> deleted;  // index into report_.erased
      std::vector<long long> deletedValues(table.fields.size(), 0);
      for (std::size_t r = 0; r < decisions_[t].size(); ++r) {
        const Decision& d = decisions_[t][r];
        if (d.remove) {
          if (!deleted) {
            const ErasedItem& item = erasedItem(collection, ErasureKind::kDeleteRow);
            deleted = static_cast<std::size_t>(&item - report_.erased.data());
          }
          ++report_.erased[*deleted].rows;
          for (std::size_t f = 0; f < table.fields.size(); ++f) {
            if (!row(t, r).values[f].isNull()) ++deletedValues[f];
          }
          continue;
        }
        std::set<ErasureKind> methods;
        for (const Change& c : d.changes) {
          ErasedItem& item = erasedItem(collection, c.method);
          if (methods.insert(c.method).second) ++item.rows;
          countValue(item, table.fields[c.field]);
        }
      }
      for (std::size_t f = 0; deleted && f < table.fields.size(); ++f) {
        if (deletedValues[f] > 0) {
          countValue(report_.erased[*deleted], table.fields[f], deletedValues[f]);
        }
      }
    }
  }

  void buildStatements() {
    const SqlBackend backend = db_.backend();
    // UPDATEs first (in dataset order), per column and value; pseudonyms one row at a time.
    for (std::size_t t = 0; t < decisions_.size(); ++t) {
      const Table& table = graph_.tableOf(t);
      const std::string from = qualifiedTable(backend, schemaOf(graph_, t), table.name);
      // Changes setting one column to one value: (field, method, value's text and kind).
      std::map<std::tuple<std::size_t, ErasureKind, std::string, int>,
               std::pair<SqlValue, std::vector<RowKey>>>
          groups;
      PlannedStatement pseudonyms;
      for (std::size_t r = 0; r < decisions_[t].size(); ++r) {
        for (const Change& c : decisions_[t][r].changes) {
          RowKey key = rowKeyOf(table, row(t, r));
          if (c.method == ErasureKind::kPseudonymise) {
            const std::string& field = table.fields[c.field].name;
            if (pseudonyms.runs.empty() || pseudonyms.field != field) {
              flush(pseudonyms);
              pseudonyms = PlannedStatement{
                  graph_.tables()[t].collection, "pseudonymise", field, {}, {}, {}};
            }
            pseudonyms.runs.push_back(
                buildUpdate(backend, from, {field, Assignment::Kind::kValue, c.value}, {key}));
            pseudonyms.rowsPerRun.push_back(1);
            pseudonyms.rows.push_back(std::move(key));
            continue;
          }
          auto& group =
              groups[{c.field, c.method, c.value.canonical(), static_cast<int>(c.value.kind)}];
          group.first = c.value;
          group.second.push_back(std::move(key));
        }
      }
      flush(pseudonyms);
      for (const auto& [group, change] : groups) {
        const std::size_t f = std::get<0>(group);
        const ErasureKind method = std::get<1>(group);
        const auto& [value, keys] = change;
        const Assignment set{table.fields[f].name,
                             value.isNull() ? Assignment::Kind::kNull : Assignment::Kind::kValue,
                             value};
        addChunked(report_.statements,
                   {graph_.tables()[t].collection,
                    std::string(toString(method)),
                    table.fields[f].name,
                    {},
                    {},
                    {}},
                   keys, options_.chunkSize, [&](const std::vector<RowKey>& chunk) {
                     return buildUpdate(backend, from, set, chunk);
                   });
      }
    }
    // DELETEs, rows that refer to others before the rows they refer to.
    for (std::size_t t : childrenFirst(graph_)) {
      std::vector<RowKey> keys;
      for (std::size_t r = 0; r < decisions_[t].size(); ++r) {
        if (decisions_[t][r].remove) keys.push_back(rowKeyOf(graph_.tableOf(t), row(t, r)));
      }
      const std::string from = qualifiedTable(backend, schemaOf(graph_, t), graph_.tableOf(t).name);
      addChunked(report_.statements, {graph_.tables()[t].collection, "delete_row", "", {}, {}, {}},
                 keys, options_.chunkSize, [&](const std::vector<RowKey>& chunk) {
                   return buildDelete(backend, from, chunk);
                 });
    }
  }

  void flush(PlannedStatement& statement) {
    if (!statement.runs.empty()) report_.statements.push_back(std::move(statement));
    statement = PlannedStatement{};
  }

  SqlDatabase& db_;
  const DatasetGraph& graph_;
  SubjectRows& rows_;
  const ErasureOptions& options_;
  std::string today_;
  Pseudonymiser pseudonymiser_;  // its key dies with the planner, at the end of the call
  std::vector<std::vector<Decision>> decisions_;
  std::vector<std::vector<std::size_t>> covered_;  // by table: fields the categories cover
  std::map<std::pair<std::size_t, std::size_t>, bool> textColumns_;
  std::map<std::pair<std::size_t, std::string>, std::unordered_set<std::string>> removedValues_;
  ErasureReport report_;
};

}  // namespace

const char* erasureAnswer(const ErasureReport& report) {
  if (report.rowsFound == 0) return "not_found";
  if (!report.review.empty()) return "needs_review";
  if (erasedValues(report) == 0 && !report.retained.empty()) return "retained";
  return "erased";
}

long long erasedValues(const ErasureReport& report) {
  long long total = 0;
  for (const auto& [category, n] : report.counts) total += n;
  return total;
}

Result<ErasureReport> runErasure(SqlDatabase& db, const DatasetGraph& graph,
                                 const std::vector<SeedValue>& seeds,
                                 const ErasureOptions& options) {
  const std::string today = options.today.empty() ? todayUtc() : options.today;
  return changeSubjectRows<ErasureReport>(
      db, graph, seeds, {options.chunkSize, options.dryRun, options.cancelled},
      [&](SubjectRows& rows) { return ErasurePlanner(db, graph, rows, options, today).plan(); });
}

}  // namespace dsrflow::sql
