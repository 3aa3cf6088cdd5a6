#include "model/request_status.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace dsrflow {
namespace {

using S = RequestStatus;

// The status graph of docs/architecture.md. on_hold edges are listed explicitly: a hold may
// interrupt every non-terminal status and, when released, returns to the status it interrupted
// (the engine remembers which) or ends in cancellation.
constexpr std::array kTransitions = std::to_array<StatusTransition>({
    {S::kReceived, S::kVerifying},
    {S::kReceived, S::kAwaitingApproval},
    {S::kReceived, S::kInProgress},  // e.g. CCPA opt-out: no verification required (§7026)
    {S::kReceived, S::kRejected},
    {S::kReceived, S::kCancelled},
    {S::kVerifying, S::kAwaitingApproval},
    {S::kVerifying, S::kInProgress},
    {S::kVerifying, S::kRejected},
    {S::kVerifying, S::kCancelled},
    {S::kAwaitingApproval, S::kInProgress},
    {S::kAwaitingApproval, S::kRejected},
    {S::kAwaitingApproval, S::kCancelled},
    {S::kInProgress, S::kWaiting},
    {S::kInProgress, S::kInReview},
    {S::kInProgress, S::kAssembling},
    {S::kInProgress, S::kFailed},
    {S::kInProgress, S::kCancelled},
    {S::kWaiting, S::kInProgress},
    {S::kWaiting, S::kFailed},
    {S::kWaiting, S::kCancelled},
    {S::kInReview, S::kAssembling},
    {S::kInReview, S::kInProgress},  // reviewer sends it back, e.g. to re-run a system
    {S::kInReview, S::kCancelled},
    {S::kAssembling, S::kCompleted},
    {S::kAssembling, S::kCompletedWithExceptions},
    {S::kAssembling, S::kFailed},
    // Staff may retry the failed systems of a failed request before the deadline.
    {S::kFailed, S::kInProgress},
    {S::kCompletedWithExceptions, S::kInProgress},
    // Legal hold.
    {S::kReceived, S::kOnHold},
    {S::kVerifying, S::kOnHold},
    {S::kAwaitingApproval, S::kOnHold},
    {S::kInProgress, S::kOnHold},
    {S::kWaiting, S::kOnHold},
    {S::kInReview, S::kOnHold},
    {S::kAssembling, S::kOnHold},
    {S::kOnHold, S::kReceived},
    {S::kOnHold, S::kVerifying},
    {S::kOnHold, S::kAwaitingApproval},
    {S::kOnHold, S::kInProgress},
    {S::kOnHold, S::kWaiting},
    {S::kOnHold, S::kInReview},
    {S::kOnHold, S::kAssembling},
    {S::kOnHold, S::kCancelled},
});

}  // namespace

std::span<const StatusTransition> statusTransitions() { return kTransitions; }

bool isTerminal(RequestStatus s) {
  return s == S::kCompleted || s == S::kCompletedWithExceptions || s == S::kRejected ||
         s == S::kCancelled || s == S::kFailed;
}

bool canTransition(RequestStatus from, RequestStatus to) {
  return std::any_of(kTransitions.begin(), kTransitions.end(),
                     [&](const StatusTransition& t) { return t.from == from && t.to == to; });
}

Status checkTransition(RequestStatus from, RequestStatus to) {
  if (canTransition(from, to)) return Ok{};
  return conflict("a request cannot move from '" + std::string(toString(from)) + "' to '" +
                  std::string(toString(to)) + "'");
}

}  // namespace dsrflow
