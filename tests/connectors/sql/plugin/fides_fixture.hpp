#pragma once
// Ethyca Fides' example database (fixtures/fides/postgres_sample.sql) loaded into a fresh
// PostgreSQL database of the shared test server, with Fides' fideslang datasets imported into
// dataset files, and the SQL connector plugin configured on it. Skipped with a message where
// ../shared/fixtures is absent.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "sql/dataset/dataset_writer.hpp"
#include "sql/dataset/fides_importer.hpp"
#include "sql_plugin_fixture.hpp"
#include "support/fixtures.hpp"
#include "support/postgres_server.hpp"
#include "support/process.hpp"

namespace dsrflow::testing {

class FidesPostgresTest : public SqlPluginTest {
 protected:
  void SetUp() override {
    DSRFLOW_REQUIRE_FIXTURES();
    SqlPluginTest::SetUp();
    const std::filesystem::path fides = *fixturesDir() / "fides";
    static std::atomic<int> counter{0};
    try {
      url_ = PostgresServer::shared().createDatabase("sql_fides_" + std::to_string(getpid()) + "_" +
                                                     std::to_string(counter++));
    } catch (const std::exception& e) {
      FAIL() << e.what();
    }
    auto bin = PostgresServer::findBinDir();
    ASSERT_TRUE(bin) << "no PostgreSQL client programs found";
    ProcessResult load =
        runProcess((*bin / "psql").string(), {"-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url_, "-f",
                                              (fides / "postgres_sample.sql").string()});
    ASSERT_EQ(load.exitCode, 0) << load.err;

    // Import Fides' datasets the way an operator would, into dataset files.
    for (const char* file :
         {"postgres_example_test_dataset.yml", "postgres_example_test_extended_dataset.yml"}) {
      auto imported = sql::importFides((fides / file).string());
      ASSERT_TRUE(imported.ok()) << imported.error().message;
      sql::Dataset d = imported->datasets.at(0);
      review(d);
      datasets_.push_back(dir_ / (d.name + ".yaml"));
      writeFile(datasets_.back(), sql::writeDataset(d, sql::importComment(file, d)));
    }
  }

  //! What the operator changes after reading the imported dataset (nothing, by default).
  virtual void review(sql::Dataset& dataset) { (void)dataset; }

  //! One value from the Fides database, as psql prints it (unaligned, no headers).
  std::string psql(const std::string& sql) const {
    auto bin = PostgresServer::findBinDir();
    if (!bin) {
      ADD_FAILURE() << "no PostgreSQL client programs found";
      return "";
    }
    ProcessResult r =
        runProcess((*bin / "psql").string(), {"-X", "-q", "-A", "-t", "-d", url_, "-c", sql});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
    return r.out;
  }

  std::string config(const std::vector<std::filesystem::path>& datasets) const {
    std::string list;
    for (const auto& d : datasets) list += (list.empty() ? "\"" : ", \"") + d.string() + "\"";
    return R"({"url": ")" + url_ + R"(", "datasets": [)" + list + "]}";
  }

  std::unique_ptr<plugin_host::PluginInstance> fidesSystem() {
    auto created = create(config(datasets_));
    if (!created) {
      ADD_FAILURE() << created.error().message;
      return nullptr;
    }
    return std::move(created).value();
  }

  AccessAnswer accessFor(plugin_host::PluginInstance& system, const std::string& email,
                         std::vector<std::string> categories = {}) {
    return run(system, request(Action::kAccess, {{IdentityType::kEmail, "", email}},
                               std::move(categories)));
  }

  std::string url_;
  std::vector<std::filesystem::path> datasets_;
};

}  // namespace dsrflow::testing
