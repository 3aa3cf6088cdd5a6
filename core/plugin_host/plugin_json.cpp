#include "plugin_host/plugin_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "plugin_host/json_schema.hpp"
#include "plugin_host/outcome_reader.hpp"

namespace dsrflow::plugin_host {
namespace {

std::string stringify(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

Result<Poco::JSON::Object::Ptr> parseObject(std::string_view json, const char* what) {
  auto value = parseJson(json);
  if (!value) return Error{value.error().code, std::string(what) + ": " + value.error().message};
  if (value->type() != typeid(Poco::JSON::Object::Ptr)) {
    return invalidArgument(std::string(what) + ": not a JSON object");
  }
  return value->extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

std::string toJson(const PluginInfo& info) {
  Poco::JSON::Object out;
  out.set("name", info.name);
  out.set("version", info.version);
  out.set("abi_major", static_cast<int>(info.abiMajor));
  out.set("abi_minor", static_cast<int>(info.abiMinor));
  Poco::JSON::Array actions;
  for (Action action : info.actions()) actions.add(std::string(toString(action)));
  out.set("actions", actions);
  out.set("config_schema_json", info.configSchemaJson);
  out.set("manifest_json", info.manifestJson);
  out.set("handles_callbacks", info.handlesCallbacks);
  out.set("path", info.path.string());
  out.set("sha256", info.sha256);
  return stringify(out);
}

Result<PluginInfo> readPluginInfo(std::string_view json) {
  auto object = parseObject(json, "plugin info");
  if (!object) return object.error();
  const auto& o = **object;
  PluginInfo info;
  try {
    info.name = o.getValue<std::string>("name");
    info.version = o.getValue<std::string>("version");
    info.abiMajor = static_cast<std::uint16_t>(o.getValue<int>("abi_major"));
    info.abiMinor = static_cast<std::uint16_t>(o.getValue<int>("abi_minor"));
    const auto actions = o.getArray("actions");
    if (actions.isNull()) return invalidArgument("plugin info: no actions");
    for (std::size_t i = 0; i < actions->size(); ++i) {
      auto action = parseAction(actions->getElement<std::string>(static_cast<unsigned>(i)));
      if (!action) return invalidArgument("plugin info: unknown action");
      info.actionBits |= actionBit(*action);
    }
    info.configSchemaJson = o.getValue<std::string>("config_schema_json");
    info.manifestJson = o.getValue<std::string>("manifest_json");
    info.handlesCallbacks = o.getValue<bool>("handles_callbacks");
    info.path = o.getValue<std::string>("path");
    info.sha256 = o.getValue<std::string>("sha256");
  } catch (const Poco::Exception& e) {
    return invalidArgument("plugin info: " + e.message());
  }
  return info;
}

std::string toJson(const CallResult& result) {
  Poco::JSON::Object out;
  out.set("has_outcome", result.hasOutcome);
  // A string, not a nested object: the plugin's outcome JSON travels verbatim.
  if (result.hasOutcome) out.set("outcome_json", result.outcomeJson);
  out.set("failure", std::string(toString(result.failure)));
  out.set("records_accepted", result.recordsAccepted);
  out.set("records_refused", result.recordsRefused);
  out.set("elapsed_ms", static_cast<std::int64_t>(result.elapsed.count()));
  if (result.pollLater) {
    Poco::JSON::Object poll;
    poll.set("not_before_unix_ms",
             static_cast<std::int64_t>(result.pollLater->notBefore.time_since_epoch().count()));
    poll.set("state_json", result.pollLater->stateJson);
    out.set("poll_later", poll);
  }
  return stringify(out);
}

Result<CallResult> readCallResult(std::string_view json) {
  auto object = parseObject(json, "call result");
  if (!object) return object.error();
  const auto& o = **object;
  try {
    CallResult result;
    if (o.getValue<bool>("has_outcome")) {
      auto read = readOutcome(o.getValue<std::string>("outcome_json"));
      if (!read) return Error{read.error().code, "call result: " + read.error().message};
      result = *read;
    } else {
      result.hasOutcome = false;
    }
    auto failure = parseCallFailure(o.getValue<std::string>("failure"));
    if (!failure) return invalidArgument("call result: unknown failure");
    result.failure = *failure;
    result.recordsAccepted = o.getValue<std::uint64_t>("records_accepted");
    result.recordsRefused = o.getValue<std::uint64_t>("records_refused");
    result.elapsed = std::chrono::milliseconds(o.getValue<std::int64_t>("elapsed_ms"));
    if (const auto poll = o.getObject("poll_later"); !poll.isNull()) {
      result.pollLater = PollRequest{
          TimePoint{std::chrono::milliseconds(poll->getValue<std::int64_t>("not_before_unix_ms"))},
          poll->getValue<std::string>("state_json")};
    }
    return result;
  } catch (const Poco::Exception& e) {
    return invalidArgument("call result: " + e.message());
  }
}

}  // namespace dsrflow::plugin_host
