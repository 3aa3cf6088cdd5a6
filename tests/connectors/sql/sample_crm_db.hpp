#pragma once
// The generated sample CRM (sample_crm.hpp) opened the way the connector's libraries use it: its
// dataset's search graph and a connection to the SQLite file.

#include <gtest/gtest.h>

#include <filesystem>
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

//! Creates the sample CRM at `file` and opens it, with the sample dataset's graph.
inline void openSampleCrm(const std::filesystem::path& file,
                          std::unique_ptr<sql::DatasetGraph>& graph,
                          std::unique_ptr<sql::SqlDatabase>& db) {
  createSampleCrm(file);
  buildGraph(kSampleCrmDataset, graph);
  auto url = sql::parseDatabaseUrl("sqlite3://" + file.string());
  ASSERT_TRUE(url.ok()) << url.error().message;
  auto opened = sql::SqlDatabase::open(*url);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  db = std::move(opened).value();
}

}  // namespace dsrflow::testing
