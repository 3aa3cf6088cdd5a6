// The real dsrflow binary with a system set to `isolation: process`: the engine's registry
// runs its plugin in a `dsrflow plugin-host` child, and a request goes through it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::plugin_isolation {
namespace {

using dsrflow::testing::ProcessResult;
using dsrflow::testing::readFile;
using dsrflow::testing::runProcess;
using dsrflow::testing::TempDir;
using dsrflow::testing::writeFile;
using ::testing::HasSubstr;
using ::testing::Not;

class ProcessIsolationCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto init = runProcess(DSRFLOW_BINARY, {"demo", "init", "--dir", dir_.path().string()});
    ASSERT_EQ(init.exitCode, 0) << init.err;
    std::string yaml = readFile(dir_ / "dsrflow.yaml");
    const std::string system = "  - id: hello-crm\n";
    const auto at = yaml.find(system);
    ASSERT_NE(at, std::string::npos) << yaml;
    yaml.insert(at + system.size(), "    isolation: process\n    memory_limit: 512MiB\n");
    writeFile(dir_ / "dsrflow.yaml", yaml);
  }

  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", (dir_ / "dsrflow.yaml").string()});
    return runProcess(DSRFLOW_BINARY, args, {{"USER", "agent7"}});
  }

  TempDir dir_;
};

TEST_F(ProcessIsolationCliTest, AnAccessRequestRunsThroughThePluginProcess) {
  auto checked = run({"config", "check"});
  ASSERT_EQ(checked.exitCode, 0) << checked.out << checked.err;
  auto created = run({"request", "create", "--type", "access", "--email", "ada@example.com",
                      "--channel", "letter"});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  const std::string id = created.out.substr(std::string("received request ").size(), 36);
  ASSERT_EQ(run({"worker", "--once"}).exitCode, 0);
  ASSERT_EQ(run({"request", "verify", id, "--method", "signature matches the contract"}).exitCode,
            0);

  auto worked = run({"worker", "--once"});
  ASSERT_EQ(worked.exitCode, 0) << worked.err;
  EXPECT_THAT(worked.err, HasSubstr("msg=\"plugin instance created in its own process\""));
  EXPECT_THAT(worked.err, HasSubstr("system=hello-crm action=access outcome=completed"));
  EXPECT_THAT(worked.err, Not(HasSubstr("killed")));
  EXPECT_THAT(worked.err, Not(HasSubstr("ada@example.com")));
}

TEST(PluginHostCommandTest, IsHiddenFromTheOverview) {
  auto help = runProcess(DSRFLOW_BINARY, {"--help"});
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_THAT(help.out, HasSubstr("worker"));
  EXPECT_THAT(help.out, Not(HasSubstr("plugin-host")));
  auto usage = runProcess(DSRFLOW_BINARY, {"plugin-host", "--help"});
  EXPECT_EQ(usage.exitCode, 0);
  EXPECT_THAT(usage.out, HasSubstr("Internal"));
}

}  // namespace
}  // namespace dsrflow::plugin_isolation
