// `dsrflow dataset erase-plan`: what the SQL connector's erasure would do to one person's data in
// a database, shown without a configuration and without changing anything (the connector's dry
// run: the same search and plan in a read-only snapshot, nothing executed).

#include <sstream>

#include "app/command.hpp"
#include "app/dataset_command_support.hpp"
#include "app/identity_options.hpp"
#include "sql/access/database_url.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/dataset/dataset_graph.hpp"
#include "sql/dataset/dataset_loader.hpp"
#include "sql/erasure/erasure.hpp"

namespace dsrflow::app {
namespace {

// A row's key as `id=1` or `email=... last_visit=...`.
std::string keyText(const sql::RowKey& key) {
  std::string out;
  for (const sql::FieldValue& part : key) {
    out += (out.empty() ? "" : " ") + part.field->name + "=" +
           (part.value.isNull() ? "NULL" : part.value.canonical());
  }
  return out;
}

std::string columnList(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) out += (out.empty() ? "" : ", ") + c;
  return out;
}

void printReport(std::ostream& out, const sql::ErasureReport& report) {
  out << "rows found: " << report.rowsFound << "; the erasure would answer "
      << sql::erasureAnswer(report) << "\n";
  if (!report.counts.empty()) {
    std::string counts;
    for (const auto& [category, n] : report.counts) {
      counts += (counts.empty() ? "" : ", ") + category + " " + std::to_string(n);
    }
    out << "values it would erase: " << counts << "\n";
    for (const sql::ErasedItem& item : report.erased) {
      out << "  " << item.collection << ": "
          << (item.cascadeFrom.empty()
                  ? std::string(toString(item.method))
                  : "deleted by the database (cascade from " + item.cascadeFrom + ")")
          << ", " << item.rows << " row(s)\n";
    }
  }
  if (!report.retained.empty()) out << "retained:\n";
  for (const sql::RetainedItem& item : report.retained) {
    out << "  " << item.collection << " " << item.category << ": " << item.rows << " row(s) "
        << (item.end.empty() ? "with no end date" : "until " + item.end) << " (" << item.basis
        << ")\n";
  }
  if (!report.review.empty()) out << "left for review (other people's rows link to them):\n";
  for (const sql::ReviewItem& item : report.review) {
    std::string from;
    for (const std::string& c : item.linkedFrom) from += (from.empty() ? "" : ", ") + c;
    out << "  " << item.collection << " " << keyText(item.key) << " (linked from " << from << ")\n";
  }
  if (!report.cascades.empty()) out << "what the database does itself (its foreign keys):\n";
  for (const sql::CascadeItem& item : report.cascades) {
    const std::string rows = std::to_string(item.rows) + " row(s) of " + item.table;
    out << "  "
        << (item.action == sql::ReferentialAction::kCascade
                ? "deletes " + rows
                : "sets " + columnList(item.columns) +
                      (item.action == sql::ReferentialAction::kSetNull ? " to NULL"
                                                                       : " to default") +
                      " in " + rows)
        << " (foreign key on " << columnList(item.columns) << " to " << item.from << ")";
    if (item.shared > 0) out << "; " << item.shared << " of them shared with other people";
    if (item.others > 0) out << "; " << item.others << " of them not this person's";
    if (!item.inDataset) out << "; a table the dataset does not describe";
    out << "\n";
  }
  if (!report.kept.empty()) out << "kept, their fields erased in place:\n";
  for (const sql::KeptItem& item : report.kept) {
    out << "  " << item.rows << " row(s) of " << item.collection
        << ": deleting them would make the database delete or change "
        << (item.retained ? "retained rows" : "rows that are not this person's") << " of "
        << item.protects << " (foreign key on " << columnList(item.columns) << ")\n";
  }
  if (report.farEndRows > 0) {
    out << "unchanged: " << report.farEndRows << " row(s) at the far end of link tables\n";
  }
  out << "statements, in order (values are bound, never shown):\n";
  if (report.statements.empty()) out << "  none\n";
  for (std::size_t i = 0; i < report.statements.size(); ++i) {
    const sql::PlannedStatement& s = report.statements[i];
    out << "  " << i + 1 << ". " << s.sql() << "\n     ";
    if (s.runs.size() > 1) out << "runs " << s.runs.size() << " times, once per row; ";
    out << "rows:";
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
      out << (r == 0 ? " " : "; ") << keyText(s.rows[r]);
    }
    out << "\n";
  }
}

int erasePlan(CommandContext& ctx, const Arguments& args) {
  const auto url = args.value("--url");
  const std::vector<std::string> files = args.values("--dataset");
  if (!url || files.empty()) {
    ctx.err << "dsrflow: dataset erase-plan needs --url and at least one --dataset\n";
    return kExitUsage;
  }
  auto submitted = submittedIdentities(args);
  if (!submitted) {
    ctx.err << "dsrflow: " << submitted.error().message << '\n';
    return kExitUsage;
  }
  std::vector<sql::SeedValue> seeds;
  for (std::size_t i = 0; i < submitted->size(); ++i) {
    const SubmittedIdentity& s = (*submitted)[i];
    auto identity = normalizeIdentity(s.type, s.subtype, s.format, s.value);
    if (!identity) {
      ctx.err << "dsrflow: identities[" << i << "]: " << identity.error().message << '\n';
      return kExitUsage;
    }
    if (identity->format != IdentityFormat::kRaw) continue;  // datasets hold values
    seeds.push_back({std::string(toString(identity->type)), identity->value});
    if (!identity->subtype.empty()) seeds.push_back({identity->subtype, identity->value});
  }
  if (seeds.empty()) {
    ctx.err << "dsrflow: name the person with --email, --phone, ... (raw values)\n";
    return kExitUsage;
  }

  std::vector<sql::Dataset> datasets;
  for (const std::string& file : files) {
    auto dataset = sql::loadDataset(file);
    if (!dataset) {
      ctx.err << "dsrflow: " << dataset.error().message << '\n';
      return kExitUsage;
    }
    datasets.push_back(std::move(dataset).value());
  }
  auto graph = sql::DatasetGraph::build(std::move(datasets));
  if (!graph) {
    ctx.err << "dsrflow: " << graph.error().message << '\n';
    return kExitUsage;
  }
  sql::DatabaseUrl parsed;
  int exit = kExitOk;
  std::unique_ptr<sql::SqlDatabase> db = openDatabaseOption(ctx, args, parsed, exit);
  if (!db) return exit;
  sql::ErasureOptions options;
  options.categories = args.values("--category");
  options.dryRun = true;
  auto report = sql::runErasure(*db, *graph, seeds, options);
  if (!report) {
    ctx.err << "dsrflow: " << report.error().message << '\n';
    return kExitFailure;
  }
  ctx.out << "erase plan for " << parsed.display << " (a dry run: nothing was changed)\n";
  printReport(ctx.out, *report);
  return kExitOk;
}

}  // namespace

Command datasetErasePlanCommand() {
  std::ostringstream usage;
  usage << "usage: dsrflow dataset erase-plan --url URL --dataset FILE... IDENTITY...\n"
           "                                  [--category CATEGORY]... [--password-env NAME]\n\n"
           "Shows what the SQL connector's erasure would do to one person's data in a\n"
           "database: the values per category, what is retained and until when, rows left for\n"
           "review because other people's rows link to them, and every statement in the order\n"
           "it would run, with placeholders for its values and the rows it touches by key.\n"
           "Nothing is changed: the search and the plan run in a read-only snapshot.\n\n"
           "options:\n"
           "  --url URL            the database, as in the connector's configuration\n"
           "  --dataset FILE       a dataset file of the database (repeat for several)\n"
           "  --category C         erase only this data category and those under it (repeat;\n"
           "                       default: all)\n"
           "  --password-env NAME  read the database password from this environment variable\n"
        << kIdentityOptionsHelp
        << "Exit code 0 with a plan, 1 when the database cannot be read, 2 for bad options or\n"
           "datasets.\n";
  return {
      "dataset erase-plan",
      "show what erasing one person from a SQL database would do, changing nothing",
      usage.str(),
      {.valueOptions = withIdentityOptions({"--url", "--dataset", "--category", "--password-env"}),
       .minPositional = 0,
       .maxPositional = 0},
      erasePlan};
}

}  // namespace dsrflow::app
