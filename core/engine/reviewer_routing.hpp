#pragma once
// A contested automated decision (GDPR Art. 22(3): the right to obtain human intervention) goes
// to a named person who reviews it by a due date of the review's own. The workflow's
// route_to_reviewer step names a role (or a person) and how long the review may take; staff
// name the reviewer and may set the due date (`dsrflow request assign`). Only the named
// reviewer finishes the review; an admin may instead, with a reason, audited as an override.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "engine/actor.hpp"
#include "engine/deadline_calendars.hpp"
#include "engine/workflow.hpp"
#include "store/store.hpp"

namespace dsrflow {

//! A user or role name as reviewers are named: 1 to 64 letters, digits, '.', '_', '@', '-'.
bool isReviewerName(std::string_view name);

//! True when `actor` is the user `reviewer`: through the API or web (user id NAME) or the CLI
//! (cli:NAME, the operator's login).
bool actsAs(const Actor& actor, std::string_view reviewer);

//! The engine reaching a route_to_reviewer step, inside its transaction: records who reviews
//! (the reviewer staff named already, else the step's), the role and the due date (`dueIn` after
//! routing or receipt, never after the request's deadline; a date staff set stays), audited as
//! `request.routed_to_reviewer`. Does nothing when the request was routed and is not finished.
Status routeToReviewer(StoreTx& tx, const Request& request, const RouteToReviewerStep& step,
                       TimePoint now);

//! Before a routed review is finished, inside that transaction: the named reviewer may finish
//! it; anyone else only as an admin with a non-blank `overrideReason` (audited as
//! `review.overridden`). kConflict when no reviewer is named, kPermissionDenied otherwise.
//! Marks the assignment finished.
Status finishRoutedReview(StoreTx& tx, const Request& request, const Actor& actor,
                          const std::string& overrideReason, TimePoint now);

//! Staff naming reviewers. Thread-safe.
class ReviewerAssignments {
 public:
  ReviewerAssignments(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
                      DeadlineCalendars calendars, std::vector<Workflow> workflows);

  //! Names the reviewer of an open request whose workflow routes to one, before or after it is
  //! routed, and optionally the review's due date (the end of that day in the controller's time
  //! zone; not past, not after the request's deadline). Audited as `review.reviewer_assigned`.
  Result<ReviewerAssignment> assign(const std::string& requestId, const std::string& reviewer,
                                    std::optional<date::year_month_day> due, const Actor& actor);

 private:
  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  DeadlineCalendars calendars_;
  std::vector<Workflow> workflows_;
};

}  // namespace dsrflow
