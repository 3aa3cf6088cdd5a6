#pragma once
// How a request is shown to operators: as JSON (--json) and as text. No identity values:
// identities appear as their types unless explicitly revealed.

#include <Poco/JSON/Object.h>

#include <ostream>

#include "model/request.hpp"
#include "store/review_repository.hpp"

namespace dsrflow::app {

//! The request as JSON; `now` decides its deadline flag.
Poco::JSON::Object::Ptr requestToJson(const Request& request, TimePoint now);

//! How close an open request is to its deadline, for operators: 7 days or less is "near".
inline constexpr std::chrono::hours kNearDeadline{24 * 7};

//! "overdue", "due soon" or "" for a request that is closed or on track.
std::string deadlineFlag(const Request& request, TimePoint now);

//! A routed review's own deadline flag, by the same rule: "review overdue", "review due soon"
//! or "" (finished, closed request, no due date, or on track).
std::string reviewDeadlineFlag(const ReviewerAssignment& review, const Request& request,
                               TimePoint now);

//! The reviewer assignment as JSON (reviewer, role, due date and its flag, routed, finished).
Poco::JSON::Object::Ptr reviewToJson(const ReviewerAssignment& review, const Request& request,
                                     TimePoint now);

//! One line: id, type, status, due date and a deadline flag (and the review's, when given).
void printRequestLine(std::ostream& out, const Request& request, TimePoint now,
                      const ReviewerAssignment* review = nullptr);

//! RFC 3339 UTC with seconds.
std::string formatTime(TimePoint t);

}  // namespace dsrflow::app
