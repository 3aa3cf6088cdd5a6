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

}  // namespace
}  // namespace dsrflow::app
