#pragma once
// What the host asks of a plugin in one call, as a typed struct; the plugin receives it as JSON
// (schema "action_request"), whether it runs in this process or in a child process.

#include <optional>
#include <string>
#include <vector>

#include "model/identity.hpp"
#include "model/vocabulary.hpp"

namespace dsrflow::plugin_host {

//! rectify: one corrected value.
struct RectifyChange {
  std::string category;   //!< data category, e.g. user.contact.email
  std::string field;      //!< optional: the system's field name
  std::string valueJson;  //!< the corrected value as JSON (e.g. "\"new@example.org\"")
};

struct ActionRequest {
  Action action = Action::kAccess;
  std::string requestId;
  std::string taskId;
  std::optional<RequestType> requestType;
  std::optional<Regulation> regulation;
  std::vector<Identity> identities;     //!< personal data: never logged
  std::vector<std::string> categories;  //!< prefixes; empty means all
  bool dryRun = false;
  std::vector<RectifyChange> changes;  //!< rectify only
  std::string stateJson;               //!< status: the state given to poll_later; empty if none
  //! erase: the request's pseudonymisation key for this system (64 hex digits); a secret,
  //! never logged. Empty when the request keeps none.
  std::string pseudonymKey;
};

//! The request as JSON of schema "action_request". Throws std::invalid_argument when a
//! valueJson or stateJson is not JSON (a programming error of the caller).
std::string toJson(const ActionRequest& request);

}  // namespace dsrflow::plugin_host
