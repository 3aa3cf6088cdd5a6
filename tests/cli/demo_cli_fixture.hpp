#pragma once
// Tests that run the real dsrflow binary on a fresh demo configuration (`dsrflow demo init`):
// the embedded SQLite store, a key ring and the example connector as the demo CRM.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::testing {

class DemoCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto init = runProcess(DSRFLOW_BINARY, {"demo", "init", "--dir", dir_.path().string()});
    ASSERT_EQ(init.exitCode, 0) << init.err;
  }

  //! Runs `dsrflow --config <demo> ARGS...` as operator `user_`.
  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", (dir_ / "dsrflow.yaml").string()});
    return runProcess(DSRFLOW_BINARY, args, {{"USER", user_}});
  }

  //! run(), failing the test when the log mentions the demo person's address or name.
  ProcessResult runClean(std::vector<std::string> args) {
    auto result = run(std::move(args));
    EXPECT_THAT(result.err, ::testing::Not(::testing::HasSubstr("ada@example.com")))
        << "personal data in the log";
    EXPECT_THAT(result.err, ::testing::Not(::testing::HasSubstr("Lovelace")))
        << "personal data in the log";
    return result;
  }

  //! `request create ARGS...`; returns the new request's id (or fails the test).
  std::string create(std::vector<std::string> args) {
    args.insert(args.begin(), {"request", "create"});
    auto result = run(args);
    EXPECT_EQ(result.exitCode, 0) << result.err;
    std::smatch match;
    static const std::regex kId("received request ([0-9a-f-]{36}) ");
    EXPECT_TRUE(std::regex_search(result.out, match, kId)) << result.out;
    return match.size() > 1 ? match[1].str() : "";
  }

  TempDir dir_;
  std::string user_ = "operator1";
};

}  // namespace dsrflow::testing
