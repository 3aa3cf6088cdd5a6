#pragma once
// What the `dsrflow dataset` commands share: a dataset's one-line summary, writing a drafted or
// imported dataset file without overwriting a reviewed one, and the database a command names
// with --url and --password-env.

#include <memory>
#include <string>

#include "app/arguments.hpp"
#include "app/command.hpp"
#include "model/result.hpp"
#include "sql/access/database_url.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/dataset/dataset.hpp"

namespace dsrflow::app {

//! "dataset NAME: N table(s), N field(s) (N with data categories), ..."
std::string datasetSummary(const sql::Dataset& dataset);

//! Writes `text` (the dataset file of `dataset`) to --output, or stdout without it or for "-".
//! An existing file is never overwritten. The command's exit code.
int writeDatasetOutput(CommandContext& ctx, const Arguments& args, const std::string& text,
                       const sql::Dataset& dataset);

//! --url with the password from the environment variable --password-env names (a password is
//! never given on the command line, where other users of the machine can read it).
Result<sql::DatabaseUrl> databaseUrlOption(const Arguments& args);

//! Connects to the database --url names (into `url`). On failure says why on ctx.err and sets
//! `exit`: kExitUsage for bad options, kExitFailure when the database cannot be reached.
std::unique_ptr<sql::SqlDatabase> openDatabaseOption(CommandContext& ctx, const Arguments& args,
                                                     sql::DatabaseUrl& url, int& exit);

}  // namespace dsrflow::app
