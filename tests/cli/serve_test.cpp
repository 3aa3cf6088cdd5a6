// Starts the real `dsrflow serve` and talks HTTP to it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include <unistd.h>

#include "support/fixtures.hpp"
#include "support/http_client.hpp"
#include "support/postgres_server.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow {
namespace {

using testing::ChildProcess;
using ::testing::HasSubstr;
using testing::httpRequest;
using testing::runProcess;
using testing::TempDir;

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto init = runProcess(DSRFLOW_BINARY, {"demo", "init", "--dir", dir_.path().string()});
    ASSERT_EQ(init.exitCode, 0) << init.err;
  }

  // Starts the server on a free port and returns that port (read from its first output line).
  std::uint16_t start(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"--config", (dir_ / "dsrflow.yaml").string(), "serve", "--port",
                                  "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = std::make_unique<ChildProcess>(DSRFLOW_BINARY, args);
    const std::string line = server_->readLine();
    std::smatch match;
    static const std::regex kUrl("dsrflow is running at http://127\\.0\\.0\\.1:([0-9]+)/");
    if (!std::regex_match(line, match, kUrl)) {
      ADD_FAILURE() << "unexpected first line '" << line << "'; stderr: " << server_->stderrText();
      return 0;
    }
    return static_cast<std::uint16_t>(std::stoi(match[1].str()));
  }

  TempDir dir_;
  std::unique_ptr<ChildProcess> server_;
};

TEST_F(ServeTest, TheStatusPageCountsReviewsNearTheirOwnDueDate) {
  // A contested decision routed to review: its review is due in 7 days (the workflow's due_in).
  const std::string config = (dir_ / "dsrflow.yaml").string();
  auto created = runProcess(DSRFLOW_BINARY,
                            {"--config", config, "request", "create", "--type", "contest_decision",
                             "--email", "ada@example.com", "--channel", "letter"});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  std::smatch id;
  ASSERT_TRUE(std::regex_search(created.out, id, std::regex("[0-9a-f-]{36}")));
  ASSERT_EQ(runProcess(DSRFLOW_BINARY, {"--config", config, "request", "verify", id.str(),
                                        "--method", "signed letter"})
                .exitCode,
            0);
  ASSERT_EQ(runProcess(DSRFLOW_BINARY, {"--config", config, "worker", "--once"}).exitCode, 0);

  const auto port = start();
  ASSERT_NE(port, 0);
  auto json = httpRequest(port, "GET", "/", {{"Accept", "application/json"}});
  EXPECT_THAT(json.body, HasSubstr(R"("reviews_due_within_7_days":1)"));
  EXPECT_THAT(json.body, HasSubstr(R"("reviews_overdue":0)"));
  auto page = httpRequest(port, "GET", "/");
  EXPECT_THAT(page.body,
              HasSubstr("Routed reviews past their due date: <strong>0</strong>; due within 7 "
                        "days: <strong>1</strong>"));
}

TEST_F(ServeTest, AnswersHealthStatusAndStopsCleanly) {
  const auto port = start();
  ASSERT_NE(port, 0);

  auto health = httpRequest(port, "GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  EXPECT_FALSE(health.headers["X-Request-Id"].empty());

  auto ready = httpRequest(port, "GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_THAT(ready.body, HasSubstr(R"("status":"ready")"));

  auto page = httpRequest(port, "GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.headers["Content-Type"], HasSubstr("text/html"));
  EXPECT_THAT(page.body, HasSubstr("<h1>dsrflow</h1>"));
  EXPECT_THAT(page.body, HasSubstr("sqlite, schema version"));
  EXPECT_THAT(page.body, HasSubstr("demo (Demo Shop GmbH)"));
  EXPECT_THAT(page.body, HasSubstr("Open requests past their deadline: <strong>0</strong>"));

  auto json = httpRequest(port, "GET", "/status", {{"Accept", "application/json"}});
  EXPECT_EQ(json.status, 200);
  EXPECT_THAT(json.body, HasSubstr(R"("backend":"sqlite")"));
  EXPECT_THAT(json.body, HasSubstr(R"("open_overdue":0)"));

  auto missing = httpRequest(port, "GET", "/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_THAT(missing.body, HasSubstr(R"("code":404)"));
  auto wrongMethod = httpRequest(port, "POST", "/healthz");
  EXPECT_EQ(wrongMethod.status, 405);
  EXPECT_EQ(wrongMethod.headers["Allow"], "GET");

  auto tagged = httpRequest(port, "GET", "/healthz", {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(tagged.headers["X-Request-Id"], "abc-123");

  EXPECT_EQ(server_->terminate(), 0);
  const std::string log = server_->stderrText();
  EXPECT_THAT(log, HasSubstr("msg=http request_id=abc-123 method=GET path=/healthz status=200"));
  EXPECT_THAT(log, HasSubstr("level=info msg=stopping"));
}

TEST_F(ServeTest, RunsOnPostgreSQL) {
  std::string url;
  try {
    url = testing::PostgresServer::shared().createDatabase("serve_" + std::to_string(getpid()));
  } catch (const std::exception& e) {
    FAIL() << e.what();
  }
  testing::writeFile(
      dir_ / "dsrflow.yaml",
      "data_dir: data\nworkflows_dir: " + (testing::sourceDir() / "workflows").string() +
          "\nstore: {url: '" + url + "'}\ncontrollers:\n  - {id: demo, name: Demo Shop GmbH}\n");
  const auto port = start();
  ASSERT_NE(port, 0);
  auto page = httpRequest(port, "GET", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("postgresql, schema version"));
  EXPECT_THAT(page.body, HasSubstr("reachable"));
  auto ready = httpRequest(port, "GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(server_->terminate(), 0);
}

TEST_F(ServeTest, AWorkerAnswersHealthChecksOnly) {
  const std::uint16_t port = start({"--role", "worker"});
  ASSERT_NE(port, 0);
  EXPECT_EQ(httpRequest(port, "GET", "/healthz").status, 200);
  EXPECT_EQ(httpRequest(port, "GET", "/readyz").status, 200);
  EXPECT_EQ(httpRequest(port, "GET", "/").status, 404) << "pages belong to the api role";
  EXPECT_EQ(server_->terminate(), 0);
  EXPECT_THAT(server_->stderrText(), HasSubstr("role=worker"));
}

TEST_F(ServeTest, AnUnknownRoleIsAUsageError) {
  auto result = runProcess(DSRFLOW_BINARY, {"--config", (dir_ / "dsrflow.yaml").string(), "serve",
                                            "--port", "0", "--role", "janitor"});
  EXPECT_EQ(result.exitCode, 2);
  EXPECT_THAT(result.err, HasSubstr("--role expects api, worker or both"));
}

TEST_F(ServeTest, RefusesToStartWithoutAKeyRing) {
  std::filesystem::remove_all(dir_ / "data" / "keys");
  auto result = runProcess(DSRFLOW_BINARY,
                           {"--config", (dir_ / "dsrflow.yaml").string(), "serve", "--port", "0"});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_THAT(result.err, HasSubstr("dsrflow keys init"));
}

}  // namespace
}  // namespace dsrflow
