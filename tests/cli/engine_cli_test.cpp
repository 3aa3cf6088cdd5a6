// A request from receipt to answer through the real binary, against the demo configuration's
// system (the example connector), with `dsrflow worker --once` doing the work.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "demo_cli_fixture.hpp"

namespace dsrflow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class EngineCliTest : public testing::DemoCliTest {
 protected:
  void SetUp() override {
    user_ = "agent7";
    DemoCliTest::SetUp();
  }
  std::string status(const std::string& id) {
    auto shown = run({"request", "show", id, "--json"});
    std::smatch m;
    static const std::regex kStatus("\"status\": \"([a-z_]+)\"");
    return std::regex_search(shown.out, m, kStatus) ? m[1].str() : shown.err;
  }
};

TEST_F(EngineCliTest, AccessRequestFromLetterToAnswer) {
  auto created = runClean({"request", "create", "--type", "access", "--email", "ada@example.com",
                           "--channel", "letter"});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  const std::string id = created.out.substr(std::string("received request ").size(), 36);

  ASSERT_EQ(runClean({"worker", "--once"}).exitCode, 0);
  EXPECT_EQ(status(id), "verifying");
  EXPECT_EQ(runClean({"request", "verify", id}).exitCode, 2);  // --method missing
  auto verified = runClean({"request", "verify", id, "--method", "signature matches the contract"});
  ASSERT_EQ(verified.exitCode, 0) << verified.err;
  EXPECT_EQ(status(id), "in_progress");

  auto worked = runClean({"worker", "--once"});
  ASSERT_EQ(worked.exitCode, 0) << worked.err;
  EXPECT_THAT(worked.err, HasSubstr("system=hello-crm action=access outcome=completed"));
  EXPECT_EQ(status(id), "in_review");
  EXPECT_EQ(runClean({"request", "answer", id}).exitCode, 1);  // nothing assembled yet

  ASSERT_EQ(runClean({"request", "review", id, "--done"}).exitCode, 0);
  EXPECT_EQ(status(id), "completed");

  auto answer = runClean({"request", "answer", id});
  ASSERT_EQ(answer.exitCode, 0) << answer.err;
  EXPECT_THAT(answer.out, HasSubstr(R"("format":"access_package")"));
  EXPECT_THAT(answer.out, HasSubstr("Ada Lovelace"));
  auto history = runClean({"request", "show", id});
  for (const char* event : {"request.identity_verified  by user:cli:agent7", "task.completed",
                            "request.reviewed", "request.completed", "request.answer_read"}) {
    EXPECT_THAT(history.out, HasSubstr(event));
  }
  EXPECT_EQ(runClean({"audit", "verify"}).exitCode, 0);
}

TEST_F(EngineCliTest, ApiRequestsWaitForApproval) {
  auto created =
      runClean({"request", "create", "--type", "access", "--email", "nobody@example.com"});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  const std::string id = created.out.substr(std::string("received request ").size(), 36);
  ASSERT_EQ(runClean({"request", "verify", id, "--method", "e-mail link"}).exitCode, 0);
  EXPECT_EQ(status(id), "awaiting_approval");
  ASSERT_EQ(runClean({"request", "approve", id}).exitCode, 0);
  ASSERT_EQ(runClean({"worker", "--once"}).exitCode, 0);
  EXPECT_EQ(status(id), "in_review");
  ASSERT_EQ(runClean({"request", "review", id, "--done"}).exitCode, 0);
  EXPECT_EQ(status(id), "completed");
  EXPECT_THAT(runClean({"request", "answer", id}).out, HasSubstr(R"("outcome":"not_found")"));
}

TEST_F(EngineCliTest, AManifestOverrideThatBreaksTheManifestDisablesTheSystem) {
  const auto config = dir_ / "dsrflow.yaml";
  std::string text = testing::readFile(config);
  const std::string anchor = "    timeout: 10s\n";
  ASSERT_NE(text.find(anchor), std::string::npos);
  text.insert(text.find(anchor) + anchor.size(),
              "    manifest:\n      dpa: {reference: ACME-DPA-7}\n      role: null\n");
  testing::writeFile(config, text);
  auto worked = run({"worker", "--once"});
  EXPECT_EQ(worked.exitCode, 0) << worked.err;
  EXPECT_THAT(worked.err, HasSubstr("systems: hello-crm: manifest: with the override applied it "
                                    "is not a valid manifest"));
}

}  // namespace
}  // namespace dsrflow
