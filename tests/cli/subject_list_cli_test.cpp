// dsrflow suppression … and dsrflow hold … through the real binary.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "demo_cli_fixture.hpp"

namespace dsrflow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SubjectListCliTest : public testing::DemoCliTest {};

TEST_F(SubjectListCliTest, SuppressionCheckAddListEnd) {
  EXPECT_EQ(run({"suppression", "check", "--email", "eve@example.com"}).out, "not suppressed\n");
  auto added = run({"suppression", "add", "--email", "Eve@Example.com", "--reason",
                    "objection to direct marketing", "--json"});
  ASSERT_EQ(added.exitCode, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr(R"("list": "suppression")"));
  auto check = run({"suppression", "check", "--email", "eve@example.com"});
  EXPECT_THAT(check.out, HasSubstr("SUPPRESSED: do not contact"));
  auto json =
      run({"suppression", "check", "--phone", "030 555", "--email", "EVE@example.com", "--json"});
  EXPECT_THAT(json.out, HasSubstr(R"("suppressed": true)"));
  auto list = run({"suppression", "list"});
  EXPECT_THAT(list.out, HasSubstr("email"));
  EXPECT_THAT(list.out + check.out + list.err, Not(HasSubstr("eve@")));
  EXPECT_EQ(run({"suppression", "add", "--email", "x@example.com"}).exitCode, 2);
  EXPECT_EQ(run({"suppression", "check"}).exitCode, 2);
}

TEST_F(SubjectListCliTest, HoldAddListEnd) {
  EXPECT_EQ(run({"hold", "add", "--email", "f@example.com", "--reason", "litigation"}).exitCode,
            2);  // no owner
  auto added = run({"hold", "add", "--customer-id", "C-9", "--reason", "litigation", "--owner",
                    "legal", "--review-date", "2027-06-30"});
  ASSERT_EQ(added.exitCode, 0) << added.err;
  const std::string id = added.out.substr(0, 36);
  EXPECT_THAT(run({"hold", "list"}).out, HasSubstr(id));
  auto ended = run({"hold", "end", id});
  EXPECT_EQ(ended.exitCode, 0) << ended.err;
  EXPECT_EQ(run({"hold", "list"}).out, "");
  EXPECT_THAT(run({"hold", "list", "--all"}).out, HasSubstr("ended"));
  EXPECT_EQ(run({"hold", "end", id}).exitCode, 1);
  EXPECT_EQ(run({"audit", "verify"}).exitCode, 0);
}

}  // namespace
}  // namespace dsrflow
