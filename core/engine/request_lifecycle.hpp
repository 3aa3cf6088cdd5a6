#pragma once
// What staff, API clients and operators do to a request besides running it: reject, cancel,
// extend the deadline once, put on legal hold and release. Each change is one transaction that
// re-reads the request, applies the change and audits it.

#include <memory>
#include <string>

#include "engine/actor.hpp"
#include "engine/deadline_calendars.hpp"
#include "model/request.hpp"
#include "store/store.hpp"

namespace dsrflow {

//! Thread-safe.
class RequestLifecycle {
 public:
  RequestLifecycle(std::shared_ptr<Store> store, std::shared_ptr<const Clock> clock,
                   DeadlineCalendars calendars);

  //! Refuses the request (Art. 12(4): with reasons, which the person is told). Only before
  //! work on systems has begun: received, verifying or awaiting_approval.
  Result<Request> reject(std::string_view id, const Actor& actor, const std::string& reason);

  //! Withdraws the request from any status that is not terminal (nor assembling).
  Result<Request> cancel(std::string_view id, const Actor& actor, const std::string& reason);

  //! Extends the deadline once, with a reason, before the original deadline passes (GDPR: by
  //! two months; CCPA: by 45 days).
  Result<Request> extend(std::string_view id, const Actor& actor, const std::string& reason);

  //! Puts the request on legal hold (Art. 17(3)(e)); it keeps the status it had to return to.
  Result<Request> hold(std::string_view id, const Actor& actor, const std::string& reason);

  //! Releases a hold: the request returns to the status the hold interrupted.
  Result<Request> release(std::string_view id, const Actor& actor);

 private:
  using Change = std::function<Status(StoreTx&, Request&, TimePoint)>;
  Result<Request> change(std::string_view id, const Change& apply);

  std::shared_ptr<Store> store_;
  std::shared_ptr<const Clock> clock_;
  DeadlineCalendars calendars_;
};

}  // namespace dsrflow
