// `dsrflow dataset infer`: a draft dataset file from a live database's catalog (tables, keys,
// foreign keys, categories guessed from column names), for a person to review before use.

#include <filesystem>

#include "app/command.hpp"
#include "app/dataset_command_support.hpp"
#include "sql/access/schema_catalog.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/dataset/dataset_validation.hpp"
#include "sql/dataset/dataset_writer.hpp"
#include "sql/dataset/names.hpp"
#include "sql/dataset/schema_inference.hpp"

namespace dsrflow::app {
namespace {

// A dataset name from the database: the SQLite file's name or the schema, with what a dataset
// name may not hold replaced by `_`.
std::string defaultName(const sql::DatabaseUrl& url, const sql::DatabaseSchema& schema) {
  std::string name = !url.sqliteFile.empty() ? std::filesystem::path(url.sqliteFile).stem().string()
                     : !schema.schema.empty() ? schema.schema
                                              : "database";
  for (char& c : name) {
    if (!sql::isValidDatasetName(std::string(1, c))) c = '_';
  }
  return sql::isValidDatasetName(name) ? name : "database";
}

int infer(CommandContext& ctx, const Arguments& args) {
  auto url = databaseUrlOption(args);
  if (!url) {
    ctx.err << "dsrflow: " << url.error().message << '\n';
    return kExitUsage;
  }
  const std::string schemaName = args.value("--schema").value_or("");
  if (!schemaName.empty() && url->backend == sql::SqlBackend::kSqlite) {
    ctx.err << "dsrflow: --schema: SQLite databases have no schemas\n";
    return kExitUsage;
  }
  if (!schemaName.empty() && !sql::isValidIdentifier(schemaName)) {
    ctx.err << "dsrflow: --schema: '" << schemaName << "' is not a schema name\n";
    return kExitUsage;
  }
  const auto name = args.value("--dataset");
  if (name && !sql::isValidDatasetName(*name)) {
    ctx.err << "dsrflow: --dataset: '" << *name
            << "' is not a dataset name (letters, digits, _ and -)\n";
    return kExitUsage;
  }
  auto db = sql::SqlDatabase::open(*url);
  if (!db) {
    ctx.err << "dsrflow: " << db.error().message << '\n';
    return kExitFailure;
  }
  auto schema = sql::readSchema(**db, schemaName);
  if (!schema) {
    ctx.err << "dsrflow: " << url->display << ": " << schema.error().message << '\n';
    return schema.error().code == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  const sql::InferredDataset inferred =
      sql::inferDataset(*schema, name.value_or(defaultName(*url, *schema)), schemaName);
  // The draft is built to be valid; a failure here is a bug, not the database's fault.
  if (Status valid = sql::validateDataset(inferred.dataset); !valid) {
    ctx.err << "dsrflow: the drafted dataset is invalid: " << valid.error().message << '\n';
    return kExitFailure;
  }
  for (const std::string& note : inferred.notes) ctx.err << "note: " << note << '\n';
  const std::string source =
      url->display + (schemaName.empty() ? "" : " (schema " + schemaName + ")");
  return writeDatasetOutput(
      ctx, args, sql::writeDataset(inferred.dataset, sql::inferComment(source, inferred)),
      inferred.dataset);
}

}  // namespace

Command datasetInferCommand() {
  return {"dataset infer",
          "draft a SQL connector dataset from a live database's schema, for review",
          "usage: dsrflow dataset infer --url URL [--schema S] [--output FILE]\n"
          "                             [--dataset NAME] [--password-env NAME]\n\n"
          "Reads the database's catalog (names only, never a row) and drafts a dataset file:\n"
          "every table and column, primary keys, foreign keys as references in direction\n"
          "`from` (the referenced row finds the rows referring to it), two-column tables of\n"
          "two foreign keys as link tables, and data categories guessed from column names\n"
          "(e-mail and the first phone column of a table also as identities). The file says\n"
          "it is a draft: review the categories, origins, directions and erasure before use.\n"
          "What was left out is listed as notes on stderr.\n\n"
          "options:\n"
          "  --url URL            the database, as in the connector's configuration\n"
          "  --schema S           the schema to read (PostgreSQL: default the current schema;\n"
          "                       MySQL: a database; not for SQLite); written into the file\n"
          "  --output FILE        write the dataset to FILE (default: stdout); an existing\n"
          "                       FILE is never overwritten\n"
          "  --dataset NAME       the dataset's name (default: the SQLite file's or schema's)\n"
          "  --password-env NAME  read the database password from this environment variable\n"
          "Exit code 0 when drafted, 1 when the database cannot be read, 2 for bad options or\n"
          "a schema without tables.\n",
          {.valueOptions = {"--url", "--schema", "--output", "--dataset", "--password-env"},
           .minPositional = 0,
           .maxPositional = 0},
          infer};
}

}  // namespace dsrflow::app
