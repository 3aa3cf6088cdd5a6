#include "sql/erasure/erasure.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "sql/dataset/names.hpp"
#include "sql/erasure/database_cascades.hpp"
#include "sql/erasure/literal_value.hpp"
#include "sql/erasure/pseudonymiser.hpp"
#include "sql/erasure/retention_period.hpp"
#include "sql/erasure/row_decisions.hpp"
#include "sql/erasure/subject_rows.hpp"
#include "sql/erasure/write_transaction.hpp"

namespace dsrflow::sql {
namespace {

bool coversAny(const std::vector<std::string>& prefixes, const Field& field) {
  return std::any_of(field.categories.begin(), field.categories.end(),
                     [&](const std::string& c) { return covers(prefixes, c); });
}

// Why a row the dataset says to delete stays (its fields erased in place).
struct KeepReason {
  std::string protects;
  std::vector<std::string> columns;
  bool retained = false;
};

const ErasureStrategy kSetNull{ErasureKind::kSetNull, {}, {}, {}};
const ErasureStrategy kDeleteRow{ErasureKind::kDeleteRow, {}, {}, {}};

class ErasurePlanner {
 public:
  ErasurePlanner(SqlDatabase& db, const DatasetGraph& graph, SubjectRows& rows,
                 const ErasureOptions& options, std::string today)
      : db_(db),
        graph_(graph),
        rows_(rows),
        options_(options),
        today_(std::move(today)),
        pseudonymiser_(options.pseudonymKey) {}

  // Decides every row, then asks what the database's foreign keys would do to that plan; when
  // they would delete or change rows that must stay, the rows whose deletion causes it are kept
  // (their fields erased in place) and everything is decided again, until the plan harms none.
  Result<ErasureReport> plan() {
    std::optional<DatabaseCascades> cascades;  // read once a row is to be deleted
    for (;;) {
      if (Status s = decideAll(); !s) return s.error();
      std::vector<RowRef> planned;
      for (std::size_t t = 0; t < decisions_.size(); ++t) {
        for (std::size_t r = 0; r < decisions_[t].size(); ++r) {
          if (decisions_[t][r].remove) planned.emplace_back(t, r);
        }
      }
      if (planned.empty()) break;
      if (!cascades) {
        auto read = DatabaseCascades::read(db_, graph_);
        if (!read) return read.error();
        cascades = std::move(read).value();
      }
      if (!cascades->actsOnDelete()) break;  // the database deletes and changes nothing more
      std::vector<std::pair<std::size_t, std::vector<SqlValue>>> keys;
      keys.reserve(planned.size());
      for (const auto& [t, r] : planned) keys.emplace_back(t, keyValues(t, r));
      auto effects = cascades->follow(db_, keys, options_.chunkSize);
      if (!effects) return effects.error();
      if (!keepRowsCascadesWouldHarm(*cascades, *effects, planned)) {
        reportCascades(*cascades, *effects, planned);
        break;
      }
    }
    countDecisions(graph_, rows_, decisions_, options_.categories, report_);
    reportKept();
    report_.statements = decisionStatements(
        db_.backend(), graph_, rows_, decisions_, options_.chunkSize,
        cascades ? cascades->graphLinks() : std::vector<std::pair<std::size_t, std::size_t>>{});
    return std::move(report_);
  }

 private:
  [[nodiscard]] const SubjectRow& row(std::size_t t, std::size_t r) const {
    return rows_.byTable[t][r];
  }

  // The row's values of the columns that tell its table's rows apart (as the cascades name it).
  [[nodiscard]] std::vector<SqlValue> keyValues(std::size_t t, std::size_t r) const {
    std::vector<SqlValue> values;
    for (const FieldValue& part : rowKeyOf(graph_.tableOf(t), row(t, r))) {
      values.push_back(part.value);
    }
    return values;
  }

  // Decides every row afresh (rows in kept_ stay), holding shared rows for review.
  Status decideAll() {
    report_ = ErasureReport{};
    report_.rowsFound = rows_.count();
    removedValues_.clear();
    decisions_.assign(rows_.byTable.size(), {});
    checked_.resize(rows_.byTable.size());
    for (std::size_t t = 0; t < rows_.byTable.size(); ++t) {
      decisions_[t].resize(rows_.byTable[t].size());
      checked_[t].resize(rows_.byTable[t].size(), 0);
    }
    // Link tables last: their rows go with the rows they link, which must be decided first.
    for (const bool linkTables : {false, true}) {
      std::vector<RowRef> touched;
      std::vector<RowRef> unchecked;
      for (std::size_t t = 0; t < rows_.byTable.size(); ++t) {
        if (graph_.tableOf(t).linkTable.has_value() != linkTables) continue;
        for (std::size_t r = 0; r < rows_.byTable[t].size(); ++r) {
          if (rows_.byTable[t][r].farEnd) {
            ++report_.farEndRows;
            continue;
          }
          if (Status s = decide(t, r); !s) return s;
          if (!decisions_[t][r].touches()) continue;
          touched.emplace_back(t, r);
          if (checked_[t][r] == 0) {
            checked_[t][r] = 1;
            unchecked.emplace_back(t, r);
          }
        }
      }
      if (Status s = findSharedRows(db_, graph_, rows_, unchecked, options_.chunkSize); !s) {
        return s;
      }
      bool anyHeld = false;
      for (const auto& [t, r] : touched) {
        if (rows_.byTable[t][r].linkedFrom.empty()) continue;
        holdForReview(t, r);
        anyHeld = true;
      }
      if (anyHeld) holdRowsOfHeldRows(touched);
    }
    return Ok{};
  }

  // Holds the rows that hang only off held rows (and those hanging off them, and so on): they
  // are part of the shared data a reviewer decides about, not the person's alone.
  void holdRowsOfHeldRows(const std::vector<RowRef>& touched) {
    const auto held = [&](const RowRef& ref) { return decisions_[ref.first][ref.second].held; };
    for (;;) {
      auto owned = rowsOfHeldRows(graph_, rows_, touched, held);
      if (owned.empty()) return;
      for (auto& [ref, owners] : owned) {
        rows_.byTable[ref.first][ref.second].linkedFrom = std::move(owners);
        holdForReview(ref.first, ref.second);
      }
    }
  }

  // Retained data the row holds still (its table's period or a field's has not ended).
  [[nodiscard]] bool holdsRetainedData(std::size_t t, std::size_t r) const {
    const Table& table = graph_.tableOf(t);
    if (table.erasure && table.erasure->kind == ErasureKind::kRetain &&
        stillKept(endOf(t, r, table.erasure->retention))) {
      return true;
    }
    return std::any_of(table.fields.begin(), table.fields.end(), [&](const Field& field) {
      return field.erasure && field.erasure->kind == ErasureKind::kRetain &&
             stillKept(endOf(t, r, field.erasure->retention));
    });
  }

  // Whether one of `columns` of the row holds retained personal data.
  [[nodiscard]] bool retainsColumn(std::size_t t, std::size_t r,
                                   const std::vector<std::string>& columns) const {
    const Table& table = graph_.tableOf(t);
    const bool tableKept = table.erasure && table.erasure->kind == ErasureKind::kRetain &&
                           stillKept(endOf(t, r, table.erasure->retention));
    for (const std::string& column : columns) {
      const Field* field = table.field(column);
      if (field == nullptr || field->categories.empty()) continue;
      if (tableKept || (field->erasure && field->erasure->kind == ErasureKind::kRetain &&
                        stillKept(endOf(t, r, field->erasure->retention)))) {
        return true;
      }
    }
    return false;
  }

  // The subject's row of graph table `t` with these key values, if it is one. The index is
  // built on the first question: most erasures meet no cascade and never ask.
  [[nodiscard]] std::optional<std::size_t> subjectRow(std::size_t t,
                                                      const std::vector<SqlValue>& key) {
    if (subjectIndex_.empty()) {
      subjectIndex_.resize(rows_.byTable.size());
      for (std::size_t table = 0; table < rows_.byTable.size(); ++table) {
        for (std::size_t r = 0; r < rows_.byTable[table].size(); ++r) {
          subjectIndex_[table].emplace(keyText(keyValues(table, r)), r);
        }
      }
    }
    auto it = subjectIndex_[t].find(keyText(key));
    if (it == subjectIndex_[t].end()) return std::nullopt;
    return it->second;
  }

  void reportKept() {
    for (const auto& [ref, reason] : kept_) {
      const std::string& collection = graph_.tables()[ref.first].collection;
      auto it = std::find_if(report_.kept.begin(), report_.kept.end(), [&](const KeptItem& i) {
        return i.collection == collection && i.protects == reason.protects &&
               i.columns == reason.columns && i.retained == reason.retained;
      });
      if (it == report_.kept.end()) {
        it = report_.kept.insert(report_.kept.end(), KeptItem{collection, reason.protects,
                                                              reason.columns, reason.retained, 0});
      }
      ++it->rows;
    }
  }

  // Finds the rows the database would delete or change although they must stay: retained data
  // (the law keeps it; a cascade must not destroy it behind the report's back) and rows that are
  // not this person's (another person's row, or a shared row at the far end of a link table:
  // the dataset never foresaw their loss). For each, the planned row whose deletion starts the
  // chain is kept. True when a row was added.
  bool keepRowsCascadesWouldHarm(const DatabaseCascades& cascades, const CascadeEffects& effects,
                                 const std::vector<RowRef>& planned) {
    bool added = false;
    auto keep = [&](const AffectedRow& harmed, bool retained) {
      std::size_t root = harmed.parent;
      while (effects.deleted[root].via) root = effects.deleted[root].parent;
      const CascadeKey& key = cascades.keys()[*harmed.via];
      KeepReason reason{cascades.tables()[harmed.table].name, key.columns, retained};
      added = kept_.emplace(planned[root], std::move(reason)).second || added;
    };
    for (std::size_t i = planned.size(); i < effects.deleted.size(); ++i) {
      const AffectedRow& harmed = effects.deleted[i];
      const std::optional<std::size_t> t = cascades.tables()[harmed.table].graphTable;
      if (!t) continue;
      const std::optional<std::size_t> r = subjectRow(*t, harmed.key);
      if (!r || row(*t, *r).farEnd) {
        keep(harmed, false);
      } else if (holdsRetainedData(*t, *r)) {
        keep(harmed, true);
      }
    }
    for (const AffectedRow& changed : effects.changed) {
      const std::optional<std::size_t> t = cascades.tables()[changed.table].graphTable;
      if (!t) continue;
      const std::optional<std::size_t> r = subjectRow(*t, changed.key);
      if (r && retainsColumn(*t, *r, cascades.keys()[*changed.via].columns)) keep(changed, true);
    }
    return added;
  }

  // Reports what the database does to the settled plan. A row of the person's that the
  // database deletes is counted as deleted (by the cascade), whatever the plan meant to do
  // with it: updating it first would be pointless. That includes a shared row held for review:
  // the schema says it cannot outlive the person's row (CiviCRM's relationship between two
  // contacts), so it cannot stay for review, and keeping the person's row alive just for it
  // would leave the person half erased against the dataset's instruction while a reviewer could
  // not keep the shared row without keeping the person's anyway. A data-protection officer
  // needs the truth instead: which shared rows went (shared_rows), so the others can be told.
  void reportCascades(const DatabaseCascades& cascades, const CascadeEffects& effects,
                      const std::vector<RowRef>& planned) {
    auto itemOf = [&](const AffectedRow& row) -> CascadeItem& {
      const CascadeKey& key = cascades.keys()[*row.via];
      const CascadeTable& table = cascades.tables()[row.table];
      const std::string& from = cascades.tables()[effects.deleted[row.parent].table].name;
      for (CascadeItem& item : report_.cascades) {
        if (item.table == table.name && item.from == from && item.columns == key.columns) {
          return item;
        }
      }
      return report_.cascades.emplace_back(CascadeItem{table.name, table.graphTable.has_value(),
                                                       from, key.columns, key.onDelete, 0, 0, 0});
    };
    auto tally = [&](const AffectedRow& affected, bool deleted) {
      CascadeItem& item = itemOf(affected);
      ++item.rows;
      const std::optional<std::size_t> t = cascades.tables()[affected.table].graphTable;
      if (!t) return;
      const std::optional<std::size_t> r = subjectRow(*t, affected.key);
      if (!r) {
        ++item.others;
        return;
      }
      Decision& decision = decisions_[*t][*r];
      if (decision.held) ++item.shared;
      if (deleted) decision = Decision{false, {}, 0, false, item.from};
    };
    for (std::size_t i = planned.size(); i < effects.deleted.size(); ++i) {
      tally(effects.deleted[i], true);
    }
    for (const AffectedRow& changed : effects.changed) tally(changed, false);
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

  // The fields of table `t` the request's categories cover, worked out once per table.
  const std::vector<std::size_t>& coveredFields(std::size_t t) {
    if (covered_.empty()) covered_.resize(rows_.byTable.size());
    if (!covered_[t]) {
      std::vector<std::size_t>& fields = covered_[t].emplace();
      const Table& table = graph_.tableOf(t);
      for (std::size_t f = 0; f < table.fields.size(); ++f) {
        if (coversAny(options_.categories, table.fields[f])) fields.push_back(f);
      }
    }
    return *covered_[t];
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
    const std::vector<std::size_t>& covered = coveredFields(t);
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
    // A field still to be retained keeps its row, and so does a row whose deletion would make
    // the database delete or change rows that must stay.
    bool rowMustStay = kept_.count({t, r}) > 0;
    for (const Field& field : table.fields) {
      if (field.erasure && field.erasure->kind == ErasureKind::kRetain) {
        rowMustStay = rowMustStay || stillKept(endOf(t, r, field.erasure->retention));
      }
    }
    std::vector<std::size_t>& deleting = deleting_;  // reused: asked once per row
    deleting.clear();
    for (std::size_t f : covered) {
      const Field& field = table.fields[f];
      const ErasureStrategy* strategy = strategyOf(table, field);
      if (!strategy) {
        if (!row(t, r).values[f].isNull()) ++decision.keysKept;
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
      decision.keysKept = 0;
      noteMethod(ErasureKind::kDeleteRow);
      return Ok{};
    }
    for (std::size_t f : deleting) {
      if (table.fields[f].primaryKey) {
        ++decision.keysKept;
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
    decisions_[t][r].held = true;
  }

  SqlDatabase& db_;
  const DatasetGraph& graph_;
  SubjectRows& rows_;
  const ErasureOptions& options_;
  std::string today_;
  Pseudonymiser pseudonymiser_;  // its copy of the key dies with the planner
  Decisions decisions_;
  std::vector<std::optional<std::vector<std::size_t>>> covered_;  // by table, once asked
  std::map<std::pair<std::size_t, std::size_t>, bool> textColumns_;
  std::map<std::pair<std::size_t, std::string>, std::unordered_set<std::string>> removedValues_;
  std::vector<std::vector<char>> checked_;  // by table and row: findSharedRows looked at it
  std::map<RowRef, KeepReason> kept_;
  std::vector<std::size_t> deleting_;  // decide()'s fields that delete the row
  std::vector<std::unordered_map<std::string, std::size_t>> subjectIndex_;  // key text -> row
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

long long cascadedRows(const ErasureReport& report) {
  long long total = 0;
  for (const CascadeItem& item : report.cascades) total += item.rows;
  return total;
}

Result<ErasureReport> runErasure(SqlDatabase& db, const DatasetGraph& graph,
                                 const std::vector<SeedValue>& seeds,
                                 const ErasureOptions& options) {
  if (!options.pseudonymKey.empty() && !Pseudonymiser::isKey(options.pseudonymKey)) {
    return invalidArgument("the pseudonym key is not 64 lower-case hex digits");
  }
  const std::string today = options.today.empty() ? todayUtc() : options.today;
  return changeSubjectRows<ErasureReport>(
      db, graph, seeds, {options.chunkSize, options.dryRun, options.cancelled},
      [&](SubjectRows& rows) { return ErasurePlanner(db, graph, rows, options, today).plan(); });
}

}  // namespace dsrflow::sql
