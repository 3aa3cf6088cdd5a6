#include "plugin_isolation/child_services.hpp"

#include "plugin_isolation/protocol.hpp"

namespace dsrflow::plugin_isolation {

ForwardingSink::ForwardingSink(ChildLink& link, std::shared_ptr<CallControl> control)
    : link_(link), control_(std::move(control)) {}

Status ForwardingSink::record(std::string_view recordJson) {
  if (auto refused = control_->sinkError()) {
    return Error{ErrorCode::kUnavailable, *refused};
  }
  return link_.writeBatched(encodeFrame(frameHeader(frame::kRecord), recordJson));
}

void ForwardingSink::log(LogLevel level, std::string_view message) {
  Poco::JSON::Object header = frameHeader(frame::kLog);
  header.set("level", std::string(toString(level)));
  (void)link_.write(encodeFrame(header, message));
}

void ForwardingSink::pollLater(const plugin_host::PollRequest& request) {
  Poco::JSON::Object header = frameHeader(frame::kPollLater);
  header.set("not_before_unix_ms",
             static_cast<std::int64_t>(request.notBefore.time_since_epoch().count()));
  (void)link_.writeBatched(encodeFrame(header, request.stateJson));
}

std::optional<std::string> LinkSecretStore::secret(std::string_view, std::string_view name) const {
  return link_.readSecret(name);
}

}  // namespace dsrflow::plugin_isolation
