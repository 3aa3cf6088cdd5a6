// Runs the real dsrflow executable: exit codes, help, configuration errors, keys, migrations.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_process.hpp"
#include "support/fixtures.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow {
namespace {

using testing::dsrflow;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::runProcess;
using ::testing::StartsWith;
using testing::TempDir;
using testing::writeFile;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeFile(config_,
              "data_dir: data\nworkflows_dir: " + (testing::sourceDir() / "workflows").string() +
                  "\ncontrollers:\n  - {id: acme, name: ACME GmbH}\n");
  }
  std::string config() const { return config_.string(); }

  TempDir dir_;
  std::filesystem::path config_ = dir_ / "dsrflow.yaml";
};

TEST_F(CliTest, VersionAndHelp) {
  auto version = dsrflow({"version"});
  EXPECT_EQ(version.exitCode, 0);
  EXPECT_THAT(version.out, StartsWith("dsrflow "));
  EXPECT_EQ(dsrflow({"--version"}).out, version.out);

  auto help = dsrflow({"--help"});
  EXPECT_EQ(help.exitCode, 0);
  for (const char* command :
       {"serve", "migrate", "config check", "keys init", "keys rotate", "keys list", "audit verify",
        "demo init", "version", "request retry", "request verify", "worker", "plugin check",
        "dataset check", "dataset import-fides", "dataset erase-plan"}) {
    EXPECT_THAT(help.out, HasSubstr(command));
    std::vector<std::string> args;
    std::string word;
    for (char c : std::string(command) + " ") {
      if (c == ' ') {
        args.push_back(word);
        word.clear();
      } else {
        word += c;
      }
    }
    args.push_back("--help");
    auto one = dsrflow(args);
    EXPECT_EQ(one.exitCode, 0) << command;
    EXPECT_THAT(one.out, HasSubstr("usage: dsrflow")) << command;
  }
}

TEST_F(CliTest, UsageErrorsExitWithTwo) {
  auto none = dsrflow({});
  EXPECT_EQ(none.exitCode, 2);
  EXPECT_THAT(none.err, HasSubstr("usage: dsrflow"));
  auto unknown = dsrflow({"frobnicate"});
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_THAT(unknown.err, HasSubstr("unknown command 'frobnicate'"));
  auto badOption = dsrflow({"migrate", "--verbose"});
  EXPECT_EQ(badOption.exitCode, 2);
  EXPECT_THAT(badOption.err, HasSubstr("unknown option --verbose"));
  EXPECT_EQ(dsrflow({"--config"}).exitCode, 2);
  EXPECT_EQ(dsrflow({"--config", config(), "serve", "--port", "http"}).exitCode, 2);
}

TEST_F(CliTest, ConfigCheckAcceptsAValidFile) {
  auto result = dsrflow({"config", "check", config()});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr(": ok (1 controller(s), 0 system(s), 7 workflow(s))"));
}

TEST_F(CliTest, ConfigCheckReportsABrokenWorkflow) {
  testing::writeFile(dir_ / "workflows" / "access.yaml",
                     "workflow: access\nrequest_types: [access]\nsteps:\n  - fan_out: {action: "
                     "peek}\n");
  writeFile(config_,
            "data_dir: data\nworkflows_dir: workflows\ncontrollers:\n  - {id: acme, "
            "name: ACME GmbH}\n");
  auto result = dsrflow({"config", "check", config()});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_THAT(result.err, HasSubstr((dir_ / "workflows" / "access.yaml").string() +
                                    ":4: steps[0].fan_out.action: expected access"));
}

TEST_F(CliTest, BrokenConfigGivesOneLineWithFileLineAndExitTwo) {
  writeFile(config_,
            "data_dir: data\ncontrollers:\n  - id: acme\n    name: ACME\n    timezone: UTC\n");
  for (const auto& args : {std::vector<std::string>{"config", "check", config()},
                           std::vector<std::string>{"--config", config(), "migrate"},
                           std::vector<std::string>{"--config", config(), "serve"}}) {
    auto result = dsrflow(args);
    EXPECT_EQ(result.exitCode, 2) << args[0];
    EXPECT_EQ(
        result.err,
        "dsrflow: " + config() +
            ":5: controllers[0].timezone: unknown key (expected one of: "
            "default_language, extra_holidays, holidays, id, name, phone_region, time_zone)\n");
  }
}

TEST_F(CliTest, ConfigFromEnvironmentVariable) {
  auto result = runProcess(DSRFLOW_BINARY, {"config", "check"}, {{"DSRFLOW_CONFIG", config()}});
  EXPECT_EQ(result.exitCode, 0) << result.err;
}

TEST_F(CliTest, KeysInitListRotate) {
  auto init = dsrflow({"--config", config(), "keys", "init"});
  ASSERT_EQ(init.exitCode, 0) << init.err;
  EXPECT_THAT(init.out, HasSubstr("enc-1 hash-1 sig-1"));
  EXPECT_EQ(
      std::filesystem::status(dir_ / "data" / "keys").permissions() & std::filesystem::perms::all,
      std::filesystem::perms::owner_all);

  auto again = dsrflow({"--config", config(), "keys", "init"});
  EXPECT_EQ(again.exitCode, 1);
  EXPECT_THAT(again.err, HasSubstr("keys init"));

  auto rotate = dsrflow({"--config", config(), "keys", "rotate", "encryption"});
  ASSERT_EQ(rotate.exitCode, 0) << rotate.err;
  EXPECT_THAT(rotate.out, HasSubstr("enc-2"));
  EXPECT_THAT(rotate.out, Not(HasSubstr("hash-2")));
  EXPECT_EQ(dsrflow({"--config", config(), "keys", "rotate", "bogus"}).exitCode, 2);

  auto list = dsrflow({"--config", config(), "keys", "list"});
  ASSERT_EQ(list.exitCode, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("enc-2     encryption    active"));
  EXPECT_THAT(list.out, HasSubstr("enc-1     encryption    retired"));
  EXPECT_THAT(list.out, HasSubstr("sig-1     signing       active"));
  // No key material: the key file's base64 values never appear in the output.
  const std::string ring = testing::readFile(dir_ / "data" / "keys" / "keyring.json");
  const std::string marker = "\"material\":\"";
  for (auto pos = ring.find(marker); pos != std::string::npos; pos = ring.find(marker, pos + 1)) {
    auto start = pos + marker.size();
    std::string material = ring.substr(start, ring.find('"', start) - start);
    ASSERT_GE(material.size(), 16U);
    EXPECT_THAT(list.out + init.out + rotate.out, Not(HasSubstr(material.substr(0, 16))));
  }
}

TEST_F(CliTest, MigrateIsIdempotent) {
  auto first = dsrflow({"--config", config(), "migrate"});
  ASSERT_EQ(first.exitCode, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("applied migration 1"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "data" / "dsrflow.db"));
  auto second = dsrflow({"--config", config(), "migrate"});
  ASSERT_EQ(second.exitCode, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("(up to date)"));
  EXPECT_THAT(second.out, Not(HasSubstr("applied")));
}

TEST_F(CliTest, AuditVerifyReportsIntactAndForgedLogs) {
  ASSERT_EQ(dsrflow({"--config", config(), "migrate"}).exitCode, 0);
  auto intact = dsrflow({"--config", config(), "audit", "verify"});
  EXPECT_EQ(intact.exitCode, 0) << intact.err;
  EXPECT_EQ(intact.out, "audit log intact: 0 events\n");
  // Someone with access to the database file appends an event of their own.
  auto forged = runProcess(
      "/usr/bin/sqlite3",
      {(dir_ / "data" / "dsrflow.db").string(),
       "INSERT INTO audit_events (seq, at, actor_type, actor_id, request_id, event, details_json, "
       "prev_hash, hash) VALUES (1, 0, 'user', 'mallory', NULL, 'request.approved', '{}', '', "
       "'00')"});
  ASSERT_EQ(forged.exitCode, 0) << forged.err;
  auto broken = dsrflow({"--config", config(), "audit", "verify"});
  EXPECT_EQ(broken.exitCode, 1);
  EXPECT_THAT(broken.out, HasSubstr("audit log BROKEN at event 1: its content does not match"));
}

TEST_F(CliTest, MigrateReportsAnUnreachableStore) {
  writeFile(config_,
            "data_dir: data\nstore: {url: 'postgresql://nobody@127.0.0.1:1/none'}\n"
            "controllers:\n  - {id: acme, name: ACME}\n");
  auto result = dsrflow({"--config", config(), "migrate"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_THAT(result.err, StartsWith("dsrflow migrate: "));
}

TEST_F(CliTest, DemoInitWritesAValidConfigurationOnce) {
  auto demo = dir_ / "demo";
  auto first = dsrflow({"demo", "init", "--dir", demo.string()});
  ASSERT_EQ(first.exitCode, 0) << first.err;
  auto check = dsrflow({"config", "check", (demo / "dsrflow.yaml").string()});
  EXPECT_EQ(check.exitCode, 0) << check.err;
  EXPECT_TRUE(std::filesystem::exists(demo / "data" / "keys" / "keyring.json"));
  auto second = dsrflow({"demo", "init", "--dir", demo.string()});
  EXPECT_EQ(second.exitCode, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("using the existing demo configuration"));
  EXPECT_EQ(dsrflow({"demo", "init"}).exitCode, 2);
}

}  // namespace
}  // namespace dsrflow
