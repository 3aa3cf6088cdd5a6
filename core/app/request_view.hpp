#pragma once
// How a request is shown to operators: as JSON (--json) and as text. No identity values:
// identities appear as their types unless explicitly revealed.

#include <Poco/JSON/Object.h>

#include <ostream>

#include "model/request.hpp"

namespace dsrflow::app {

Poco::JSON::Object::Ptr requestToJson(const Request& request);

//! One line: id, type, status, due date.
void printRequestLine(std::ostream& out, const Request& request);

//! RFC 3339 UTC with seconds.
std::string formatTime(TimePoint t);

}  // namespace dsrflow::app
