#include "app/request_view.hpp"

#include <gtest/gtest.h>

namespace dsrflow::app {
namespace {

using namespace std::chrono_literals;

TEST(DeadlineFlag, FlagsOpenRequestsNearOrPastTheirDeadline) {
  Request r;
  r.status = RequestStatus::kInProgress;
  r.dueAt = TimePoint(1'800'000'000'000ms);
  EXPECT_EQ(deadlineFlag(r, r.dueAt - 8 * 24h), "");
  EXPECT_EQ(deadlineFlag(r, r.dueAt - 6 * 24h), "due soon");
  EXPECT_EQ(deadlineFlag(r, r.dueAt + 1ms), "overdue");
  r.extendedDueAt = r.dueAt + 60 * 24h;
  EXPECT_EQ(deadlineFlag(r, r.dueAt + 1ms), "") << "the extension is the deadline in force";
  r.status = RequestStatus::kCompleted;
  EXPECT_EQ(deadlineFlag(r, r.dueAt + 100 * 24h), "") << "closed requests are not flagged";
}

TEST(DeadlineFlag, FlagsAnUnfinishedReviewNearOrPastItsOwnDueDate) {
  Request r;
  r.status = RequestStatus::kInReview;
  r.dueAt = TimePoint(1'800'000'000'000ms);
  ReviewerAssignment review;
  EXPECT_EQ(reviewDeadlineFlag(review, r, r.dueAt), "") << "no due date";
  review.dueAt = r.dueAt - 20 * 24h;
  EXPECT_EQ(reviewDeadlineFlag(review, r, r.dueAt - 30 * 24h), "");
  EXPECT_EQ(reviewDeadlineFlag(review, r, r.dueAt - 25 * 24h), "review due soon");
  EXPECT_EQ(reviewDeadlineFlag(review, r, r.dueAt - 19 * 24h), "review overdue");
  review.finishedAt = r.dueAt - 21 * 24h;
  EXPECT_EQ(reviewDeadlineFlag(review, r, r.dueAt - 19 * 24h), "") << "finished";
}

}  // namespace
}  // namespace dsrflow::app
