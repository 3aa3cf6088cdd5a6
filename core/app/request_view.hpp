#pragma once
// How a request is shown to operators: as JSON (--json) and as text. No identity values:
// identities appear as their types unless explicitly revealed.

#include <Poco/JSON/Object.h>

#include <ostream>

#include "model/request.hpp"

namespace dsrflow::app {

//! The request as JSON; `now` decides its deadline flag.
Poco::JSON::Object::Ptr requestToJson(const Request& request, TimePoint now);

//! How close an open request is to its deadline, for operators: 7 days or less is "near".
inline constexpr std::chrono::hours kNearDeadline{24 * 7};

//! "overdue", "due soon" or "" for a request that is closed or on track.
std::string deadlineFlag(const Request& request, TimePoint now);

//! One line: id, type, status, due date and a deadline flag.
void printRequestLine(std::ostream& out, const Request& request, TimePoint now);

//! RFC 3339 UTC with seconds.
std::string formatTime(TimePoint t);

}  // namespace dsrflow::app
