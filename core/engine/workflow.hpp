#pragma once
// A workflow: the steps a request type goes through, read from workflows/*.yaml
// (workflow_loader.hpp). Steps are built-in types; a workflow only composes and parameterises
// them, so a workflow file cannot do anything the engine does not already know how to do.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/vocabulary.hpp"

namespace dsrflow {

//! Which systems a fan-out reaches.
struct SystemSelection {
  bool all = true;
  std::vector<std::string> kinds;  //!< manifest system_kind values, e.g. crm, newsletter
  std::vector<std::string> ids;    //!< system ids from the configuration
};

//! verify_identity: the requester's identity is verified (for now: an attestation recorded by
//! staff, API or CLI). `required: false` lets a request through unverified (e.g. CCPA opt-out,
//! §7026, needs no verification).
struct VerifyIdentityStep {
  bool required = true;
};

//! approve: a staff member approves before anything reaches a system; only for the listed
//! channels (empty: always).
struct ApproveStep {
  std::vector<Channel> channels;
};

//! fan_out: runs one action on every selected system in parallel.
struct FanOutStep {
  Action action = Action::kAccess;
  SystemSelection systems;
  std::vector<std::string> categories;  //!< data-category prefixes covered; empty: all
  //! Keep counts, not rows (the access pass before an erasure: Art. 5(1)(c)).
  bool countsOnly = false;
  //! system id -> systems that must have finished first ("erase B after A").
  std::map<std::string, std::vector<std::string>> after;
};

//! wait: until deferred and manual tasks are final.
struct WaitStep {};

//! review: staff exclude or mask records before release (Art. 15(4)).
struct ReviewStep {
  bool required = true;
};

//! route_to_reviewer: a named person reviews an automated decision (Art. 22(3)), by a due date
//! of the review's own. The step names a role (staff name the person with `request assign`) or
//! the person; the due date is `dueIn` after routing or after receipt, and never after the
//! request's own deadline.
struct RouteToReviewerStep {
  enum class DueFrom { kRouting, kReceipt };
  std::string reviewerRole = "staff";
  std::string reviewer;  //!< a named reviewer's user name; empty: staff name one
  std::chrono::hours dueIn{24 * 14};
  DueFrom dueFrom = DueFrom::kRouting;
};

//! assemble: builds the answer.
struct AssembleStep {
  std::string format;  //!< access_package, portability_export, erasure_certificate, confirmation
};

//! deliver: makes the answer available to the person.
struct DeliverStep {};

//! notify_recipients: tells recipients of the data about the change (Art. 19).
struct NotifyRecipientsStep {};

using WorkflowStep =
    std::variant<VerifyIdentityStep, ApproveStep, FanOutStep, WaitStep, ReviewStep,
                 RouteToReviewerStep, AssembleStep, DeliverStep, NotifyRecipientsStep>;

//! The YAML name of a step's type, e.g. "fan_out".
std::string_view stepName(const WorkflowStep& step);

struct Workflow {
  std::string name;
  std::vector<RequestType> requestTypes;
  std::vector<WorkflowStep> steps;
  std::string file;  //!< where it was defined, for messages
};

//! The workflow serving a request type, or nullptr.
const Workflow* findWorkflow(const std::vector<Workflow>& workflows, RequestType type);

//! The step a request stands at (Request::step), or nullptr past the last step.
const WorkflowStep* stepAt(const Workflow& workflow, int step);

}  // namespace dsrflow
