// ChildProcess: posix_spawn with pipes, a clean environment and descriptor table, exit
// statuses in words, stderr into the log, reaping.

#include "plugin_isolation/child_process.hpp"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "log/logger.hpp"
#include "plugin_isolation/fd_io.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::plugin_isolation {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;

std::unique_ptr<ChildProcess> shell(const std::string& script, const std::string& tag = "t") {
  auto child = ChildProcess::spawn(SpawnOptions{"/bin/sh", {"-c", script}, "sh", tag});
  EXPECT_TRUE(child.ok()) << (child.ok() ? "" : child.error().message);
  return child.ok() ? std::move(child).value() : nullptr;
}

// Everything the child writes to stdout until it closes it.
std::string readAll(ChildProcess& child) {
  std::string out;
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < until) {
    const ReadState state = readSome(child.output(), out);
    if (state == ReadState::kEnd) break;
    if (state == ReadState::kWouldBlock) std::this_thread::sleep_for(1ms);
  }
  return out;
}

TEST(ChildProcessTest, TalksOverPipesAndExitsWhenStdinCloses) {
  auto child = shell("read line; echo \"got $line\"; cat >/dev/null; exit 3");
  ASSERT_TRUE(child);
  ASSERT_TRUE(writeAll(child->input(), "hello\n").ok());
  child->closeInput();
  EXPECT_EQ(readAll(*child), "got hello\n");
  auto status = child->waitExit(10s);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->exitCode(), 3);
  EXPECT_EQ(status->describe(), "exited with status 3");
  EXPECT_FALSE(child->killed());
}

TEST(ChildProcessTest, DescribesDeathBySignal) {
  auto child = shell("kill -SEGV $$");
  ASSERT_TRUE(child);
  auto status = child->waitExit(10s);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->signalled());
  EXPECT_EQ(status->describe(), "died of SIGSEGV");
  EXPECT_EQ(signalName(SIGABRT), "SIGABRT");
}

TEST(ChildProcessTest, StopKillsAChildThatIgnoresItsStdin) {
  auto child = shell("trap '' TERM; while :; do sleep 1; done");
  ASSERT_TRUE(child);
  const auto started = std::chrono::steady_clock::now();
  const ExitStatus status = child->stop(200ms);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_TRUE(child->killed());
  EXPECT_EQ(status.signal(), SIGKILL);
}

TEST(ChildProcessTest, ChildGetsNoSecretsAndNoStrayDescriptors) {
  ::setenv("DSRFLOW_SECRET_CRM_API_TOKEN", "s3cret", 1);
  ::setenv("DSRFLOW_TEST_VISIBLE", "yes", 1);
  // A descriptor some library opened without O_CLOEXEC.
  const int stray = ::open("/dev/null", O_RDONLY);
  ASSERT_GE(stray, 3);
  auto child = shell("ls /proc/self/fd; echo --; env");
  ::close(stray);
  ::unsetenv("DSRFLOW_SECRET_CRM_API_TOKEN");
  ::unsetenv("DSRFLOW_TEST_VISIBLE");
  ASSERT_TRUE(child);
  const std::string out = readAll(*child);
  const std::string fds = out.substr(0, out.find("--\n"));
  const std::string env = out.substr(fds.size());
  EXPECT_THAT(env, HasSubstr("DSRFLOW_TEST_VISIBLE=yes"));
  EXPECT_THAT(env, Not(HasSubstr("DSRFLOW_SECRET_")));
  EXPECT_THAT(env, Not(HasSubstr("s3cret")));
  // 0-2 are the pipes; ls itself opens one more (3) for the directory.
  std::istringstream lines(fds);
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_LE(std::stoi(line), 3) << "descriptor " << line << " leaked into the child";
  }
  child->waitExit(10s);
}

TEST(ChildProcessTest, StderrLinesGoToTheLogTaggedWithTheSystem) {
  std::ostringstream log;
  Logger::instance().configure(LogLevel::kDebug, &log);
  {
    auto child = shell("echo 'plain line' >&2; echo 'ts=x level=error msg=\"boom\"' >&2", "crm");
    ASSERT_TRUE(child);
    child->waitExit(10s);
  }  // the destructor joins the stderr reader
  Logger::instance().configure(LogLevel::kInfo, &std::cerr);
  const std::string text = log.str();
  EXPECT_THAT(text, HasSubstr("level=warn msg=\"plugin process output\" system=crm"));
  EXPECT_THAT(text, HasSubstr("line=\"plain line\""));
  EXPECT_THAT(text, HasSubstr("level=error msg=\"plugin process output\" system=crm"));
}

TEST(ChildProcessTest, DestroyingKillsAndReapsARunningChild) {
  pid_t pid = -1;
  {
    auto child = shell("while :; do sleep 1; done");
    ASSERT_TRUE(child);
    pid = child->pid();
  }
  EXPECT_EQ(::kill(pid, 0), -1);  // gone, and no zombie left
}

TEST(ChildProcessTest, AMissingExecutableIsAClearError) {
  auto child = ChildProcess::spawn(SpawnOptions{"/nonexistent/dsrflow", {}, "dsrflow", ""});
  ASSERT_FALSE(child.ok());
  EXPECT_EQ(child.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(child.error().message, HasSubstr("/nonexistent/dsrflow"));
}

}  // namespace
}  // namespace dsrflow::plugin_isolation
