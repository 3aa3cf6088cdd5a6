#include "engine/workflow.hpp"

namespace dsrflow {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

std::string_view stepName(const WorkflowStep& step) {
  return std::visit(Overloaded{
                        [](const VerifyIdentityStep&) { return "verify_identity"; },
                        [](const ApproveStep&) { return "approve"; },
                        [](const FanOutStep&) { return "fan_out"; },
                        [](const WaitStep&) { return "wait"; },
                        [](const ReviewStep&) { return "review"; },
                        [](const RouteToReviewerStep&) { return "route_to_reviewer"; },
                        [](const AssembleStep&) { return "assemble"; },
                        [](const DeliverStep&) { return "deliver"; },
                        [](const NotifyRecipientsStep&) { return "notify_recipients"; },
                    },
                    step);
}

}  // namespace dsrflow
