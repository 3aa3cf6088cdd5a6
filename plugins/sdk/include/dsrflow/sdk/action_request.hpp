#pragma once
// What the host asks of a plugin in one invoke(): the schema's "action_request", typed.

#include "dsrflow/plugin.h"
#include "dsrflow/sdk/json_reader.hpp"
#include "dsrflow/sdk/json_value.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dsrflow::sdk {

//! The actions of the ABI; values are the dsrflow_action bits.
enum class Action : std::uint32_t {
  access = DSRFLOW_ACTION_ACCESS,
  erase = DSRFLOW_ACTION_ERASE,
  rectify = DSRFLOW_ACTION_RECTIFY,
  restrict = DSRFLOW_ACTION_RESTRICT,
  suppress = DSRFLOW_ACTION_SUPPRESS,
  explain = DSRFLOW_ACTION_EXPLAIN,
  status = DSRFLOW_ACTION_STATUS,
  testConnection = DSRFLOW_ACTION_TEST_CONNECTION,
};

//! Every action, in bit order.
inline constexpr Action kAllActions[] = {Action::access,   Action::erase,         Action::rectify,
                                         Action::restrict, Action::suppress,      Action::explain,
                                         Action::status,   Action::testConnection};

//! The action's name in JSON ("access", ..., "test_connection").
inline const char* actionName(Action action) noexcept {
  switch (action) {
    case Action::access:
      return "access";
    case Action::erase:
      return "erase";
    case Action::rectify:
      return "rectify";
    case Action::restrict:
      return "restrict";
    case Action::suppress:
      return "suppress";
    case Action::explain:
      return "explain";
    case Action::status:
      return "status";
    case Action::testConnection:
      return "test_connection";
  }
  return "unknown";
}

//! The action named `name`, or nullopt for a name this SDK does not know.
inline std::optional<Action> actionFromName(std::string_view name) noexcept {
  for (Action action : kAllActions) {
    if (name == actionName(action)) return action;
  }
  return std::nullopt;
}

//! One way the host identifies the person (schema "identity"), already normalised: e-mail
//! lower-case, phone E.164, hashes lower-case hex. The value is personal data: never log it.
struct Identity {
  std::string type;     //!< email, phone, customer_id, external_id, custom
  std::string subtype;  //!< namespace for external_id/custom, e.g. loyalty_id; may be empty
  std::string format;   //!< raw, sha256, sha1, md5
  std::string value;
};

//! rectify: one corrected value.
struct Change {
  std::string category;  //!< the data category being corrected
  std::string field;     //!< the system's field name when the host knows it; may be empty
  json::Value value;     //!< the corrected value
};

//! One action request. Plain data: copy freely; read-only to the connector.
struct ActionRequest {
  Action action = Action::access;
  std::string requestId;
  std::string taskId;
  std::string requestType;  //!< e.g. access, erasure, opt_out; empty when not given
  std::string regulation;   //!< gdpr or ccpa; empty when not given
  std::vector<Identity> identities;
  std::vector<std::string> categories;  //!< prefixes the action covers; empty means all
  bool dryRun = false;                  //!< report what would change, change nothing
  std::vector<Change> changes;          //!< rectify
  //! erase: the key to pseudonymise with (64 hex digits), the same for every call of the
  //! request to this system and destroyed by the host when the request closes; empty when the
  //! host keeps none (use a key of the call's own then). A secret: never store or log it.
  std::string pseudonymKey;
  json::Value state;  //!< status: the state given to Call::pollLater
  json::Value raw;    //!< the whole request, for properties newer than this SDK

  //! True when the action covers `category`: no categories were given, or one of them equals
  //! `category` or is a dot-separated prefix of it (user.contact covers user.contact.email,
  //! not user.contactless).
  [[nodiscard]] bool covers(std::string_view category) const noexcept {
    if (categories.empty()) return true;
    for (const std::string& prefix : categories) {
      if (category.size() >= prefix.size() && category.compare(0, prefix.size(), prefix) == 0 &&
          (category.size() == prefix.size() || category[prefix.size()] == '.')) {
        return true;
      }
    }
    return false;
  }

  //! True when the action covers at least one of `list` (or `list` is empty).
  [[nodiscard]] bool coversAny(const std::vector<std::string>& list) const noexcept {
    if (list.empty()) return true;
    for (const std::string& category : list) {
      if (covers(category)) return true;
    }
    return false;
  }

  //! The first identity of `type` in `format` (and `subtype`, when given), or nullptr.
  [[nodiscard]] const Identity* identity(std::string_view type, std::string_view format = "raw",
                                         std::string_view subtype = {}) const noexcept {
    for (const Identity& id : identities) {
      if (id.type == type && id.format == format && (subtype.empty() || id.subtype == subtype)) {
        return &id;
      }
    }
    return nullptr;
  }

  //! Reads a request (schema "action_request"). Throws std::invalid_argument for an unknown
  //! action and json::TypeError for properties of the wrong type; unknown properties are kept
  //! in `raw` and otherwise ignored.
  static ActionRequest fromJson(const json::Value& json) {
    if (!json.isObject()) throw std::invalid_argument("the action request is not a JSON object");
    ActionRequest r;
    std::string name = json.getString("action");
    std::optional<Action> action = actionFromName(name);
    if (!action) throw std::invalid_argument("unknown action in the request");
    r.action = *action;
    r.requestId = json.getString("request_id");
    r.taskId = json.getString("task_id");
    r.requestType = json.getString("request_type");
    r.regulation = json.getString("regulation");
    r.dryRun = json.getBool("dry_run");
    r.pseudonymKey = json.getString("pseudonym_key");
    if (const json::Value* ids = json.find("identities"); ids != nullptr && !ids->isNull()) {
      for (const json::Value& id : ids->asArray()) {
        r.identities.push_back(Identity{id.getString("type"), id.getString("subtype"),
                                        id.getString("format", "raw"), id.getString("value")});
      }
    }
    if (const json::Value* cats = json.find("categories"); cats != nullptr && !cats->isNull()) {
      for (const json::Value& c : cats->asArray()) r.categories.push_back(c.asString());
    }
    if (const json::Value* changes = json.find("changes");
        changes != nullptr && !changes->isNull()) {
      for (const json::Value& c : changes->asArray()) {
        r.changes.push_back(Change{c.getString("category"), c.getString("field"), c["value"]});
      }
    }
    r.state = json["state"];
    r.raw = json;
    return r;
  }

  //! Parses and reads a request; throws json::ParseError besides what fromJson throws.
  static ActionRequest parse(std::string_view text) { return fromJson(json::parse(text)); }
};

}  // namespace dsrflow::sdk
