#pragma once
// The generated sample CRM (sample_crm.hpp) opened the way the connector's libraries use it: its
// dataset's search graph and a connection to the SQLite file.

#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>

#include "connectors/sql/sample_crm.hpp"
#include "sql/access/database_url.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/dataset/dataset_graph.hpp"
#include "sql/dataset/dataset_loader.hpp"

namespace dsrflow::testing {

//! The graph of the dataset `text` (a copy of kSampleCrmDataset, possibly changed).
inline void buildGraph(const std::string& text, std::unique_ptr<sql::DatasetGraph>& graph) {
  auto dataset = sql::parseDataset(text, "crm.yaml");
  ASSERT_TRUE(dataset.ok()) << dataset.error().message;
  auto built = sql::DatasetGraph::build({*dataset});
  ASSERT_TRUE(built.ok()) << built.error().message;
  graph = std::make_unique<sql::DatasetGraph>(std::move(built).value());
}

//! Opens the database at `url` (a connector URL) as the libraries use it.
inline void openDatabase(const std::string& url, std::unique_ptr<sql::SqlDatabase>& db) {
  auto parsed = sql::parseDatabaseUrl(url);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  auto opened = sql::SqlDatabase::open(*parsed);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  db = std::move(opened).value();
}

//! Runs setup statements (no values bound), failing the test at the first that fails.
inline void runStatements(sql::SqlDatabase& db, std::initializer_list<const char*> statements) {
  for (const char* statement : statements) {
    auto done = db.execute(sql::SelectQuery{statement, {}}, "setup");
    ASSERT_TRUE(done.ok()) << statement << ": " << done.error().message;
  }
}

//! Creates the sample CRM at `file` and opens it, with the sample dataset's graph.
inline void openSampleCrm(const std::filesystem::path& file,
                          std::unique_ptr<sql::DatasetGraph>& graph,
                          std::unique_ptr<sql::SqlDatabase>& db) {
  createSampleCrm(file);
  buildGraph(kSampleCrmDataset, graph);
  openDatabase("sqlite3://" + file.string(), db);
}

}  // namespace dsrflow::testing
