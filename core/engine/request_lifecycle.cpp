#include "engine/request_lifecycle.hpp"

#include <Poco/JSON/Object.h>

#include <sstream>

#include "audit/audit_log.hpp"
#include "engine/request_transition.hpp"
#include "model/time_format.hpp"

namespace dsrflow {
namespace {

Status requireReason(const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalidArgument("reason: required");
  }
  if (reason.size() > 2000) return invalidArgument("reason: at most 2000 characters");
  return Ok{};
}

}  // namespace

RequestLifecycle::RequestLifecycle(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
                                   DeadlineCalendars calendars)
    : store_(std::move(store)), clock_(std::move(clock)), calendars_(std::move(calendars)) {}

Result<Request> RequestLifecycle::change(std::string_view id, const Change& apply) {
  const TimePoint now = clock_->now();
  return store_->transactValue<Request>([&](StoreTx& tx) -> Result<Request> {
    auto request = tx.requests().get(id);
    if (!request) return request.error();
    Request r = std::move(request).value();
    if (auto applied = apply(tx, r, now); !applied) return applied.error();
    return r;
  });
}

Result<Request> RequestLifecycle::reject(std::string_view id, const Actor& actor,
                                         const std::string& reason) {
  if (auto valid = requireReason(reason); !valid) return valid.error();
  return change(id, [&](StoreTx& tx, Request& r, TimePoint now) -> Status {
    if (r.status != RequestStatus::kReceived && r.status != RequestStatus::kVerifying &&
        r.status != RequestStatus::kAwaitingApproval) {
      return conflict("a request can be rejected only before work on systems begins; it is " +
                      std::string(toString(r.status)));
    }
    r.statusReason = reason;
    return transitionRequest(tx, r, RequestStatus::kRejected, actor, now, "request.rejected");
  });
}

Result<Request> RequestLifecycle::cancel(std::string_view id, const Actor& actor,
                                         const std::string& reason) {
  if (auto valid = requireReason(reason); !valid) return valid.error();
  return change(id, [&](StoreTx& tx, Request& r, TimePoint now) -> Status {
    r.statusReason = reason;
    r.heldFrom.reset();
    return transitionRequest(tx, r, RequestStatus::kCancelled, actor, now, "request.cancelled");
  });
}

Result<Request> RequestLifecycle::extend(std::string_view id, const Actor& actor,
                                         const std::string& reason) {
  if (auto valid = requireReason(reason); !valid) return valid.error();
  return change(id, [&](StoreTx& tx, Request& r, TimePoint now) -> Status {
    if (isTerminal(r.status)) {
      return conflict("request is " + std::string(toString(r.status)) + "; nothing to extend");
    }
    auto calculator = calendars_.forController(r.controllerId);
    if (!calculator) return calculator.error();
    auto extended = (*calculator)->extendedDue(r, reason, now);
    if (!extended) return extended.error();
    r.extendedDueAt = *extended;
    r.extensionReason = reason;
    r.updatedAt = now;
    if (auto updated = tx.requests().update(r); !updated) return updated;
    Poco::JSON::Object details;
    details.set("original_due_at", formatUtcSeconds(r.dueAt));
    details.set("due_at", formatUtcSeconds(*extended));
    std::ostringstream text;
    details.stringify(text);
    auto audited =
        appendAudit(tx, {now, actor.type, actor.id, r.id, "request.extended", text.str()});
    if (!audited) return audited.error();
    return Ok{};
  });
}

Result<Request> RequestLifecycle::hold(std::string_view id, const Actor& actor,
                                       const std::string& reason) {
  if (auto valid = requireReason(reason); !valid) return valid.error();
  return change(id, [&](StoreTx& tx, Request& r, TimePoint now) -> Status {
    if (r.status == RequestStatus::kOnHold) return conflict("request is already on hold");
    const RequestStatus interrupted = r.status;
    r.heldFrom = interrupted;
    r.statusReason = reason;
    return transitionRequest(tx, r, RequestStatus::kOnHold, actor, now, "request.held");
  });
}

Result<Request> RequestLifecycle::release(std::string_view id, const Actor& actor) {
  return change(id, [&](StoreTx& tx, Request& r, TimePoint now) -> Status {
    if (r.status != RequestStatus::kOnHold || !r.heldFrom) {
      return conflict("request is not on hold");
    }
    const RequestStatus back = *r.heldFrom;
    r.heldFrom.reset();
    r.statusReason.clear();
    return transitionRequest(tx, r, back, actor, now, "request.released");
  });
}

}  // namespace dsrflow
