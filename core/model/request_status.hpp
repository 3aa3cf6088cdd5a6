#pragma once
// Request statuses and the one table of allowed transitions. Nothing else may change a status:
// every change goes through canTransition() (see request_status.cpp for the table).

#include <optional>
#include <span>
#include <string_view>

#include "model/enum_names.hpp"
#include "model/result.hpp"

namespace dsrflow {

enum class RequestStatus {
  kReceived,
  kVerifying,
  kAwaitingApproval,
  kInProgress,
  kWaiting,   //!< deferred or manual tasks outstanding
  kInReview,  //!< staff review and redaction before release
  kAssembling,
  kCompleted,
  kCompletedWithExceptions,
  kRejected,
  kCancelled,
  kFailed,
  kOnHold,  //!< legal hold; interrupts any non-terminal status
};

inline constexpr EnumNameTable<RequestStatus, 13> kRequestStatusNames{{
    {RequestStatus::kReceived, "received"},
    {RequestStatus::kVerifying, "verifying"},
    {RequestStatus::kAwaitingApproval, "awaiting_approval"},
    {RequestStatus::kInProgress, "in_progress"},
    {RequestStatus::kWaiting, "waiting"},
    {RequestStatus::kInReview, "in_review"},
    {RequestStatus::kAssembling, "assembling"},
    {RequestStatus::kCompleted, "completed"},
    {RequestStatus::kCompletedWithExceptions, "completed_with_exceptions"},
    {RequestStatus::kRejected, "rejected"},
    {RequestStatus::kCancelled, "cancelled"},
    {RequestStatus::kFailed, "failed"},
    {RequestStatus::kOnHold, "on_hold"},
}};

constexpr std::string_view toString(RequestStatus v) { return enumName(kRequestStatusNames, v); }
constexpr std::optional<RequestStatus> parseRequestStatus(std::string_view s) {
  return enumParse(kRequestStatusNames, s);
}

//! One allowed edge of the status graph.
struct StatusTransition {
  RequestStatus from;
  RequestStatus to;
};

//! The whole transition table, for documentation and tests.
std::span<const StatusTransition> statusTransitions();

//! True for completed, completed_with_exceptions, rejected, cancelled and failed.
bool isTerminal(RequestStatus s);

//! True when the table allows moving from `from` to `to`.
bool canTransition(RequestStatus from, RequestStatus to);

//! Ok, or a kConflict error naming both statuses.
Status checkTransition(RequestStatus from, RequestStatus to);

}  // namespace dsrflow
