#include "plugin_host/action_request.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>
#include <stdexcept>

#include "plugin_host/json_schema.hpp"

namespace dsrflow::plugin_host {
namespace {

Poco::Dynamic::Var parseEmbedded(const std::string& json, const char* what) {
  auto value = parseJson(json);
  if (!value) throw std::invalid_argument(std::string("action request: ") + what + " is not JSON");
  return *value;
}

}  // namespace

std::string toJson(const ActionRequest& request) {
  Poco::JSON::Object out;
  out.set("action", std::string(toString(request.action)));
  out.set("request_id", request.requestId);
  out.set("task_id", request.taskId);
  if (request.requestType) out.set("request_type", std::string(toString(*request.requestType)));
  if (request.regulation) out.set("regulation", std::string(toString(*request.regulation)));
  Poco::JSON::Array identities;
  for (const auto& identity : request.identities) {
    Poco::JSON::Object item;
    item.set("type", std::string(toString(identity.type)));
    if (!identity.subtype.empty()) item.set("subtype", identity.subtype);
    item.set("format", std::string(toString(identity.format)));
    item.set("value", identity.value);
    identities.add(item);
  }
  out.set("identities", identities);
  if (!request.categories.empty()) {
    Poco::JSON::Array categories;
    for (const auto& c : request.categories) categories.add(c);
    out.set("categories", categories);
  }
  if (request.dryRun) out.set("dry_run", true);
  if (!request.pseudonymKey.empty()) out.set("pseudonym_key", request.pseudonymKey);
  if (!request.changes.empty()) {
    Poco::JSON::Array changes;
    for (const auto& change : request.changes) {
      Poco::JSON::Object item;
      item.set("category", change.category);
      if (!change.field.empty()) item.set("field", change.field);
      item.set("value", parseEmbedded(change.valueJson, "a change's value"));
      changes.add(item);
    }
    out.set("changes", changes);
  }
  if (!request.stateJson.empty()) out.set("state", parseEmbedded(request.stateJson, "state"));
  std::ostringstream json;
  out.stringify(json);
  return json.str();
}

}  // namespace dsrflow::plugin_host
