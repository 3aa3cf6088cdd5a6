// dsrflow request assign and the routed review of a contested decision through the real binary:
// the review's own due date is shown and flagged, only the named reviewer finishes it, and an
// override needs a reason and is audited.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>

#include "demo_cli_fixture.hpp"

namespace dsrflow {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ReviewerCliTest : public testing::DemoCliTest {
 protected:
  //! A contest_decision request, verified and routed to review.
  std::string routed(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--type",          "contest_decision", "--email",
                                  "ada@example.com", "--channel",        "letter"};
    args.insert(args.end(), extra.begin(), extra.end());
    const std::string id = create(args);
    EXPECT_EQ(runClean({"request", "verify", id, "--method", "signed letter"}).exitCode, 0);
    EXPECT_EQ(runClean({"worker", "--once"}).exitCode, 0);
    return id;
  }
  //! YYYY-MM-DD, `days` from today (UTC).
  static std::string day(int days) {
    const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
    return text;
  }
};

TEST_F(ReviewerCliTest, OnlyTheNamedReviewerFinishesTheReview) {
  const std::string id = routed();
  auto shown = runClean({"request", "show", id});
  ASSERT_EQ(shown.exitCode, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("status      in_review"));
  EXPECT_THAT(shown.out, HasSubstr("reviewer    (not named) (staff), review due "));
  EXPECT_THAT(shown.out, HasSubstr("review due soon")) << "due in 7 days: the near-deadline rule";
  EXPECT_THAT(runClean({"request", "list"}).out, HasSubstr("review due soon"));

  EXPECT_EQ(runClean({"request", "assign", id}).exitCode, 2);
  EXPECT_EQ(runClean({"request", "assign", id, "--reviewer", "jane", "--due", "soon"}).exitCode, 2);
  auto past = runClean({"request", "assign", id, "--reviewer", "jane", "--due", day(-2)});
  EXPECT_EQ(past.exitCode, 2);
  EXPECT_THAT(past.err, HasSubstr("--due: the date has passed"));
  EXPECT_EQ(runClean({"request", "assign", id, "--reviewer", "jane", "--due", day(400)}).exitCode,
            2);
  auto assigned = runClean({"request", "assign", id, "--reviewer", "jane", "--due", day(3)});
  ASSERT_EQ(assigned.exitCode, 0) << assigned.err;
  EXPECT_THAT(assigned.out, HasSubstr("reviewer jane, review due " + day(3)));

  auto notJane = runClean({"request", "review", id, "--done"});
  EXPECT_EQ(notJane.exitCode, 1);
  EXPECT_THAT(notJane.err, HasSubstr("the review is assigned to jane"));
  EXPECT_EQ(runClean({"request", "review", id, "--done", "--override"}).exitCode, 2)
      << "an override needs a reason";

  user_ = "jane";
  auto done = runClean({"request", "review", id, "--done"});
  ASSERT_EQ(done.exitCode, 0) << done.err;
  EXPECT_THAT(done.out, HasSubstr("completed"));
  auto json = runClean({"request", "show", id, "--json"});
  EXPECT_THAT(json.out, HasSubstr(R"("reviewer": "jane")"));
  EXPECT_THAT(json.out, HasSubstr(R"("finished_at")"));
  EXPECT_THAT(json.out, Not(HasSubstr("review due soon"))) << "a finished review is not flagged";
  auto history = runClean({"request", "show", id});
  EXPECT_THAT(history.out, HasSubstr("request.routed_to_reviewer  by system:engine"));
  EXPECT_THAT(history.out, HasSubstr("review.reviewer_assigned  by user:cli:operator1"));
  EXPECT_THAT(history.out, HasSubstr("request.reviewed  by user:cli:jane"));

  const std::string access = create({"--type", "access", "--email", "grace@example.com"});
  auto wrongType = runClean({"request", "assign", access, "--reviewer", "jane"});
  EXPECT_EQ(wrongType.exitCode, 1);
  EXPECT_THAT(wrongType.err, HasSubstr("routes to no reviewer"));
}

TEST_F(ReviewerCliTest, AnOverdueReviewIsFlaggedAndAnOverrideIsAudited) {
  // Received 60 days ago: the request is overdue, and so is its review (never due later).
  const std::string id = routed({"--received-at", day(-60)});
  ASSERT_EQ(runClean({"request", "assign", id, "--reviewer", "jane"}).exitCode, 0);
  auto listed = runClean({"request", "list", "--json"});
  EXPECT_THAT(listed.out, HasSubstr(R"("deadline": "review overdue")"));
  EXPECT_THAT(runClean({"request", "list"}).out, HasSubstr("overdue  review overdue"));

  auto overridden =
      runClean({"request", "review", id, "--done", "--override", "--reason", "jane is on leave"});
  ASSERT_EQ(overridden.exitCode, 0) << overridden.err;
  EXPECT_THAT(runClean({"request", "show", id}).out,
              HasSubstr("review.overridden  by user:cli:operator1"));
  EXPECT_EQ(runClean({"audit", "verify"}).exitCode, 0);
}

}  // namespace
}  // namespace dsrflow
