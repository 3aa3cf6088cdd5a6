// `dsrflow dataset check` and `dsrflow dataset import-fides`: the SQL connector's dataset files
// (connectors/sql/dataset), checked and converted without a configuration; `check --url` also
// holds the files against a live database's catalog.

#include "app/command.hpp"
#include "app/dataset_command_support.hpp"
#include "sql/access/access_traversal.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/dataset/dataset_graph.hpp"
#include "sql/dataset/dataset_loader.hpp"
#include "sql/dataset/dataset_writer.hpp"
#include "sql/dataset/fides_importer.hpp"
#include "sql/erasure/cascade_warnings.hpp"

namespace dsrflow::app {
namespace {

// With --url: what the database's own foreign keys do when erasure deletes rows (names only
// are read, never a row).
int checkAgainstDatabase(CommandContext& ctx, const Arguments& args,
                         const sql::DatasetGraph& graph) {
  sql::DatabaseUrl url;
  int exit = kExitOk;
  std::unique_ptr<sql::SqlDatabase> db = openDatabaseOption(ctx, args, url, exit);
  if (!db) return exit;
  if (Status schema = sql::checkSchema(*db, graph); !schema) {
    ctx.err << "dsrflow: " << url.display << ": " << schema.error().message << '\n';
    return kExitUsage;
  }
  auto cascades = sql::DatabaseCascades::read(*db, graph);
  if (!cascades) {
    ctx.err << "dsrflow: " << url.display << ": " << cascades.error().message << '\n';
    return kExitFailure;
  }
  const std::vector<std::string> warnings = sql::cascadeWarnings(graph, *cascades);
  ctx.out << url.display << ": every declared table and column exists; " << cascades->keys().size()
          << " foreign key(s) read\n";
  for (const std::string& warning : warnings) ctx.out << "warning: " << warning << '\n';
  return kExitOk;
}

int check(CommandContext& ctx, const Arguments& args) {
  std::vector<sql::Dataset> datasets;
  for (const std::string& file : args.positional()) {
    auto dataset = sql::loadDataset(file);
    if (!dataset) {
      ctx.err << "dsrflow: " << dataset.error().message << '\n';
      return kExitUsage;
    }
    datasets.push_back(std::move(dataset).value());
  }
  auto graph = sql::DatasetGraph::build(datasets);
  if (!graph) {
    ctx.err << "dsrflow: " << graph.error().message << '\n';
    return kExitUsage;
  }
  for (const sql::Dataset& dataset : datasets) {
    ctx.out << dataset.file << ": ok (" << datasetSummary(dataset) << ")\n";
  }
  for (std::size_t index : graph->unreachableTables()) {
    const sql::Table& table = graph->tableOf(index);
    ctx.out << "warning: "
            << table.where.format("no identity reaches table '" + table.name +
                                  "' (add an identity or a link to it, or mark it skip)")
            << '\n';
  }
  if (args.value("--url")) return checkAgainstDatabase(ctx, args, *graph);
  return kExitOk;
}

int importFides(CommandContext& ctx, const Arguments& args) {
  const std::string& file = args.positional()[0];
  auto imported = sql::importFides(file);
  if (!imported) {
    ctx.err << "dsrflow: " << imported.error().message << '\n';
    return kExitUsage;
  }
  const std::vector<sql::Dataset>& datasets = imported->datasets;
  std::string names;
  for (const sql::Dataset& d : datasets) names += (names.empty() ? "" : ", ") + d.name;
  const sql::Dataset* chosen = datasets.size() == 1 ? &datasets[0] : nullptr;
  if (auto wanted = args.value("--dataset")) {
    chosen = nullptr;
    for (const sql::Dataset& d : datasets) {
      if (d.name == *wanted) chosen = &d;
    }
    if (chosen == nullptr) {
      ctx.err << "dsrflow: " << file << " has no dataset '" << *wanted << "' (it has: " << names
              << ")\n";
      return kExitUsage;
    }
  } else if (chosen == nullptr) {
    ctx.err << "dsrflow: " << file << " holds " << datasets.size()
            << " datasets; choose one with --dataset (" << names << ")\n";
    return kExitUsage;
  }
  for (const std::string& note : imported->notes) ctx.err << "note: " << note << '\n';

  const std::string text = sql::writeDataset(*chosen, sql::importComment(file, *chosen));
  return writeDatasetOutput(ctx, args, text, *chosen);
}

}  // namespace

Command datasetCheckCommand() {
  return {"dataset check",
          "validate SQL connector dataset files",
          "usage: dsrflow dataset check FILE... [--url URL [--password-env NAME]]\n\n"
          "Reads the dataset files of one system (the SQL connector's description of a\n"
          "database: tables, fields, data categories, identities and links), checks every key,\n"
          "name and link, also links from one file into another, and prints a summary per\n"
          "file or the first error as FILE:LINE: KEY: PROBLEM. Tables no identity can reach\n"
          "are listed as warnings.\n\n"
          "With --url it also checks the files against the database (names only, never a row):\n"
          "every declared table and column must exist, and the database's foreign keys are\n"
          "read: a warning names each table the dataset does not describe whose rows the\n"
          "database deletes or changes (ON DELETE CASCADE / SET NULL / SET DEFAULT) when\n"
          "erasure deletes rows of a dataset table, and each retained table the database would\n"
          "empty with its parent rows.\n\n"
          "options:\n"
          "  --url URL            the database, as in the connector's configuration\n"
          "  --password-env NAME  read the database password from this environment variable\n"
          "Exit code 0 when valid, 1 when the database cannot be read, 2 when not valid.\n",
          {.valueOptions = {"--url", "--password-env"}, .minPositional = 1, .maxPositional = 64},
          check};
}

Command datasetImportFidesCommand() {
  return {"dataset import-fides",
          "convert a fideslang (Ethyca Fides) dataset for the SQL connector",
          "usage: dsrflow dataset import-fides FILE [--output OUT] [--dataset KEY]\n\n"
          "Converts a fideslang dataset file into a dsrflow dataset file: collections become\n"
          "tables, identities, primary keys and references carry over, masking strategy\n"
          "overrides become erasure strategies where one means the same. Origins are guessed\n"
          "from the data categories and must be reviewed. What has no equivalent is listed as\n"
          "notes on stderr.\n\n"
          "options:\n"
          "  --output OUT   write the dataset to OUT (default: stdout); an existing OUT is\n"
          "                 never overwritten\n"
          "  --dataset KEY  the fides_key to convert when FILE holds several datasets\n"
          "Exit code 0 when converted, 2 when FILE is not a convertible fideslang dataset.\n",
          {.valueOptions = {"--output", "--dataset"}, .minPositional = 1, .maxPositional = 1},
          importFides};
}

}  // namespace dsrflow::app
