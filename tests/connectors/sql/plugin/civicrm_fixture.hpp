#pragma once
// CiviCRM 5.49 (fixtures/civicrm-5.49.4) as the SQL connector meets it: a fresh copy of the
// loaded sample database per test, on SQLite (the sqlt schema and data files) or PostgreSQL
// (pgloader's dump, schema `civicrm`), with the rows the sample lacks (civicrm_seed.hpp) and the
// shipped dataset connectors/sql/examples/civicrm.yaml. The dump is loaded once per test run: into
// a SQLite file in a cache directory, and into a PostgreSQL template database of the run's server
// that each test copies. Skipped with a message where ../shared/fixtures is absent.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "civicrm_oracle.hpp"
#include "civicrm_seed.hpp"
#include "sql/dataset/dataset_loader.hpp"
#include "sql/dataset/dataset_writer.hpp"
#include "sql_plugin_fixture.hpp"
#include "support/fixtures.hpp"
#include "support/mariadb_server.hpp"
#include "support/postgres_server.hpp"
#include "support/process.hpp"
#include "support/run_once.hpp"
#include "support/sql_shell.hpp"

namespace dsrflow::testing {

inline std::filesystem::path civicrmFixtures() { return *fixturesDir() / "civicrm-5.49.4"; }

//! Prints how long a step took: the suite's time depends on it.
inline void reportTime(const std::string& what, std::chrono::steady_clock::time_point start) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  std::cerr << what << " in " << ms << " ms\n";
}

//! The loaded SQLite database, built by the first test that needs it (the cache file is named
//! after the fixture files' size and time, so a changed fixture is loaded again).
inline std::filesystem::path civicrmSqliteTemplate() {
  namespace fs = std::filesystem;
  const fs::path schema = civicrmFixtures() / "civicrm_sqlite_schema_sqlt.sql";
  const fs::path data = civicrmFixtures() / "civicrm_sqlite_data.sql";
  const fs::path cache =
      fs::temp_directory_path() / ("dsrflow-fixtures-" + std::to_string(getuid()));
  fs::create_directories(cache);
  const auto stamp = std::to_string(fs::file_size(data)) + "-" +
                     std::to_string(fs::last_write_time(data).time_since_epoch().count());
  const fs::path file = cache / ("civicrm-" + stamp + ".db");
  onceAcrossProcesses(
      cache / "civicrm-sqlite.lock", [&] { return fs::exists(file); },
      [&] {
        const auto start = std::chrono::steady_clock::now();
        const fs::path partial = file.string() + ".partial";
        fs::remove(partial);
        ProcessResult load = runProcess(
            "sqlite3", {"-bail", partial.string(), ".read " + schema.string(),
                        "PRAGMA foreign_keys=OFF;", "BEGIN;", ".read " + data.string(), "COMMIT;"});
        if (load.exitCode != 0)
          throw std::runtime_error("loading CiviCRM into SQLite: " + load.err);
        fs::rename(partial, file);
        reportTime("loaded CiviCRM into SQLite", start);
      });
  return file;
}

//! The name of the PostgreSQL template database holding the loaded dump, on the run's server.
inline std::string civicrmPostgresTemplate() {
  const std::string name = "civicrm_template";
  PostgresServer& server = PostgresServer::shared();
  const std::filesystem::path lock =
      std::filesystem::temp_directory_path() /
      ("dsrflow-civicrm-pg-" + std::to_string(server.port()) + ".lock");
  const PsqlShell postgres(server.url());
  onceAcrossProcesses(
      lock,
      [&] {
        return !postgres.query("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").empty();
      },
      [&] {
        const auto start = std::chrono::steady_clock::now();
        const std::string loading = "civicrm_loading_" + std::to_string(getpid());
        const std::string url = server.createDatabase(loading);
        auto bin = PostgresServer::findBinDir();
        if (!bin) throw std::runtime_error("no PostgreSQL client programs found");
        ProcessResult load =
            runProcess((*bin / "psql").string(),
                       {"-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f",
                        (civicrmFixtures() / "civicrm_postgres15_pgloader.sql").string()});
        if (load.exitCode != 0) {
          throw std::runtime_error("loading CiviCRM into PostgreSQL: " + load.err);
        }
        // Renamed only when complete: an interrupted load never passes for the template.
        server.execute("ALTER DATABASE \"" + loading + "\" RENAME TO \"" + name + "\"");
        reportTime("loaded CiviCRM into PostgreSQL", start);
      });
  return name;
}

//! The contacts the acceptance tests follow, by id, with the e-mail that finds them.
struct CivicrmContact {
  std::string id;
  std::string email;
};

inline const std::vector<CivicrmContact>& civicrmContacts() {
  // 59: eleven contributions with line items, financial items and transactions, and the
  // seeded rows (a case and a dedupe exception shared with 30, notes and tags on its activity
  // and cases); 30: a membership, an event registration, relationships and shared activities,
  // with seeded notes on some of them; 12 and 55: notes and tags (polymorphic links),
  // relationships.
  static const std::vector<CivicrmContact> contacts = {
      {"59", "valenew12@testing.org"},
      {"30", "sm.wilson@lol.co.in"},
      {"12", "reynolds.brittney97@sample.net"},
      {"55", "delanawattson-prentice@airmail.info"}};
  return contacts;
}

class CivicrmTest : public SqlPluginTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    DSRFLOW_REQUIRE_FIXTURES();
    SqlPluginTest::SetUp();
    auto loaded = sql::loadDataset((sourceDir() / "connectors/sql/examples/civicrm.yaml").string());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    dataset_ = *loaded;
    sql::Dataset& dataset = dataset_;
    try {
      if (GetParam() == "sqlite") {
        std::filesystem::copy_file(civicrmSqliteTemplate(), dir_ / "civicrm.db");
        url_ = "sqlite3://" + (dir_ / "civicrm.db").string();
        shell_ = std::make_unique<SqliteShell>(dir_ / "civicrm.db");
      } else if (GetParam() == "mariadb") {
        url_ = civicrmMariadb();
      } else {
        static std::atomic<int> counter{0};
        const std::string templ = civicrmPostgresTemplate();
        url_ = PostgresServer::shared().createDatabase(
            "sql_civicrm_" + std::to_string(getpid()) + "_" + std::to_string(counter++), templ);
        shell_ = std::make_unique<PsqlShell>(url_);
        prefix_ = "civicrm.";
        dataset.schema = "civicrm";
      }
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
    seedCivicrmRows(*shell_, prefix_);
    writeFile(dir_ / "civicrm.yaml", sql::writeDataset(dataset));
    auto created = create(R"({"url": ")" + url_ + R"(", "dataset": ")" +
                          (dir_ / "civicrm.yaml").string() + "\"}");
    ASSERT_TRUE(created.ok()) << created.error().message;
    system_ = std::move(created).value();
  }

  //! MariaDB has no template databases: each test process loads CiviCRM's original MySQL files
  //! into its server (the schema, then the generated sample: a dump of every table's data, so
  //! civicrm_data.mysql, the base data of an empty install, would clash with it).
  std::string civicrmMariadb() {
    const auto start = std::chrono::steady_clock::now();
    MariadbServer& server = MariadbServer::shared();
    reportTime("MariaDB server ready", start);
    static std::atomic<int> counter{0};
    const std::string database = "civicrm_" + std::to_string(counter++);
    server.createDatabase(database);
    for (const char* file : {"civicrm.mysql", "civicrm_generated.mysql"}) {
      server.loadScript(database, civicrmFixtures() / file);
    }
    reportTime("MariaDB server ready and CiviCRM loaded", start);
    shell_ = std::make_unique<MariadbShell>(server.socket(), database);
    return server.url(database);
  }

  AccessAnswer call(Action action, const std::string& email) {
    return run(*system_, request(action, {{IdentityType::kEmail, "", email}}));
  }

  std::map<std::string, RowIds> ties() const { return civicrmTies(*shell_, prefix_); }
  std::map<RowId, std::string> rowTexts() const { return civicrmRowTexts(*shell_, prefix_); }

  sql::Dataset dataset_;  //!< the shipped dataset as the system uses it (its schema set)
  std::string url_;
  std::string prefix_;
  std::unique_ptr<SqlShell> shell_;
  std::unique_ptr<plugin_host::PluginInstance> system_;
};

}  // namespace dsrflow::testing
