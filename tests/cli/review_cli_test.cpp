// dsrflow request review --list | --exclude | --mask | --done through the real binary, on the
// demo configuration: staff withhold a record and a field of Ada's access answer with reasons,
// and the answer shows what was withheld and why.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "demo_cli_fixture.hpp"

namespace dsrflow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ReviewCliTest : public testing::DemoCliTest {
 protected:
  //! Ada's access request, answered by the demo CRM and waiting in review.
  std::string accessInReview() {
    const std::string id =
        create({"--type", "access", "--email", "ada@example.com", "--channel", "letter"});
    EXPECT_EQ(runClean({"worker", "--once"}).exitCode, 0);
    EXPECT_EQ(runClean({"request", "verify", id, "--method", "signed letter"}).exitCode, 0);
    EXPECT_EQ(runClean({"worker", "--once"}).exitCode, 0);
    return id;
  }
  //! The demo CRM's collections -> reference of their first record, from `review --list
  //! --json` (other demo systems have collections of the same names).
  std::map<std::string, std::string> refs(const std::string& id) {
    auto listed = runClean({"request", "review", id, "--list", "--json"});
    EXPECT_EQ(listed.exitCode, 0) << listed.err;
    std::map<std::string, std::string> out;
    static const std::regex kRecord(
        R"re("collection": "([a-z_]+)",[^}]*?"ref": "([0-9a-f-]+:[0-9]+)",\s*"system": "hello-crm")re");
    for (std::sregex_iterator it(listed.out.begin(), listed.out.end(), kRecord), end; it != end;
         ++it) {
      out.emplace((*it)[1].str(), (*it)[2].str());
    }
    return out;
  }
};

TEST_F(ReviewCliTest, StaffExcludeARecordAndMaskAFieldWithReasons) {
  const std::string id = accessInReview();
  auto listed = runClean({"request", "review", id, "--list"});
  ASSERT_EQ(listed.exitCode, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("contacts"));
  EXPECT_THAT(listed.out, HasSubstr("email, id, name, newsletter"));
  EXPECT_THAT(listed.out, HasSubstr(" records awaiting release"));
  EXPECT_THAT(listed.out, Not(HasSubstr("ada@example.com"))) << "no values unless revealed";
  auto ref = refs(id);
  ASSERT_EQ(ref.count("contacts"), 1U) << listed.out;
  ASSERT_EQ(ref.count("segments"), 1U) << listed.out;

  // Usage errors.
  EXPECT_EQ(runClean({"request", "review", id}).exitCode, 2);
  EXPECT_EQ(runClean({"request", "review", id, "--exclude", ref["segments"]}).exitCode, 2);
  EXPECT_EQ(
      runClean({"request", "review", id, "--mask", ref["contacts"], "--reason", "x"}).exitCode, 2);
  EXPECT_EQ(runClean({"request", "review", id, "--done", "--reveal"}).exitCode, 2);
  auto unknownField = runClean(
      {"request", "review", id, "--mask", ref["contacts"] + ":shoe_size", "--reason", "x"});
  EXPECT_EQ(unknownField.exitCode, 1);
  EXPECT_THAT(unknownField.err, HasSubstr("has no field 'shoe_size'"));

  auto excluded = runClean({"request", "review", id, "--exclude", ref["segments"], "--reason",
                            "inferred from another customer's purchases"});
  ASSERT_EQ(excluded.exitCode, 0) << excluded.err;
  EXPECT_THAT(excluded.out, HasSubstr("excluded " + ref["segments"]));
  auto masked = runClean({"request", "review", id, "--mask", ref["contacts"] + ":name", "--reason",
                          "the account is shared with a third party"});
  ASSERT_EQ(masked.exitCode, 0) << masked.err;
  listed = runClean({"request", "review", id, "--list"});
  EXPECT_THAT(listed.out, HasSubstr("EXCLUDED  inferred from another customer's purchases"));
  EXPECT_THAT(listed.out, HasSubstr("masked    name: the account is shared with a third party"));

  auto revealed = runClean({"request", "review", id, "--list", "--reveal"});
  ASSERT_EQ(revealed.exitCode, 0) << revealed.err;
  EXPECT_THAT(revealed.out, HasSubstr("ada@example.com"));

  ASSERT_EQ(runClean({"request", "review", id, "--done"}).exitCode, 0);
  auto answer = runClean({"request", "answer", id});
  ASSERT_EQ(answer.exitCode, 0) << answer.err;
  EXPECT_THAT(answer.out, Not(HasSubstr("Ada Lovelace")));
  EXPECT_THAT(answer.out, Not(HasSubstr("mathematics_fans"))) << "the segment is left out";
  EXPECT_THAT(answer.out, HasSubstr(R"("name":"[redacted]")"));
  EXPECT_THAT(answer.out, HasSubstr(R"("reason":"inferred from another customer's purchases")"));
  EXPECT_THAT(answer.out, HasSubstr(R"("withheld":"field")"));

  auto history = runClean({"request", "show", id});
  for (const char* event : {"review.record_excluded  by user:cli:operator1",
                            "review.field_masked  by user:cli:operator1", "review.records_revealed",
                            "request.reviewed"}) {
    EXPECT_THAT(history.out, HasSubstr(event));
  }
  // Released: the review is over.
  EXPECT_EQ(
      runClean({"request", "review", id, "--exclude", ref["contacts"], "--reason", "x"}).exitCode,
      1);
  EXPECT_EQ(runClean({"audit", "verify"}).exitCode, 0);
}

}  // namespace
}  // namespace dsrflow
