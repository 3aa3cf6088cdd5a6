#include "engine/reviewer_routing.hpp"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <sstream>

#include "audit/audit_log.hpp"
#include "model/time_format.hpp"

namespace dsrflow {
namespace {

constexpr std::string_view kCliPrefix = "cli:";

std::string stringify(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

std::string actorName(const Actor& actor) {
  return std::string(toString(actor.type)) + ":" + actor.id;
}

// Admins may finish a review routed to someone else. A CLI operator works with the store's
// credentials and the key ring, i.e. can already do whatever an admin can; the override still
// needs a reason and is audited as one. Others must be admin users.
Result<bool> mayOverride(StoreTx& tx, const Actor& actor) {
  if (actor.type != ActorType::kUser) return false;
  if (actor.id.rfind(kCliPrefix, 0) == 0) return true;
  auto user = tx.users().findByUsername(actor.id);
  if (!user) {
    if (user.error().code == ErrorCode::kNotFound) return false;
    return user.error();
  }
  return user->role == UserRole::kAdmin && !user->disabled;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

const RouteToReviewerStep* routeStepOf(const std::vector<Workflow>& workflows, RequestType type) {
  const Workflow* workflow = findWorkflow(workflows, type);
  if (workflow == nullptr) return nullptr;
  for (const auto& step : workflow->steps) {
    if (const auto* route = std::get_if<RouteToReviewerStep>(&step)) return route;
  }
  return nullptr;
}

}  // namespace

bool isReviewerName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '@' || c == '-';
  });
}

bool actsAs(const Actor& actor, std::string_view reviewer) {
  if (actor.type != ActorType::kUser || reviewer.empty()) return false;
  std::string_view id = actor.id;
  if (id.substr(0, kCliPrefix.size()) == kCliPrefix) id.remove_prefix(kCliPrefix.size());
  return id == reviewer;
}

Status routeToReviewer(StoreTx& tx, const Request& request, const RouteToReviewerStep& step,
                       TimePoint now) {
  auto found = tx.review().findAssignment(request.id);
  if (!found) return found.error();
  if (*found && (*found)->routedAt && !(*found)->finishedAt) return Ok{};  // routed already

  ReviewerAssignment a;
  a.requestId = request.id;
  const bool named = *found && !(*found)->reviewer.empty();
  a.reviewer = named ? (*found)->reviewer : step.reviewer;
  a.role = step.reviewerRole;
  // A due date staff set before routing stands; a finished review routed again (after a retry)
  // gets a new one.
  if (*found && (*found)->dueAt && !(*found)->finishedAt) {
    a.dueAt = (*found)->dueAt;
  } else {
    const TimePoint from =
        step.dueFrom == RouteToReviewerStep::DueFrom::kReceipt ? request.receivedAt : now;
    a.dueAt = std::min(from + step.dueIn, request.effectiveDueAt());
  }
  a.routedAt = now;
  a.assignedBy = named ? (*found)->assignedBy : "system:engine";
  a.updatedAt = now;
  if (auto saved = tx.review().saveAssignment(a); !saved) return saved;

  Poco::JSON::Object details;
  if (!a.reviewer.empty()) details.set("reviewer", a.reviewer);
  details.set("role", a.role);
  details.set("due_at", formatUtcSeconds(*a.dueAt));
  auto audited = appendAudit(tx, {now, ActorType::kSystem, "engine", request.id,
                                  "request.routed_to_reviewer", stringify(details)});
  if (!audited) return audited.error();
  return Ok{};
}

Status finishRoutedReview(StoreTx& tx, const Request& request, const Actor& actor,
                          const std::string& overrideReason, TimePoint now) {
  auto found = tx.review().findAssignment(request.id);
  if (!found) return found.error();
  ReviewerAssignment a = found->value_or(ReviewerAssignment{});
  const bool isReviewer = actsAs(actor, a.reviewer);
  if (!isReviewer) {
    if (blank(overrideReason)) {
      if (a.reviewer.empty()) {
        return conflict("no reviewer is named for this request yet; name one first");
      }
      return Error{ErrorCode::kPermissionDenied,
                   "the review is assigned to " + a.reviewer +
                       "; only they, or an admin overriding with a reason, can finish it"};
    }
    auto allowed = mayOverride(tx, actor);
    if (!allowed) return allowed.error();
    if (!*allowed) {
      return Error{ErrorCode::kPermissionDenied,
                   "only an admin can finish a review assigned to someone else"};
    }
    Poco::JSON::Object details;
    if (!a.reviewer.empty()) details.set("reviewer", a.reviewer);
    details.set("reason", overrideReason);
    auto audited = appendAudit(
        tx, {now, actor.type, actor.id, request.id, "review.overridden", stringify(details)});
    if (!audited) return audited.error();
  } else if (!blank(overrideReason)) {
    return invalidArgument("override: the named reviewer needs no override");
  }
  a.requestId = request.id;
  a.finishedAt = now;
  a.updatedAt = now;
  if (a.assignedBy.empty()) a.assignedBy = actorName(actor);
  return tx.review().saveAssignment(a);
}

ReviewerAssignments::ReviewerAssignments(std::shared_ptr<Store> store,
                                         std::shared_ptr<const Clock> clock,
                                         DeadlineCalendars calendars,
                                         std::vector<Workflow> workflows)
    : store_(std::move(store)),
      clock_(std::move(clock)),
      calendars_(std::move(calendars)),
      workflows_(std::move(workflows)) {}

Result<ReviewerAssignment> ReviewerAssignments::assign(const std::string& requestId,
                                                       const std::string& reviewer,
                                                       std::optional<date::year_month_day> due,
                                                       const Actor& actor) {
  if (!isReviewerName(reviewer)) {
    return invalidArgument("reviewer: expected a user name (letters, digits, . _ @ -)");
  }
  const TimePoint now = clock_->now();
  return store_->transactValue<ReviewerAssignment>([&](StoreTx& tx) -> Result<ReviewerAssignment> {
    auto request = tx.requests().get(requestId);
    if (!request) return request.error();
    if (isTerminal(request->status)) {
      return conflict("the request is " + std::string(toString(request->status)));
    }
    const RouteToReviewerStep* step = routeStepOf(workflows_, request->type);
    if (step == nullptr) {
      return conflict("the workflow of " + std::string(toString(request->type)) +
                      " requests routes to no reviewer");
    }
    auto found = tx.review().findAssignment(requestId);
    if (!found) return found.error();
    if (*found && (*found)->finishedAt) return conflict("the review is finished");
    ReviewerAssignment a = found->value_or(ReviewerAssignment{});
    const std::string previous = a.reviewer;
    a.requestId = requestId;
    a.reviewer = reviewer;
    if (a.role.empty()) a.role = step->reviewerRole;
    if (due) {
      auto calculator = calendars_.forController(request->controllerId);
      if (!calculator) return calculator.error();
      const TimePoint dueAt = (*calculator)->calendar().endOfLocalDay(*due);
      if (dueAt < now) return invalidArgument("due: the date has passed");
      if (dueAt > request->effectiveDueAt()) {
        return invalidArgument("due: after the request's own deadline (" +
                               formatUtcSeconds(request->effectiveDueAt()) +
                               "); extend the request first");
      }
      a.dueAt = dueAt;
    }
    a.assignedBy = actorName(actor);
    a.updatedAt = now;
    if (auto saved = tx.review().saveAssignment(a); !saved) return saved.error();

    Poco::JSON::Object details;
    details.set("reviewer", reviewer);
    if (!previous.empty() && previous != reviewer) details.set("previous", previous);
    if (a.dueAt) details.set("due_at", formatUtcSeconds(*a.dueAt));
    auto audited = appendAudit(
        tx, {now, actor.type, actor.id, requestId, "review.reviewer_assigned", stringify(details)});
    if (!audited) return audited.error();
    return a;
  });
}

}  // namespace dsrflow
