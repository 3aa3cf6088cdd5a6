#pragma once
// The action request the plugin tests and benchmarks send: one e-mail identity, fixed request
// and task ids, GDPR, erasure for erase and access otherwise.

#include <string>

#include "model/identity.hpp"
#include "plugin_host/action_request.hpp"

namespace dsrflow::testing {

inline plugin_host::ActionRequest emailRequest(Action action, const std::string& email) {
  plugin_host::ActionRequest request;
  request.action = action;
  request.requestId = "4f8a1c2e-0000-4000-8000-000000000001";
  request.taskId = "4f8a1c2e-0000-4000-8000-000000000002";
  request.requestType = action == Action::kErase ? RequestType::kErasure : RequestType::kAccess;
  request.regulation = Regulation::kGdpr;
  request.identities.push_back(
      normalizeIdentity(IdentityType::kEmail, "", IdentityFormat::kRaw, email).value());
  return request;
}

}  // namespace dsrflow::testing
