#pragma once
// The one repository test suite: every TEST_P(StoreTest, ...) runs against each backend
// (SQLite in a temporary file, PostgreSQL in a fresh database on the shared test server).

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "model/request.hpp"
#include "model/task.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::testing {

enum class TestBackend { kSqlite, kPostgresql };

//! How gtest prints a backend parameter.
inline void PrintTo(TestBackend backend, std::ostream* os) {
  *os << (backend == TestBackend::kSqlite ? "sqlite" : "postgresql");
}

//! A URL for a new, empty database of the backend; `dir` holds SQLite files.
std::string freshDatabaseUrl(TestBackend backend, const TempDir& dir);

class StoreTest : public ::testing::TestWithParam<TestBackend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  //! Opens another Store on the same database.
  std::unique_ptr<Store> openAgain() const;

  //! Runs SQL outside the store (to tamper with the database as an attacker or a newer build
  //! would); returns the database's error message, or nullopt when it succeeded.
  std::optional<std::string> rawExec(const std::string& sql) const;

  Store& store() { return *store_; }

  //! Inserts a request (or fails the test) and returns it.
  Request addRequest(const std::string& id, TimePoint createdAt = {});
  //! Inserts a task of `requestId` (or fails the test) and returns it.
  Task addTask(const std::string& id, const std::string& requestId, TimePoint createdAt = {});

  std::unique_ptr<TempDir> dir_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

//! A request with every field set to something distinctive.
Request sampleRequest(const std::string& id, TimePoint createdAt = {});
//! A pending task.
Task sampleTask(const std::string& id, const std::string& requestId, TimePoint createdAt = {});

//! Milliseconds since the epoch as a TimePoint.
inline TimePoint at(long long ms) { return TimePoint(std::chrono::milliseconds(ms)); }

//! gtest's name for a backend parameter.
std::string backendName(const ::testing::TestParamInfo<TestBackend>& info);

}  // namespace dsrflow::testing

//! Fails the current test with the error when a Result is not ok.
#define ASSERT_OK(expr)                                                                    \
  do {                                                                                     \
    const auto& dsrflow_result_ = (expr);                                                  \
    ASSERT_TRUE(dsrflow_result_.ok()) << #expr << ": " << dsrflow_result_.error().message; \
  } while (0)
