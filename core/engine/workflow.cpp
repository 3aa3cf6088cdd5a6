#include "engine/workflow.hpp"

#include <algorithm>

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

const Workflow* findWorkflow(const std::vector<Workflow>& workflows, RequestType type) {
  for (const auto& w : workflows) {
    if (std::find(w.requestTypes.begin(), w.requestTypes.end(), type) != w.requestTypes.end()) {
      return &w;
    }
  }
  return nullptr;
}

const WorkflowStep* stepAt(const Workflow& workflow, int step) {
  if (step < 0 || static_cast<std::size_t>(step) >= workflow.steps.size()) return nullptr;
  return &workflow.steps[static_cast<std::size_t>(step)];
}

}  // namespace dsrflow
