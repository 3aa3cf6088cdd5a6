#include "model/request_status.hpp"

#include <gtest/gtest.h>

namespace dsrflow {
namespace {

TEST(RequestStatus, NamesRoundTrip) {
  for (const auto& [status, name] : kRequestStatusNames) {
    EXPECT_EQ(toString(status), name);
    EXPECT_EQ(parseRequestStatus(name), status);
  }
  EXPECT_FALSE(parseRequestStatus("done").has_value());
}

TEST(RequestStatus, HappyPathIsAllowed) {
  EXPECT_TRUE(canTransition(RequestStatus::kReceived, RequestStatus::kVerifying));
  EXPECT_TRUE(canTransition(RequestStatus::kVerifying, RequestStatus::kAwaitingApproval));
  EXPECT_TRUE(canTransition(RequestStatus::kAwaitingApproval, RequestStatus::kInProgress));
  EXPECT_TRUE(canTransition(RequestStatus::kInProgress, RequestStatus::kWaiting));
  EXPECT_TRUE(canTransition(RequestStatus::kWaiting, RequestStatus::kInProgress));
  EXPECT_TRUE(canTransition(RequestStatus::kInProgress, RequestStatus::kInReview));
  EXPECT_TRUE(canTransition(RequestStatus::kInReview, RequestStatus::kAssembling));
  EXPECT_TRUE(canTransition(RequestStatus::kAssembling, RequestStatus::kCompleted));
}

TEST(RequestStatus, TerminalStatusesOnlyLeaveByRetry) {
  for (const auto& t : statusTransitions()) {
    if (!isTerminal(t.from)) continue;
    EXPECT_EQ(t.to, RequestStatus::kInProgress)
        << toString(t.from) << " -> " << toString(t.to) << " leaves a terminal status";
    EXPECT_TRUE(t.from == RequestStatus::kFailed ||
                t.from == RequestStatus::kCompletedWithExceptions);
  }
}

TEST(RequestStatus, HoldInterruptsEveryNonTerminalStatusAndReturns) {
  for (const auto& [status, name] : kRequestStatusNames) {
    if (isTerminal(status) || status == RequestStatus::kOnHold) continue;
    EXPECT_TRUE(canTransition(status, RequestStatus::kOnHold)) << name;
    EXPECT_TRUE(canTransition(RequestStatus::kOnHold, status)) << name;
  }
  for (const auto& [status, name] : kRequestStatusNames) {
    if (!isTerminal(status)) continue;
    EXPECT_FALSE(canTransition(status, RequestStatus::kOnHold)) << name;
  }
}

TEST(RequestStatus, CancelFromEveryNonTerminalStatus) {
  for (const auto& [status, name] : kRequestStatusNames) {
    if (isTerminal(status) || status == RequestStatus::kAssembling) continue;
    EXPECT_TRUE(canTransition(status, RequestStatus::kCancelled)) << name;
  }
}

TEST(RequestStatus, ForbiddenTransitionNamesBothStatuses) {
  auto result = checkTransition(RequestStatus::kCompleted, RequestStatus::kReceived);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_NE(result.error().message.find("'completed'"), std::string::npos);
  EXPECT_NE(result.error().message.find("'received'"), std::string::npos);
}

}  // namespace
}  // namespace dsrflow
