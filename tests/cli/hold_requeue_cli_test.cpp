// dsrflow hold end through the real binary: the erasure the hold held back is queued again as a
// new request linked to the original, and erases.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "demo_cli_fixture.hpp"

namespace dsrflow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class HoldRequeueCliTest : public testing::DemoCliTest {};

TEST_F(HoldRequeueCliTest, EndingAHoldQueuesTheRetainedErasureAgain) {
  auto held = runClean({"hold", "add", "--email", "ada@example.com", "--reason",
                        "litigation 2026-17", "--owner", "legal"});
  ASSERT_EQ(held.exitCode, 0) << held.err;
  const std::string holdId = held.out.substr(0, 36);
  const std::string original =
      create({"--type", "erasure", "--email", "ada@example.com", "--channel", "letter"});
  ASSERT_EQ(runClean({"request", "verify", original, "--method", "signed letter"}).exitCode, 0);
  ASSERT_EQ(runClean({"request", "approve", original}).exitCode, 0);
  ASSERT_EQ(runClean({"worker", "--once"}).exitCode, 0);
  ASSERT_THAT(runClean({"request", "show", original}).out,
              HasSubstr("status      completed_with_exceptions"));
  EXPECT_THAT(runClean({"request", "answer", original}).out, HasSubstr(R"("outcome":"retained")"));

  auto ended = runClean({"hold", "end", holdId});
  ASSERT_EQ(ended.exitCode, 0) << ended.err;
  std::smatch m;
  static const std::regex kRequeued("erasure ([0-9a-f-]{36}) queued again as ([0-9a-f-]{36})");
  ASSERT_TRUE(std::regex_search(ended.out, m, kRequeued)) << ended.out;
  EXPECT_EQ(m[1].str(), original);
  const std::string again = m[2].str();

  auto shownOriginal = runClean({"request", "show", original});
  EXPECT_THAT(shownOriginal.out, HasSubstr("requeued    as " + again));
  EXPECT_THAT(shownOriginal.out, HasSubstr("erasure.requeued  by user:cli:operator1"));
  EXPECT_THAT(runClean({"request", "show", again, "--json"}).out,
              HasSubstr(R"("requeued_from": ")" + original));

  ASSERT_EQ(runClean({"worker", "--once"}).exitCode, 0);
  EXPECT_THAT(runClean({"request", "show", again}).out, HasSubstr("status      completed"));
  auto answer = runClean({"request", "answer", again});
  EXPECT_THAT(answer.out, HasSubstr(R"("outcome":"erased")"));
  EXPECT_THAT(answer.out, Not(HasSubstr("retained"))) << "no hold stands any more";
  EXPECT_EQ(runClean({"hold", "end", holdId}).exitCode, 1);
  EXPECT_EQ(runClean({"audit", "verify"}).exitCode, 0);
}

}  // namespace
}  // namespace dsrflow
