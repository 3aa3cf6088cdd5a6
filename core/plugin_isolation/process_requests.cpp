#include "plugin_isolation/process_requests.hpp"

#include <signal.h>

#include "plugin_host/plugin_json.hpp"
#include "plugin_isolation/protocol.hpp"

namespace dsrflow::plugin_isolation {
namespace {

std::string mib(std::uint64_t bytes) {
  return std::to_string((bytes + (1U << 19U)) >> 20U) + " MiB";
}

Status unexpected(const Frame& frame) {
  return invalidArgument("unexpected frame '" + frame.type + "'");
}

// What went wrong when a request got no proper reply.
std::string failure(const ExchangeEnd& end, std::uint64_t memoryLimit, std::string_view doing) {
  if (end.kind == ExchangeEnd::kKilled) {
    return "the plugin process did not answer in time while " + std::string(doing) +
           " and was killed";
  }
  return describeExit(end, memoryLimit) + " while " + std::string(doing);
}

}  // namespace

Result<plugin_host::PluginInfo> requestLoad(PluginProcess& process,
                                            const plugin_host::PluginSpec& spec,
                                            SteadyTime killAt) {
  Poco::JSON::Object header = frameHeader(frame::kLoad);
  header.set("protocol", kProtocolVersion);
  header.set("path", spec.path.string());
  header.set("sha256", spec.sha256);
  const ExchangeEnd end =
      process.exchange(encodeFrame(header), ExchangeLimits{killAt, {}, {}},
                       [](const Frame& frame, PluginProcess&) { return unexpected(frame); });
  const std::string who = "plugin '" + spec.path.string() + "': ";
  if (end.kind != ExchangeEnd::kReply) {
    return Error{ErrorCode::kUnavailable, who + failure(end, 0, "loading it")};
  }
  if (end.reply.type == frame::kError) return decodeError(end.reply);
  if (end.reply.type != frame::kLoaded) {
    return Error{ErrorCode::kInternal,
                 who + "the plugin process answered '" + end.reply.type + "' to load"};
  }
  auto info = plugin_host::readPluginInfo(end.reply.body);
  if (!info) return Error{ErrorCode::kInternal, who + info.error().message};
  return info;
}

Status requestCreate(PluginProcess& process, const plugin_host::InstanceOptions& options,
                     SteadyTime killAt, std::uint64_t memoryLimit) {
  Poco::JSON::Object header = frameHeader(frame::kCreate);
  header.set("system_id", options.systemId);
  header.set("timeout_ms", static_cast<std::int64_t>(options.timeout.count()));
  header.set("secrets", options.secrets != nullptr);
  const ExchangeEnd end =
      process.exchange(encodeFrame(header, options.configJson), ExchangeLimits{killAt, {}, {}},
                       [&options](const Frame& frame, PluginProcess& p) -> Status {
                         if (frame.type == frame::kReadSecret)
                           return answerSecret(frame, p, options);
                         // A create has no sink: its log lines reach the log through the process's
                         // stderr.
                         if (frame.type == frame::kLog) return Ok{};
                         return unexpected(frame);
                       });
  if (end.kind != ExchangeEnd::kReply) {
    return Error{ErrorCode::kInternal, failure(end, memoryLimit, "creating the instance")};
  }
  if (end.reply.type == frame::kError) return decodeError(end.reply);
  if (end.reply.type != frame::kCreated) {
    return Error{ErrorCode::kInternal,
                 "the plugin process answered '" + end.reply.type + "' to create"};
  }
  return Ok{};
}

bool requestDestroy(PluginProcess& process, SteadyTime killAt) {
  const ExchangeEnd end =
      process.exchange(encodeFrame(frameHeader(frame::kDestroy)), ExchangeLimits{killAt, {}, {}},
                       [](const Frame&, PluginProcess&) -> Status { return Ok{}; });
  return end.kind == ExchangeEnd::kReply;
}

Status answerSecret(const Frame& frame, PluginProcess& process,
                    const plugin_host::InstanceOptions& options) {
  std::optional<std::string> value;
  if (options.secrets) value = options.secrets->secret(options.systemId, frame.text("name"));
  Poco::JSON::Object header = frameHeader(frame::kSecret);
  header.set("found", value.has_value());
  return process.send(encodeFrame(header, value.value_or("")));
}

std::string describeExit(const ExchangeEnd& end, std::uint64_t memoryLimit) {
  std::string text = "the plugin process " + end.exit.describe();
  if (end.kind == ExchangeEnd::kDied && end.exit.signal() == SIGKILL) {
    text += " (killed from outside dsrflow, e.g. by the kernel's out-of-memory killer)";
  }
  if (end.exit.signalled() && end.exit.peakRssBytes > 0) {
    text += "; peak resident memory " + mib(end.exit.peakRssBytes);
    if (memoryLimit > 0) text += ", memory limit " + mib(memoryLimit);
  }
  return text;
}

}  // namespace dsrflow::plugin_isolation
