#pragma once
// The class a vendor's connector derives from. Override the actions the system supports; the
// SDK advertises exactly those (descriptor.actions) and on_callback only when onCallback is
// overridden. Overrides must be public.
//
// Lifetime: the host creates one instance per configured system (the constructor gets the
// parsed configuration, validated against the config schema) and destroys it when the system
// is unloaded. Threading: the host calls one instance from one thread at a time, different
// instances concurrently: per-instance state needs no lock, shared (static) state does.
//
// Errors: return Outcome::failed for expected failures; exceptions are fine too: the SDK turns
// any exception into a failed call (RetryableError into a retryable one) and never lets one
// cross the ABI. Messages must not contain personal data.

#include "dsrflow/sdk/action_request.hpp"
#include "dsrflow/sdk/call.hpp"
#include "dsrflow/sdk/callback_request.hpp"
#include "dsrflow/sdk/json_value.hpp"
#include "dsrflow/sdk/outcome.hpp"

#include <optional>
#include <stdexcept>

namespace dsrflow::sdk {

//! The parsed `config:` block of the system (an object; empty when none was given).
using Config = json::Value;

//! Throw it for a failure that may go away when tried again later (timeouts, 503s).
class RetryableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Connector {
 public:
  virtual ~Connector() = default;
  Connector(const Connector&) = delete;
  Connector& operator=(const Connector&) = delete;

  //! access: emit the person's records with call.emit(), then completed() or notFound().
  virtual Outcome access(Call& call, const ActionRequest& request) {
    return unsupported(call, request);
  }
  //! erase: erase the person's data in the covered categories (or report what would go, when
  //! request.dryRun); erased(counts, method), retained(...), notFound(), deferred(...).
  //! Erasing twice must succeed: the second time reports notFound() or zero counts.
  virtual Outcome erase(Call& call, const ActionRequest& request) {
    return unsupported(call, request);
  }
  //! rectify: apply request.changes.
  virtual Outcome rectify(Call& call, const ActionRequest& request) {
    return unsupported(call, request);
  }
  //! restrict: stop processing the person's data except storing it (Art. 18).
  virtual Outcome restrict(Call& call, const ActionRequest& request) {
    return unsupported(call, request);
  }
  //! suppress: stop marketing to or selling about the person; suppressed().
  virtual Outcome suppress(Call& call, const ActionRequest& request) {
    return unsupported(call, request);
  }
  //! explain: automated decisions and profiling about the person; explanation(...).
  virtual Outcome explain(Call& call, const ActionRequest& request) {
    return unsupported(call, request);
  }
  //! status: poll a job started earlier (request.state holds what pollLater was given).
  virtual Outcome status(Call& call, const ActionRequest& request) {
    return unsupported(call, request);
  }
  //! test_connection: check configuration, credentials and reachability; completed() or
  //! failed(...). request.identities is empty.
  virtual Outcome testConnection(Call& call, const ActionRequest& request) {
    return unsupported(call, request);
  }
  //! An HTTP request to the task's callback URL; return an outcome to settle the task, or
  //! nullopt to just acknowledge it.
  virtual std::optional<Outcome> onCallback(Call& call, const CallbackRequest& request) {
    (void)call;
    (void)request;
    return Outcome::failed("this connector takes no callbacks", false);
  }

 protected:
  Connector() = default;

 private:
  // Reached only when a host calls an action the descriptor did not advertise.
  static Outcome unsupported(Call& call, const ActionRequest& request) {
    (void)call;
    (void)request;
    return Outcome::failed("action not supported by this connector", false);
  }
};

}  // namespace dsrflow::sdk
