#include "log/logger.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <thread>
#include <vector>

#include "model/identity.hpp"

namespace dsrflow {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

class LoggerTest : public ::testing::Test {
 protected:
  void SetUp() override { Logger::instance().configure(LogLevel::kInfo, &sink_); }
  void TearDown() override { Logger::instance().configure(LogLevel::kInfo, nullptr); }
  std::ostringstream sink_;
};

TEST_F(LoggerTest, WritesOneLogfmtLinePerEvent) {
  logInfo("store opened", {{"backend", "sqlite"}, {"path", "/var/lib/dsrflow db"}});
  EXPECT_THAT(
      sink_.str(),
      MatchesRegex("ts=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z level=info msg=\"store opened\" "
                   "backend=sqlite path=\"/var/lib/dsrflow db\"\n"));
}

TEST_F(LoggerTest, FiltersByLevel) {
  logDebug("hidden");
  logWarn("shown");
  EXPECT_THAT(sink_.str(), Not(HasSubstr("hidden")));
  EXPECT_THAT(sink_.str(), HasSubstr("level=warn msg=shown"));
  Logger::instance().configure(LogLevel::kError, &sink_);
  logWarn("now hidden");
  EXPECT_THAT(sink_.str(), Not(HasSubstr("now hidden")));
}

TEST_F(LoggerTest, TagsLinesWithTheThreadsRequestId) {
  {
    ScopedRequestId outer("req-1");
    logInfo("a");
    {
      ScopedRequestId inner("req-2");
      logInfo("b");
    }
    logInfo("c");
  }
  logInfo("d");
  const std::string text = sink_.str();
  EXPECT_THAT(text, HasSubstr("msg=a request_id=req-1\n"));
  EXPECT_THAT(text, HasSubstr("msg=b request_id=req-2\n"));
  EXPECT_THAT(text, HasSubstr("msg=c request_id=req-1\n"));
  EXPECT_THAT(text, HasSubstr("msg=d\n"));
}

TEST_F(LoggerTest, EscapesValuesSoALineCannotBeForged) {
  logInfo("x", {{"v", "a\nts=forged level=error \"q\" \\"}});
  const std::string text = sink_.str();
  EXPECT_THAT(text, HasSubstr(R"(v="a\nts=forged level=error \"q\" \\")"));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1);
}

TEST_F(LoggerTest, IdentitiesAreLoggedRedacted) {
  auto identity =
      normalizeIdentity(IdentityType::kEmail, "", IdentityFormat::kRaw, "Jane.Doe@Example.com");
  ASSERT_TRUE(identity.ok());
  logInfo("identity received", {{"identity", identity->redacted()}});
  EXPECT_THAT(sink_.str(), Not(HasSubstr("jane")));
  EXPECT_THAT(sink_.str(), HasSubstr("identity=\"email("));
}

TEST_F(LoggerTest, ConcurrentWritersNeverInterleaveWithinALine) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 200; ++i) logInfo("tick", {{"thread", std::to_string(t)}});
    });
  }
  for (auto& thread : threads) thread.join();
  std::istringstream lines(sink_.str());
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    EXPECT_THAT(line, MatchesRegex("ts=[^ ]+ level=info msg=tick thread=[0-3]"));
    ++count;
  }
  EXPECT_EQ(count, 800);
}

}  // namespace
}  // namespace dsrflow
